// What the point layers' toggles need without loading MapLibre (the map is its own chunk): the
// data of a shown dataset and the colours of the datasets.
import type { PointFeatureCollection } from '../points/points-api.ts';

/** Lines drawn with a point layer (a measure's route, issue 14 § 2). */
export interface LineFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'LineString'; coordinates: number[][] };
    properties: { id: string; name: string };
  }[];
}

export interface PointLayerData {
  id: string;
  name: string;
  color: string;
  data: PointFeatureCollection;
  /** Lines shown under the points (measures located along a line). */
  lines?: LineFeatureCollection;
}

/** Colours for datasets in order of appearance (distinguishable from the choropleth's blues/reds). */
export const POINT_COLORS = [
  '#6a3d9a',
  '#ff7f00',
  '#1b9e77',
  '#e7298a',
  '#666666',
  '#a6761d',
  '#b15928',
  '#e6ab02',
];
