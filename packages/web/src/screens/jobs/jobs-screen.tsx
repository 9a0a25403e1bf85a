// /auftraege: the recent jobs of the tenant for the administration (status, kind, who, start,
// duration, error; refreshes itself while a job runs), and below it the e-mail delivery log.
import { useEffect } from 'react';
import { listJobs, type Job } from '../../api/jobs.ts';
import { RequireAuth } from '../../components/guard.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/access.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { MailLog } from './mail-log.tsx';

const REFRESH_MS = 5_000;

/** A duration in German words: "< 0,1 s", "0,4 s", "12 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 100) return `< ${formatNumber(0.1, 1)} s`;
  if (ms < 10_000) return `${formatNumber(ms / 1000, 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function JobList() {
  const { t } = useI18n();
  const q = useFetch(() => listJobs({ limit: 100 }), []);
  const rows: Job[] = q.data ?? [];
  const startedBy = (who: string) =>
    who === 'system' ? t.jobsSystem : who === 'cli' ? t.jobsCli : who;
  const busy = rows.some((j) => j.status === 'queued' || j.status === 'running');
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(q.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, q.reload]);

  return (
    <div className="page page-jobs">
      <h1>{t.jobsTitle}</h1>
      <p className="lead">{t.jobsIntro}</p>
      <div className="actions">
        <button type="button" className="btn" onClick={q.reload}>
          {t.jobsReload}
        </button>
      </div>
      {q.status === 'error' && <ErrorState error={q.error} what={t.jobsTitle} onRetry={q.reload} />}
      {q.status === 'loading' && !q.data && <Loading />}
      {q.data &&
        (rows.length === 0 ? (
          <Empty>{t.jobsEmpty}</Empty>
        ) : (
          <ListTable
            caption={t.jobsTitle}
            columns={[
              t.jobsColStatus,
              t.jobsColKind,
              t.jobsColWho,
              t.jobsColStart,
              t.jobsColDuration,
              t.jobsColError,
            ]}
            className="jobs-table table-stacked"
          >
            {rows.map((j) => (
              <tr key={j.id}>
                <td className="nowrap" data-label={t.jobsColStatus}>
                  <span className={`job-status job-${j.status}`}>{t.jobsStatusName(j.status)}</span>
                </td>
                <td data-label={t.jobsColKind}>
                  {t.jobsKindName(j.kind)}
                  {j.attempts > 1 && (
                    <span className="muted"> ({t.jobsAttempts(formatNumber(j.attempts))})</span>
                  )}
                </td>
                <td data-label={t.jobsColWho}>{startedBy(j.startedBy)}</td>
                <td className="nowrap" data-label={t.jobsColStart}>
                  <time dateTime={j.startedAt ?? j.createdAt}>
                    {formatDateTime(j.startedAt ?? j.createdAt)}
                  </time>
                </td>
                <td className="num nowrap" data-label={t.jobsColDuration}>
                  {formatDuration(j.durationMs)}
                </td>
                <td className="job-error" data-label={j.error ? t.jobsColError : undefined}>
                  {j.error ?? ''}
                </td>
              </tr>
            ))}
          </ListTable>
        ))}
      <MailLog />
    </div>
  );
}

export function JobsScreen() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t.jobsTitle} – ${t.appName}`;
  }, [t]);
  return (
    <RequireAuth title={t.jobsTitle} anyOf={['audit.read_all']}>
      <JobList />
    </RequireAuth>
  );
}
