// /versorgung: supply against need per service type — a map of the supply ratio per area, the areas
// with the largest gap to the city value, the full table, and the method and provenance in words.
import { useCallback, useId, useMemo, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { supplyApi, type Supply, type SupplyRow } from '../../api/supply.ts';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { classifyForMap, formatNumber, NO_DATA_COLOR } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { GapsSection } from './gaps-section.tsx';
import { SupplySetup } from './supply-setup.tsx';
import { SvgMap } from './svg-map.tsx';

const DISTANCES = [300, 500, 1000];
const FIRST_ROWS = 15;

type T = ReturnType<typeof useI18n>['t'];

/** "Plätze je 100 Kinder unter 6 Jahren". */
export function measureText(s: Supply['serviceType'], t: T, lang: 'de' | 'en'): string {
  const target = s.target ? t.supplyTarget(s.target.min, s.target.max) : t.supplyTargetAll;
  return t.supplyMeasure(s.measure, formatNumber(s.per, 0, lang), target);
}

export function SupplyScreen({ search }: { search: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const initial = new URLSearchParams(search).get('typ') ?? 'kita';
  const [type, setType] = useState(initial);
  const [distance, setDistance] = useState(500);
  const types = useFetch(() => supplyApi.types(), []);
  const res = useFetch(() => supplyApi.supply({ serviceType: type, distance }), [type, distance]);
  const s = res.data;
  const [holes, setHoles] = useState<ReadonlySet<number>>(new Set());
  const onHoles = useCallback((ids: ReadonlySet<number>) => setHoles(ids), []);
  // a saved setup (target population, residents in total) changes the gaps answer too
  const [setupVersion, setSetupVersion] = useState(0);
  return (
    <div className="page page-supply">
      <h1>{t.supplyTitle}</h1>
      <p className="lead">
        {t.supplyIntro} <Link href="/netzwerk">{t.supplyToNetwork} →</Link>
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-type`} className="field-label">
            {t.supplyType}
          </label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
            {(types.data ?? [{ code: type, name: type, available: true }])
              .filter((x) => x.available || x.code === type)
              .map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dist`} className="field-label">
            {t.supplyDistance}
          </label>
          <select
            id={`${id}-dist`}
            value={distance}
            onChange={(e) => setDistance(Number(e.target.value))}
          >
            {DISTANCES.map((d) => (
              <option key={d} value={d}>
                {t.supplyDistanceOption(d)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {auth.can('supply.configure') && (
        <SupplySetup
          serviceType={type}
          onSaved={() => {
            types.reload();
            res.reload();
            setSetupVersion((v) => v + 1);
          }}
        />
      )}
      {res.status === 'error' && (
        <ErrorState error={res.error} what={t.supplyTitle} onRetry={res.reload} />
      )}
      {res.status === 'loading' && <Loading />}
      {s && res.status !== 'error' && <SupplyResult supply={s} holes={holes} />}
      <GapsSection serviceType={type} onAreas={onHoles} version={setupVersion} />
    </div>
  );
}

function SupplyResult({ supply: s, holes }: { supply: Supply; holes: ReadonlySet<number> }) {
  const { t, lang } = useI18n();
  const measure = measureText(s.serviceType, t, lang);
  return (
    <>
      <p className="supply-headline" role="status">
        <strong>{s.serviceType.name}</strong>: {measure}. {t.supplyCity}:{' '}
        <strong>{formatNumber(s.cityRatio, 1, lang)}</strong>
      </p>
      <div className="supply-grid">
        <section aria-labelledby="supply-map-h">
          <h2 id="supply-map-h">{t.supplyMap}</h2>
          <SupplyMap supply={s} holes={holes} />
        </section>
        <section aria-labelledby="supply-gaps-h">
          <h2 id="supply-gaps-h">{t.supplyLargestGaps}</h2>
          {s.largestGaps.length === 0 ? (
            <p>{t.supplyLargestGapsNone}</p>
          ) : (
            <ol className="supply-gaps">
              {s.largestGaps.map((r) => (
                <li key={r.areaId}>
                  <Link href={`/gebiete/${r.areaId}`}>{r.name}</Link> ({r.code}):{' '}
                  {t.supplyGapText(formatNumber(r.gap, 0, lang), s.serviceType.measure)};{' '}
                  {formatNumber(r.ratio, 1, lang)}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <SupplyTable supply={s} />
      <dl className="supply-method">
        <dt>{t.supplyMethod}</dt>
        <dd>
          {s.methodText} ({t.supplyDistance} {t.supplyDistanceOption(s.distanceM)}).
        </dd>
        <dt>{t.supplyProvenance}</dt>
        <dd>{s.provenance}</dd>
        <dt>{t.supplyLicences}</dt>
        <dd>{s.licences.join('; ') || '–'}</dd>
      </dl>
    </>
  );
}

function SupplyMap({ supply: s, holes }: { supply: Supply; holes: ReadonlySet<number> }) {
  const { t, lang } = useI18n();
  const geo = useFetch(() => areasApi.geometry(s.systemId, s.levelId), [s.systemId, s.levelId]);
  const byId = useMemo(() => new Map(s.rows.map((r) => [r.areaId, r])), [s.rows]);
  const classes = useMemo(
    () =>
      classifyForMap(
        s.rows.map((r) => r.ratio),
        'quantile',
        5,
        null,
        'higher_is_better',
      ),
    [s.rows],
  );
  const colour = useMemo(() => {
    const m = new Map<number, string>();
    s.rows.forEach((r, i) => {
      const c = classes.classOf[i]!;
      m.set(r.areaId, c < 0 ? NO_DATA_COLOR : (classes.colors[c] ?? NO_DATA_COLOR));
    });
    return m;
  }, [s.rows, classes]);
  const gaps = useMemo(() => new Set(s.largestGaps.map((r) => r.areaId)), [s.largestGaps]);
  if (geo.status === 'error') return <ErrorState error={geo.error} onRetry={geo.reload} />;
  if (!geo.data) return <Loading />;
  return (
    <figure className="supply-map">
      <SvgMap
        features={geo.data.features}
        fill={(id) => colour.get(id) ?? NO_DATA_COLOR}
        highlight={gaps}
        marked={holes}
        label={t.supplyMapLabel(s.serviceType.name)}
        title={(id) => {
          const r = byId.get(id);
          return r ? `${r.name}: ${formatNumber(r.ratio, 1, lang)}` : t.supplyNoData;
        }}
      />
      <figcaption className="supply-legend">
        {classes.colors.map((c, i) => (
          <span key={c} className="supply-legend-item">
            <span className="supply-swatch" style={{ background: c }} aria-hidden="true" />
            {formatNumber(classes.bounds[i], 1, lang)}–
            {formatNumber(classes.bounds[i + 1], 1, lang)}
          </span>
        ))}
        <span className="supply-legend-item">
          <span
            className="supply-swatch"
            style={{ background: NO_DATA_COLOR }}
            aria-hidden="true"
          />
          {t.supplyNoData}
        </span>
        {holes.size > 0 && (
          <span className="supply-legend-item">
            <span className="supply-swatch supply-swatch-hole" aria-hidden="true" />
            {t.gapsMapLegend}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

function SupplyTable({ supply: s }: { supply: Supply }) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const sorted = useMemo(
    () =>
      [...s.rows].sort(
        (a, b) => (a.gapRank ?? Infinity) - (b.gapRank ?? Infinity) || a.code.localeCompare(b.code),
      ),
    [s.rows],
  );
  const shown = all ? sorted : sorted.slice(0, FIRST_ROWS);
  const places = s.serviceType.measure === 'places';
  const pct = (r: SupplyRow) =>
    r.reachShare === null ? '–' : `${formatNumber(r.reachShare * 100, 0, lang)} %`;
  return (
    <section aria-labelledby="supply-table-h">
      <h2 id="supply-table-h">{t.supplyTable}</h2>
      <ListTable
        caption={t.supplyTable}
        className="supply-table"
        columns={[
          t.supplyArea,
          t.supplyFacilities,
          ...(places ? [t.supplyPlaces] : []),
          t.supplyPopulation,
          t.supplyRatio,
          t.supplyGap,
          `${t.supplyReach} (${t.supplyDistanceOption(s.distanceM)})`,
        ]}
      >
        {shown.map((r) => (
          <tr key={r.areaId}>
            <td>
              <Link href={`/gebiete/${r.areaId}`}>{r.name}</Link> <small>{r.code}</small>
            </td>
            <td className="num">{formatNumber(r.facilities, 0, lang)}</td>
            {places && <td className="num">{formatNumber(r.places, 0, lang)}</td>}
            <td className="num">{formatNumber(r.population, 0, lang)}</td>
            <td className="num">{formatNumber(r.ratio, 1, lang)}</td>
            <td className="num">{formatNumber(r.gap, 0, lang)}</td>
            <td className="num">{pct(r)}</td>
          </tr>
        ))}
      </ListTable>
      {!all && sorted.length > FIRST_ROWS && (
        <button type="button" className="btn" onClick={() => setAll(true)}>
          {t.supplyShowAll(sorted.length)}
        </button>
      )}
    </section>
  );
}
