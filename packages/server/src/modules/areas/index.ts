// Public face of the areas module for other modules.
export { areaDetailSchema, bboxSchema, type AreaDetail } from '@sozialraum/contracts/areas';
export {
  getAreaDetail,
  getMapGeometry,
  invalidateGeometryCache,
  listAreaSystems,
  requireLevel,
} from './service.ts';
export { areaIdParams, registerAreaRoutes } from './routes.ts';
export {
  selectAreaSystemBasics,
  selectAreaSystemId,
  selectAreasByIds,
  type AreaRefRow,
  selectCoarserAreaNames,
  selectLevelAreaCodes,
  selectLevelAreaRefs,
  selectLevelAreas,
  selectLevelCodes,
  selectLevelExists,
  selectSystemLevels,
} from './store-codes.ts';
export {
  countAfterRetirement,
  countAreaDependants,
  deleteAreas,
  retireAreas,
  selectCurrentLevelAreas,
} from './store-missing.ts';
