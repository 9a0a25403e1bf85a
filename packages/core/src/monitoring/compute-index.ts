// The index engine's public door. The engine itself lives in ./index-engine/, one file per stage
// (validity, statistics, standardise, classify, matrix, result; the fused kernels of the fast path
// beside them) — see index-engine/compute.ts and ADR 0023. Method: docs/methods/index-engine.md.
export { computeIndex, computeIndexColumns } from './index-engine/compute.ts';
export { classOfValue } from './index-engine/classify.ts';
export {
  areaPosition,
  areaResultAt,
  getAreaResult,
  listAreaResults,
} from './index-engine/result.ts';
export { createIndexWorkspace } from './index-engine/workspace.ts';
export type { IndexWorkspace } from './index-engine/workspace.ts';
export type {
  AreaIndexResult,
  AreaPartResult,
  ColumnStats,
  ComputeIndexInput,
  ComputeIndexOptions,
  IndexAreaInput,
  IndexColumnsInput,
  IndexResult,
  PartResult,
  ResolvedBoundary,
  UnscoredReasonCode,
} from './index-engine/types.ts';
