// Public face of the points module (Standorte): the read routes, the point import, and the rejoin
// of point datasets after an area import changed geometries (ADR 0017).
export { registerPointRoutes } from './routes.ts';
export { registerPointImportRoutes } from './import-routes.ts';
export { rejoinMessage, rejoinPointDatasets } from './rejoin.ts';
export {
  selectAllPointFeatures,
  selectLevelsWithAreas,
  type DatedPointFeature,
  type LevelAreas,
} from './import-store.ts';
