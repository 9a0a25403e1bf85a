// The MapLibre choropleth: areas filled by class colour, hatched where there is no value. The
// geometry goes into the source once per level; colours are feature state (area-paint.ts, ADR 0026).
// Fully offline: a blank background style with our own layers, unless a basemap style URL is configured.
import { fitPadding } from '../../lib/fit-padding.ts';
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, prewarm, setWorkerUrl } from 'maplibre-gl';
import type { GeoJSONSource, MapLayerMouseEvent, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { AreaCollection } from '../../api/areas.ts';
import { NO_DATA_COLOR } from '../../lib/core-bridge.ts';
import { createHatchImage, HATCH_IMAGE_ID } from '../../lib/hatch.ts';
import { useI18n } from '../../i18n/index.tsx';
import {
  areaPaintStates,
  fillColorFromState,
  hatchOpacityFromState,
  sameIds,
  selectedFilter,
  shownFilter,
} from './area-paint.ts';
import { addLabelLayers, glyphUrl, reportLabels, setUpperAreas } from './label-layers.ts';
import { syncPointLayers, type PointLayerData } from './point-layer.ts';
import { bboxOf, type Bbox } from './area-find.ts';

// Without this Vite bundles no worker and MapLibre fails with "Worker failed to load" (docs/stack.md).
setWorkerUrl(workerUrl);
// start the tile workers with the chunk, while the screen still waits for its geometry
prewarm();

const SOURCE = 'areas';
/** The layers that draw areas; a hidden (retired) area is filtered out of each. */
const AREA_LAYERS = ['areas-fill', 'areas-nodata', 'areas-line', 'areas-hover'] as const;
/** The offline style: a blank background, and our own glyphs for the names. */
const blankStyle = (): StyleSpecification => ({
  version: 8,
  glyphs: glyphUrl(window.location.origin),
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dde2e7' } }],
});

export interface MapViewProps {
  geometry: AreaCollection;
  /** Fill colour per area id; null = no data (hatched). */
  colors: ReadonlyMap<number, string | null>;
  selectedArea: number | null;
  basemapStyleUrl: string | null;
  ariaLabel: string;
  describedBy?: string;
  onHover: (hover: { id: number; x: number; y: number } | null) => void;
  onSelect: (id: number) => void;
  /** Point datasets (Standorte) shown on top, clustered at low zoom. */
  points?: readonly PointLayerData[];
  /** Areas not drawn (retired before the shown date); the view still fits the whole level. */
  hidden?: ReadonlySet<number>;
  /** Fly to this area (a new `seq` flies again, e.g. after an area search). */
  flyTo?: { id: number; seq: number } | null;
  /** The visible part of the map after every move, as [west, south, east, north]. */
  onViewChange?: (view: Bbox) => void;
  /** The top level's areas (boundaries and names drawn above); null when the level is the top. */
  upper?: AreaCollection | null;
  /** Called once, at the first frame that shows the areas with their colours. */
  onPainted?: () => void;
}

function boundsOf(fc: AreaCollection): [[number, number], [number, number]] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const x = c[0];
      const y = c[1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      return;
    }
    for (const child of c) visit(child);
  };
  for (const f of fc.features) if (f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(minX)
    ? [
        [minX, minY],
        [maxX, maxY],
      ]
    : null;
}

/** Renders the choropleth and reports hover and click by area id. */
export function MapView(props: MapViewProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const propsRef = useRef(props);
  propsRef.current = props;
  const hovered = useRef<number | null>(null);
  /** The hidden areas the layer filters leave out now (a new map starts with none). */
  const shownHidden = useRef<ReadonlySet<number> | undefined>(undefined);
  /** The bounds of the area last flown to; a resize keeps it in view instead of the whole level. */
  const flown = useRef<[[number, number], [number, number]] | null>(null);
  const flownSeq = useRef<number | null>(null);

  // create the map once per basemap setting
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: props.basemapStyleUrl ?? blankStyle(),
      center: [13.4, 52.52],
      zoom: 9,
      attributionControl: props.basemapStyleUrl ? { compact: true } : false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      dragRotate: false,
      pitchWithRotate: false,
      locale: {
        'Map.Title': propsRef.current.ariaLabel,
        'NavigationControl.ZoomIn': t.zoomIn,
        'NavigationControl.ZoomOut': t.zoomOut,
      },
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    map.on('load', () => {
      map.addImage(HATCH_IMAGE_ID, createHatchImage());
      map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      const opacity = propsRef.current.basemapStyleUrl ? 0.75 : 1;
      map.addLayer({
        id: 'areas-fill',
        type: 'fill',
        source: SOURCE,
        paint: { 'fill-color': fillColorFromState(NO_DATA_COLOR), 'fill-opacity': opacity },
      });
      map.addLayer({
        id: 'areas-nodata',
        type: 'fill',
        source: SOURCE,
        paint: { 'fill-pattern': HATCH_IMAGE_ID, 'fill-opacity': hatchOpacityFromState },
      });
      map.addLayer({
        id: 'areas-line',
        type: 'line',
        source: SOURCE,
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 13, 1.2],
        },
      });
      map.addLayer({
        id: 'areas-hover',
        type: 'line',
        source: SOURCE,
        paint: {
          'line-color': '#1a1a1a',
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2, 0],
        },
      });
      map.addLayer({
        id: 'areas-selected',
        type: 'line',
        source: SOURCE,
        filter: ['==', ['id'], -1],
        paint: { 'line-color': '#0b3a66', 'line-width': 3.5 },
      });
      addLabelLayers(map, SOURCE, !propsRef.current.basemapStyleUrl);
      reportLabels(map);
      setReady(true);
    });
    const setHover = (id: number | null) => {
      if (hovered.current !== null)
        map.setFeatureState({ source: SOURCE, id: hovered.current }, { hover: false });
      hovered.current = id;
      if (id !== null) map.setFeatureState({ source: SOURCE, id }, { hover: true });
    };
    map.on('mousemove', 'areas-fill', (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      const id = typeof f?.id === 'number' ? f.id : null;
      if (id === null) return;
      if (id !== hovered.current) setHover(id);
      map.getCanvas().style.cursor = 'pointer';
      propsRef.current.onHover({ id, x: e.point.x, y: e.point.y });
    });
    map.on('mouseleave', 'areas-fill', () => {
      setHover(null);
      map.getCanvas().style.cursor = '';
      propsRef.current.onHover(null);
    });
    // the tooltip belongs to a point on the screen: when the map moves it would name the wrong area
    map.on('movestart', () => {
      setHover(null);
      propsRef.current.onHover(null);
    });
    map.on('moveend', () => {
      const b = map.getBounds();
      propsRef.current.onViewChange?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    });
    map.on('click', 'areas-fill', (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.id;
      if (typeof id === 'number') propsRef.current.onSelect(id);
    });
    return () => {
      setReady(false);
      shownHidden.current = undefined;
      map.remove();
      mapRef.current = null;
    };
    // the map is rebuilt only when the basemap changes; everything else is updated in place
  }, [props.basemapStyleUrl]);

  // new geometry: fit the view to it; when the map's size changes (the profile panel opens or
  // closes, the window is resized) fit again — unless the person has panned or zoomed since.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const b = boundsOf(props.geometry);
    if (!b) return;
    let moved = false;
    flown.current = null;
    const fit = () =>
      map.fitBounds(b, { padding: fitPadding(map.getCanvas().clientWidth), animate: false });
    const onMoveStart = (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) {
        moved = true; // a drag, wheel or key, not our own fitBounds
        flown.current = null;
      }
    };
    const onResize = () => {
      const target = flown.current;
      if (target) map.fitBounds(target, { padding: 40, animate: false });
      else if (!moved) fit();
    };
    fit();
    map.on('movestart', onMoveStart);
    map.on('zoomstart', onMoveStart);
    map.on('resize', onResize);
    return () => {
      map.off('movestart', onMoveStart);
      map.off('zoomstart', onMoveStart);
      map.off('resize', onResize);
    };
  }, [ready, props.geometry]);

  // geometry into the source once per level (not per indicator or date); old states go with it
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.removeFeatureState({ source: SOURCE });
    hovered.current = null;
    map
      .getSource<GeoJSONSource>(SOURCE)
      ?.setData(props.geometry as Parameters<GeoJSONSource['setData']>[0]);
  }, [ready, props.geometry]);

  // colours as feature state: the paint expressions restyle without re-sending geometry
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const { id, state } of areaPaintStates(
      props.geometry.features,
      props.colors,
      NO_DATA_COLOR,
    ))
      map.setFeatureState({ source: SOURCE, id }, state);
    markFirstPaint(map, props.colors, () => propsRef.current.onPainted?.());
  }, [ready, props.geometry, props.colors]);

  // retired areas: filtered out by id, and only when the set of them changes
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (sameIds(shownHidden.current, props.hidden)) return;
    shownHidden.current = props.hidden;
    const filter = shownFilter(props.hidden);
    for (const layer of AREA_LAYERS) map.setFilter(layer, filter);
    if (map.getLayer('areas-label')) map.setFilter('areas-label', filter);
    map.setFilter('areas-selected', selectedFilter(propsRef.current.selectedArea, props.hidden));
  }, [ready, props.hidden]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setFilter('areas-selected', selectedFilter(props.selectedArea, shownHidden.current));
  }, [ready, props.selectedArea]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    syncPointLayers(map, props.points ?? []);
  }, [ready, props.points]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    setUpperAreas(map, props.upper ?? null);
  }, [ready, props.upper]);

  // fly to an area found by the search, once per request, when its level's geometry is there
  useEffect(() => {
    const map = mapRef.current;
    const target = props.flyTo;
    if (!ready || !map || !target || flownSeq.current === target.seq) return;
    const f = props.geometry.features.find((x) => x.id === target.id);
    const b = f ? bboxOf(f.geometry) : null;
    if (!b) return;
    flownSeq.current = target.seq;
    flown.current = [
      [b[0], b[1]],
      [b[2], b[3]],
    ];
    map.fitBounds(flown.current, { padding: 40, maxZoom: 14, duration: 600 });
  }, [ready, props.geometry, props.flyTo]);

  // the canvas is the keyboard-focusable element: give it the accessible name
  useEffect(() => {
    const canvas = mapRef.current?.getCanvas();
    if (!canvas) return;
    canvas.setAttribute('aria-label', props.ariaLabel);
    if (props.describedBy) canvas.setAttribute('aria-describedby', props.describedBy);
  }, [ready, props.ariaLabel, props.describedBy]);

  return <div ref={container} className="map-canvas" role="region" aria-label={props.ariaLabel} />;
}

/**
 * Notes when the map first shows coloured areas (`data-painted-at`: ms since navigation start, at
 * the first frame drawn after the areas' source has loaded with values) — what the first-paint
 * bench reads (issue 11 § 6). Names and labels may still be placed after it.
 */
function markFirstPaint(
  map: MapLibreMap,
  colors: ReadonlyMap<number, string | null>,
  onPainted: () => void,
): void {
  const box = map.getContainer();
  if (box.dataset.paintedAt || ![...colors.values()].some((c) => c !== null)) return;
  const onRender = () => {
    if (!map.isSourceLoaded(SOURCE)) return;
    box.dataset.paintedAt ??= String(Math.round(performance.now()));
    map.off('render', onRender);
    onPainted();
  };
  map.on('render', onRender);
  map.triggerRepaint();
}
