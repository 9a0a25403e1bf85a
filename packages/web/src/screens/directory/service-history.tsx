// The Verlauf of a service on its page (issue 12 § 1, ADR 0055): who changed what and when —
// fields, own hours and costs, places and their hours, capacities, the organisation's work areas.
// Shown on request to the people who maintain the service and to audit readers.
import { useState } from 'react';
import { directoryApi, type OpeningInterval, type ServiceHistory } from '../../api/directory.ts';
import { ApiError, UNREACHABLE } from '../../api/http.ts';
import { ErrorState, Loading } from '../../components/status.tsx';
import type { Dict as Texts } from '../../i18n/de.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { costText } from './cost-text.ts';
import './service-history.css';

type Change = ServiceHistory['entries'][number]['changes'][number];

const isInterval = (v: unknown): v is OpeningInterval =>
  typeof v === 'object' && v !== null && 'weekday' in v && 'opens' in v;
const isCost = (v: unknown): v is Parameters<typeof costText>[0] =>
  typeof v === 'object' && v !== null && 'currency' in v && 'amount' in v;

/** A value of the audit detail in words (hours and costs as on the page, lists joined). */
function valueText(v: unknown, t: Texts): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v)) {
    if (v.length === 0) return '–';
    return v
      .map((x) =>
        isInterval(x)
          ? `${t.weekday(x.weekday)} ${x.opens}–${x.closes}`
          : isCost(x)
            ? costText(x, { free: t.costFree, from: t.costFrom, until: t.costUntil })
            : typeof x === 'object'
              ? Object.values(x as object)
                  .filter((y) => y !== null)
                  .join(', ')
              : String(x),
      )
      .join('; ');
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The changes worth a line: not those from nothing to nothing (empty lists of a new service). */
const shown = (changes: Change[], t: Texts) =>
  changes.filter((c) => valueText(c.before, t) !== '–' || valueText(c.after, t) !== '–');

function ChangeLine({ c }: { c: Change }) {
  const { t } = useI18n();
  return (
    <li>
      <strong>{t.serviceHistoryField(c.field)}</strong>:{' '}
      {c.before !== null && c.before !== undefined && (
        <>
          <del>{valueText(c.before, t)}</del> →{' '}
        </>
      )}
      <ins>{valueText(c.after, t)}</ins>
    </li>
  );
}

type Entry = ServiceHistory['entries'][number];

function HistoryRow({ e }: { e: Entry }) {
  const { t } = useI18n();
  const changes = shown(e.changes, t);
  return (
    <tr>
      <td>
        {formatDate(e.at)} {e.at.slice(11, 16)}
      </td>
      <td>{e.actor}</td>
      <td>
        {t.serviceHistoryAction(e.action)}
        {changes.length > 0 && (
          <ul className="plain-list">
            {changes.map((c) => (
              <ChangeLine key={c.field} c={c} />
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function HistoryTable({ serviceId, version }: { serviceId: string; version: unknown }) {
  const { t } = useI18n();
  const res = useFetch(() => directoryApi.serviceHistory(serviceId), [serviceId, version]);
  // older pages, loaded on request (200 entries each); a reload of the first page starts over
  const [older, setOlder] = useState<{ of: unknown; pages: ServiceHistory[] }>({
    of: null,
    pages: [],
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (res.status === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  if (res.data.entries.length === 0) return <p className="muted">{t.serviceHistoryEmpty}</p>;
  const pages = [res.data, ...(older.of === res.data ? older.pages : [])];
  const last = pages[pages.length - 1]!;
  const loadOlder = () => {
    setLoading(true);
    setError(null);
    directoryApi
      .serviceHistory(serviceId, last.entries[last.entries.length - 1]!.id)
      .then((page) => setOlder({ of: res.data, pages: [...pages.slice(1), page] }))
      .catch((e: unknown) =>
        setError(e instanceof ApiError ? e : new ApiError(String(e), UNREACHABLE, 'unreachable')),
      )
      .finally(() => setLoading(false));
  };
  return (
    <div className="list-wrap">
      <table className="service-history table-stacked">
        <thead>
          <tr>
            <th scope="col">{t.serviceHistoryWhen}</th>
            <th scope="col">{t.serviceHistoryWho}</th>
            <th scope="col">{t.serviceHistoryWhat}</th>
          </tr>
        </thead>
        <tbody>
          {pages
            .flatMap((p) => p.entries)
            .map((e) => (
              <HistoryRow key={e.id} e={e} />
            ))}
        </tbody>
      </table>
      {error && <ErrorState error={error} onRetry={loadOlder} />}
      {last.more && (
        <button type="button" className="btn" disabled={loading} onClick={loadOlder}>
          {loading ? t.serviceHistoryLoading : t.serviceHistoryOlder}
        </button>
      )}
    </div>
  );
}

/** The „Verlauf“ section: for maintainers of the service and audit readers, opened on request. */
export function ServiceHistorySection({
  serviceId,
  canEdit,
  version,
}: {
  serviceId: string;
  canEdit: boolean;
  /** changes whenever the service page reloads its data, so an open Verlauf follows */
  version: unknown;
}) {
  const { t } = useI18n();
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  if (!canEdit && !auth.can('audit.read')) return null;
  return (
    <section className="service-history-section" aria-labelledby="service-history-title">
      <h2 id="service-history-title">{t.serviceHistoryTitle}</h2>
      <p className="muted">{t.serviceHistoryIntro}</p>
      <button type="button" className="btn" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t.serviceHistoryHide : t.serviceHistoryShow}
      </button>
      {open && <HistoryTable serviceId={serviceId} version={version} />}
    </section>
  );
}
