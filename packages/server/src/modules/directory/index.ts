// The service directory (issue 12): the door other modules use.
export { registerDirectoryRoutes } from './routes.ts';
export { registerHsdsRoutes } from './hsds-routes.ts';
export { loadDirectoryFromPoints, locateLocations, type DirectoryLoadStats } from './load.ts';
export { ensureBuiltinTaxonomy } from './taxonomy.ts';
export { registerHsdsImportRoutes } from './hsds-import-routes.ts';
