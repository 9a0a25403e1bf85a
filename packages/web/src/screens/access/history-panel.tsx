// "Verlauf": the audit entries of one record (GET /api/audit?entity=&entityId=), newest first,
// with who, when, and each changed field before → after in German words.
import { useId } from 'react';
import { type AuditEntry, auditApi } from '../../api/audit.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { ACTION_NAMES, auditDiff, auditOtherDetail, formatDateTime } from '../../lib/access.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';

/** The changes of one entry: a small before/after table, or the other details as text. */
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const auth = useAuth();
  // department ids → names once /api/departments is loaded (signed-in people); ids before that
  const names = auth.departments.length > 0 ? auth.departmentName : undefined;
  const rows = auditDiff(entry, names);
  const other = auditOtherDetail(entry, names);
  return (
    <>
      {rows.length > 0 && (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">{t.colWhat}</th>
              <th scope="col">{t.changeBefore}</th>
              <th scope="col">{t.changeAfter}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field}>
                <th scope="row">{r.label}</th>
                <td className="diff-before">
                  <del>{r.before}</del>
                </td>
                <td className="diff-after">
                  <ins>{r.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {other && <p className="diff-other">{other}</p>}
    </>
  );
}

export function HistoryPanel({
  entity,
  entityId,
  refreshKey = 0,
}: {
  entity: string;
  entityId: string;
  refreshKey?: number;
}) {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const allowed = auth.can('audit.read');
  const q = useFetch(allowed ? () => auditApi.audit({ entity, entityId, limit: 50 }) : null, [
    entity,
    entityId,
    refreshKey,
    allowed,
  ]);
  return (
    <section className="card history-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="card-title">
        {t.historyTitle}
      </h2>
      {!allowed ? (
        <p className="hint">{t.historyNoAccess}</p>
      ) : q.status === 'error' ? (
        <ErrorState error={q.error} what={t.historyTitle} onRetry={q.reload} />
      ) : !q.data ? (
        <Loading />
      ) : q.data.length === 0 ? (
        <Empty>{t.historyEmpty}</Empty>
      ) : (
        <ol className="history-list">
          {q.data.map((e) => (
            <li key={e.id} className="history-item">
              <p className="history-head">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <strong>{e.actor}</strong> ·{' '}
                {ACTION_NAMES[e.action] ?? e.action}
              </p>
              <AuditChange entry={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
