// What the point layers' toggles need without loading MapLibre (the map is its own chunk): the
// data of a shown dataset and the colours of the datasets.
import type { PointFeatureCollection } from '../points/points-api.ts';

export interface PointLayerData {
  id: string;
  name: string;
  color: string;
  data: PointFeatureCollection;
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
