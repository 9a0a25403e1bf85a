// Public face of the sources module for other modules.
export { sourceSchema, type Source } from '@sozialraum/contracts/sources';
export {
  editSource,
  loadSourceMap,
  resolveImportSource,
  sourceSlug,
  toSource,
  type ResolvedSource,
  type SourceReference,
} from './service.ts';
export { registerSourceRoutes } from './routes.ts';
