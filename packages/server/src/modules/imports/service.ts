// Import service: the one door to the import steps, for the CLI and HTTP alike — analyse
// (analyze.ts), run tables (table-run.ts, reading in batches: table-stage.ts), run areas
// (area-run.ts), the run record (run-record.ts).
export type { NewIndicatorInput } from './table-targets.ts';
export { runTableImport, type ProgressFn, type TableRunOptions } from './table-run.ts';
export {
  analyzeUpload,
  isGeometryUpload,
  type Analysis,
  type AreasAnalysis,
  type TableAnalysis,
} from './analyze.ts';
export { runAreaImport, type AreaRunOptions } from './area-run.ts';
export { listImportRuns } from './store.ts';
