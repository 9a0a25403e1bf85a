// /foerderung/transparenz: where the money goes against need (issue 15 § 2) — a choropleth of euros
// per resident, a scatter against need, the two gap tables (high need & little money, and the
// reverse), all areas, exports (CSV, XLSX) and "Woher kommt das?". The numbers are the server's
// (GET /api/funding/transparency); this screen only arranges and formats them.
import { useMemo, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import {
  transparencyApi,
  type Transparency,
  type TransparencyArea,
  type TransparencyQuery,
} from '../../api/funding.ts';
import { healthApi } from '../../api/health.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { classifyForMap, formatDate, formatNumber, rankGaps } from '../../lib/core-bridge.ts';
import { navigate } from '../../lib/router.ts';
import { useAuth } from '../../lib/auth.tsx';
import { formatEuro } from '../../lib/money.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { LazyMapView } from '../map/lazy-map-view.tsx';
import { FundingSettings } from './funding-settings.tsx';
import { MoneySeriesChart } from './money-series-chart.tsx';
import { TransparencyScatter } from './transparency-scatter.tsx';

/** Fill of areas without money (light, distinct from the hatched "no residents" areas). */
const ZERO_COLOR = '#f3efe6';

function AreaRows({ rows, data }: { rows: TransparencyArea[]; data: Transparency }) {
  const { t, lang } = useI18n();
  const dec = data.need?.kind === 'index' ? 2 : 1;
  return (
    <>
      {rows.map((a) => (
        <tr key={a.areaId}>
          <td>
            <Link href={`/gebiete/${a.areaId}`}>{a.name}</Link>{' '}
            <span className="muted">{a.code}</span>
          </td>
          <td className="num">{formatNumber(a.residents, 0, lang)}</td>
          <td className="num">{formatEuro(a.money, lang)}</td>
          <td className="num">{formatEuro(a.perResident, lang, 2)}</td>
          <td className="num">{formatNumber(a.need, dec, lang)}</td>
          <td>{t.trQuadrants(a.quadrant)}</td>
        </tr>
      ))}
    </>
  );
}

function GapTable({
  title,
  rows,
  data,
}: {
  title: string;
  rows: TransparencyArea[];
  data: Transparency;
}) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{t.trNoGaps}</p>
      ) : (
        <ListTable
          caption={title}
          className="money-table"
          columns={[
            t.trArea,
            t.trResidents,
            t.trMoney,
            t.trPerResident,
            data.need?.label ?? t.trNeed,
            t.trQuadrant,
          ]}
        >
          <AreaRows rows={rows} data={data} />
        </ListTable>
      )}
    </section>
  );
}

function MoneyMap({ data }: { data: Transparency }) {
  const { t, lang } = useI18n();
  const geo = useFetch(
    data.systemId && data.levelId ? () => areasApi.geometry(data.systemId!, data.levelId!) : null,
    [data.systemId, data.levelId],
  );
  const config = useFetch(() => healthApi.config(), []);
  // Areas without money get their own class: in most years most areas get nothing, and quantiles
  // over all areas would collapse into one class. The funded areas are split by quantiles.
  const positive = useMemo(
    () =>
      data.areas.map((a) => (a.perResident !== null && a.perResident > 0 ? a.perResident : null)),
    [data],
  );
  const classes = useMemo(() => {
    const n = Math.min(4, new Set(positive.filter((v) => v !== null)).size);
    return n > 0
      ? classifyForMap(positive, 'quantile', n, null, 'neutral')
      : { bounds: [], classOf: positive.map(() => -1), counts: [], colors: [], notes: [] };
  }, [positive]);
  const colors = useMemo(
    () =>
      new Map(
        data.areas.map((a, i) => {
          if (a.perResident === null) return [a.areaId, null] as const;
          if (a.perResident === 0) return [a.areaId, ZERO_COLOR] as const;
          const c = classes.classOf[i] ?? -1;
          return [a.areaId, c < 0 ? null : (classes.colors[c] ?? null)] as const;
        }),
      ),
    [data, classes],
  );
  return (
    <section>
      <h2>{t.trMap}</h2>
      <div className="transparency-map">
        {geo.data && config.status !== 'loading' && (
          <LazyMapView
            geometry={geo.data}
            colors={colors}
            selectedArea={null}
            basemapStyleUrl={config.data?.basemapStyleUrl ?? null}
            ariaLabel={t.trMapLabel(String(data.year ?? ''))}
            describedBy="transparency-swatches"
            onHover={() => undefined}
            onSelect={(id) => navigate(`/gebiete/${id}`)}
          />
        )}
      </div>
      <ul className="transparency-swatches" id="transparency-swatches">
        <li>
          <i style={{ background: ZERO_COLOR }} />0 €
        </li>
        {classes.colors.map((c, i) => (
          <li key={c}>
            <i style={{ background: c }} />
            {formatEuro(classes.bounds[i] ?? null, lang, 2)} –{' '}
            {formatEuro(classes.bounds[i + 1] ?? null, lang, 2)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Provenance({ data }: { data: Transparency }) {
  const { t } = useI18n();
  return (
    <details className="provenance">
      <summary>{t.trProvenance}</summary>
      <p>{data.provenance.attribution}</p>
      <ul>
        {data.provenance.sources.map((s) => (
          <li key={s.title}>
            {s.title} – {s.publisher} – {t.trLicence}:{' '}
            {s.licenceUrl ? <a href={s.licenceUrl}>{s.licence}</a> : s.licence}
          </li>
        ))}
      </ul>
      <p>
        <strong>{t.trMethod}:</strong> {data.provenance.method}
      </p>
    </details>
  );
}

function Pickers({
  query,
  setQuery,
  data,
}: {
  query: TransparencyQuery;
  setQuery: (q: TransparencyQuery) => void;
  data: Transparency | null;
}) {
  const { t } = useI18n();
  const indicators = useFetch(() => indicatorsApi.indicators(), []);
  return (
    <form className="transparency-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t.trYear}{' '}
        <select
          value={String(query.year ?? data?.year ?? '')}
          onChange={(e) => setQuery({ ...query, year: Number(e.target.value) })}
        >
          {(data?.years ?? []).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.trNeed}{' '}
        <select
          value={query.need ?? 'index'}
          onChange={(e) => setQuery({ ...query, need: e.target.value })}
        >
          <option value="index">{t.trNeedIndex}</option>
          {(indicators.data ?? [])
            .filter((i) => i.polarity !== 'neutral')
            .map((i) => (
              <option key={i.id} value={i.id}>
                {i.nameDe}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t.trLevel}{' '}
        <select
          value={`${data?.systemId ?? ''}/${data?.levelId ?? ''}`}
          onChange={(e) => {
            const [system, level] = e.target.value.split('/');
            setQuery({ ...query, system, level });
          }}
        >
          {(data?.levels ?? []).map((l) => (
            <option key={`${l.systemId}/${l.levelId}`} value={`${l.systemId}/${l.levelId}`}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.trKind}{' '}
        <select
          value={String(query.kind ?? 'approved')}
          onChange={(e) => setQuery({ ...query, kind: e.target.value as 'approved' })}
        >
          <option value="approved">{t.fundingApproved}</option>
          <option value="spent">{t.fundingSpent}</option>
          {data?.detail === 'staff' && <option value="planned">{t.fundingPlanned}</option>}
        </select>
      </label>
      {data?.bridge && (
        <label>
          {t.trBridge}{' '}
          <select
            value={String(query.bridge ?? 'area')}
            onChange={(e) => setQuery({ ...query, bridge: e.target.value as 'area' })}
          >
            <option value="area">{t.trBridgeArea}</option>
            <option value="residents">{t.trBridgeResidents}</option>
          </select>
        </label>
      )}
    </form>
  );
}

/** Where the level's sums come from: the rule, and how much was summed up, spread or not placed. */
function AllocationNote({ data }: { data: Transparency }) {
  const { t, lang } = useI18n();
  const a = data.allocation;
  const level = data.levels.find((l) => l.levelId === data.levelId)?.name ?? '';
  return (
    <section className="allocation-note">
      <h2>{t.trAllocation}</h2>
      <p>{t.trAllocationRule}</p>
      {a && (
        <ul>
          <li>{t.trAllocOwn(formatEuro(a.own, lang), level)}</li>
          {a.rolledUp > 0 && <li>{t.trAllocRolledUp(formatEuro(a.rolledUp, lang))}</li>}
          {a.spread > 0 && <li>{t.trAllocSpread(formatEuro(a.spread, lang))}</li>}
          {data.wholeProgramme > 0 && (
            <li>{t.trWholeProgramme(formatEuro(data.wholeProgramme, lang))}</li>
          )}
          {a.bridged > 0 && (
            <li>{t.trAllocBridged(formatEuro(a.bridged, lang), data.bridge?.systems ?? [])}</li>
          )}
          {a.outside > 0 && <li>{t.trAllocOutside(formatEuro(a.outside, lang))}</li>}
          {data.notOnLevel > 0 && <li>{t.trOtherLevel(formatEuro(data.notOnLevel, lang))}</li>}
        </ul>
      )}
      {data.bridge?.note && (
        <p className="muted">
          {t.trBridge}: {data.bridge.note}
        </p>
      )}
      {data.residents && data.residents.byYear.length > 0 && (
        <>
          <h3>{t.trResidentsByYear}</h3>
          <ul className="residents-by-year">
            {data.residents.byYear.map((r) => (
              <li key={r.year}>
                {r.date === null
                  ? t.trResidentsNone(r.year)
                  : r.fallback
                    ? t.trResidentsFallback(r.year, formatDate(r.date, lang))
                    : t.trResidentsYear(r.year, formatDate(r.date, lang))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The money of one area over the years; the area with most money is shown first. */
function SeriesSection({ data }: { data: Transparency }) {
  const { t } = useI18n();
  const withSeries = data.areas.filter((a) => a.series.length > 0);
  const top = [...withSeries].sort((a, b) => b.money - a.money)[0];
  const [picked, setPicked] = useState<number | null>(null);
  const area = withSeries.find((a) => a.areaId === picked) ?? top;
  if (!area) return null;
  return (
    <section>
      <h2>{t.trSeries}</h2>
      <label>
        {t.trArea}{' '}
        <select value={area.areaId} onChange={(e) => setPicked(Number(e.target.value))}>
          {withSeries.map((a) => (
            <option key={a.areaId} value={a.areaId}>
              {a.name} ({a.code})
            </option>
          ))}
        </select>
      </label>
      <MoneySeriesChart series={area.series} areaName={area.name} selectedYear={data.year} />
    </section>
  );
}

/** The two gap lists in core's order (rankGaps), with need oriented so that higher = more need. */
function gapsOf(data: Transparency | null) {
  if (!data) return { underfunded: [], overfunded: [] };
  const sign = data.need?.reversed ? -1 : 1;
  const items = data.areas.map((a) => ({
    ...a,
    id: String(a.areaId),
    need: a.need === null ? null : sign * a.need,
    area: a,
  }));
  const g = rankGaps(items);
  return {
    underfunded: g.underfunded.map((i) => i.area),
    overfunded: g.overfunded.map((i) => i.area),
  };
}

export function TransparencyScreen() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const [query, setQuery] = useState<TransparencyQuery>({ need: 'index' });
  const res = useFetch(() => transparencyApi.view(query), [JSON.stringify(query)]);
  const data = res.data;
  const withMoney = data?.areas.filter((a) => a.money > 0) ?? [];
  const { underfunded: under, overfunded: over } = gapsOf(data);
  const exportQuery = { ...query, year: data?.year ?? undefined };
  return (
    <div className="page page-funding page-transparency">
      <p>
        <Link href="/foerderung">← {t.fundingBack}</Link>
      </p>
      <h1>{t.trTitle}</h1>
      <p className="lead">{t.trIntro}</p>
      {data && data.years.length === 0 ? (
        <div className="empty-state">
          <p>{t.trNoYears}</p>
          <p>
            <Link href="/foerderung">{t.trToProgrammes}</Link>
          </p>
        </div>
      ) : (
        <Pickers query={query} setQuery={setQuery} data={data} />
      )}
      {auth.can('funding.edit') && <FundingSettings onSaved={res.reload} />}
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !data && <Loading />}
      {data && data.years.length > 0 && (
        <>
          <p>
            <a className="button" href={transparencyApi.csvUrl(exportQuery)} download>
              {t.trExportCsv}
            </a>{' '}
            <a className="button" href={transparencyApi.xlsxUrl(exportQuery)} download>
              {t.trExportXlsx}
            </a>
          </p>
          {data.detail === 'totals' && <p className="muted">{t.trDetailTotals}</p>}
          {withMoney.length === 0 && <p>{t.trNoMoney}</p>}
          {data.needNote && <p className="notice">{data.needNote}</p>}
          <p className="muted">
            {data.need &&
              `${t.trNeed}: ${data.need.label}${data.need.date ? ` (${formatDate(data.need.date, lang)})` : ''}. `}
            {data.residents &&
              `${t.trResidents}: ${data.residents.label}${data.residents.date ? ` (${formatDate(data.residents.date, lang)})` : ''}.`}
          </p>
          <div className="transparency-grid">
            <MoneyMap data={data} />
            <TransparencyScatter data={data} />
          </div>
          <GapTable title={t.trUnderfunded} rows={under} data={data} />
          <GapTable title={t.trOverfunded} rows={over} data={data} />
          <GapTable title={t.trAll} rows={data.areas} data={data} />
          <SeriesSection data={data} />
          <AllocationNote data={data} />
          <Provenance data={data} />
        </>
      )}
    </div>
  );
}
