// The index engine: computes a composite index (status, optional dynamics, status × dynamics matrix,
// rules on the matrix) from an index definition that is data. Columnar typed arrays inside, so
// 200,000 areas × 8 indicators stay within a few plain passes over the input (bench/monitoring.ts).
// Method, sources and the reproduction of the official Berlin MSS: docs/methods/index-engine.md;
// MSS method: SenSBW, Monitoring Soziale Stadtentwicklung Berlin 2021, Kap. 2 (Methodik), as
// summarised in demo-data/README.md "How the official MSS result is computed".
import { formatNumber } from '../format/number.ts';
import { quantileSorted } from '../stats/descriptive.ts';
import {
  changeColumnFlagsOf,
  firstFiniteValue,
  flagOutstandingChangeColumns,
  outstandingLimits,
} from './change.ts';
import type {
  ChangeColumnFlags,
  OutstandingChangeOptions,
  OutstandingLimits,
  OutstandingSums,
} from './change.ts';
import { MonitoringError } from './errors.ts';
import type {
  ClassBoundary,
  ClassLabel,
  CombinationMethod,
  IndexDefinition,
  IndexInput,
  IndexPart,
  MatrixGroup,
  StandardisationMethod,
} from './types.ts';
import { assertValidIndexDefinition } from './validate-definition.ts';

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

const de2 = (x: number) => formatNumber(x, { decimals: 2 });

type Buffer = Float64Array | Uint8Array | Int8Array | Int16Array;

/**
 * Output buffers reused by repeated computeIndexColumns runs (e.g. a tenant recomputing 200,000
 * areas): no fresh allocation and page faults per run. A result computed with a workspace shares its
 * arrays with it, so the next run with the same workspace overwrites that result.
 */
export interface IndexWorkspace {
  readonly buffers: Map<string, Buffer>;
}

/** An empty workspace for computeIndexColumns. */
export function createIndexWorkspace(): IndexWorkspace {
  return { buffers: new Map() };
}

type Take = <T extends Buffer>(key: string, make: (n: number) => T, n: number) => T;

/** Buffer `key` of length n from the workspace (contents undefined: callers write every element). */
function takerOf(workspace: IndexWorkspace | undefined): Take {
  if (!workspace) return (_key, make, n) => make(n);
  return <T extends Buffer>(key: string, make: (n: number) => T, n: number): T => {
    const old = workspace.buffers.get(key);
    if (old && old.length === n) return old as T;
    const fresh = make(n);
    workspace.buffers.set(key, fresh);
    return fresh;
  };
}
const F64 = (n: number) => new Float64Array(n);
const U8 = (n: number) => new Uint8Array(n);
const I8 = (n: number) => new Int8Array(n);
const I16 = (n: number) => new Int16Array(n);

/**
 * Mean, population SD (÷ N, as the MSS: demo-data/README.md, MSS method step 1), min and max over the valid areas in one
 * pass, with sums shifted by the first valid value (Chan, Golub & LeVeque 1983, "Algorithms for
 * computing the sample variance", The American Statistician 37(3)) so that cancellation stays small.
 * A missing value (NaN, ±∞) among the valid areas makes the mean non-finite: the caller checks that.
 */
function statsOf(x: Float64Array, valid: Uint8Array, validCount: number): ColumnStats {
  const n = x.length;
  let i0 = 0;
  while (i0 < n && valid[i0] !== 1) i0++;
  const shift = i0 < n ? (x[i0] as number) : 0;
  let s = 0;
  let ss = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = i0; i < n; i++) {
    if (valid[i] === 1) {
      const v = x[i] as number;
      const d = v - shift;
      s += d;
      ss += d * d;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const mean = shift + s / validCount;
  const variance = (ss - (s * s) / validCount) / validCount;
  return { mean, sd: Math.sqrt(variance > 0 ? variance : 0), min, max };
}

/**
 * statsOf for several columns in one pass over the areas (one validity test per area, independent
 * accumulators per column); min/max only when `withRange` (min–max scaling, messages).
 */
function statsOfColumns(
  cols: readonly Float64Array[],
  valid: Uint8Array,
  validCount: number,
  withRange: boolean,
  all: OutstandingSums[] | null = null,
): ColumnStats[] {
  const m = cols.length;
  if (m === 0) return [];
  if (m > 4 || withRange) {
    const out: ColumnStats[] = [];
    for (const c of cols)
      out.push(
        withRange
          ? statsOf(c, valid, validCount)
          : (statsOfColumns([c], valid, validCount, false)[0] as ColumnStats),
      );
    return out;
  }
  // Up to 4 columns in one kernel (no arrays in the hot loop); unused slots read column 0 and are dropped.
  const n = (cols[0] as Float64Array).length;
  const c0 = cols[0] as Float64Array;
  const c1 = cols[1] ?? c0;
  const c2 = cols[2] ?? c0;
  const c3 = cols[3] ?? c0;
  let i0 = 0;
  while (i0 < n && valid[i0] !== 1) i0++;
  const k = new Float64Array(4);
  if (i0 < n) {
    k[0] = c0[i0] as number;
    k[1] = c1[i0] as number;
    k[2] = c2[i0] as number;
    k[3] = c3[i0] as number;
  }
  const sums = new Float64Array(8);
  if (all) {
    // the sums over all areas of flagOutstandingChangeColumns (change.ts groupSums) in the same pass
    const kAll = Float64Array.from([c0, c1, c2, c3], firstFiniteValue);
    const allSums = new Float64Array(8);
    validAndAllSums4(c0, c1, c2, c3, valid, i0, k, kAll, sums, allSums);
    for (let j = 0; j < m; j++)
      all.push({
        n,
        shift: kAll[j] as number,
        s: allSums[2 * j] as number,
        ss: allSums[2 * j + 1] as number,
      });
  } else validSums4(c0, c1, c2, c3, valid, i0, k, sums);
  const out: ColumnStats[] = [];
  for (let j = 0; j < m; j++) {
    const sj = sums[2 * j] as number;
    const qj = sums[2 * j + 1] as number;
    const variance = (qj - (sj * sj) / validCount) / validCount;
    out.push({
      mean: (k[j] as number) + sj / validCount,
      sd: Math.sqrt(variance > 0 ? variance : 0),
      min: NaN,
      max: NaN,
    });
  }
  return out;
}

/**
 * Kernel of statsOfColumns: per column j (≤ 4) Σ (x − k[j]) and Σ (x − k[j])² over the valid areas
 * from i0 (the first valid one) into out[2j], out[2j + 1]. A kernel of its own without closures:
 * V8 optimises it as a whole, also when the first call already has 200,000 areas.
 */
function validSums4(
  c0: Float64Array,
  c1: Float64Array,
  c2: Float64Array,
  c3: Float64Array,
  valid: Uint8Array,
  i0: number,
  k: Float64Array,
  out: Float64Array,
): void {
  const n = c0.length;
  const k0 = k[0] as number, k1 = k[1] as number, k2 = k[2] as number, k3 = k[3] as number; // prettier-ignore
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0; // prettier-ignore
  for (let i = i0; i < n; i++) {
    if (valid[i] !== 1) continue;
    const d0 = (c0[i] as number) - k0;
    const d1 = (c1[i] as number) - k1;
    const d2 = (c2[i] as number) - k2;
    const d3 = (c3[i] as number) - k3;
    s0 += d0;
    q0 += d0 * d0;
    s1 += d1;
    q1 += d1 * d1;
    s2 += d2;
    q2 += d2 * d2;
    s3 += d3;
    q3 += d3 * d3;
  }
  out[0] = s0;
  out[1] = q0;
  out[2] = s1;
  out[3] = q1;
  out[4] = s2;
  out[5] = q2;
  out[6] = s3;
  out[7] = q3;
}

/**
 * validSums4 and, in the same pass, the sums over all areas shifted by kAll[j] (the first finite
 * value) into all[2j], all[2j + 1] — the arithmetic of change.ts shiftedSums4, so
 * flagOutstandingChangeColumns gets identical sums (without a test per value: a non-finite sum shows
 * a missing value, then that function sums with tests itself).
 */
function validAndAllSums4(
  c0: Float64Array,
  c1: Float64Array,
  c2: Float64Array,
  c3: Float64Array,
  valid: Uint8Array,
  i0: number,
  k: Float64Array,
  kAll: Float64Array,
  out: Float64Array,
  all: Float64Array,
): void {
  const n = c0.length;
  const k0 = k[0] as number, k1 = k[1] as number, k2 = k[2] as number, k3 = k[3] as number; // prettier-ignore
  const a0 = kAll[0] as number, a1 = kAll[1] as number, a2 = kAll[2] as number, a3 = kAll[3] as number; // prettier-ignore
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0; // prettier-ignore
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0, r0 = 0, r1 = 0, r2 = 0, r3 = 0; // prettier-ignore
  // areas before the first valid one count only for the sums over all areas
  for (let i = 0; i < i0; i++) {
    const e0 = (c0[i] as number) - a0;
    const e1 = (c1[i] as number) - a1;
    const e2 = (c2[i] as number) - a2;
    const e3 = (c3[i] as number) - a3;
    t0 += e0;
    r0 += e0 * e0;
    t1 += e1;
    r1 += e1 * e1;
    t2 += e2;
    r2 += e2 * e2;
    t3 += e3;
    r3 += e3 * e3;
  }
  for (let i = i0; i < n; i++) {
    const x0 = c0[i] as number;
    const x1 = c1[i] as number;
    const x2 = c2[i] as number;
    const x3 = c3[i] as number;
    const e0 = x0 - a0;
    const e1 = x1 - a1;
    const e2 = x2 - a2;
    const e3 = x3 - a3;
    t0 += e0;
    r0 += e0 * e0;
    t1 += e1;
    r1 += e1 * e1;
    t2 += e2;
    r2 += e2 * e2;
    t3 += e3;
    r3 += e3 * e3;
    if (valid[i] !== 1) continue;
    const d0 = x0 - k0;
    const d1 = x1 - k1;
    const d2 = x2 - k2;
    const d3 = x3 - k3;
    s0 += d0;
    q0 += d0 * d0;
    s1 += d1;
    q1 += d1 * d1;
    s2 += d2;
    q2 += d2 * d2;
    s3 += d3;
    q3 += d3 * d3;
  }
  out[0] = s0;
  out[1] = q0;
  out[2] = s1;
  out[3] = q1;
  out[4] = s2;
  out[5] = q2;
  out[6] = s3;
  out[7] = q3;
  all[0] = t0;
  all[1] = r0;
  all[2] = t1;
  all[3] = r1;
  all[4] = t2;
  all[5] = r2;
  all[6] = t3;
  all[7] = r3;
}

function assertVariance(stats: ColumnStats, validCount: number, what: string): void {
  // sd is exactly 0 when all values are equal (the shifted sums are then all 0).
  if (!(stats.sd > 0) || (Number.isFinite(stats.max) && !(stats.max > stats.min))) {
    throw new MonitoringError(
      'zero_variance',
      `${what} hat über die ${validCount} gültigen Gebiete keine Streuung (alle Werte ${de2(stats.mean)}); standardisieren ist nicht möglich.`,
    );
  }
}

/**
 * Writes the standardised x into `out` (NaN for unscored areas) and, when `combined` is given, adds
 * weight × value to it (MSS step 2: Statussumme = Σ z). Sign −1 flips "higher is better".
 */
function writeStandardised(
  x: Float64Array,
  valid: Uint8Array,
  validCount: number,
  method: StandardisationMethod,
  sign: number,
  stats: ColumnStats,
  out: Float64Array,
  combined: Float64Array | null,
  weight: number,
): void {
  const n = x.length;
  if (method === 'zscore') {
    const scale = sign / stats.sd;
    const mean = stats.mean;
    if (combined) {
      for (let i = 0; i < n; i++) {
        if (valid[i] === 1) {
          const z = ((x[i] as number) - mean) * scale;
          out[i] = z;
          combined[i] = (combined[i] as number) + weight * z;
        } else {
          out[i] = NaN;
          combined[i] = NaN;
        }
      }
    } else
      for (let i = 0; i < n; i++) out[i] = valid[i] === 1 ? ((x[i] as number) - mean) * scale : NaN;
    return;
  }
  if (method === 'minmax') {
    // KomMonitor Leitindikator: (value − min) / (max − min), inverted as 1 − … for the other polarity.
    const range = stats.max - stats.min;
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) out[i] = NaN;
      else {
        const r = ((x[i] as number) - stats.min) / range;
        out[i] = sign > 0 ? r : 1 - r;
      }
    }
  } else {
    // Percentile rank with mid-rank ties: (#below + ½ #equal) / N, oriented by sign.
    const sorted = new Float64Array(validCount);
    let k = 0;
    for (let i = 0; i < n; i++) if (valid[i] === 1) sorted[k++] = sign * (x[i] as number);
    sorted.sort();
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) {
        out[i] = NaN;
        continue;
      }
      const v = sign * (x[i] as number);
      let lo = 0;
      let hi = validCount;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      let up = lo;
      hi = validCount;
      while (up < hi) {
        const mid = (up + hi) >>> 1;
        if ((sorted[mid] as number) <= v) up = mid + 1;
        else hi = mid;
      }
      out[i] = (lo + (up - lo) / 2) / validCount;
    }
  }
  if (combined)
    for (let i = 0; i < n; i++) combined[i] = (combined[i] as number) + weight * (out[i] as number);
}

/** Boundaries known before the index values: fixed ones, and SD multiples of a z re-standardised index. */
function boundariesKnownInAdvance(part: IndexPart): ResolvedBoundary[] | null {
  const scheme = part.classes;
  if (scheme.kind === 'fixed') return scheme.boundaries.map((b) => ({ ...b, defined: b.value }));
  // A z re-standardised index has mean 0 and SD 1 by construction: use the thresholds exactly (as
  // the MSS does) instead of 0 + k·1.0000000000000002, which could move a value lying on a boundary.
  if (scheme.kind === 'sd' && part.restandardise && part.standardisation === 'zscore')
    return scheme.boundaries.map((b) => ({ ...b, defined: b.value }));
  return null;
}

function resolveBoundaries(
  part: IndexPart,
  index: Float64Array,
  indexStats: ColumnStats,
  valid: Uint8Array,
  validCount: number,
): ResolvedBoundary[] {
  const known = boundariesKnownInAdvance(part);
  if (known) return known;
  const scheme = part.classes;
  if (scheme.kind === 'sd')
    return scheme.boundaries.map((b) => ({
      value: indexStats.mean + b.value * indexStats.sd,
      onBoundary: b.onBoundary,
      defined: b.value,
    }));
  const sorted = new Float64Array(validCount);
  let k = 0;
  for (let i = 0; i < index.length; i++) if (valid[i] === 1) sorted[k++] = index[i] as number;
  sorted.sort();
  const arr = Array.from(sorted);
  return scheme.boundaries.map((b) => ({
    value: quantileSorted(arr, b.value) as number,
    onBoundary: b.onBoundary,
    defined: b.value,
  }));
}

/** Class (0-based) of a value for ascending boundaries with explicit inclusivity. */
export function classOfValue(value: number, boundaries: readonly ClassBoundary[]): number {
  let c = 0;
  for (const b of boundaries) {
    if (value > b.value || (value === b.value && b.onBoundary === 'upper')) c++;
    else break;
  }
  return c;
}

/**
 * Class thresholds for strict comparisons: a value is above boundary k when v > t[k]; for a boundary
 * whose own value belongs to the upper class t[k] is the next smaller double. Unused slots are +∞.
 */
function strictThresholds(boundaries: readonly ClassBoundary[]): Float64Array {
  const t = new Float64Array(Math.max(3, boundaries.length)).fill(Infinity);
  const view = new DataView(new ArrayBuffer(8));
  boundaries.forEach((b, k) => {
    if (b.onBoundary === 'lower') t[k] = b.value;
    else if (b.value === 0) t[k] = -Number.MIN_VALUE;
    else {
      view.setFloat64(0, b.value);
      const bits = view.getBigUint64(0);
      view.setBigUint64(0, b.value > 0 ? bits - 1n : bits + 1n);
      t[k] = view.getFloat64(0);
    }
  });
  return t;
}

/** Classifies the index of valid areas (−1 elsewhere); returns counts per class. */
function classifyColumn(
  index: Float64Array,
  valid: Uint8Array,
  boundaries: readonly ResolvedBoundary[],
  classOf: Int8Array,
  classCount: number,
): number[] {
  return classifyInto(index, valid, boundaries, classOf, classCount, null, 0, 1);
}

/** x − NAN_OR_ZERO[ok] is x itself (also −0) for ok = 1 and NaN for ok = 0: a select without a branch. */
const NAN_OR_ZERO = new Float64Array([NaN, 0]);

/**
 * The classification loop shared by all paths; when `combined` is given, the index is first computed
 * as (combined − mean) × inv and written to `index` (fused re-standardisation). Up to 3 boundaries
 * are compared without branches: the class is the number of thresholds below the value, and
 * comparisons are turned into 0/1 with Number(…), which V8 compiles without a jump (a `? 1 : 0`
 * becomes a mispredicted branch for values spread over the classes: 4× slower at 200,000 areas).
 */
function classifyInto(
  index: Float64Array,
  valid: Uint8Array,
  boundaries: readonly ResolvedBoundary[],
  classOf: Int8Array,
  classCount: number,
  combined: Float64Array | null,
  mean: number,
  inv: number,
): number[] {
  const t = strictThresholds(boundaries);
  if (boundaries.length > 3) return classifyMany(index, valid, t, classOf, classCount, combined, mean, inv); // prettier-ignore
  const g = combined
    ? restandardiseClassify3(combined, mean, inv, valid, t, index, classOf)
    : classify3(index, valid, t, classOf);
  // g[k] = number of scored areas above threshold k; classes beyond the scheme hold 0.
  const counts: number[] = [];
  for (let c = 0; c < classCount; c++)
    counts.push(
      (c === 0 ? (g[3] as number) : (g[c - 1] as number)) - (c < 3 ? (g[c] as number) : 0),
    );
  return counts;
}

/** Counts of a classification pass: above t0, above t1, above t2, scored (in this order). */
const counts3 = new Float64Array(4);

/** Kernel: index = (combined − mean) × inv and class for ≤ 3 thresholds (unused ones +∞). */
function restandardiseClassify3(
  combined: Float64Array,
  mean: number,
  inv: number,
  valid: Uint8Array,
  t: Float64Array,
  index: Float64Array,
  classOf: Int8Array,
): Float64Array {
  const n = index.length;
  const t0 = t[0] as number;
  const t1 = t[1] as number;
  const t2 = t[2] as number;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const v = ((combined[i] as number) - mean) * inv - (NAN_OR_ZERO[ok] as number);
    index[i] = v;
    // NaN (unscored) compares false everywhere: class 0 + the ok mask below gives −1.
    const b0 = Number(v > t0);
    const b1 = Number(v > t1);
    const b2 = Number(v > t2);
    classOf[i] = (b0 + b1 + b2 + 1) * ok - 1;
    a0 += b0;
    a1 += b1;
    a2 += b2;
    m += ok;
  }
  counts3[0] = a0;
  counts3[1] = a1;
  counts3[2] = a2;
  counts3[3] = m;
  return counts3;
}

/** Kernel: class of an existing index for ≤ 3 thresholds (unused ones +∞). */
function classify3(
  index: Float64Array,
  valid: Uint8Array,
  t: Float64Array,
  classOf: Int8Array,
): Float64Array {
  const n = index.length;
  const t0 = t[0] as number;
  const t1 = t[1] as number;
  const t2 = t[2] as number;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const v = (index[i] as number) - (NAN_OR_ZERO[ok] as number);
    const b0 = Number(v > t0);
    const b1 = Number(v > t1);
    const b2 = Number(v > t2);
    classOf[i] = (b0 + b1 + b2 + 1) * ok - 1;
    a0 += b0;
    a1 += b1;
    a2 += b2;
    m += ok;
  }
  counts3[0] = a0;
  counts3[1] = a1;
  counts3[2] = a2;
  counts3[3] = m;
  return counts3;
}

/** Classification for more than 3 boundaries (not used by the presets). */
function classifyMany(
  index: Float64Array,
  valid: Uint8Array,
  t: Float64Array,
  classOf: Int8Array,
  classCount: number,
  combined: Float64Array | null,
  mean: number,
  inv: number,
): number[] {
  const n = index.length;
  const nb = t.length;
  const counts = new Int32Array(classCount);
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      if (combined) index[i] = NaN;
      classOf[i] = -1;
      continue;
    }
    let v: number;
    if (combined) {
      v = ((combined[i] as number) - mean) * inv;
      index[i] = v;
    } else v = index[i] as number;
    let c = 0;
    for (let k = 0; k < nb; k++) c += Number(v > (t[k] as number));
    classOf[i] = c;
    counts[c] = (counts[c] as number) + 1;
  }
  return Array.from(counts);
}

/**
 * z-standardisation of all inputs and their weighted combination in one pass over the areas (the
 * combined value is written once; the z-values themselves are materialised only on demand, see
 * lazyZColumns); returns the combined value's stats from the same pass.
 */
function standardiseZFused(
  cols: readonly Float64Array[],
  stats: readonly ColumnStats[],
  signs: readonly number[],
  weights: readonly number[],
  valid: Uint8Array,
  validCount: number,
  combined: Float64Array,
): ColumnStats {
  const m = cols.length;
  const n = combined.length;
  const mean = Float64Array.from(stats, (st) => st.mean);
  const scale = Float64Array.from(stats, (st, j) => (signs[j] as number) / st.sd);
  const w = Float64Array.from(weights);
  // A sum of z-values has mean 0: no shift needed for its one-pass variance.
  let s = 0;
  let ss = 0;
  if (m <= 4) {
    // Up to 4 inputs in locals; unused slots compute on column 0 with weight 0.
    const c0 = cols[0] as Float64Array;
    const c1 = cols[1] ?? c0;
    const c2 = cols[2] ?? c0;
    const c3 = cols[3] ?? c0;
    const m0 = mean[0] as number, m1 = mean[1] ?? 0, m2 = mean[2] ?? 0, m3 = mean[3] ?? 0; // prettier-ignore
    const f0 = scale[0] as number, f1 = scale[1] ?? 0, f2 = scale[2] ?? 0, f3 = scale[3] ?? 0; // prettier-ignore
    const w0 = w[0] as number, w1 = w[1] ?? 0, w2 = w[2] ?? 0, w3 = w[3] ?? 0; // prettier-ignore
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) {
        combined[i] = NaN;
        continue;
      }
      const z0 = ((c0[i] as number) - m0) * f0;
      const z1 = ((c1[i] as number) - m1) * f1;
      const z2 = ((c2[i] as number) - m2) * f2;
      const z3 = ((c3[i] as number) - m3) * f3;
      // fixed order z0 + z1 + z2 + z3 (unused terms are exactly 0)
      const c = w0 * z0 + w1 * z1 + w2 * z2 + w3 * z3;
      combined[i] = c;
      s += c;
      ss += c * c;
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) {
        combined[i] = NaN;
        continue;
      }
      let c = 0;
      for (let j = 0; j < m; j++)
        c +=
          (w[j] as number) *
          ((((cols[j] as Float64Array)[i] as number) - (mean[j] as number)) * (scale[j] as number));
      combined[i] = c;
      s += c;
      ss += c * c;
    }
  }
  const variance = (ss - (s * s) / validCount) / validCount;
  return { mean: s / validCount, sd: Math.sqrt(variance > 0 ? variance : 0), min: NaN, max: NaN };
}

/** z re-standardisation and classification in one pass (boundaries known in advance). */
function restandardiseAndClassify(
  combined: Float64Array,
  stats: ColumnStats,
  valid: Uint8Array,
  boundaries: readonly ResolvedBoundary[],
  index: Float64Array,
  classOf: Int8Array,
  classCount: number,
): number[] {
  return classifyInto(
    index,
    valid,
    boundaries,
    classOf,
    classCount,
    combined,
    stats.mean,
    1 / stats.sd,
  );
}

/** z-columns computed on first access with the same arithmetic as the fused pass (identical values). */
function lazyZColumns(
  cols: readonly Float64Array[],
  stats: readonly ColumnStats[],
  signs: readonly number[],
  valid: Uint8Array,
): () => Float64Array[] {
  let cache: Float64Array[] | null = null;
  return () => {
    if (!cache) {
      cache = cols.map((x, j) => {
        const mean = (stats[j] as ColumnStats).mean;
        const scale = (signs[j] as number) / (stats[j] as ColumnStats).sd;
        const out = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++)
          out[i] = valid[i] === 1 ? ((x[i] as number) - mean) * scale : NaN;
        return out;
      });
    }
    return cache;
  };
}

function computePart(
  part: IndexPart,
  columns: Readonly<Record<string, Float64Array>>,
  inputStats: ColumnStats[],
  valid: Uint8Array,
  validCount: number,
  n: number,
  take: Take,
  key: string,
): PartResult {
  const m = part.inputs.length;
  // 'mean' is the sum with weights 1/m.
  const weights = part.inputs.map((inp) =>
    part.combination === 'weighted_sum' ? (part.weights?.[inp.indicatorId] as number) : 1,
  );
  const termWeights = part.combination === 'mean' ? weights.map((w) => w / m) : weights;
  const signs = part.inputs.map((inp) =>
    part.standardisation === 'zscore' && inp.direction === 'higher_is_better' ? -1 : 1,
  );
  part.inputs.forEach((input, j) =>
    assertVariance(
      inputStats[j] as ColumnStats,
      validCount,
      `Indikator „${input.label}“ (${input.indicatorId})`,
    ),
  );
  const cols = part.inputs.map((inp) => columns[inp.indicatorId] as Float64Array);
  const combined = take(`${key}.combined`, F64, n);
  let combinedStats: ColumnStats;
  let standardisedOf: () => Float64Array[];
  if (part.standardisation === 'zscore') {
    // MSS steps 1–2 (demo-data/README.md): z = (x − mean) / SD, Statussumme = Σ z — fused in one pass.
    combinedStats = standardiseZFused(
      cols,
      inputStats,
      signs,
      termWeights,
      valid,
      validCount,
      combined,
    );
    standardisedOf = lazyZColumns(cols, inputStats, signs, valid);
  } else {
    const standardised = part.inputs.map(() => new Float64Array(n));
    standardisedOf = () => standardised;
    part.inputs.forEach((input, j) => {
      const sign = input.direction === 'higher_is_better' ? -1 : 1;
      writeStandardised(
        cols[j] as Float64Array,
        valid,
        validCount,
        part.standardisation,
        sign,
        inputStats[j] as ColumnStats,
        standardised[j] as Float64Array,
        combined,
        termWeights[j] as number,
      );
    });
    combinedStats = statsOf(combined, valid, validCount);
  }
  const classOf = take(`${key}.classOf`, I8, n);
  const known = boundariesKnownInAdvance(part);
  if (part.restandardise)
    assertVariance(combinedStats, validCount, `Die verknüpften Werte von „${part.label}“`);
  if (part.restandardise && part.standardisation === 'zscore' && known) {
    // MSS step 3–4: re-standardise the sum and classify, in one pass.
    const index = take(`${key}.index`, F64, n);
    const counts = restandardiseAndClassify(
      combined,
      combinedStats,
      valid,
      known,
      index,
      classOf,
      part.classes.classes.length,
    );
    return partResult(
      part,
      standardisedOf,
      inputStats,
      weights,
      combined,
      combinedStats,
      index,
      classOf,
      known,
      counts,
    );
  }
  let index = combined;
  if (part.restandardise) {
    index = take(`${key}.index`, F64, n);
    writeStandardised(
      combined,
      valid,
      validCount,
      part.standardisation,
      1,
      part.standardisation === 'minmax' ? statsOf(combined, valid, validCount) : combinedStats,
      index,
      null,
      1,
    );
  }
  const boundaries =
    boundariesKnownInAdvance(part) ??
    resolveBoundaries(
      part,
      index,
      part.restandardise ? statsOf(index, valid, validCount) : combinedStats,
      valid,
      validCount,
    );
  const counts = classifyColumn(index, valid, boundaries, classOf, part.classes.classes.length);
  return partResult(
    part,
    standardisedOf,
    inputStats,
    weights,
    combined,
    combinedStats,
    index,
    classOf,
    boundaries,
    counts,
  );
}

function partResult(
  part: IndexPart,
  standardisedOf: () => Float64Array[],
  inputStats: ColumnStats[],
  weights: number[],
  combined: Float64Array,
  combinedStats: ColumnStats,
  index: Float64Array | (() => Float64Array),
  classOf: Int8Array,
  boundaries: ResolvedBoundary[],
  counts: number[],
): PartResult {
  if (typeof index === 'function')
    return {
      label: part.label,
      inputs: part.inputs,
      standardisation: part.standardisation,
      combination: part.combination,
      get standardised() {
        return standardisedOf();
      },
      inputStats,
      weights,
      combined,
      combinedStats,
      get index() {
        return index();
      },
      classOf,
      classes: part.classes.classes,
      boundaries,
      counts,
    };
  return {
    label: part.label,
    inputs: part.inputs,
    standardisation: part.standardisation,
    combination: part.combination,
    get standardised() {
      return standardisedOf();
    },
    inputStats,
    weights,
    combined,
    combinedStats,
    index,
    classOf,
    classes: part.classes.classes,
    boundaries,
    counts,
  };
}

/** Reason codes (0 = scored); excluded and missing_value are stored per position, the others derived. */
const CODE = {
  not_in_valid_list: 1,
  excluded: 2,
  population_missing: 3,
  population_below_min: 4,
  missing_value: 5,
} as const;
const CODE_NAMES: (UnscoredReasonCode | null)[] = [
  null,
  'not_in_valid_list',
  'excluded',
  'population_missing',
  'population_below_min',
  'missing_value',
];

/**
 * Validity by rules (docs/methods/index-engine.md § 4): exclusion list → population unknown →
 * population below the minimum. Sets valid[i] = 1 or records the reason; returns the number of valid areas (null after exclusions: count them). A small function of its own
 * so the engine optimises the hot loop.
 */
function applyValidityRules(
  rules: IndexDefinition['validity'],
  ids: readonly string[],
  population: Float64Array,
  valid: Uint8Array,
  special: Map<number, number>,
  detail: Map<number, string>,
  allSumsOf: { cols: readonly Float64Array[]; out: OutstandingSums[] } | null = null,
): number | null {
  const n = ids.length;
  const min = rules.minPopulation ?? null;
  let count: number | null = n;
  if (min === null) valid.fill(1);
  else if (allSumsOf && allSumsOf.cols.length >= 1 && allSumsOf.cols.length <= 4) {
    // The distribution sums of the outstanding changes (over all areas, change.ts groupSums) in the
    // same pass: this pass reads one column only, so 4 more fit in the registers.
    const c = allSumsOf.cols;
    const c0 = c[0] as Float64Array;
    const cols = [c0, c[1] ?? c0, c[2] ?? c0, c[3] ?? c0];
    const kAll = Float64Array.from(cols, firstFiniteValue);
    const sums = new Float64Array(8);
    count = populationSums4Kernel(population, min, valid, cols[0] as Float64Array, cols[1] as Float64Array, cols[2] as Float64Array, cols[3] as Float64Array, kAll, sums); // prettier-ignore
    for (let j = 0; j < c.length; j++)
      allSumsOf.out.push({
        n,
        shift: kAll[j] as number,
        s: sums[2 * j] as number,
        ss: sums[2 * j + 1] as number,
      });
  } else count = populationKernel(population, min, valid);
  // The exclusion list comes first: it overrides the population reasons.
  if ((rules.exclusions ?? []).length > 0) {
    const excluded = new Map<string, string>();
    for (const e of rules.exclusions ?? []) excluded.set(e.areaId, e.reason);
    for (let i = 0; i < n; i++) {
      const ex = excluded.get(ids[i] as string);
      if (ex === undefined) continue;
      valid[i] = 0;
      special.set(i, CODE.excluded);
      detail.set(i, ex);
    }
    count = null; // recounted by the caller
  }
  return count;
}

/**
 * Kernel: valid = population ≥ minimum (NaN: not valid), branch-free; writes every element;
 * returns the number of valid areas.
 */
function populationKernel(population: Float64Array, minimum: number, valid: Uint8Array): number {
  const n = population.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const pop = population[i] as number;
    const ok = Number(pop >= minimum);
    valid[i] = ok;
    count += ok;
  }
  return count;
}

/**
 * populationKernel and, in the same pass, per column j (≤ 4) Σ (x − kAll[j]) and Σ (x − kAll[j])²
 * over all areas into out[2j], out[2j + 1] — the arithmetic of change.ts shiftedSums4.
 */
function populationSums4Kernel(
  population: Float64Array,
  minimum: number,
  valid: Uint8Array,
  c0: Float64Array,
  c1: Float64Array,
  c2: Float64Array,
  c3: Float64Array,
  kAll: Float64Array,
  out: Float64Array,
): number {
  const n = population.length;
  const a0 = kAll[0] as number, a1 = kAll[1] as number, a2 = kAll[2] as number, a3 = kAll[3] as number; // prettier-ignore
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0, r0 = 0, r1 = 0, r2 = 0, r3 = 0; // prettier-ignore
  let count = 0;
  for (let i = 0; i < n; i++) {
    const ok = Number((population[i] as number) >= minimum);
    valid[i] = ok;
    count += ok;
    const e0 = (c0[i] as number) - a0;
    const e1 = (c1[i] as number) - a1;
    const e2 = (c2[i] as number) - a2;
    const e3 = (c3[i] as number) - a3;
    t0 += e0;
    r0 += e0 * e0;
    t1 += e1;
    r1 += e1 * e1;
    t2 += e2;
    r2 += e2 * e2;
    t3 += e3;
    r3 += e3 * e3;
  }
  out[0] = t0;
  out[1] = r0;
  out[2] = t1;
  out[3] = r1;
  out[4] = t2;
  out[5] = r2;
  out[6] = t3;
  out[7] = r3;
  return count;
}

/** Number of valid areas. */
function countOnes(valid: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < valid.length; i++) c += valid[i] as number;
  return c;
}

/**
 * The classification of both parts and the areas per matrix cell in one pass (fast path): called by
 * applyMatrix with the number of cells; returns the number of areas per cell like matrixKernel (the
 * per-area matrix columns follow from the class columns when first read).
 */
type FusedFinalPass = (nd: number, cells: number, out: MatrixOut | null) => Int32Array;

/** Tables over the cells (last = unscored) and the per-area columns the final pass fills when asked. */
interface MatrixOut {
  groupX: Int16Array;
  attentionX: Uint8Array;
  groupOf: Int16Array;
  attention: Uint8Array;
}

/** A part the fast path can take: z-scores of ≤ 4 inputs, z re-standardised, ≤ 3 boundaries known in advance. */
function fastPart(part: IndexPart): boolean {
  const known = boundariesKnownInAdvance(part);
  return (
    part.standardisation === 'zscore' &&
    part.restandardise &&
    known !== null &&
    known.length <= 3 &&
    part.inputs.length >= 1 &&
    part.inputs.length <= 4
  );
}

/** Weights per term and signs of a z-score part (as computePart). */
function termsOf(part: IndexPart): { weights: number[]; termWeights: number[]; signs: number[] } {
  const m = part.inputs.length;
  const weights = part.inputs.map((inp) =>
    part.combination === 'weighted_sum' ? (part.weights?.[inp.indicatorId] as number) : 1,
  );
  const termWeights = part.combination === 'mean' ? weights.map((w) => w / m) : weights;
  const signs = part.inputs.map((inp) => (inp.direction === 'higher_is_better' ? -1 : 1));
  return { weights, termWeights, signs };
}

/**
 * Fast path for a status and a dynamics part that both satisfy fastPart (all MSS presets): the
 * z-standardisation and combination of both parts in one pass over the 2 × ≤ 4 input columns, and —
 * inside applyMatrix — re-standardisation, classes of both parts and the matrix in one more pass.
 * The arithmetic per value is that of computePart (standardiseZFused, restandardiseClassify3), so
 * the results are identical; the errors come in the same order.
 */
function computePartsFused(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  stats: ColumnStats[],
  valid: Uint8Array,
  validCount: number,
  n: number,
  take: Take,
  limits: readonly OutstandingLimits[] | null,
  materialiseAll = false,
): {
  status: PartResult;
  dynamics: PartResult;
  fused: FusedFinalPass;
  outstanding: { flags: Uint8Array; count: number }[] | null;
} {
  const sp = definition.status;
  const dp = definition.dynamics as IndexPart;
  const ns = sp.inputs.length;
  const sStats = stats.slice(0, ns);
  const dStats = stats.slice(ns);
  const sTerms = termsOf(sp);
  const dTerms = termsOf(dp);
  const sCols = sp.inputs.map((inp) => input.values[inp.indicatorId] as Float64Array);
  const dCols = dp.inputs.map((inp) => input.dynamics?.[inp.indicatorId] as Float64Array);
  // 4 slots per part; unused slots compute on column 0 with weight 0 (as standardiseZFused).
  const mean = new Float64Array(8);
  const scale = new Float64Array(8);
  const w = new Float64Array(8);
  const slots = (j0: number, st: ColumnStats[], t: { termWeights: number[]; signs: number[] }) =>
    st.forEach((c, j) => {
      mean[j0 + j] = c.mean;
      scale[j0 + j] = (t.signs[j] as number) / c.sd;
      w[j0 + j] = t.termWeights[j] as number;
    });
  slots(0, sStats, sTerms);
  slots(4, dStats, dTerms);
  const sComb = take('status.combined', F64, n);
  const dComb = take('dynamics.combined', F64, n);
  const sc = (j: number) => sCols[j] ?? (sCols[0] as Float64Array);
  const dc = (j: number) => dCols[j] ?? (dCols[0] as Float64Array);
  // All weights of the used inputs exactly 1 (combination 'sum', the MSS): 1·z = z, so the kernel
  // without the weight products gives identical sums (an unused slot's z is ±0 like 0·z was).
  const unit = sTerms.termWeights.every((x) => x === 1) && dTerms.termWeights.every((x) => x === 1);
  let outstanding: { flags: Uint8Array; count: number }[] | null = null;
  let sums: Float64Array;
  if (limits && unit) {
    // The outstanding changes in the same pass: every flag written (no zeroing), unused slots
    // flag nothing into a scratch column.
    const lo = new Float64Array(4).fill(-Infinity);
    const hi = new Float64Array(4).fill(Infinity);
    limits.forEach((l, j) => {
      lo[j] = l.lo;
      hi[j] = l.hi;
    });
    const flags = [0, 1, 2, 3].map((j) =>
      take(j < limits.length ? `change.outstanding.${j}` : 'change.outstanding.unused', U8, n).fill(0),
    );
    const counts = new Float64Array(4);
    sums = zSum2Flag4(valid, sc(0), sc(1), sc(2), sc(3), dc(0), dc(1), dc(2), dc(3), mean, scale, sComb, dComb, lo, hi, flags[0] as Uint8Array, flags[1] as Uint8Array, flags[2] as Uint8Array, flags[3] as Uint8Array, counts); // prettier-ignore
    outstanding = limits.map((_, j) => ({
      flags: flags[j] as Uint8Array,
      count: counts[j] as number,
    }));
  } else
    sums = (unit ? zSum2 : zCombine2)(valid, sc(0), sc(1), sc(2), sc(3), dc(0), dc(1), dc(2), dc(3), mean, scale, w, sComb, dComb); // prettier-ignore
  const combinedStatsOf = (s: number, ss: number): ColumnStats => {
    const variance = (ss - (s * s) / validCount) / validCount;
    return { mean: s / validCount, sd: Math.sqrt(variance > 0 ? variance : 0), min: NaN, max: NaN };
  };
  const sCombStats = combinedStatsOf(sums[0] as number, sums[1] as number);
  const dCombStats = combinedStatsOf(sums[2] as number, sums[3] as number);
  // Errors in the order of computePart: inputs, then the combined values, status before dynamics.
  for (const [part, st, comb] of [
    [sp, sStats, sCombStats],
    [dp, dStats, dCombStats],
  ] as const) {
    part.inputs.forEach(
      (inp, j) =>
      assertVariance(st[j] as ColumnStats, validCount, `Indikator „${inp.label}“ (${inp.indicatorId})`), // prettier-ignore
    );
    assertVariance(comb, validCount, `Die verknüpften Werte von „${part.label}“`);
  }
  // The index columns are not written by the final pass (which needs the values only for the
  // classes): built on first access from the combined columns with the same arithmetic.
  // With materialise 'all' the final pass writes them itself (same arithmetic, same values).
  const lazyIndex = (key: string, comb: Float64Array, st: ColumnStats) => {
    let cache: Float64Array | null = null;
    return () => {
      if (!cache) cache = restandardisedColumn(comb, st.mean, 1 / st.sd, take(key, F64, n));
      return cache;
    };
  };
  const sIndexAll = materialiseAll ? take('status.index', F64, n) : null;
  const dIndexAll = materialiseAll ? take('dynamics.index', F64, n) : null;
  const sIndex = sIndexAll ?? lazyIndex('status.index', sComb, sCombStats);
  const dIndex = dIndexAll ?? lazyIndex('dynamics.index', dComb, dCombStats);
  const sClass = take('status.classOf', I8, n);
  const dClass = take('dynamics.classOf', I8, n);
  const sKnown = boundariesKnownInAdvance(sp) as ResolvedBoundary[];
  const dKnown = boundariesKnownInAdvance(dp) as ResolvedBoundary[];
  const sCounts: number[] = [];
  const dCounts: number[] = [];
  const status = partResult(sp, lazyZColumns(sCols, sStats, sTerms.signs, valid), sStats, sTerms.weights, sComb, sCombStats, sIndex, sClass, sKnown, sCounts); // prettier-ignore
  const dynamics = partResult(dp, lazyZColumns(dCols, dStats, dTerms.signs, valid), dStats, dTerms.weights, dComb, dCombStats, dIndex, dClass, dKnown, dCounts); // prettier-ignore
  const fused: FusedFinalPass = (nd, nc, out) => {
    const cells =
      out && sIndexAll && dIndexAll
        ? finalKernelAll(valid, sComb, sCombStats.mean, 1 / sCombStats.sd, strictThresholds(sKnown), sClass, sIndexAll, dComb, dCombStats.mean, 1 / dCombStats.sd, strictThresholds(dKnown), dClass, dIndexAll, nd, nc, out.groupX, out.attentionX, out.groupOf, out.attention) // prettier-ignore
        : finalKernel(
            valid,
            sComb,
            sCombStats.mean,
            1 / sCombStats.sd,
            strictThresholds(sKnown),
            sClass,
            dComb,
            dCombStats.mean,
            1 / dCombStats.sd,
            strictThresholds(dKnown),
            dClass,
            nd,
            nc,
          );
    // areas per class of either part: sums over the cells (status class × nd + dynamics class)
    for (let c = 0; c < sp.classes.classes.length; c++) {
      let k = 0;
      for (let d = 0; d < nd; d++) k += cells[c * nd + d] as number;
      sCounts.push(k);
    }
    for (let d = 0; d < dp.classes.classes.length; d++) {
      let k = 0;
      for (let c = 0; c < sp.classes.classes.length; c++) k += cells[c * nd + d] as number;
      dCounts.push(k);
    }
    return cells;
  };
  return { status, dynamics, fused, outstanding };
}

/**
 * Kernel: combined status and dynamics value per area (Σ w·z with z = (x − mean) × sign / SD, four
 * slots each, fixed order) and their sums and sums of squares over the valid areas:
 * [Σ status, Σ status², Σ dynamics, Σ dynamics²].
 */
function zCombine2(
  valid: Uint8Array,
  a0: Float64Array,
  a1: Float64Array,
  a2: Float64Array,
  a3: Float64Array,
  b0: Float64Array,
  b1: Float64Array,
  b2: Float64Array,
  b3: Float64Array,
  mean: Float64Array,
  scale: Float64Array,
  w: Float64Array,
  outA: Float64Array,
  outB: Float64Array,
): Float64Array {
  const n = valid.length;
  const ma0 = mean[0] as number, ma1 = mean[1] as number, ma2 = mean[2] as number, ma3 = mean[3] as number; // prettier-ignore
  const mb0 = mean[4] as number, mb1 = mean[5] as number, mb2 = mean[6] as number, mb3 = mean[7] as number; // prettier-ignore
  const fa0 = scale[0] as number, fa1 = scale[1] as number, fa2 = scale[2] as number, fa3 = scale[3] as number; // prettier-ignore
  const fb0 = scale[4] as number, fb1 = scale[5] as number, fb2 = scale[6] as number, fb3 = scale[7] as number; // prettier-ignore
  const wa0 = w[0] as number, wa1 = w[1] as number, wa2 = w[2] as number, wa3 = w[3] as number; // prettier-ignore
  const wb0 = w[4] as number, wb1 = w[5] as number, wb2 = w[6] as number, wb3 = w[7] as number; // prettier-ignore
  let sa = 0;
  let qa = 0;
  let sb = 0;
  let qb = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      outA[i] = NaN;
      outB[i] = NaN;
      continue;
    }
    const za0 = ((a0[i] as number) - ma0) * fa0;
    const za1 = ((a1[i] as number) - ma1) * fa1;
    const za2 = ((a2[i] as number) - ma2) * fa2;
    const za3 = ((a3[i] as number) - ma3) * fa3;
    const ca = wa0 * za0 + wa1 * za1 + wa2 * za2 + wa3 * za3;
    const zb0 = ((b0[i] as number) - mb0) * fb0;
    const zb1 = ((b1[i] as number) - mb1) * fb1;
    const zb2 = ((b2[i] as number) - mb2) * fb2;
    const zb3 = ((b3[i] as number) - mb3) * fb3;
    const cb = wb0 * zb0 + wb1 * zb1 + wb2 * zb2 + wb3 * zb3;
    outA[i] = ca;
    outB[i] = cb;
    sa += ca;
    qa += ca * ca;
    sb += cb;
    qb += cb * cb;
  }
  const out = new Float64Array(4);
  out[0] = sa;
  out[1] = qa;
  out[2] = sb;
  out[3] = qb;
  return out;
}

/** zCombine2 with all weights 1 (w unused): fewer floating-point operations per area, same values. */
function zSum2(
  valid: Uint8Array,
  a0: Float64Array,
  a1: Float64Array,
  a2: Float64Array,
  a3: Float64Array,
  b0: Float64Array,
  b1: Float64Array,
  b2: Float64Array,
  b3: Float64Array,
  mean: Float64Array,
  scale: Float64Array,
  _w: Float64Array,
  outA: Float64Array,
  outB: Float64Array,
): Float64Array {
  const n = valid.length;
  const ma0 = mean[0] as number, ma1 = mean[1] as number, ma2 = mean[2] as number, ma3 = mean[3] as number; // prettier-ignore
  const mb0 = mean[4] as number, mb1 = mean[5] as number, mb2 = mean[6] as number, mb3 = mean[7] as number; // prettier-ignore
  const fa0 = scale[0] as number, fa1 = scale[1] as number, fa2 = scale[2] as number, fa3 = scale[3] as number; // prettier-ignore
  const fb0 = scale[4] as number, fb1 = scale[5] as number, fb2 = scale[6] as number, fb3 = scale[7] as number; // prettier-ignore
  let sa = 0;
  let qa = 0;
  let sb = 0;
  let qb = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      outA[i] = NaN;
      outB[i] = NaN;
      continue;
    }
    const ca =
      ((a0[i] as number) - ma0) * fa0 +
      ((a1[i] as number) - ma1) * fa1 +
      ((a2[i] as number) - ma2) * fa2 +
      ((a3[i] as number) - ma3) * fa3;
    const cb =
      ((b0[i] as number) - mb0) * fb0 +
      ((b1[i] as number) - mb1) * fb1 +
      ((b2[i] as number) - mb2) * fb2 +
      ((b3[i] as number) - mb3) * fb3;
    outA[i] = ca;
    outB[i] = cb;
    sa += ca;
    qa += ca * ca;
    sb += cb;
    qb += cb * cb;
  }
  const out = new Float64Array(4);
  out[0] = sa;
  out[1] = qa;
  out[2] = sb;
  out[3] = qb;
  return out;
}

/**
 * zSum2 and, in the same pass over the dynamics columns b0–b3, the outstanding changes of those
 * columns over all areas: o_j[i] = 1 where b_j[i] > hi[j] or < lo[j] (NaN never), into zeroed
 * columns (only the rare 1s written: a branch-free store per value cost more than the separate
 * pass); counts into counts[j]. Same comparisons as change.ts flagAbove4 / flagOutside4.
 */
function zSum2Flag4(
  valid: Uint8Array,
  a0: Float64Array,
  a1: Float64Array,
  a2: Float64Array,
  a3: Float64Array,
  b0: Float64Array,
  b1: Float64Array,
  b2: Float64Array,
  b3: Float64Array,
  mean: Float64Array,
  scale: Float64Array,
  outA: Float64Array,
  outB: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  o0: Uint8Array,
  o1: Uint8Array,
  o2: Uint8Array,
  o3: Uint8Array,
  counts: Float64Array,
): Float64Array {
  const n = valid.length;
  const ma0 = mean[0] as number, ma1 = mean[1] as number, ma2 = mean[2] as number, ma3 = mean[3] as number; // prettier-ignore
  const mb0 = mean[4] as number, mb1 = mean[5] as number, mb2 = mean[6] as number, mb3 = mean[7] as number; // prettier-ignore
  const fa0 = scale[0] as number, fa1 = scale[1] as number, fa2 = scale[2] as number, fa3 = scale[3] as number; // prettier-ignore
  const fb0 = scale[4] as number, fb1 = scale[5] as number, fb2 = scale[6] as number, fb3 = scale[7] as number; // prettier-ignore
  const l0 = lo[0] as number, l1 = lo[1] as number, l2 = lo[2] as number, l3 = lo[3] as number; // prettier-ignore
  const h0 = hi[0] as number, h1 = hi[1] as number, h2 = hi[2] as number, h3 = hi[3] as number; // prettier-ignore
  let sa = 0;
  let qa = 0;
  let sb = 0;
  let qb = 0;
  let m0 = 0, m1 = 0, m2 = 0, m3 = 0; // prettier-ignore
  for (let i = 0; i < n; i++) {
    const x0 = b0[i] as number;
    const x1 = b1[i] as number;
    const x2 = b2[i] as number;
    const x3 = b3[i] as number;
    // flags are rare: a branch almost always predicted, writing only the 1s into zeroed columns
    if (x0 > h0 || x0 < l0) {
      o0[i] = 1;
      m0++;
    }
    if (x1 > h1 || x1 < l1) {
      o1[i] = 1;
      m1++;
    }
    if (x2 > h2 || x2 < l2) {
      o2[i] = 1;
      m2++;
    }
    if (x3 > h3 || x3 < l3) {
      o3[i] = 1;
      m3++;
    }
    if (valid[i] !== 1) {
      outA[i] = NaN;
      outB[i] = NaN;
      continue;
    }
    const ca =
      ((a0[i] as number) - ma0) * fa0 +
      ((a1[i] as number) - ma1) * fa1 +
      ((a2[i] as number) - ma2) * fa2 +
      ((a3[i] as number) - ma3) * fa3;
    const cb = (x0 - mb0) * fb0 + (x1 - mb1) * fb1 + (x2 - mb2) * fb2 + (x3 - mb3) * fb3;
    outA[i] = ca;
    outB[i] = cb;
    sa += ca;
    qa += ca * ca;
    sb += cb;
    qb += cb * cb;
  }
  counts[0] = m0;
  counts[1] = m1;
  counts[2] = m2;
  counts[3] = m3;
  const out = new Float64Array(4);
  out[0] = sa;
  out[1] = qa;
  out[2] = sb;
  out[3] = qb;
  return out;
}

// Run the kernel once on a tiny input when the module loads. Otherwise V8 compiles its loop during
// the first, large call (on-stack replacement) before the code after the loop has ever run, and that
// optimised code falls back to the interpreter at the loop's end on every later call: the chain then
// runs at one of two speeds per process (measured 7,8 vs 11,5 ms at 200.000 areas). Pure: the
// inputs are local and thrown away.
(function warmUpZSum2Flag4(): void {
  const n = 8;
  const col = () => Float64Array.from({ length: n }, (_, i) => i + 1);
  const valid = new Uint8Array(n).fill(1);
  valid[3] = 0;
  const mean = new Float64Array(8).fill(4);
  const scale = new Float64Array(8).fill(0.5);
  const lo = new Float64Array(4).fill(1.5);
  const hi = new Float64Array(4).fill(6.5);
  for (let k = 0; k < 3; k++)
    zSum2Flag4(
      valid,
      col(),
      col(),
      col(),
      col(),
      col(),
      col(),
      col(),
      col(),
      mean,
      scale,
      new Float64Array(n),
      new Float64Array(n),
      lo,
      hi,
      new Uint8Array(n),
      new Uint8Array(n),
      new Uint8Array(n),
      new Uint8Array(n),
      new Float64Array(4),
    );
})();

/** index = (combined − mean) × inv for every area (NaN stays NaN): the arithmetic of finalKernel. */
function restandardisedColumn(
  combined: Float64Array,
  mean: number,
  inv: number,
  out: Float64Array,
): Float64Array {
  const n = combined.length;
  for (let i = 0; i < n; i++) out[i] = ((combined[i] as number) - mean) * inv;
  return out;
}

/**
 * Kernel: per area the class of both parts from their re-standardised index (≤ 3 thresholds each,
 * unused ones +∞; the index itself is not stored, see restandardisedColumn), branch-free (see
 * restandardiseClassify3); returns the number of areas per cell (status class × nd + dynamics
 * class; last = unscored), from which the class counts of both parts, the areas per matrix group
 * and the attention count follow. The per-area matrix group, rule hits and attention flag are
 * written from the class columns on first access (matrixKernel), not here.
 */
function finalKernel(
  valid: Uint8Array,
  sComb: Float64Array,
  sMean: number,
  sInv: number,
  sT: Float64Array,
  sClass: Int8Array,
  dComb: Float64Array,
  dMean: number,
  dInv: number,
  dT: Float64Array,
  dClass: Int8Array,
  nd: number,
  nc: number,
): Int32Array {
  const n = valid.length;
  const cellCounts = new Int32Array(nc + 1);
  const s0 = sT[0] as number, s1 = sT[1] as number, s2 = sT[2] as number; // prettier-ignore
  const d0 = dT[0] as number, d1 = dT[1] as number, d2 = dT[2] as number; // prettier-ignore
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    // the combined values of unscored areas are NaN (zCombine2), so are their index values
    const u = ((sComb[i] as number) - sMean) * sInv;
    const v = ((dComb[i] as number) - dMean) * dInv;
    const cs = Number(u > s0) + Number(u > s1) + Number(u > s2);
    const cd = Number(v > d0) + Number(v > d1) + Number(v > d2);
    sClass[i] = (cs + 1) * ok - 1;
    dClass[i] = (cd + 1) * ok - 1;
    const cell = (cs * nd + cd - nc) * ok + nc;
    cellCounts[cell] = (cellCounts[cell] as number) + 1;
  }
  return cellCounts;
}

/**
 * finalKernel that also writes, per area, both index values (the arithmetic of
 * restandardisedColumn), the matrix group and the attention flag (tables over the cells, last =
 * unscored: group −1, no attention) — materialise 'all': one pass instead of the reads' own passes.
 */
function finalKernelAll(
  valid: Uint8Array,
  sComb: Float64Array,
  sMean: number,
  sInv: number,
  sT: Float64Array,
  sClass: Int8Array,
  sIndex: Float64Array,
  dComb: Float64Array,
  dMean: number,
  dInv: number,
  dT: Float64Array,
  dClass: Int8Array,
  dIndex: Float64Array,
  nd: number,
  nc: number,
  groupX: Int16Array,
  attentionX: Uint8Array,
  groupOf: Int16Array,
  attention: Uint8Array,
): Int32Array {
  const n = valid.length;
  const cellCounts = new Int32Array(nc + 1);
  const s0 = sT[0] as number, s1 = sT[1] as number, s2 = sT[2] as number; // prettier-ignore
  const d0 = dT[0] as number, d1 = dT[1] as number, d2 = dT[2] as number; // prettier-ignore
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const u = ((sComb[i] as number) - sMean) * sInv;
    const v = ((dComb[i] as number) - dMean) * dInv;
    sIndex[i] = u;
    dIndex[i] = v;
    const cs = Number(u > s0) + Number(u > s1) + Number(u > s2);
    const cd = Number(v > d0) + Number(v > d1) + Number(v > d2);
    sClass[i] = (cs + 1) * ok - 1;
    dClass[i] = (cd + 1) * ok - 1;
    const cell = (cs * nd + cd - nc) * ok + nc;
    groupOf[i] = groupX[cell] as number;
    attention[i] = attentionX[cell] as number;
    cellCounts[cell] = (cellCounts[cell] as number) + 1;
  }
  return cellCounts;
}

/** The per-area matrix columns: group (−1 unscored), hits per rule, attention flag. */
interface MatrixColumns {
  groupOf: Int16Array;
  hits: Uint8Array[];
  attention: Uint8Array;
}

/**
 * Matrix group, rule hits and attention flag per scored area via lookup tables over (status class,
 * dynamics class); the counts per group and of attention. With the fast path's final pass the
 * counts come from it and the per-area columns are written on the first call of `columns` (from
 * the class columns, which must not change before; with a workspace the next run overwrites them
 * anyway); otherwise they are written here. Same values either way.
 */
function applyMatrix(
  valid: Uint8Array,
  sClass: Int8Array,
  dClass: Int8Array | null,
  nd: number,
  groupTable: Int16Array,
  ruleTables: Uint8Array[],
  groupCount: number,
  take: Take,
  fused: FusedFinalPass | null = null,
  materialiseAll = false,
): { counts: Int32Array; attentionCount: number; columns: () => MatrixColumns } {
  // Lookup tables over the cells (status class × nd + dynamics class) with one extra cell for the
  // unscored areas, so the loop needs no branch: cell = ok ? cell : unscored, as arithmetic.
  const nc = groupTable.length;
  const n = valid.length;
  const groupX = new Int16Array(nc + 1);
  groupX.set(groupTable);
  groupX[nc] = -1;
  const attentionX = new Uint8Array(nc + 1);
  const rulesX = ruleTables.map((rt) => {
    const t = new Uint8Array(nc + 1);
    t.set(rt);
    for (let c = 0; c < nc; c++) attentionX[c] = (attentionX[c] as number) | (rt[c] as number);
    return t;
  });
  const dc = dClass ?? sClass;
  const dMul = dClass ? 1 : 0;
  let cols: MatrixColumns | null = null;
  let cellCounts: Int32Array | null = null;
  const columns = (): MatrixColumns => {
    if (cols) return cols;
    const groupOf = take('groupOf', I16, n);
    const attention = take('attention', U8, n);
    const hits = ruleTables.map((_, r) => take(`rule.${r}`, U8, n));
    if (fused && dClass) {
      // Counts known: one lean pass over the class columns (unscored areas hold class −1 in
      // both, so the tables get a row and a column for −1 and need no validity test).
      const nd1 = nd + 1;
      const ns1 = Math.floor(nc / nd) + 1;
      const groupE = new Int16Array(ns1 * nd1).fill(-1);
      const attentionE = new Uint8Array(ns1 * nd1);
      for (let c = 0; c < nc; c++) {
        const e = (Math.floor(c / nd) + 1) * nd1 + (c % nd) + 1;
        groupE[e] = groupX[c] as number;
        attentionE[e] = attentionX[c] as number;
      }
      matrixColumnsKernel(sClass, dClass, nd1, groupE, attentionE, groupOf, attention);
      // One rule: its hits are the attention flags (attentionX is its table); more: a pass each.
      if (ruleTables.length === 1) (hits[0] as Uint8Array).set(attention);
      else
        for (let r = 0; r < ruleTables.length; r++)
          ruleKernel(valid, sClass, dc, nd, dMul, rulesX[r] as Uint8Array, hits[r] as Uint8Array); // prettier-ignore
      cols = { groupOf, hits, attention };
      return cols;
    }
    // The first rule in the main loop (the presets have one); further rules in a pass of their own.
    cellCounts = matrixKernel(
      valid,
      sClass,
      dc,
      nd,
      dMul,
      groupX,
      attentionX,
      rulesX[0] ?? attentionX,
      hits[0] ?? null,
      groupOf,
      attention,
    );
    for (let r = 1; r < ruleTables.length; r++)
      ruleKernel(valid, sClass, dc, nd, dMul, rulesX[r] as Uint8Array, hits[r] as Uint8Array); // prettier-ignore
    cols = { groupOf, hits, attention };
    return cols;
  };
  if (fused && materialiseAll && dClass) {
    // The final pass writes group and attention; the rule hits follow as on first read.
    const groupOf = take('groupOf', I16, n);
    const attention = take('attention', U8, n);
    cellCounts = fused(nd, nc, { groupX, attentionX, groupOf, attention });
    const hits = ruleTables.map((_, r) => take(`rule.${r}`, U8, n));
    if (ruleTables.length === 1) (hits[0] as Uint8Array).set(attention);
    else
      for (let r = 0; r < ruleTables.length; r++)
        ruleKernel(valid, sClass, dClass, nd, 1, rulesX[r] as Uint8Array, hits[r] as Uint8Array); // prettier-ignore
    cols = { groupOf, hits, attention };
  } else if (fused) cellCounts = fused(nd, nc, null);
  else columns();
  return { ...matrixCounts(cellCounts as Int32Array, groupX, attentionX, groupCount), columns };
}

/** Areas per matrix group and with attention, from the areas per cell. */
function matrixCounts(
  cellCounts: Int32Array,
  groupX: Int16Array,
  attentionX: Uint8Array,
  groupCount: number,
): { counts: Int32Array; attentionCount: number } {
  const nc = groupX.length - 1;
  const counts = new Int32Array(Math.max(1, groupCount));
  let attentionCount = 0;
  for (let c = 0; c < nc; c++) {
    const k = cellCounts[c] as number;
    const g = groupX[c] as number;
    if (g >= 0) counts[g] = (counts[g] as number) + k;
    attentionCount += (attentionX[c] as number) * k;
  }
  return { counts, attentionCount };
}

/** Kernel of applyMatrix: table lookups per area; returns the number of areas per cell (last = unscored). */
function matrixKernel(
  valid: Uint8Array,
  sClass: Int8Array,
  dClass: Int8Array,
  nd: number,
  dMul: number,
  groupX: Int16Array,
  attentionX: Uint8Array,
  rule0: Uint8Array,
  hits0: Uint8Array | null,
  groupOf: Int16Array,
  attention: Uint8Array,
): Int32Array {
  const n = valid.length;
  const nc = groupX.length - 1;
  const cellCounts = new Int32Array(nc + 1);
  // Without a rule the attention column doubles as the (overwritten) target of the rule lookup.
  const h0 = hits0 ?? attention;
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const cell = ((sClass[i] as number) * nd + (dClass[i] as number) * dMul - nc) * ok + nc;
    groupOf[i] = groupX[cell] as number;
    h0[i] = rule0[cell] as number;
    attention[i] = attentionX[cell] as number;
    cellCounts[cell] = (cellCounts[cell] as number) + 1;
  }
  return cellCounts;
}

/**
 * Kernel: matrix group and attention flag per area from the class columns via tables over
 * (status class + 1) × nd1 + dynamics class + 1 (row and column 0: unscored, class −1).
 */
function matrixColumnsKernel(
  sClass: Int8Array,
  dClass: Int8Array,
  nd1: number,
  groupE: Int16Array,
  attentionE: Uint8Array,
  groupOf: Int16Array,
  attention: Uint8Array,
): void {
  const n = sClass.length;
  for (let i = 0; i < n; i++) {
    const e = ((sClass[i] as number) + 1) * nd1 + (dClass[i] as number) + 1;
    groupOf[i] = groupE[e] as number;
    attention[i] = attentionE[e] as number;
  }
}

/** Kernel: hits of one further rule per area. */
function ruleKernel(
  valid: Uint8Array,
  sClass: Int8Array,
  dClass: Int8Array,
  nd: number,
  dMul: number,
  ruleX: Uint8Array,
  hits: Uint8Array,
): void {
  const n = valid.length;
  const nc = ruleX.length - 1;
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const cell = ((sClass[i] as number) * nd + (dClass[i] as number) * dMul - nc) * ok + nc;
    hits[i] = ruleX[cell] as number;
  }
}

/** Options of computeIndexColumns. */
export interface ComputeIndexOptions {
  /**
   * Also flag the changes of every dynamics indicator that stand out against the city-wide
   * distribution (result.outstandingChanges, in the order of definition.dynamics.inputs): the same
   * result as flagOutstandingChangeColumns(dynamics columns, options, workspace), computed in the
   * index's own passes over the dynamics columns where possible (distribution sums in the
   * statistics pass, flags in the z-sum pass). Throws that function's errors after the index's own.
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

/** Computes an index from columnar input (NaN = missing). Throws MonitoringError; never returns partial results. */
export function computeIndexColumns(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  workspace?: IndexWorkspace,
  options: ComputeIndexOptions = {},
): IndexResult {
  assertValidIndexDefinition(definition);
  const take = takerOf(workspace);
  const n = input.ids.length;
  if (input.population.length !== n)
    throw new MonitoringError(
      'invalid_input',
      `Einwohnerzahlen: ${input.population.length} Werte für ${n} Gebiete.`,
    );
  const missingColumns: string[] = [];
  for (const inp of definition.status.inputs) {
    const col = input.values[inp.indicatorId];
    if (!col)
      missingColumns.push(
        `Der Index verwendet den Indikator „${inp.label}“ (${inp.indicatorId}), die Eingabedaten enthalten ihn nicht.`,
      );
    else if (col.length !== n)
      throw new MonitoringError(
        'invalid_input',
        `Indikator ${inp.indicatorId}: ${col.length} Werte für ${n} Gebiete.`,
      );
  }
  if (missingColumns.length > 0) throw new MonitoringError('unknown_indicator', missingColumns);
  if (definition.dynamics) {
    const missing: string[] = [];
    for (const inp of definition.dynamics.inputs) {
      const col = input.dynamics?.[inp.indicatorId];
      if (!col)
        missing.push(
          `Für den Dynamik-Indikator „${inp.label}“ (${inp.indicatorId}, Veränderung über ${definition.dynamics.periodYears} Jahre) liegen keine Werte vor.`,
        );
      else if (col.length !== n)
        throw new MonitoringError(
          'invalid_input',
          `Dynamik-Indikator ${inp.indicatorId}: ${col.length} Werte für ${n} Gebiete.`,
        );
    }
    if (missing.length > 0) throw new MonitoringError('missing_dynamics', missing);
  }

  // Validity (docs/methods/index-engine.md § Gültige Gebiete): explicit list, or rules in this order:
  // exclusion list → population missing → population below minimum → missing values.
  // Every element is written below (validity kernel, or the fill of the explicit list).
  const valid = take('valid', U8, n);
  // Outstanding changes asked for: their distribution sums (over all areas) are taken in the first
  // pass that reads few columns (validity, else statistics).
  const outstandingOptions = definition.dynamics ? (options.outstandingChanges ?? null) : null;
  const outstandingDynCols = (definition.dynamics?.inputs ?? []).map(
    (inp) => input.dynamics?.[inp.indicatorId] as Float64Array,
  );
  let allSums: OutstandingSums[] = [];
  // Reason codes per area; texts are built on demand (10,000 strings per run would cost more than the index).
  // Reasons: excluded and missing values by position (few), the others follow from the rules and
  // the population when asked (no reason column written per run).
  const special = new Map<number, number>();
  let listMode = false;
  const detail = new Map<number, string>();
  // valid areas as counted by the validity kernel (null: count them)
  let knownCount: number | null = null;
  const rules = definition.validity;
  if (input.validAreaIds) {
    const index = new Map<string, number>();
    input.ids.forEach((id, i) => index.set(id, i));
    const unknown = input.validAreaIds.filter((id) => !index.has(id));
    if (unknown.length > 0) {
      throw new MonitoringError(
        'unknown_area',
        `Die Liste gültiger Gebiete nennt ${unknown.length} Gebiet(e), die in den Eingabedaten fehlen: ${unknown.slice(0, 10).join(', ')}.`,
      );
    }
    valid.fill(0);
    for (const id of input.validAreaIds) valid[index.get(id) as number] = 1;
    listMode = true;
  } else {
    knownCount = applyValidityRules(
      rules,
      input.ids,
      input.population,
      valid,
      special,
      detail,
      outstandingOptions ? { cols: outstandingDynCols, out: allSums } : null,
    );
  }
  const missingProblems: string[] = [];
  let missingCode: 'missing_value' | 'missing_dynamics' = 'missing_value';
  const checkMissing = (parts: { inp: IndexInput; col: Float64Array; dyn: boolean }[]) => {
    // Column by column (cache-friendly for 200,000 areas); an area excluded for one column is skipped later.
    for (const { inp, col, dyn } of parts) {
      const what = dyn
        ? `Dynamik-Indikator „${inp.label}“ (${inp.indicatorId})`
        : `Indikator „${inp.label}“ (${inp.indicatorId})`;
      for (let i = 0; i < n; i++) {
        if (valid[i] !== 1) continue;
        const v = col[i] as number;
        if (v - v === 0) continue; // finite (NaN − NaN and ∞ − ∞ are NaN)
        if (rules.missingValues === 'exclude') {
          valid[i] = 0;
          special.set(i, CODE.missing_value);
          detail.set(i, what);
          continue;
        }
        if (dyn) missingCode = 'missing_dynamics';
        if (missingProblems.length < 10)
          missingProblems.push(`Gebiet ${input.ids[i] as string}: kein Wert für ${what}.`);
        else if (missingProblems.length === 10)
          missingProblems.push('Weitere fehlende Werte nicht aufgeführt.');
      }
    }
  };
  const countValid = () => {
    const c = knownCount ?? countOnes(valid);
    knownCount = null;
    if (c === 0) {
      throw new MonitoringError(
        'no_valid_area',
        `Kein Gebiet erfüllt die Gültigkeitsregeln von „${definition.label}“ (${n} Gebiete geprüft); der Index kann nicht berechnet werden.`,
      );
    }
    return c;
  };
  const columns = [
    ...definition.status.inputs.map((inp) => ({
      inp,
      col: input.values[inp.indicatorId] as Float64Array,
      dyn: false,
    })),
    ...(definition.dynamics?.inputs ?? []).map((inp) => ({
      inp,
      col: input.dynamics?.[inp.indicatorId] as Float64Array,
      dyn: true,
    })),
  ];
  let validCount = countValid();
  // One pass per column gives mean, SD, min and max; a missing value of a valid area shows up as a
  // non-finite mean, and only then the column-by-column check runs (refuse, or exclude and recount).
  const needRange = (dyn: boolean) =>
    (dyn ? definition.dynamics?.standardisation : definition.status.standardisation) === 'minmax';
  const dynCols = columns.filter((c) => c.dyn).map((c) => c.col);
  // Without them from the validity pass, the distribution sums come from the statistics pass of the
  // dynamics columns; empty when that cannot take them either (> 4 columns, min–max).
  const sumsInStats = outstandingOptions !== null && allSums.length === 0;
  const computeStats = () => {
    if (sumsInStats) allSums = [];
    return [
      ...statsOfColumns(
        columns.filter((c) => !c.dyn).map((c) => c.col),
        valid,
        validCount,
        needRange(false),
      ),
      ...statsOfColumns(dynCols, valid, validCount, needRange(true), sumsInStats ? allSums : null),
    ];
  };
  let stats = computeStats();
  if (stats.some((st) => !Number.isFinite(st.mean))) {
    checkMissing(columns);
    if (missingProblems.length > 0) {
      missingProblems.push(
        'Werte nachliefern oder solche Gebiete ausschließen (validity.missingValues = "exclude").',
      );
      throw new MonitoringError(missingCode, missingProblems);
    }
    validCount = countValid();
    stats = computeStats();
  }
  // Sums without a non-finite value are those flagOutstandingChangeColumns would compute (with a
  // missing value it sums with tests itself); limits that would throw are left to that function.
  const sumsUsable =
    outstandingOptions !== null &&
    allSums.length === dynCols.length &&
    allSums.every((x) => Number.isFinite(x.s) && Number.isFinite(x.ss));
  let limits: OutstandingLimits[] | null = null;
  if (sumsUsable) {
    try {
      limits = allSums.map((x) => outstandingLimits(x, outstandingOptions));
    } catch (e) {
      if (!(e instanceof MonitoringError)) throw e;
    }
  }
  const ns = definition.status.inputs.length;
  const materialiseAll = options.materialise === 'all';
  const fast =
    definition.dynamics && fastPart(definition.status) && fastPart(definition.dynamics)
      ? computePartsFused(
          definition,
          input,
          stats,
          valid,
          validCount,
          n,
          take,
          limits,
          materialiseAll,
        )
      : null;
  const status = fast
    ? fast.status
    : computePart(
        definition.status,
        input.values,
        stats.slice(0, ns),
        valid,
        validCount,
        n,
        take,
        'status',
      );
  const dynamics = fast
    ? fast.dynamics
    : definition.dynamics
      ? computePart(
          definition.dynamics,
          input.dynamics ?? {},
          stats.slice(ns),
          valid,
          validCount,
          n,
          take,
          'dynamics',
        )
      : null;

  // Matrix and rules via lookup tables over (status class, dynamics class).
  const matrix = definition.matrix ?? [];
  const groupCounts = matrix.map(() => 0);
  const sCodes = definition.status.classes.classes.map((c) => c.code);
  const dCodes = definition.dynamics ? definition.dynamics.classes.classes.map((c) => c.code) : [];
  const nd = Math.max(1, dCodes.length);
  const groupTable = new Int16Array(sCodes.length * nd).fill(-1);
  matrix.forEach((g: MatrixGroup, gi) => {
    groupTable[sCodes.indexOf(g.status) * nd + dCodes.indexOf(g.dynamics)] = gi;
  });
  const ruleTables = (definition.rules ?? []).map((r) => {
    const t = new Uint8Array(sCodes.length * nd);
    for (let s = 0; s < sCodes.length; s++) {
      for (let d = 0; d < nd; d++) {
        const hit = r.when.some(
          (w) =>
            w.status.includes(sCodes[s] as string) &&
            (w.dynamics === undefined ||
              (dCodes[d] !== undefined && w.dynamics.includes(dCodes[d] as string))),
        );
        t[s * nd + d] = hit ? 1 : 0;
      }
    }
    return t;
  });
  const {
    counts,
    attentionCount,
    columns: matrixColumns,
  } = applyMatrix(
    valid,
    status.classOf,
    dynamics ? dynamics.classOf : null,
    nd,
    groupTable,
    ruleTables,
    matrix.length,
    take,
    fast ? fast.fused : null,
    materialiseAll,
  );
  const ruleIds = (definition.rules ?? []).map((r) => r.id);
  let ruleHitsCache: Record<string, Uint8Array> | null = null;
  for (let g = 0; g < matrix.length; g++) groupCounts[g] = counts[g] as number;
  const minText = formatNumber(rules.minPopulation ?? 0);
  const reasonCodeAt = (i: number): UnscoredReasonCode | null => {
    if (valid[i] === 1) return null;
    const c = special.get(i);
    if (c !== undefined) return CODE_NAMES[c] ?? null;
    if (listMode) return 'not_in_valid_list';
    return Number.isNaN(input.population[i]) ? 'population_missing' : 'population_below_min';
  };
  const reasonAt = (i: number): string | null => {
    switch (reasonCodeAt(i)) {
      case null:
        return null;
      case 'not_in_valid_list':
        return 'Nicht in der Liste der bewerteten Gebiete';
      case 'excluded':
        return `Ausgeschlossen: ${detail.get(i) ?? ''}`;
      case 'population_missing':
        return `Einwohnerzahl fehlt (mindestens ${minText} nötig)`;
      case 'population_below_min': {
        const pop = input.population[i] as number;
        return `Weniger als ${minText} Einwohnerinnen und Einwohner (${formatNumber(pop, { decimals: Number.isInteger(pop) ? 0 : 1 })})`;
      }
      case 'missing_value':
        return `Kein Wert für ${detail.get(i) ?? ''}`;
    }
  };
  // Outstanding changes: flagged in the z-sum pass of the fast path, else in a pass of their own
  // (with the sums from the statistics pass when there are usable ones).
  let outstandingChanges: ChangeColumnFlags[] | null = null;
  if (outstandingOptions) {
    outstandingChanges =
      fast && fast.outstanding
        ? fast.outstanding.map(
            (f, j) =>
            changeColumnFlagsOf(dynCols[j] as Float64Array, (limits as OutstandingLimits[])[j] as OutstandingLimits, f.flags, f.count, outstandingOptions), // prettier-ignore
          )
        : flagOutstandingChangeColumns(
            dynCols,
            outstandingOptions,
            workspace,
            sumsUsable ? allSums : undefined,
          );
  }
  let codesCache: (UnscoredReasonCode | null)[] | null = null;
  let reasonsCache: (string | null)[] | null = null;
  return {
    definition,
    ids: input.ids,
    valid,
    validCount,
    reasonCodeAt,
    reasonAt,
    get reasonCodes() {
      if (!codesCache) {
        codesCache = [];
        for (let i = 0; i < n; i++) codesCache.push(reasonCodeAt(i));
      }
      return codesCache;
    },
    get reasons() {
      if (!reasonsCache) {
        reasonsCache = [];
        for (let i = 0; i < n; i++) reasonsCache.push(reasonAt(i));
      }
      return reasonsCache;
    },
    status,
    dynamics,
    get groupOf() {
      return matrixColumns().groupOf;
    },
    groupCounts,
    get ruleHits() {
      if (!ruleHitsCache) {
        const hits = matrixColumns().hits;
        ruleHitsCache = Object.fromEntries(ruleIds.map((id, r) => [id, hits[r] as Uint8Array]));
      }
      return ruleHitsCache;
    },
    get attention() {
      return matrixColumns().attention;
    },
    attentionCount,
    outstandingChanges,
  };
}

function toColumn(
  areas: readonly IndexAreaInput[],
  id: string,
  key: 'values' | 'dynamics',
): Float64Array | null {
  const n = areas.length;
  const col = new Float64Array(n);
  let present = false;
  for (let i = 0; i < n; i++) {
    const v = (areas[i] as IndexAreaInput)[key]?.[id];
    if (v === null || v === undefined) col[i] = NaN;
    else {
      col[i] = v;
      present = true;
    }
  }
  return present ? col : null;
}

/** Computes an index (status, dynamics, matrix, rules) for areas given as objects. Throws MonitoringError (German message). */
export function computeIndex(definition: IndexDefinition, input: ComputeIndexInput): IndexResult {
  assertValidIndexDefinition(definition);
  const { areas } = input;
  const seen = new Set<string>();
  for (const a of areas) {
    if (seen.has(a.id))
      throw new MonitoringError(
        'invalid_input',
        `Gebiet ${a.id} kommt in den Eingabedaten mehrfach vor.`,
      );
    seen.add(a.id);
  }
  const population = new Float64Array(areas.length);
  areas.forEach(
    (a, i) =>
      (population[i] = a.population === null || a.population === undefined ? NaN : a.population),
  );
  const values: Record<string, Float64Array> = {};
  for (const inp of definition.status.inputs) {
    const col = toColumn(areas, inp.indicatorId, 'values');
    if (col) values[inp.indicatorId] = col;
  }
  let dynamics: Record<string, Float64Array> | undefined;
  if (definition.dynamics) {
    dynamics = {};
    for (const inp of definition.dynamics.inputs) {
      const col = toColumn(areas, inp.indicatorId, 'dynamics');
      if (col) dynamics[inp.indicatorId] = col;
    }
  }
  return computeIndexColumns(definition, {
    ids: areas.map((a) => a.id),
    population,
    values,
    ...(dynamics ? { dynamics } : {}),
    ...(input.validAreaIds ? { validAreaIds: input.validAreaIds } : {}),
  });
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

function areaPart(part: PartResult, i: number): AreaPartResult {
  const standardised: Record<string, number> = {};
  part.inputs.forEach(
    (inp, j) =>
      (standardised[inp.indicatorId] = (part.standardised[j] as Float64Array)[i] as number),
  );
  const c = part.classOf[i] as number;
  const cls = part.classes[c] as ClassLabel;
  return {
    standardised,
    combined: part.combined[i] as number,
    index: part.index[i] as number,
    classIndex: c,
    classCode: cls.code,
    classLabel: cls.label,
  };
}

/** The result of one area by position. */
export function areaResultAt(result: IndexResult, i: number): AreaIndexResult {
  const valid = result.valid[i] === 1;
  const g = result.groupOf[i] as number;
  const group = g >= 0 ? (result.definition.matrix?.[g] as MatrixGroup) : null;
  return {
    id: result.ids[i] as string,
    valid,
    reasonCode: result.reasonCodeAt(i),
    reason: result.reasonAt(i),
    status: valid ? areaPart(result.status, i) : null,
    dynamics: valid && result.dynamics ? areaPart(result.dynamics, i) : null,
    group: group ? { code: group.code, label: group.label } : null,
    rules: Object.entries(result.ruleHits)
      .filter(([, hits]) => hits[i] === 1)
      .map(([id]) => id),
    attention: result.attention[i] === 1,
  };
}

/** Position of an area in the result; throws unknown_area. */
export function areaPosition(result: IndexResult, areaId: string): number {
  const i = result.ids.indexOf(areaId);
  if (i < 0)
    throw new MonitoringError(
      'unknown_area',
      `Gebiet ${areaId} ist im Ergebnis von „${result.definition.label}“ nicht enthalten.`,
    );
  return i;
}

/** The result of one area by id (throws unknown_area). */
export function getAreaResult(result: IndexResult, areaId: string): AreaIndexResult {
  return areaResultAt(result, areaPosition(result, areaId));
}

/** All areas as objects (in input order). */
export function listAreaResults(result: IndexResult): AreaIndexResult[] {
  return result.ids.map((_, i) => areaResultAt(result, i));
}
