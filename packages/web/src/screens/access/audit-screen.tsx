// /protokoll: the audit log with filters (Objekt, Aktion, Kennung), paging by before=, CSV export,
// and for audit.read_all the check of the hash chain.
import { useEffect, useId, useState } from 'react';
import { type AuditVerify, auditApi } from '../../api/audit.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { navigate } from '../../lib/router.ts';
import { ACTION_NAMES, ENTITY_NAMES, formatDateTime } from '../../lib/access.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RequireAuth } from '../../components/guard.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { AuditChange } from './history-panel.tsx';

const PAGE = 50;

function AuditLog({ search }: { search: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const params = new URLSearchParams(search);
  const entity = params.get('objekt') ?? '';
  const action = params.get('aktion') ?? '';
  const entityId = params.get('kennung') ?? '';
  const beforeRaw = Number(params.get('vor'));
  const before = Number.isInteger(beforeRaw) && beforeRaw > 0 ? beforeRaw : null;
  const [idDraft, setIdDraft] = useState(entityId);
  useEffect(() => setIdDraft(entityId), [entityId]);
  const q = useFetch(
    () =>
      auditApi.audit({
        entity: entity || null,
        action: action || null,
        entityId: entityId || null,
        before,
        limit: PAGE,
      }),
    [entity, action, entityId, before],
  );
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const go = (patch: Record<string, string | null>) => {
    const sp = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) sp.set(k, v);
      else sp.delete(k);
    }
    const s = sp.toString();
    navigate(`/protokoll${s ? `?${s}` : ''}`);
  };
  const all = auth.can('audit.read_all');
  const rows = q.data ?? [];
  const oldest = rows.length ? Math.min(...rows.map((r) => r.id)) : null;

  return (
    <div className="page page-audit">
      <h1>{t.auditTitle}</h1>
      <p className="lead">
        {t.auditIntro} {!all && t.auditIntroOwn}
      </p>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ kennung: idDraft.trim() || null, vor: null });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-ent`} className="field-label">
            {t.filterEntity}
          </label>
          <select
            id={`${id}-ent`}
            value={entity}
            onChange={(e) => go({ objekt: e.target.value || null, vor: null })}
          >
            <option value="">{t.all}</option>
            {Object.entries(ENTITY_NAMES)
              .filter(([k]) => !['session', 'import', 'index', 'disclosure', 'source'].includes(k))
              .map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-act`} className="field-label">
            {t.filterAction}
          </label>
          <select
            id={`${id}-act`}
            value={action}
            onChange={(e) => go({ aktion: e.target.value || null, vor: null })}
          >
            <option value="">{t.all}</option>
            {Object.entries(ACTION_NAMES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-id`} className="field-label">
            {t.filterId}
          </label>
          <input
            id={`${id}-id`}
            type="text"
            value={idDraft}
            onChange={(e) => setIdDraft(e.target.value)}
          />
        </div>
        <div className="field field-end">
          <button type="submit" className="btn">
            {t.filterApply}
          </button>
        </div>
        <div className="field field-end audit-tools">
          <a
            className="btn"
            href={auditApi.auditExportUrl({ entity: entity || null, action: action || null })}
            download
          >
            {t.exportCsv}
          </a>
          {all && (
            <button
              type="button"
              className="btn"
              disabled={verifying}
              onClick={() => {
                setVerifying(true);
                setVerifyError(null);
                auditApi.verifyAudit().then(
                  (r) => {
                    setVerify(r);
                    setVerifying(false);
                  },
                  (e: unknown) => {
                    setVerifyError(e instanceof Error ? e.message : String(e));
                    setVerifying(false);
                  },
                );
              }}
            >
              {verifying ? t.verifying : t.verifyChain}
            </button>
          )}
        </div>
      </form>
      <div aria-live="polite">
        {verify &&
          (verify.ok ? (
            <p className="note note-ok">{t.verifyOk(formatNumber(verify.entries))}</p>
          ) : (
            <div className="state state-error inline-state">
              <p className="state-title">
                {t.verifyProblems(formatNumber(verify.problems.length))}
              </p>
              <ul>
                {verify.problems.map((p, i) => (
                  <li key={i}>
                    {p.seq !== null ? `${t.colSeq} ${p.seq}: ` : ''}
                    {p.problem}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        {verifyError && (
          <div className="state state-error inline-state" role="alert">
            <p className="state-title">{verifyError}</p>
          </div>
        )}
      </div>
      {q.status === 'error' && (
        <ErrorState error={q.error} what={t.auditTitle} onRetry={q.reload} />
      )}
      {q.status === 'loading' && !q.data && <Loading />}
      {q.data &&
        (rows.length === 0 ? (
          <Empty>{t.auditEmpty}</Empty>
        ) : (
          <ListTable
            caption={t.auditTitle}
            columns={[t.colSeq, t.colWhen, t.colWho, t.colAction, t.colObject, t.colDetail]}
            className="audit-table"
          >
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.seq ?? '—'}</td>
                <td className="nowrap">
                  <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                </td>
                <td>{r.actor}</td>
                <td>{ACTION_NAMES[r.action] ?? r.action}</td>
                <td>
                  {ENTITY_NAMES[r.entity] ?? r.entity}{' '}
                  {r.entity === 'department' && auth.departmentName(r.entityId) !== r.entityId && (
                    <>{auth.departmentName(r.entityId)} </>
                  )}
                  <code>{r.entityId}</code>
                </td>
                <td>
                  <AuditChange entry={r} />
                </td>
              </tr>
            ))}
          </ListTable>
        ))}
      <div className="actions pager">
        {before !== null && (
          <button type="button" className="btn" onClick={() => go({ vor: null })}>
            {t.newestEntries}
          </button>
        )}
        {rows.length === PAGE && oldest !== null && (
          <button type="button" className="btn" onClick={() => go({ vor: String(oldest) })}>
            {t.olderEntries}
          </button>
        )}
      </div>
    </div>
  );
}

export function AuditScreen({ search }: { search: string }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t.auditTitle} – ${t.appName}`;
  }, [t]);
  return (
    <RequireAuth title={t.auditTitle} anyOf={['audit.read']}>
      <AuditLog search={search} />
    </RequireAuth>
  );
}
