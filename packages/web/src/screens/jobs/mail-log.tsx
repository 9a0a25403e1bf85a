// The e-mail delivery log below the job list: to whom, what, whether the server took it, and why not.
import { listMailDeliveries } from '../../api/mail.ts';
import { ListTable } from '../../components/list-table.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/access.ts';
import { useFetch } from '../../lib/use-fetch.ts';

export function MailLog() {
  const { t } = useI18n();
  const q = useFetch(() => listMailDeliveries(50), []);
  const rows = q.data ?? [];
  return (
    <section aria-labelledby="mail-log-title">
      <h2 id="mail-log-title">{t.mailLogTitle}</h2>
      <p className="lead">{t.mailLogIntro}</p>
      {q.status === 'error' && (
        <ErrorState error={q.error} what={t.mailLogTitle} onRetry={q.reload} />
      )}
      {q.status === 'loading' && !q.data && <Loading />}
      {q.data &&
        (rows.length === 0 ? (
          <Empty>{t.mailLogEmpty}</Empty>
        ) : (
          <ListTable
            caption={t.mailLogTitle}
            columns={[
              t.jobsColStatus,
              t.mailLogWhen,
              t.mailLogPurpose,
              t.mailLogRecipient,
              t.mailLogSubject,
              t.jobsColError,
            ]}
            className="jobs-table"
          >
            {rows.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">
                  <span
                    className={`job-status job-${d.status === 'sent' ? 'succeeded' : 'failed'}`}
                  >
                    {d.status === 'sent' ? t.mailLogSent : t.mailLogFailed}
                  </span>
                </td>
                <td className="nowrap">
                  <time dateTime={d.at}>{formatDateTime(d.at)}</time>
                </td>
                <td>{t.mailLogPurposeName(d.purpose)}</td>
                <td>{d.recipient}</td>
                <td>{d.subject}</td>
                <td className="job-error">{d.error ?? ''}</td>
              </tr>
            ))}
          </ListTable>
        ))}
    </section>
  );
}
