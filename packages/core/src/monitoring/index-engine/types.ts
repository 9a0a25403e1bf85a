// The public types of the index engine (inputs, columnar results, per-area views, options).
// Method: docs/methods/index-engine.md; the engine's stages: ./compute.ts.
import type { ChangeColumnFlags, OutstandingChangeOptions } from './outstanding.ts';
import type {
  ClassBoundary,
  ClassLabel,
  CombinationMethod,
  IndexDefinition,
  IndexInput,
  StandardisationMethod,
} from '../types.ts';

/** One area as input: values are shares in percent (status) and changes in percentage points (dynamics). */
export interface IndexAreaInput {
  id: string;
  population: number | null;
  values: Readonly<Record<string, number | null | undefined>>;
  dynamics?: Readonly<Record<string, number | null | undefined>>;
}

/** Input of computeIndex. `validAreaIds`, when given, replaces the validity rules (explicit list of scored areas). */
export interface ComputeIndexInput {
  areas: readonly IndexAreaInput[];
  validAreaIds?: readonly string[];
}

/** Columnar input (NaN = missing), the fast path used by computeIndex itself. */
export interface IndexColumnsInput {
  ids: readonly string[];
  /** residents per area; NaN = unknown. */
  population: Float64Array;
  /** one column per status indicator id. */
  values: Readonly<Record<string, Float64Array>>;
  /** one column per dynamics indicator id. */
  dynamics?: Readonly<Record<string, Float64Array>>;
  validAreaIds?: readonly string[];
}

/** Why an area is not scored. */
export type UnscoredReasonCode =
  | 'not_in_valid_list'
  | 'excluded'
  | 'population_missing'
  | 'population_below_min'
  | 'missing_value';

/** Location and spread of a column over the valid areas. */
export interface ColumnStats {
  mean: number;
  /** population SD (÷ N). */
  sd: number;
  min: number;
  max: number;
}

/** A class boundary resolved to index units. */
export interface ResolvedBoundary extends ClassBoundary {
  /** the boundary in the definition's terms (SD multiple, probability or fixed value). */
  defined: number;
}

/** Result of one index part (status or dynamics), columnar; unscored areas hold NaN / −1. */
export interface PartResult {
  label: string;
  inputs: IndexInput[];
  standardisation: StandardisationMethod;
  combination: CombinationMethod;
  /**
   * standardised value per input (same order as `inputs`), oriented "higher = more disadvantaged".
   * For z-scores built on first access from the input columns (which must not change afterwards).
   */
  standardised: Float64Array[];
  inputStats: ColumnStats[];
  /** weights used per input (1 for sum and mean). */
  weights: number[];
  /** the combined value (MSS: Statussumme / Dynamiksumme). */
  combined: Float64Array;
  combinedStats: ColumnStats;
  /** the index (re-standardised combined value, or the combined value). */
  index: Float64Array;
  /** class per area (0-based), −1 for unscored areas. */
  classOf: Int8Array;
  classes: ClassLabel[];
  boundaries: ResolvedBoundary[];
  /** number of scored areas per class. */
  counts: number[];
}

/** Result of computeIndex: columnar; see listAreaResults / getAreaResult for per-area objects. */
export interface IndexResult {
  definition: IndexDefinition;
  ids: readonly string[];
  /** 1 = scored */
  valid: Uint8Array;
  validCount: number;
  /** reason code of the area at position i (null = scored). */
  reasonCodeAt(i: number): UnscoredReasonCode | null;
  /** German reason of the area at position i (null = scored); texts are built on demand. */
  reasonAt(i: number): string | null;
  /** reason code per area (null for scored areas); built on first access. */
  reasonCodes: (UnscoredReasonCode | null)[];
  /** German reason for unscored areas, null for scored ones. */
  reasons: (string | null)[];
  status: PartResult;
  dynamics: PartResult | null;
  /** index into definition.matrix per area, −1 when unscored or without matrix. */
  groupOf: Int16Array;
  /** number of scored areas per matrix group (same order as definition.matrix). */
  groupCounts: number[];
  /** per rule id: 1 where the rule matches. */
  ruleHits: Record<string, Uint8Array>;
  /** 1 where any rule matches ("Gebiet mit besonderem Aufmerksamkeitsbedarf" in the MSS presets). */
  attention: Uint8Array;
  attentionCount: number;
  /** the outstanding changes per dynamics indicator when asked for (ComputeIndexOptions), else null. */
  outstandingChanges: ChangeColumnFlags[] | null;
}

/** Options of computeIndexColumns. */
export interface ComputeIndexOptions {
  /**
   * Also flag the changes of every dynamics indicator that stand out against the city-wide
   * distribution (result.outstandingChanges, in the order of definition.dynamics.inputs): the same
   * result as flagOutstandingChangeColumns(dynamics columns, options, workspace); in the fast path
   * the flags are taken in the index's own z-sum pass over the dynamics columns (the distribution
   * sums with that function's own distributionSums). Throws that function's errors after the index's own.
   */
  outstandingChanges?: OutstandingChangeOptions;
  /**
   * 'lazy' (default): in the fast path the index values, matrix group, rule hits and attention flag
   * per area are built on first read (cheapest when they are not all read). 'all': written in the
   * final pass with the classes (cheapest for callers that read them all, e.g. a server serving the
   * results). Same values either way.
   */
  materialise?: 'lazy' | 'all';
}

/** Per-area view of one index part. */
export interface AreaPartResult {
  /** standardised value per indicator id */
  standardised: Record<string, number>;
  combined: number;
  index: number;
  classIndex: number;
  classCode: string;
  classLabel: string;
}

/** Per-area view of an index result. */
export interface AreaIndexResult {
  id: string;
  valid: boolean;
  reasonCode: UnscoredReasonCode | null;
  reason: string | null;
  status: AreaPartResult | null;
  dynamics: AreaPartResult | null;
  group: { code: string; label: string } | null;
  rules: string[];
  attention: boolean;
}
