// /angebote: the directory of services — search by name, filter by type, Lebenslage and area (the
// top level of the first area system), a paged list linking to each service's detail page.
import { useAuth } from '../../lib/auth.tsx';
import { useId, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { directoryApi, type DirectoryServiceSummary } from '../../api/directory.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { dimensionLabel, DIMENSION_ORDER } from '../../lib/labels.ts';
import { useFetch } from '../../lib/use-fetch.ts';

const PER_PAGE = 50;

/** "69 Plätze (Stand 01.12.2022)" or '–'. */
export function capacityText(
  c: DirectoryServiceSummary['capacity'],
  t: {
    directoryPlaces: (n: string, d: string) => string;
    directoryBeds: (n: string, d: string) => string;
  },
): string {
  if (!c) return '–';
  const f = c.kind === 'beds' ? t.directoryBeds : t.directoryPlaces;
  return f(formatNumber(c.value), formatDate(c.refDate));
}

function useAreaChoices() {
  return useFetch(async () => {
    const systems = await areasApi.areaSystems();
    const sys = systems.find((s) => s.validTo === null) ?? systems[0];
    const top = sys?.levels[0];
    if (!sys || !top) return { label: '', areas: [] };
    const areas = await areasApi.areasOfLevel(sys.id, top.id);
    return { label: `${top.nameDe} (${sys.name})`, areas: areas.filter((a) => a.validTo === null) };
  }, []);
}

export function DirectoryScreen() {
  const { t, lang } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState({ q: '', type: '', dimension: '', areaId: '' });
  const [page, setPage] = useState(1);
  const terms = useFetch(() => directoryApi.taxonomy(), []);
  const areas = useAreaChoices();
  const list = useFetch(
    () =>
      directoryApi.services({
        ...(filter.q ? { q: filter.q } : {}),
        ...(filter.type ? { type: filter.type } : {}),
        ...(filter.dimension ? { dimension: filter.dimension } : {}),
        ...(filter.areaId ? { areaId: Number(filter.areaId) } : {}),
        page,
        perPage: PER_PAGE,
      }),
    [filter.q, filter.type, filter.dimension, filter.areaId, page],
  );
  const set = (k: keyof typeof filter, v: string) => {
    setFilter((f) => ({ ...f, [k]: v }));
    setPage(1);
  };
  const auth = useAuth();
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PER_PAGE)) : 1;
  return (
    <div className="page directory">
      <h1>{t.directoryTitle}</h1>
      <p className="lead">{t.directoryIntro}</p>
      <p>
        <Link href="/versorgung">{t.supplyTitle} →</Link> ·{' '}
        <Link href="/netzwerk">{t.networkTitle} →</Link> ·{' '}
        <Link href="/angebote/arten">{t.taxonomyLink} →</Link>
        {auth.can('directory.edit_own') && (
          <>
            {' '}
            · <Link href="/angebote/import">{t.hsdsImportLink} →</Link> ·{' '}
            <Link href="/angebote/neu" className="btn btn-small">
              {t.serviceNew}
            </Link>
          </>
        )}
      </p>
      <form
        className="directory-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label htmlFor={`${id}-q`}>{t.directorySearch}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => set('q', text.trim())}
        />
        <label htmlFor={`${id}-type`}>{t.directoryType}</label>
        <select id={`${id}-type`} value={filter.type} onChange={(e) => set('type', e.target.value)}>
          <option value="">{t.directoryAll}</option>
          {(terms.data ?? []).map((term) => (
            <option key={term.code} value={term.code}>
              {term.name} ({formatNumber(term.services)})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-dim`}>{t.directoryDimension}</label>
        <select
          id={`${id}-dim`}
          value={filter.dimension}
          onChange={(e) => set('dimension', e.target.value)}
        >
          <option value="">{t.directoryAll}</option>
          {DIMENSION_ORDER.filter((d) => d !== 'social_index').map((d) => (
            <option key={d} value={d}>
              {dimensionLabel(d, lang)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-area`}>
          {t.directoryArea}
          {areas.data?.label ? ` – ${areas.data.label}` : ''}
        </label>
        <select
          id={`${id}-area`}
          value={filter.areaId}
          onChange={(e) => set('areaId', e.target.value)}
        >
          <option value="">{t.directoryAll}</option>
          {(areas.data?.areas ?? []).map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
      </form>
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <Loading />}
      {list.data && (
        <section aria-live="polite" aria-busy={list.status === 'loading'}>
          <p className="directory-count">{t.directoryCount(formatNumber(list.data.total))}</p>
          {list.data.total === 0 ? (
            <p className="state state-empty">
              {filter.q || filter.type || filter.dimension || filter.areaId
                ? t.directoryEmpty
                : t.directoryEmptyTenant}
            </p>
          ) : (
            <ServiceList items={list.data.items} />
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t.directoryPage(page, pages)}>
              <button
                type="button"
                className="btn"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              >
                {t.directoryPrev}
              </button>
              <span>{t.directoryPage(page, pages)}</span>
              <button
                type="button"
                className="btn"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                {t.directoryNext}
              </button>
            </nav>
          )}
        </section>
      )}
    </div>
  );
}

function ServiceList({ items }: { items: DirectoryServiceSummary[] }) {
  const { t } = useI18n();
  return (
    <ul className="directory-list">
      {items.map((s) => (
        <li key={s.id} className="directory-item">
          <h2>
            <Link href={`/angebote/${s.id}`}>{s.name}</Link>
          </h2>
          <p className="directory-meta">
            <span className="tag">{s.serviceTypeName}</span> {t.directoryProvider}:{' '}
            {s.organisation.name} <span className="muted">({s.organisation.kindLabel})</span>
          </p>
          <p className="directory-meta">
            {s.address ?? '–'}
            {s.capacity && <> · {capacityText(s.capacity, t)}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}
