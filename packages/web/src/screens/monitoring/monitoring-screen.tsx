// Monitoring screen (/monitoring): an index (MSS 2019/2021 preset by default) at one edition, the map
// of status class, dynamics class or the 12 status × dynamics groups, the list of "Gebiete mit
// besonderem Aufmerksamkeitsbedarf", and the explanation of a clicked area. The state is in the URL
// (?index=&edition=system~level~date&view=&area=), so a link reproduces the view.
import { useMemo, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { healthApi } from '../../api/health.ts';
import { type IndexEdition, monitoringApi } from '../../api/monitoring.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { LazyMapView } from '../map/lazy-map-view.tsx';
import { retiredAt, todayIso } from '../map/retired.ts';
import { AttentionList } from './attention-list.tsx';
import { colorsFor } from './colors.ts';
import { ChangesList, previousEdition } from './changes-list.tsx';
import { ExplainPanel } from './explain-panel.tsx';
import { IndexForm } from './index-form.tsx';
import { BindForm } from './bind-form.tsx';
import { MonitoringLegend } from './matrix-legend.tsx';

const editionKey = (e: IndexEdition) => `${e.system}~${e.level}~${e.date}`;

export function MonitoringScreen({ search }: { search: string }) {
  const { t, lang } = useI18n();
  const params = new URLSearchParams(search);
  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const [editing, setEditing] = useState(false);
  const [binding, setBinding] = useState(false);
  // saving or previewing an index needs monitoring.edit (Sozialplanung); others only read
  const mayEdit = useAuth().can('monitoring.edit');
  const [notice, setNotice] = useState<string | null>(null);
  const indicesQ = useFetch(() => monitoringApi.indices(), []);
  const configQ = useFetch(() => healthApi.config(), []);
  // names for the edition picker („LOR 2021 · Planungsraum“ instead of the ids lor2021 · plr)
  const systemsQ = useFetch(() => areasApi.areaSystems(), []);
  const editionText = (e: IndexEdition) => {
    const sys = systemsQ.data?.find((x) => x.id === e.system);
    const lvl = sys?.levels.find((l) => l.id === e.level);
    const level = lvl ? (lang === 'de' ? lvl.nameDe : lvl.nameEn) : e.level;
    return `${formatDate(e.date, lang)} · ${sys?.name ?? e.system} · ${level}`;
  };
  const indexId = params.get('index') ?? indicesQ.data?.[0]?.id ?? null;
  const view =
    (['status', 'dynamics', 'matrix'] as const).find((v) => v === params.get('view')) ?? 'matrix';
  const area = params.get('area') ? Number(params.get('area')) : null;

  const update = (patch: Record<string, string | null>, replace = false) => {
    const sp = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) sp.delete(k);
      else sp.set(k, v);
    }
    const s = sp.toString();
    navigate(`/monitoring${s ? `?${s}` : ''}`, { replace });
  };

  const detailQ = useFetch(indexId ? () => monitoringApi.index(indexId) : null, [indexId]);
  const editions = detailQ.data?.id === indexId ? detailQ.data.editions : [];
  const edition =
    editions.find((e) => editionKey(e) === params.get('edition')) ?? editions[0] ?? null;
  const previous = edition ? previousEdition(editions, edition) : null;
  const resultsQ = useFetch(
    indexId && edition ? () => monitoringApi.indexResults(indexId, edition) : null,
    [indexId, edition ? editionKey(edition) : null],
  );
  const geometryQ = useFetch(
    edition ? () => areasApi.geometry(edition.system, edition.level) : null,
    [edition?.system, edition?.level],
  );
  const results =
    resultsQ.data &&
    edition &&
    resultsQ.data.date === edition.date &&
    resultsQ.data.system === edition.system
      ? resultsQ.data
      : null;
  // areas retired before the edition's date are not drawn (ADR 0022)
  const retired = useMemo(
    () => retiredAt(geometryQ.data, edition?.date ?? todayIso()),
    [geometryQ.data, edition?.date],
  );
  const colors = useMemo(
    () => (results ? colorsFor(results, view) : new Map<number, string | null>()),
    [results, view],
  );
  const byId = useMemo(() => new Map((results?.areas ?? []).map((a) => [a.areaId, a])), [results]);

  if (indicesQ.status === 'error')
    return <ErrorState error={indicesQ.error} onRetry={indicesQ.reload} />;
  if (!indicesQ.data) return <Loading />;
  const indices = indicesQ.data;
  const viewLabel =
    view === 'status' ? t.monViewStatus : view === 'dynamics' ? t.monViewDynamics : t.monViewMatrix;
  const dateText = edition ? formatDate(edition.date, lang) : '';
  const indexLabel = indices.find((i) => i.id === indexId)?.label ?? '';
  const basemap =
    configQ.status === 'loading' ? undefined : (configQ.data?.basemapStyleUrl ?? null);
  const hovered = hover ? byId.get(hover.id) : undefined;
  const selectArea = (id: number) => update({ area: String(id) });

  return (
    <div
      className="monitoring-screen"
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
    >
      <div
        role="toolbar"
        aria-label={t.monTitle}
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 16,
          alignItems: 'end',
          padding: '8px 12px',
          borderBottom: '1px solid #d0d5db',
          background: '#fff',
        }}
      >
        <h1 style={{ fontSize: 18, margin: 0, alignSelf: 'center' }}>{t.monTitle}</h1>
        <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13 }}>
          {t.monIndex}
          <select
            value={indexId ?? ''}
            onChange={(e) => {
              // the form belongs to the index it was opened on
              setEditing(false);
              setBinding(false);
              setNotice(null);
              update({ index: e.target.value, edition: null, area: null });
            }}
          >
            {indices.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
                {i.preset ? ` (${t.monPreset})` : ` (v${i.version})`}
              </option>
            ))}
          </select>
        </label>
        <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13 }}>
          {t.monEdition}
          <select
            value={edition ? editionKey(edition) : ''}
            onChange={(e) => update({ edition: e.target.value, area: null })}
            disabled={editions.length === 0}
          >
            {editions.map((e) => (
              <option key={editionKey(e)} value={editionKey(e)}>
                {editionText(e)}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label={t.monView} style={{ display: 'flex', gap: 4 }}>
          {(['status', 'dynamics', 'matrix'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="btn btn-toggle"
              aria-pressed={view === v}
              onClick={() => update({ view: v }, true)}
            >
              {v === 'status'
                ? t.monViewStatus
                : v === 'dynamics'
                  ? t.monViewDynamics
                  : t.monViewMatrix}
            </button>
          ))}
        </div>
        {mayEdit ? (
          <button
            type="button"
            className="btn"
            aria-pressed={editing}
            onClick={() => {
              // one form at a time in the side panel
              setEditing(!editing);
              setBinding(false);
            }}
            disabled={!detailQ.data}
          >
            {t.monEdit}
          </button>
        ) : null}
        {mayEdit ? (
          <button
            type="button"
            className="btn"
            aria-pressed={binding}
            onClick={() => {
              setBinding(!binding);
              setEditing(false);
            }}
            disabled={!detailQ.data}
          >
            {t.bindOpen}
          </button>
        ) : (
          <p
            className="hint"
            style={{ margin: 0, fontSize: 13, color: '#444', alignSelf: 'center' }}
          >
            {t.monEditNoPermission}
          </p>
        )}
        {results && (
          <p style={{ margin: 0, fontSize: 13, color: '#444', alignSelf: 'center' }}>
            {t.monScoredCount(
              formatNumber(results.counts.scored, 0, lang),
              formatNumber(results.counts.unscored, 0, lang),
            )}
          </p>
        )}
      </div>
      <div className="monitoring-body" style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <div style={{ position: 'relative', flex: 1, minWidth: 0, minHeight: 480 }}>
          {detailQ.status === 'ok' && editions.length === 0 && <Empty>{t.monNoEditions}</Empty>}
          {resultsQ.status === 'error' && (
            <ErrorState error={resultsQ.error} what={indexLabel} onRetry={resultsQ.reload} />
          )}
          {geometryQ.data && basemap !== undefined && (
            <div style={{ position: 'absolute', inset: 0 }}>
              <LazyMapView
                geometry={geometryQ.data}
                colors={colors}
                selectedArea={area}
                basemapStyleUrl={basemap}
                ariaLabel={t.monMapLabel(indexLabel, viewLabel, dateText)}
                onHover={setHover}
                onSelect={selectArea}
                hidden={retired}
              />
            </div>
          )}
          {(resultsQ.status === 'loading' || geometryQ.status === 'loading') && (
            <div style={{ position: 'absolute', top: 12, left: 12 }}>
              <Loading />
            </div>
          )}
          {hover && hovered && (
            <div
              className="map-tooltip"
              style={{ left: hover.x + 14, top: hover.y + 14 }}
              aria-hidden="true"
            >
              <strong>{hovered.name}</strong>
              <span>
                {hovered.scored
                  ? (hovered.group?.label ?? hovered.status?.classLabel)
                  : `${t.monNotScored}: ${hovered.reason ?? ''}`}
              </span>
            </div>
          )}
          {results && (
            <MonitoringLegend
              results={results}
              view={view}
              title={`${viewLabel} · ${t.referenceDate} ${dateText}`}
            />
          )}
        </div>
        <aside
          className="monitoring-aside"
          style={{
            width: 480,
            maxWidth: '48%',
            overflowY: 'auto',
            padding: '10px 12px',
            borderLeft: '1px solid #d0d5db',
            background: '#fff',
          }}
        >
          {mayEdit && binding && detailQ.data && detailQ.data.id === indexId && (
            <BindForm
              base={detailQ.data}
              onClose={() => setBinding(false)}
              onSaved={(saved) => {
                setBinding(false);
                setNotice(t.bindSaved(saved.label));
                indicesQ.reload();
                update({ index: saved.id, area: null, edition: null });
              }}
            />
          )}
          {mayEdit && editing && detailQ.data && detailQ.data.id === indexId && (
            <IndexForm
              base={detailQ.data}
              edition={edition}
              onClose={() => setEditing(false)}
              onSaved={(saved) => {
                setNotice(t.monEditSaved(saved.id, String(saved.version)));
                indicesQ.reload();
                if (saved.id === indexId) detailQ.reload();
                else update({ index: saved.id, area: null });
              }}
            />
          )}
          {notice && (
            <p
              role="status"
              style={{ margin: '0 0 10px', color: '#1b5e20', fontWeight: 600, fontSize: 13 }}
            >
              {notice}
            </p>
          )}
          {area !== null && indexId && edition ? (
            <ExplainPanel
              indexId={indexId}
              areaId={area}
              edition={edition}
              onClose={() => update({ area: null })}
              onSelect={selectArea}
            />
          ) : (
            <p style={{ fontSize: 13, color: '#444', marginTop: 0 }}>{t.monClickHint}</p>
          )}
          {indexId && edition && previous && (
            <ChangesList
              indexId={indexId}
              edition={edition}
              previous={previous}
              onSelect={selectArea}
            />
          )}
          {results && <AttentionList areas={results.areas} selected={area} onSelect={selectArea} />}
        </aside>
      </div>
    </div>
  );
}
