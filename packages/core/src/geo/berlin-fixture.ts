// Test-only: the real Berlin LOR 2021 Planungsräume (542 polygons, WGS84) and kitas, loaded through Vite's
// `?raw` import so core tests need no file-system access. Source and licence: demo-data/README.md.
import plrRaw from '../../../../demo-data/berlin/geo/lor_2021_planungsraeume.geojson?raw';
import kitasRaw from '../../../../demo-data/berlin/services/kitas_2022-12.geojson?raw';
import type { PointGeometry, PolygonGeometry } from './types.ts';

export interface PlrFeature {
  properties: { PLR_ID: string; PLR_NAME: string; BEZ: string; GROESSE_M2: number };
  geometry: PolygonGeometry;
}

/** Parses anew on each call so tests cannot leak mutations into each other. */
export function loadBerlinPlr(): PlrFeature[] {
  return (JSON.parse(plrRaw) as { features: PlrFeature[] }).features;
}

export function loadBerlinKitas(): {
  properties: { e_nr: string; e_bez_nr: string };
  geometry: PointGeometry;
}[] {
  return (
    JSON.parse(kitasRaw) as {
      features: { properties: { e_nr: string; e_bez_nr: string }; geometry: PointGeometry }[];
    }
  ).features;
}
