// Stage "classify": class boundaries resolved to index units (SD multiples, quantiles, fixed values)
// and the class of every scored area, branch-free for up to 3 boundaries.
// Method: docs/methods/index-engine.md (Klassen); MSS: hoch < −1,0 ≤ mittel ≤ +1,0 < niedrig.
import { quantileSorted } from '../../stats/descriptive.ts';
import type { ClassBoundary, IndexPart } from '../types.ts';
import type { ColumnStats, ResolvedBoundary } from './types.ts';

/** Boundaries known before the index values: fixed ones, and SD multiples of a z re-standardised index. */
export function boundariesKnownInAdvance(part: IndexPart): ResolvedBoundary[] | null {
  const scheme = part.classes;
  if (scheme.kind === 'fixed') return scheme.boundaries.map((b) => ({ ...b, defined: b.value }));
  // A z re-standardised index has mean 0 and SD 1 by construction: use the thresholds exactly (as
  // the MSS does) instead of 0 + k·1.0000000000000002, which could move a value lying on a boundary.
  if (scheme.kind === 'sd' && part.restandardise && part.standardisation === 'zscore')
    return scheme.boundaries.map((b) => ({ ...b, defined: b.value }));
  return null;
}

export function resolveBoundaries(
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
export function strictThresholds(boundaries: readonly ClassBoundary[]): Float64Array {
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

/** The columns of a classification pass: the valid areas, the index (read, or written when re-standardised) and the classes (written). */
export interface ClassifyColumns {
  valid: Uint8Array;
  index: Float64Array;
  classOf: Int8Array;
}

/** A z re-standardisation fused into the classification pass: index = (combined − mean) × inv. */
export interface Restandardise {
  combined: Float64Array;
  mean: number;
  inv: number;
}

/** x − NAN_OR_ZERO[ok] is x itself (also −0) for ok = 1 and NaN for ok = 0: a select without a branch. */
const NAN_OR_ZERO = new Float64Array([NaN, 0]);

/**
 * Classifies the index of the valid areas (−1 elsewhere); returns counts per class. With `re` the
 * index is first computed as (combined − mean) × inv and written to `io.index` (fused
 * re-standardisation, MSS steps 3–4). Up to 3 boundaries are compared without branches: the class
 * is the number of thresholds below the value, and comparisons are turned into 0/1 with Number(…),
 * which V8 compiles without a jump (a `? 1 : 0` becomes a mispredicted branch for values spread
 * over the classes: 4× slower at 200,000 areas).
 */
export function classifyColumn(
  io: ClassifyColumns,
  boundaries: readonly ResolvedBoundary[],
  classCount: number,
  re: Restandardise | null = null,
): number[] {
  const t = strictThresholds(boundaries);
  // The counts below follow from "areas above threshold k" only for ascending thresholds. Quantile
  // boundaries over tied values can coincide, and a 'lower' one followed by an 'upper' one at the
  // same value gives descending thresholds: count the classes themselves then (same classes).
  const ascending = t.every((x, k) => k === 0 || x >= (t[k - 1] as number));
  if (boundaries.length > 3 || !ascending) return classifyMany(io, t, classCount, re);
  const g = re ? restandardiseClassify3(io, t, re) : classify3(io, t);
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
  io: ClassifyColumns,
  t: Float64Array,
  re: Restandardise,
): Float64Array {
  const { valid, index, classOf } = io;
  const { combined, mean, inv } = re;
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
function classify3(io: ClassifyColumns, t: Float64Array): Float64Array {
  const { valid, index, classOf } = io;
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
  io: ClassifyColumns,
  t: Float64Array,
  classCount: number,
  re: Restandardise | null,
): number[] {
  const { valid, index, classOf } = io;
  const n = index.length;
  const nb = t.length;
  const counts = new Int32Array(classCount);
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      if (re) index[i] = NaN;
      classOf[i] = -1;
      continue;
    }
    let v: number;
    if (re) {
      v = ((re.combined[i] as number) - re.mean) * re.inv;
      index[i] = v;
    } else v = index[i] as number;
    let c = 0;
    for (let k = 0; k < nb; k++) c += Number(v > (t[k] as number));
    classOf[i] = c;
    counts[c] = (counts[c] as number) + 1;
  }
  return Array.from(counts);
}
