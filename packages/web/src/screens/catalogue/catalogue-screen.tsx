// The indicator catalogue: search, filter by dimension and department, full metadata per indicator.
import { useId, useMemo } from 'react';
import { filterIndicators } from './filter.ts';
import type { CatalogueFilter } from './filter.ts';
import { areasApi } from '../../api/areas.ts';
import { type Indicator, indicatorsApi } from '../../api/indicators.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { navigate } from '../../lib/router.ts';
import { formatDate, unitText } from '../../lib/core-bridge.ts';
import { DEFAULT_MAP_STATE, serializeMapState } from '../../lib/url-state.ts';
import { dimensionLabel, dimensionRank, indicatorName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { SourceLine } from '../../components/source-line.tsx';
import { Link } from '../../components/link.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { canEditIndicator } from '../../lib/access.ts';

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="meta-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type SystemsById = Map<
  string,
  { name: string; current: boolean; levels: Map<string, { name: string; depth: number }> }
>;

/** The coverage "Auf der Karte zeigen" opens: the current area system first, then its finest level. */
export function preferredCoverage(
  ind: Indicator,
  systems: SystemsById,
): Indicator['coverage'][number] | undefined {
  const score = (c: Indicator['coverage'][number]) => {
    const sys = systems.get(c.systemId);
    return (sys?.current ? 1000 : 0) + (sys?.levels.get(c.levelId)?.depth ?? 0);
  };
  return [...ind.coverage].sort((a, b) => score(b) - score(a))[0];
}

/** A small badge for indicators that are not public ("intern", "nur Abteilung"). */
export function VisibilityBadge({ ind }: { ind: Pick<Indicator, 'visibility'> }) {
  const { t } = useI18n();
  if (ind.visibility === 'internal')
    return (
      <span className="badge badge-internal" title={t.badgeInternalTitle}>
        {t.badgeInternal}
      </span>
    );
  if (ind.visibility === 'department')
    return (
      <span className="badge badge-department" title={t.badgeDepartmentTitle}>
        {t.badgeDepartment}
      </span>
    );
  return null;
}

function IndicatorCard({ ind, systemsById }: { ind: Indicator; systemsById: SystemsById }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const editable = canEditIndicator(auth.me, ind);
  const owner = auth.departmentName(ind.department) || ind.department;
  const definition = lang === 'en' && ind.definitionEn ? ind.definitionEn : ind.definitionDe;
  const firstCov = preferredCoverage(ind, systemsById);
  const mapHref = firstCov
    ? `/${serializeMapState({ ...DEFAULT_MAP_STATE, system: firstCov.systemId, level: firstCov.levelId, indicator: ind.id })}`
    : null;
  return (
    <article className="card indicator-card" aria-labelledby={`ind-${ind.id}`}>
      <header className="card-head">
        <p className="card-kicker">{dimensionLabel(ind.dimension, lang)}</p>
        <h2 id={`ind-${ind.id}`} className="card-title">
          {indicatorName(ind, lang)} <VisibilityBadge ind={ind} />
        </h2>
        <div className="card-actions">
          {editable && (
            <Link
              href={`/indikatoren/${encodeURIComponent(ind.id)}/bearbeiten`}
              className="btn btn-small"
              aria-label={t.editIndicatorOf(indicatorName(ind, lang))}
            >
              {t.editIndicator}
            </Link>
          )}
          {mapHref && (
            <Link href={mapHref} className="btn btn-small">
              {t.showOnMap}
            </Link>
          )}
        </div>
        {auth.me?.signedIn && !editable && owner && (
          <p className="card-owner">{t.ownedBy(owner)}</p>
        )}
      </header>
      {definition && <p className="card-definition">{definition}</p>}
      <dl className="meta">
        <Meta label={t.unit}>{unitText(ind.unit, lang)}</Meta>
        <Meta label={t.polarity}>{t.polarityLabel(ind.polarity)}</Meta>
        <Meta label={t.department}>{owner}</Meta>
        <Meta label={t.updateCycle}>{ind.updateCycle}</Meta>
        <Meta label={t.numerator}>{ind.numeratorDef}</Meta>
        <Meta label={t.denominator}>{ind.denominatorDef}</Meta>
        <Meta label={t.methodNote}>{ind.methodNote}</Meta>
        <Meta label={t.sourceLabel}>
          {ind.source ? <SourceLine source={ind.source} noLabel /> : null}
        </Meta>
        <Meta label={t.attribution}>{ind.source?.attribution}</Meta>
        <Meta label={t.coverage}>
          {ind.coverage.length > 0 ? (
            <ul className="coverage-list">
              {ind.coverage.map((c) => {
                const sys = systemsById.get(c.systemId);
                return (
                  <li key={`${c.systemId}/${c.levelId}`}>
                    <strong>
                      {sys?.name ?? c.systemId} · {sys?.levels.get(c.levelId)?.name ?? c.levelId}:
                    </strong>{' '}
                    {c.dates.map((d) => formatDate(d, lang)).join(', ')}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </Meta>
        <Meta label={t.colId}>
          <code>{ind.id}</code>
        </Meta>
      </dl>
    </article>
  );
}

export function CatalogueScreen({ search }: { search: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const id = useId();
  // reloaded when the person changes: signed-in people see internal indicators too
  const q = useFetch(() => indicatorsApi.indicators(), [auth.me?.user?.id ?? null]);
  const systemsQ = useFetch(() => areasApi.areaSystems(), []);
  const params = new URLSearchParams(search);
  const filter: CatalogueFilter = {
    q: params.get('q') ?? '',
    dimension: params.get('dimension') ?? '',
    department: params.get('department') ?? '',
  };
  const setFilter = (patch: Partial<CatalogueFilter>) => {
    const next = { ...filter, ...patch };
    const sp = new URLSearchParams();
    if (next.q) sp.set('q', next.q);
    if (next.dimension) sp.set('dimension', next.dimension);
    if (next.department) sp.set('department', next.department);
    const s = sp.toString();
    // typing replaces the entry, so back does not step through every keystroke
    navigate(`/indikatoren${s ? `?${s}` : ''}`, { replace: patch.q !== undefined });
  };
  const all = q.data ?? [];
  const dims = useMemo(
    () =>
      [...new Set(all.map((i) => i.dimension))].sort((a, b) => dimensionRank(a) - dimensionRank(b)),
    [all],
  );
  const depts = useMemo(
    () =>
      [...new Set(all.map((i) => i.department).filter((d): d is string => !!d))].sort((a, b) =>
        a.localeCompare(b, 'de'),
      ),
    [all],
  );
  const shown = filterIndicators(all, filter, lang);
  const systemsById = useMemo(
    () =>
      new Map(
        (systemsQ.data ?? []).map((s) => [
          s.id,
          {
            name: s.name,
            current: s.validTo === null,
            levels: new Map(
              s.levels.map((l) => [
                l.id,
                { name: lang === 'en' ? l.nameEn : l.nameDe, depth: l.depth },
              ]),
            ),
          },
        ]),
      ),
    [systemsQ.data, lang],
  );

  return (
    <div className="page page-catalogue">
      <h1>{t.catalogueTitle}</h1>
      <p className="lead">
        {t.catalogueIntro} <Link href="/quellen">{t.sourcesLink}</Link>
      </p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={`${id}-q`} className="field-label">
            {t.search}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={filter.q}
            placeholder={t.searchPlaceholder}
            onChange={(e) => setFilter({ q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-dim`} className="field-label">
            {t.dimension}
          </label>
          <select
            id={`${id}-dim`}
            value={filter.dimension}
            onChange={(e) => setFilter({ dimension: e.target.value })}
          >
            <option value="">{t.all}</option>
            {dims.map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dep`} className="field-label">
            {t.department}
          </label>
          <select
            id={`${id}-dep`}
            value={filter.department}
            onChange={(e) => setFilter({ department: e.target.value })}
          >
            <option value="">{t.all}</option>
            {depts.map((d) => (
              <option key={d} value={d}>
                {auth.departmentName(d) || d}
              </option>
            ))}
          </select>
        </div>
      </form>
      {q.status === 'error' && (
        <ErrorState error={q.error} what={t.catalogueTitle} onRetry={q.reload} />
      )}
      {q.status === 'loading' && !q.data && <Loading />}
      {q.data && (
        <>
          <p className="results-count" role="status" aria-live="polite">
            {t.resultsCount(shown.length)}
          </p>
          {shown.length === 0 ? (
            <Empty>{t.noResults}</Empty>
          ) : (
            <div className="card-list">
              {shown.map((ind) => (
                <IndicatorCard key={ind.id} ind={ind} systemsById={systemsById} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
