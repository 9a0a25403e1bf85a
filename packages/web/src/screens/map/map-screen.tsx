// The main screen: full-height choropleth of one indicator with a slim top bar, legend, table toggle,
// source/licence line and the area profile as a side panel. All settings live in the URL.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { datesFor, resolveMapState } from './resolve.ts';
import { type Level, areasApi } from '../../api/areas.ts';
import { healthApi } from '../../api/health.ts';
import { type ValuesResponse, indicatorsApi } from '../../api/indicators.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { navigate } from '../../lib/router.ts';
import { parseMapState, serializeMapState } from '../../lib/url-state.ts';
import type { MapState } from '../../lib/url-state.ts';
import {
  breakDecimals,
  classifyForMap,
  formatDate,
  formatNumber,
  formatValue,
  paletteFor,
  unitText,
} from '../../lib/core-bridge.ts';
import { buildLegend, englishRange, germanRange, innerBreaks } from '../../lib/legend.ts';
import { indicatorName, levelName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { SourceLine } from '../../components/source-line.tsx';
import { LazyMapView, preloadMapView } from './lazy-map-view.tsx';
import { PointLayerToggles } from './point-layer-toggles.tsx';
import type { PointLayerData } from './point-colors.ts';
import { LegendBox } from './legend-box.tsx';
import { ValueTable } from './value-table.tsx';
import { TopBar } from './top-bar.tsx';
import { ProfilePanel } from '../profile/profile-panel.tsx';
import { endDates, retiredAt, todayIso, withoutRetired } from './retired.ts';
import { AvailabilityNotice, unavailability } from './availability-notice.tsx';
import { cityValueText } from '../../lib/city-text.ts';
import { AreaSearch } from './area-search.tsx';
import { VisibleAreas } from './visible-areas.tsx';
import './orient.css';
import { areasInView, bboxOf, type AreaHit, type Bbox } from './area-find.ts';

import { LAST_MAP_URL_KEY } from './last-map-url.ts';
export { LAST_MAP_URL_KEY };

export function MapScreen({ search }: { search: string }) {
  const { t, lang } = useI18n();
  const legendId = useId();
  const state = useMemo(() => parseMapState(search), [search]);
  const [pointLayers, setPointLayers] = useState<PointLayerData[]>([]);
  // the map's code loads alongside the geometry and values, not after them
  useEffect(() => void preloadMapView().catch(() => undefined), []);

  const systemsQ = useFetch(() => areasApi.areaSystems(), []);
  const indicatorsQ = useFetch(() => indicatorsApi.indicators(), []);
  const configQ = useFetch(() => healthApi.config(), []);
  const systems = systemsQ.data;
  const indicators = indicatorsQ.data;

  const resolved = useMemo(
    () => (systems && indicators ? resolveMapState(state, systems, indicators) : state),
    [state, systems, indicators],
  );

  // write the resolved defaults into the URL once, so the address bar always reproduces the view
  useEffect(() => {
    if (!systems || !indicators) return;
    const url = `/${serializeMapState(resolved)}`;
    if (url !== `/${search}`) navigate(url, { replace: true });
    try {
      sessionStorage.setItem(LAST_MAP_URL_KEY, url);
    } catch {
      // ignore
    }
  }, [resolved, search, systems, indicators]);

  const update = useCallback(
    (patch: Partial<MapState>, opts: { replace?: boolean } = {}) =>
      navigate(`/${serializeMapState({ ...resolved, ...patch })}`, opts),
    [resolved],
  );

  const system = systems?.find((s) => s.id === resolved.system) ?? null;
  const level: Level | null = system?.levels.find((l) => l.id === resolved.level) ?? null;
  const indicator = indicators?.find((i) => i.id === resolved.indicator) ?? null;
  const levelIndicators = useMemo(
    () => (indicators ?? []).filter((i) => datesFor(i, resolved.system, resolved.level).length > 0),
    [indicators, resolved.system, resolved.level],
  );
  const dates = useMemo(
    () => datesFor(indicator, resolved.system, resolved.level),
    [indicator, resolved.system, resolved.level],
  );
  // the chosen indicator stays in the picker even where this level has no data for it
  const pickerIndicators = useMemo(
    () =>
      indicator && !levelIndicators.includes(indicator)
        ? [indicator, ...levelIndicators]
        : levelIndicators,
    [indicator, levelIndicators],
  );
  const why = systems && indicators ? unavailability(resolved, indicator, dates) : null;

  const geometryQ = useFetch(
    resolved.system && resolved.level
      ? () => areasApi.geometry(resolved.system!, resolved.level!)
      : null,
    [resolved.system, resolved.level],
  );
  // the top level's boundaries and names over a finer level, for orientation (label-layers.ts)
  const topLevel = system?.levels.find((l) => l.depth === 0) ?? null;
  const upperId = topLevel && level && level.depth > 0 ? topLevel.id : null;
  const upperQ = useFetch(
    resolved.system && upperId ? () => areasApi.geometry(resolved.system!, upperId) : null,
    [resolved.system, upperId],
  );
  const valuesQ = useFetch<ValuesResponse>(
    resolved.indicator && resolved.system && resolved.level && !why
      ? () =>
          indicatorsApi.values({
            indicator: resolved.indicator!,
            system: resolved.system!,
            level: resolved.level!,
            date: resolved.date,
          })
      : null,
    [resolved.indicator, resolved.system, resolved.level, resolved.date, why === null],
  );
  // a stale response (other indicator/level) must not colour the map
  const values =
    valuesQ.data &&
    valuesQ.data.indicator.id === resolved.indicator &&
    valuesQ.data.levelId === resolved.level &&
    valuesQ.data.systemId === resolved.system
      ? valuesQ.data
      : null;
  const shownDate = values?.date ?? resolved.date ?? dates[dates.length - 1] ?? null;
  // areas retired before the shown date do not exist then: not drawn, not counted, not listed (ADR 0022)
  const retired = useMemo(
    () => retiredAt(geometryQ.data, shownDate ?? todayIso()),
    [geometryQ.data, shownDate],
  );
  const rows = useMemo(
    () => (values ? withoutRetired(values.values, retired) : []),
    [values, retired],
  );
  const endById = useMemo(() => endDates(geometryQ.data), [geometryQ.data]);

  const classification = useMemo(() => {
    if (!values || !indicator) return null;
    const vals = rows.map((v) => v.value);
    const mc = classifyForMap(
      vals,
      resolved.method,
      resolved.classes,
      resolved.breaks,
      indicator.polarity,
    );
    const finite = vals.filter((v): v is number => v !== null);
    const decimals = breakDecimals(mc.bounds, indicator.decimals ?? 1);
    const fmt = (n: number) => formatNumber(n, decimals, lang);
    const noData = vals.length - finite.length;
    const legend = buildLegend(
      mc.bounds,
      mc.counts,
      mc.colors,
      noData,
      lang === 'de' ? germanRange(fmt) : englishRange(fmt),
    );
    const byArea = new Map<number, string | null>();
    const classByArea = new Map<number, number>();
    rows.forEach((v, i) => {
      const c = mc.classOf[i] ?? -1;
      byArea.set(v.areaId, c < 0 ? null : (mc.colors[c] ?? null));
      classByArea.set(v.areaId, c);
    });
    return { ...mc, legend, byArea, classByArea, decimals, allMissing: finite.length === 0 };
  }, [values, rows, indicator, resolved.method, resolved.classes, resolved.breaks, lang]);

  // while the next indicator or date loads, keep the last colours instead of flashing everything as "no data"
  const lastColors = useRef<ReadonlyMap<number, string | null>>(EMPTY_COLORS);
  if (classification) lastColors.current = classification.byArea;
  const mapColors =
    classification?.byArea ?? (valuesQ.status === 'loading' ? lastColors.current : EMPTY_COLORS);

  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const valueById = useMemo(
    () => new Map((values?.values ?? []).map((v) => [v.areaId, v])),
    [values],
  );
  const nameById = useMemo(
    () => new Map((geometryQ.data?.features ?? []).map((f) => [f.id, f.properties.name])),
    [geometryQ.data],
  );

  const selectArea = useCallback((id: number) => update({ area: id }), [update]);
  // orientation (issue 11 § 2): the area search flies to its find; the list of visible areas follows the view
  const [flyTo, setFlyTo] = useState<{ id: number; seq: number } | null>(null);
  const [view, setView] = useState<Bbox | null>(null);
  const boxes = useMemo(
    () =>
      (geometryQ.data?.features ?? []).map((f) => ({
        id: f.id,
        name: f.properties.name,
        code: f.properties.code,
        bbox: bboxOf(f.geometry),
      })),
    [geometryQ.data],
  );
  const visibleAreas = useMemo(
    () => (view ? areasInView(boxes, view, retired) : []),
    [boxes, view, retired],
  );
  const pickArea = useCallback(
    (hit: AreaHit) => {
      setFlyTo((f) => ({ id: hit.id, seq: (f?.seq ?? 0) + 1 }));
      update({ level: hit.levelId, area: hit.id });
    },
    [update],
  );
  const closeProfile = useCallback(() => {
    update({ area: null });
    // give focus back to where the planner came from: the map (or the table)
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.maplibregl-canvas, .data-table button')?.focus(),
    );
  }, [update]);
  /**
   * A new system or level keeps the indicator and the date; where they have no data there the map
   * says so and offers the way out (availability-notice.tsx) instead of silently showing another one.
   */
  const changeArea = useCallback(
    (patch: Partial<MapState>) => update({ ...patch, area: null }),
    [update],
  );

  if (systemsQ.status === 'error')
    return <ErrorState error={systemsQ.error} what={t.areaSystem} onRetry={systemsQ.reload} />;
  if (indicatorsQ.status === 'error')
    return <ErrorState error={indicatorsQ.error} what={t.indicator} onRetry={indicatorsQ.reload} />;
  if (!systems || !indicators) return <Loading />;
  if (systems.length === 0) return <Empty>{t.noAreaSystems}</Empty>;

  const indName = indicator ? indicatorName(indicator, lang) : '';
  const lvlName = level ? levelName(level, lang) : '';
  const dateText = formatDate(shownDate, lang);
  const mapLabel = indicator ? t.mapLabel(indName, lvlName, dateText) : t.noIndicator;
  const hovered = hover ? valueById.get(hover.id) : undefined;
  // the city value with its coverage ("Summe von 11 der 13 Gebiete"), on the legend and under the table
  const cityText =
    indicator && values
      ? cityValueText(
          values.city,
          indicator.unit,
          (v) => formatValue(v, indicator.unit, indicator.decimals, lang),
          lang,
        )
      : null;
  const cityLine = cityText ? `${t.cityValue}: ${cityText}` : null;
  const hoverName = hover ? (hovered?.name ?? nameById.get(hover.id) ?? '') : '';
  const hoverEnd = hover ? endById.get(hover.id) : undefined;
  const retiredNote =
    retired.size > 0
      ? t.retiredHidden(retired.size, formatDate(shownDate ?? todayIso(), lang))
      : null;
  const basemap =
    configQ.status === 'loading' ? undefined : (configQ.data?.basemapStyleUrl ?? null);

  let overlay: React.ReactNode = null;
  if (why)
    overlay = (
      <AvailabilityNotice
        why={why}
        indicator={indicator}
        level={level}
        systems={systems}
        onChange={update}
      />
    );
  else if (!indicator)
    overlay = (
      <Empty>{levelIndicators.length === 0 ? t.indicatorNoneForLevel : t.noIndicator}</Empty>
    );
  else if (valuesQ.status === 'error' && valuesQ.error.status === 404 && resolved.date)
    // the server answers 404 for a date without data on this level: an empty state, not an error
    overlay = (
      <Empty>
        <p className="state-title-neutral">{t.noDataForDate(dateText)}</p>
        {dates.length > 0 && (
          <button type="button" className="btn" onClick={() => update({ date: null })}>
            {t.showLatestDate(formatDate(dates[dates.length - 1], lang))}
          </button>
        )}
      </Empty>
    );
  else if (valuesQ.status === 'error')
    overlay = <ErrorState error={valuesQ.error} what={indName} onRetry={valuesQ.reload} />;
  else if (geometryQ.status === 'error')
    overlay = <ErrorState error={geometryQ.error} what={lvlName} onRetry={geometryQ.reload} />;
  else if (classification?.allMissing) overlay = <Empty>{t.noDataForDate(dateText)}</Empty>;

  return (
    <div className={`map-screen${resolved.area !== null ? ' has-panel' : ''}`}>
      <TopBar
        systems={systems}
        system={system}
        level={level}
        indicators={pickerIndicators}
        indicator={indicator}
        dates={dates}
        date={shownDate}
        state={resolved}
        currentBreaks={classification ? innerBreaks(classification.bounds) : []}
        breakDecimals={classification?.decimals ?? indicator?.decimals ?? 1}
        colors={
          classification?.colors ??
          (indicator ? paletteFor(indicator.polarity, resolved.classes) : [])
        }
        onChange={update}
        onAreaLevelChange={changeArea}
        extra={<AreaSearch system={system} onPick={pickArea} />}
        onIndicatorChange={(id) => {
          // the chosen date stays; where the new indicator lacks it the map offers the nearest one
          // (availability-notice.tsx) rather than silently showing another date
          update({
            indicator: id,
            breaks: null,
            method: resolved.method === 'manual' ? 'quantile' : resolved.method,
          });
        }}
      />
      <div className="map-body">
        <div className="map-main">
          {resolved.view === 'table' && indicator && values && classification ? (
            <ValueTable
              caption={t.tableCaption(indName, dateText)}
              indicator={indicator}
              values={rows}
              classByArea={classification.classByArea}
              colors={classification.colors}
              selectedArea={resolved.area}
              onSelect={selectArea}
              cityLine={[cityLine, retiredNote].filter(Boolean).join(' · ') || null}
            />
          ) : (
            <div className="map-stage">
              {geometryQ.data && basemap !== undefined && (
                <LazyMapView
                  geometry={geometryQ.data}
                  colors={mapColors}
                  selectedArea={resolved.area}
                  basemapStyleUrl={basemap}
                  ariaLabel={mapLabel}
                  describedBy={`${legendId}-alt`}
                  onHover={setHover}
                  onSelect={selectArea}
                  points={pointLayers}
                  hidden={retired}
                  flyTo={flyTo}
                  onViewChange={setView}
                  upper={upperId ? (upperQ.data ?? null) : null}
                />
              )}
              <PointLayerToggles onChange={setPointLayers} />
              {geometryQ.data && view && (
                <VisibleAreas areas={visibleAreas} selected={resolved.area} onSelect={selectArea} />
              )}
              <p id={`${legendId}-alt`} className="visually-hidden">
                {t.mapTextAlternative}
              </p>
              {(geometryQ.status === 'loading' ||
                (indicator !== null && !why && valuesQ.status === 'loading')) && (
                <div className="map-loading">
                  <Loading />
                </div>
              )}
              {hover && (
                <div
                  className="map-tooltip"
                  style={{ left: hover.x + 14, top: hover.y + 14 }}
                  aria-hidden="true"
                >
                  <strong>{hoverName}</strong>
                  <span>
                    {hovered && hovered.value !== null && indicator
                      ? formatValue(hovered.value, indicator.unit, indicator.decimals, lang)
                      : t.noData}
                  </span>
                  {hoverEnd && <span>{t.areaRetiredOn(formatDate(hoverEnd, lang))}</span>}
                </div>
              )}
              {indicator && classification && !classification.allMissing && (
                <LegendBox
                  id={legendId}
                  title={indName}
                  subtitle={`${indicator.unit ? `${unitText(indicator.unit, lang)} · ` : ''}${t.referenceDate} ${dateText}`}
                  legend={classification.legend}
                  note={`${t.palette}: ${t.polarityLabel(indicator.polarity)}${retiredNote ? `. ${retiredNote}` : ''}`}
                  cityLine={cityLine}
                />
              )}
              {overlay && <div className="map-overlay">{overlay}</div>}
            </div>
          )}
          {resolved.view === 'table' && overlay && <div className="table-overlay">{overlay}</div>}
          <footer className="attribution" aria-label={t.sourceLabel}>
            {indicator && <SourceLine source={indicator.source} prefix={indName} />}
            {values && values.city.method && (
              <span className="attribution-item">
                {t.cityValue}: {values.city.method}
              </span>
            )}
            {system && (
              <SourceLine source={system.source} prefix={`${t.geometrySource} ${system.name}`} />
            )}
          </footer>
        </div>
        {resolved.area !== null && (
          <ProfilePanel
            areaId={resolved.area}
            date={resolved.date}
            indicator={resolved.indicator}
            onClose={closeProfile}
          />
        )}
      </div>
    </div>
  );
}

const EMPTY_COLORS: ReadonlyMap<number, string | null> = new Map();
