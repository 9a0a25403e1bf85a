// Public face of the sources module for other modules.
export { sourceSchema, type Source } from './schema.ts';
export { loadSourceMap, toSource } from './service.ts';
export { registerSourceRoutes } from './routes.ts';
