// Point datasets (Standorte) on the map: one clustered GeoJSON source per shown dataset (MapLibre
// cluster: true, so thousands of Kitas stay readable at low zoom), circles sized by cluster count,
// the name in a popup on click (no text layers: thousands of names would cover the area labels).
import {
  Popup,
  type CircleLayerSpecification,
  type GeoJSONSource,
  type GeoJSONSourceSpecification,
  type Map as MapLibreMap,
  type MapLayerMouseEvent,
} from 'maplibre-gl';
import type { PointLayerData } from './point-colors.ts';

export type { PointLayerData } from './point-colors.ts';

const PREFIX = 'points-';
const shown = new WeakMap<MapLibreMap, Set<string>>();

/** A layer's lines (a measure's route) under its points, the name in a popup on click. */
function addLines(map: MapLibreMap, layer: PointLayerData): void {
  if (!layer.lines || layer.lines.features.length === 0) return;
  const src = `${PREFIX}${layer.id}-lines`;
  map.addSource(src, {
    type: 'geojson',
    data: layer.lines as Parameters<GeoJSONSource['setData']>[0],
  });
  map.addLayer({
    id: src,
    type: 'line',
    source: src,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': layer.color, 'line-width': 4, 'line-opacity': 0.85 },
  });
  map.on('click', src, (e: MapLayerMouseEvent) => {
    const name =
      typeof e.features?.[0]?.properties?.name === 'string' ? e.features[0].properties.name : '';
    new Popup({ closeButton: true, focusAfterOpen: true })
      .setLngLat(e.lngLat)
      .setText(`${layer.name}: ${name}`)
      .addTo(map);
  });
}

/**
 * The source and its two circle layers for one point dataset (pure specs, no map): the source
 * clusters points within 40 px up to zoom 13; one layer draws the clusters (features with
 * point_count), the other the single points (features without).
 */
export function pointLayerSpecs(layer: PointLayerData): {
  sourceId: string;
  source: GeoJSONSourceSpecification;
  clusters: CircleLayerSpecification;
  points: CircleLayerSpecification;
} {
  const src = PREFIX + layer.id;
  return {
    sourceId: src,
    source: {
      type: 'geojson',
      data: layer.data as GeoJSONSourceSpecification['data'],
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: 13,
    },
    clusters: {
      id: `${src}-clusters`,
      type: 'circle',
      source: src,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': layer.color,
        'circle-opacity': 0.75,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-radius': ['step', ['get', 'point_count'], 9, 10, 13, 50, 18],
      },
    },
    points: {
      id: `${src}-points`,
      type: 'circle',
      source: src,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': layer.color,
        'circle-radius': 5,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  };
}

function add(map: MapLibreMap, layer: PointLayerData): void {
  const { sourceId: src, source, clusters, points } = pointLayerSpecs(layer);
  addLines(map, layer);
  map.addSource(src, source);
  map.addLayer(clusters);
  map.addLayer(points);
  map.on('click', `${src}-points`, (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (!f || f.geometry.type !== 'Point') return;
    const name = typeof f.properties?.name === 'string' ? f.properties.name : '';
    new Popup({ closeButton: true, focusAfterOpen: true })
      .setLngLat(f.geometry.coordinates as [number, number])
      .setText(`${layer.name}: ${name}`)
      .addTo(map);
  });
  map.on('click', `${src}-clusters`, (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (!f || f.geometry.type !== 'Point') return;
    const n = Number(f.properties?.point_count ?? 0);
    // zoom in one step onto the cluster; its size is said in a popup for keyboard and screen readers
    map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: map.getZoom() + 2 });
    new Popup({ closeButton: true })
      .setLngLat(f.geometry.coordinates as [number, number])
      .setText(`${layer.name}: ${n.toLocaleString('de-DE')} Standorte`)
      .addTo(map);
  });
}

function remove(map: MapLibreMap, id: string): void {
  const src = PREFIX + id;
  for (const l of [`${src}-points`, `${src}-clusters`, `${src}-lines`])
    if (map.getLayer(l)) map.removeLayer(l);
  for (const s of [src, `${src}-lines`]) if (map.getSource(s)) map.removeSource(s);
}

/**
 * Writes what the point layers show into the map container (`data-point-layers`: dataset → rendered
 * points and clusters), after each finished render: a check for tests and a hook for assistive tools.
 */
function reportRendered(map: MapLibreMap): void {
  const ids = [...(shown.get(map) ?? [])];
  const rendered: Record<string, number> = {};
  for (const id of ids) {
    const layers = [`${PREFIX}${id}-points`, `${PREFIX}${id}-clusters`].filter((l) =>
      map.getLayer(l),
    );
    rendered[id] = layers.length ? map.queryRenderedFeatures({ layers }).length : 0;
    const lines = `${PREFIX}${id}-lines`;
    if (map.getLayer(lines))
      rendered[`${id}:linien`] = map.queryRenderedFeatures({ layers: [lines] }).length;
  }
  map.getContainer().dataset.pointLayers = JSON.stringify(rendered);
}
const reporting = new WeakSet<MapLibreMap>();

/** Makes the map show exactly these point datasets (added on top, removed when no longer given). */
export function syncPointLayers(map: MapLibreMap, layers: readonly PointLayerData[]): void {
  const current = shown.get(map) ?? new Set<string>();
  const wanted = new Set(layers.map((l) => l.id));
  for (const id of current) if (!wanted.has(id)) remove(map, id);
  for (const l of layers) if (!current.has(l.id)) add(map, l);
  shown.set(map, wanted);
  if (!reporting.has(map)) {
    reporting.add(map);
    map.on('idle', () => reportRendered(map));
  }
  map.triggerRepaint();
}
