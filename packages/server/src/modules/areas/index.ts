// Public face of the areas module for other modules.
export { areaDetailSchema, bboxSchema, type AreaDetail } from './schema.ts';
export { getAreaDetail, invalidateGeometryCache, requireLevel } from './service.ts';
export { areaIdParams, registerAreaRoutes } from './routes.ts';
