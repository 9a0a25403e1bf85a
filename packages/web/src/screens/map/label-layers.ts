// Names on the map (issue 11 § 2): the shown level's areas and, above them, the boundaries and names
// of the top level (Bezirke). Collision-aware by MapLibre's symbol placement (upper names placed
// first, area names where room is left, more of them as one zooms in). The glyphs are our own
// (packages/web/public/glyphs, built by scripts/build-glyphs.ts), so labels work offline; with a
// configured basemap its style decides the fonts, and only the boundaries are added.
import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { AreaCollection } from '../../api/areas.ts';

export const UPPER_SOURCE = 'upper-areas';
export const AREA_LABEL_LAYER = 'areas-label';
export const UPPER_LABEL_LAYER = 'upper-label';
const HALO = { 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 } as const;

/** The glyph URL of the offline style (absolute: MapLibre resolves it outside the page). */
export function glyphUrl(origin: string): string {
  return `${origin}/glyphs/{fontstack}/{range}.pbf`;
}

/** Adds the label layers (call after the area layers, before point layers). */
export function addLabelLayers(
  map: MapLibreMap,
  areaSource: string,
  withText: boolean,
  areaFilter?: FilterSpecification,
): void {
  map.addSource(UPPER_SOURCE, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
  });
  map.addLayer({
    id: 'upper-line',
    type: 'line',
    source: UPPER_SOURCE,
    paint: {
      'line-color': '#33414f',
      'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 13, 2.4],
    },
  });
  if (!withText) return;
  map.addLayer({
    id: AREA_LABEL_LAYER,
    type: 'symbol',
    source: areaSource,
    ...(areaFilter ? { filter: areaFilter } : {}),
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['sozialraum-sans'],
      'text-size': ['interpolate', ['linear'], ['zoom'], 9, 10, 14, 14],
      'text-max-width': 7,
      'text-padding': 3,
    },
    paint: { 'text-color': '#1f2933', ...HALO },
  });
  map.addLayer({
    id: UPPER_LABEL_LAYER,
    type: 'symbol',
    source: UPPER_SOURCE,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['sozialraum-sans-bold'],
      'text-size': ['interpolate', ['linear'], ['zoom'], 9, 12, 14, 17],
      'text-max-width': 9,
      'text-padding': 6,
    },
    paint: { 'text-color': '#0b2540', ...HALO },
  });
}

/**
 * Writes the names placed on the map into the container (`data-labels`: upper and area names shown
 * after each finished render) — what a test can check, since the canvas itself is pixels.
 */
export function reportLabels(map: MapLibreMap): void {
  map.on('idle', () => {
    const names = (layer: string) =>
      map.getLayer(layer)
        ? [
            ...new Set(
              map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.name)),
            ),
          ].sort()
        : [];
    map.getContainer().dataset.labels = JSON.stringify({
      upper: names(UPPER_LABEL_LAYER),
      areas: names(AREA_LABEL_LAYER).length,
    });
  });
}

/** Shows the top level's areas (null: the shown level is the top level, nothing above it). */
export function setUpperAreas(map: MapLibreMap, upper: AreaCollection | null): void {
  const data = upper ?? { type: 'FeatureCollection', features: [] };
  map
    .getSource<GeoJSONSource>(UPPER_SOURCE)
    ?.setData(data as Parameters<GeoJSONSource['setData']>[0]);
}
