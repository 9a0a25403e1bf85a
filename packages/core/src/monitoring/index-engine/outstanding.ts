// Changes that stand out against the city-wide distribution of changes (docs/methods/change-detection.md
// § Auffällige Veränderungen): the distribution sums, limits and flag kernels. They live once here:
// change.ts (flagOutstandingChangeColumns, re-exported there) and the index engine (option
// outstandingChanges of computeIndexColumns, whose dynamics z-sum pass repeats flagOutside4's
// comparisons — ./kernels.ts zSumFlag4) both use them, so both give identical results.
import { MonitoringError } from '../errors.ts';
import { primeKernel } from './prime.ts';
import { quadOf, slotValues } from './quad.ts';
import type { Quad } from './quad.ts';
import { zeroedBytes } from './workspace.ts';
import type { IndexWorkspace } from './workspace.ts';

/** Columnar result of flagOutstandingChangeColumn: z per area (NaN without a change) and 1 where it stands out. */
export interface ChangeColumnFlags {
  n: number;
  mean: number;
  sd: number;
  /** null when called with withZ: false */
  z: Float64Array | null;
  outstanding: Uint8Array;
  outstandingCount: number;
}

/** Options of flagOutstandingChangeColumn(s). */
export interface OutstandingChangeOptions {
  threshold?: number;
  direction?: 'increase' | 'decrease' | 'both';
  withZ?: boolean;
}

/**
 * Kernel: per column j (≤ 4; unused slots repeat column 0) the number of finite values and their sum
 * and sum of squares shifted by k[j], in one pass (four independent accumulator chains instead of
 * one per pass). Values before a column's first finite value are non-finite, so starting at 0 gives
 * the same sums as starting there. Writes out[3j] = n, out[3j + 1] = s, out[3j + 2] = ss.
 */
export function shiftedFiniteSums4(
  cols: Quad<Float64Array>,
  k: Float64Array,
  out: Float64Array,
): void {
  const { c0, c1, c2, c3 } = cols;
  const len = c0.length;
  const k0 = k[0] as number, k1 = k[1] as number, k2 = k[2] as number, k3 = k[3] as number; // prettier-ignore
  let n0 = 0, n1 = 0, n2 = 0, n3 = 0; // prettier-ignore
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0; // prettier-ignore
  for (let i = 0; i < len; i++) {
    const d0 = (c0[i] as number) - k0;
    const d1 = (c1[i] as number) - k1;
    const d2 = (c2[i] as number) - k2;
    const d3 = (c3[i] as number) - k3;
    // finite ⇔ d − d === 0 (NaN − NaN and ∞ − ∞ are NaN)
    if (d0 - d0 === 0) {
      n0++;
      s0 += d0;
      q0 += d0 * d0;
    }
    if (d1 - d1 === 0) {
      n1++;
      s1 += d1;
      q1 += d1 * d1;
    }
    if (d2 - d2 === 0) {
      n2++;
      s2 += d2;
      q2 += d2 * d2;
    }
    if (d3 - d3 === 0) {
      n3++;
      s3 += d3;
      q3 += d3 * d3;
    }
  }
  out[0] = n0;
  out[1] = s0;
  out[2] = q0;
  out[3] = n1;
  out[4] = s1;
  out[5] = q1; // prettier-ignore
  out[6] = n2;
  out[7] = s2;
  out[8] = q2;
  out[9] = n3;
  out[10] = s3;
  out[11] = q3; // prettier-ignore
}

/** shiftedFiniteSums4 without the finiteness tests (n = length): exact when every value is finite. */
export function shiftedSums4(cols: Quad<Float64Array>, k: Float64Array, out: Float64Array): void {
  const { c0, c1, c2, c3 } = cols;
  const len = c0.length;
  const k0 = k[0] as number, k1 = k[1] as number, k2 = k[2] as number, k3 = k[3] as number; // prettier-ignore
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0; // prettier-ignore
  for (let i = 0; i < len; i++) {
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
  out[0] = len;
  out[1] = s0;
  out[2] = q0;
  out[3] = len;
  out[4] = s1;
  out[5] = q1; // prettier-ignore
  out[6] = len;
  out[7] = s2;
  out[8] = q2;
  out[9] = len;
  out[10] = s3;
  out[11] = q3; // prettier-ignore
}

/** Kernel: out_j[i] = 1 where c_j[i] > hi_j or < lo_j (NaN never), ≤ 4 columns, into fresh (all 0) columns; counts into counts[j]. */
function flagOutside4(
  cols: Quad<Float64Array>,
  lo: Float64Array,
  hi: Float64Array,
  flags: Quad<Uint8Array>,
  counts: Float64Array,
): void {
  const { c0, c1, c2, c3 } = cols;
  const { c0: o0, c1: o1, c2: o2, c3: o3 } = flags;
  const len = c0.length;
  const l0 = lo[0] as number, l1 = lo[1] as number, l2 = lo[2] as number, l3 = lo[3] as number; // prettier-ignore
  const h0 = hi[0] as number, h1 = hi[1] as number, h2 = hi[2] as number, h3 = hi[3] as number; // prettier-ignore
  let m0 = 0, m1 = 0, m2 = 0, m3 = 0; // prettier-ignore
  // fresh (all 0) outputs, rare flags: write only the 1s
  for (let i = 0; i < len; i++) {
    const v0 = c0[i] as number;
    const v1 = c1[i] as number;
    const v2 = c2[i] as number;
    const v3 = c3[i] as number;
    if (v0 > h0 || v0 < l0) {
      o0[i] = 1;
      m0++;
    }
    if (v1 > h1 || v1 < l1) {
      o1[i] = 1;
      m1++;
    }
    if (v2 > h2 || v2 < l2) {
      o2[i] = 1;
      m2++;
    }
    if (v3 > h3 || v3 < l3) {
      o3[i] = 1;
      m3++;
    }
  }
  counts[0] = m0;
  counts[1] = m1;
  counts[2] = m2;
  counts[3] = m3;
}

/** flagOutside4 for increases only (lo = −∞): one comparison per value. */
function flagAbove4(
  cols: Quad<Float64Array>,
  hi: Float64Array,
  flags: Quad<Uint8Array>,
  counts: Float64Array,
): void {
  const { c0, c1, c2, c3 } = cols;
  const { c0: o0, c1: o1, c2: o2, c3: o3 } = flags;
  const len = c0.length;
  const h0 = hi[0] as number, h1 = hi[1] as number, h2 = hi[2] as number, h3 = hi[3] as number; // prettier-ignore
  let m0 = 0, m1 = 0, m2 = 0, m3 = 0; // prettier-ignore
  // The output columns are fresh (all 0) and a flag is rare: write only the 1s (a branch that is
  // almost always predicted is cheaper than a store per value).
  for (let i = 0; i < len; i++) {
    if ((c0[i] as number) > h0) {
      o0[i] = 1;
      m0++;
    }
    if ((c1[i] as number) > h1) {
      o1[i] = 1;
      m1++;
    }
    if ((c2[i] as number) > h2) {
      o2[i] = 1;
      m2++;
    }
    if ((c3[i] as number) > h3) {
      o3[i] = 1;
      m3++;
    }
  }
  counts[0] = m0;
  counts[1] = m1;
  counts[2] = m2;
  counts[3] = m3;
}

// Type feedback for every site of the kernels before their first large call (./prime.ts):
// without it shiftedSums4 deoptimised at the end of every call in the index chain (ADR 0054).
primeKernel(() => {
  const cols = quadOf([Float64Array.of(1, NaN, 5)]);
  const bounds = Float64Array.of(0, 0, 0, 0);
  const flags = () => quadOf([new Uint8Array(3), new Uint8Array(3)]);
  shiftedSums4(cols, bounds, new Float64Array(12));
  shiftedFiniteSums4(cols, bounds, new Float64Array(12));
  flagOutside4(cols, Float64Array.of(2, 2, 2, 2), Float64Array.of(4, 4, 4, 4), flags(), new Float64Array(4)); // prettier-ignore
  flagAbove4(cols, Float64Array.of(4, 4, 4, 4), flags(), new Float64Array(4));
});

/**
 * The distribution sums of one change column as flagOutstandingChangeColumns computes them: n
 * finite values, shift = the first finite value, s = Σ (x − shift), ss = Σ (x − shift)² over the
 * finite values in position order. Whoever passes them in (the index engine computes them in its own
 * statistics pass, computeIndexColumns option outstandingChanges) must sum in exactly this way.
 */
export interface OutstandingSums {
  n: number;
  shift: number;
  s: number;
  ss: number;
}

/** The first finite value of a column (0 when there is none): the shift of OutstandingSums. */
export function firstFiniteValue(c: Float64Array): number {
  const len = c.length;
  let i0 = 0;
  while (i0 < len && !Number.isFinite(c[i0] as number)) i0++;
  return i0 < len ? (c[i0] as number) : 0;
}

/** Mean, population SD and the flag bounds (flag where x > hi or x < lo) of one change column. */
export interface OutstandingLimits {
  n: number;
  mean: number;
  sd: number;
  lo: number;
  hi: number;
}

/** The limits from the sums; throws like flagOutstandingChangeColumns (fewer than 2 values, no spread). */
export function outstandingLimits(
  sums: OutstandingSums,
  options: OutstandingChangeOptions = {},
): OutstandingLimits {
  const threshold = options.threshold ?? 2;
  const direction = options.direction ?? 'both';
  const { n, s, ss } = sums;
  if (n < 2)
    throw new MonitoringError(
      'no_valid_area',
      `Für die gesamtstädtische Verteilung der Veränderungen sind mindestens 2 Gebiete mit Werten nötig, vorhanden: ${n}.`,
    );
  const mean = sums.shift + s / n;
  const variance = (ss - (s * s) / n) / n;
  const sd = Math.sqrt(variance > 0 ? variance : 0);
  if (sd === 0)
    throw new MonitoringError(
      'zero_variance',
      'Alle Gebiete haben dieselbe Veränderung; keine Veränderung sticht hervor.',
    );
  // z > t ⇔ change > mean + t·sd: the flags need no z-values.
  return {
    n,
    mean,
    sd,
    hi: direction === 'decrease' ? Infinity : mean + threshold * sd,
    lo: direction === 'increase' ? -Infinity : mean - threshold * sd,
  };
}

/** The result of one column from its limits and flags (z-values unless withZ: false). */
export function changeColumnFlagsOf(
  column: Float64Array,
  limits: OutstandingLimits,
  outstanding: Uint8Array,
  outstandingCount: number,
  options: OutstandingChangeOptions = {},
): ChangeColumnFlags {
  let z: Float64Array | null = null;
  if (options.withZ !== false) {
    const len = column.length;
    z = new Float64Array(len);
    for (let i = 0; i < len; i++) z[i] = ((column[i] as number) - limits.mean) / limits.sd;
  }
  return { n: limits.n, mean: limits.mean, sd: limits.sd, z, outstanding, outstandingCount };
}

/**
 * flagOutstandingChangeColumn for several columns of the same length (e.g. every dynamics indicator
 * of an index), four at a time in one pass for the distribution and one for the flags; each column
 * gets the same result as alone. Throws for the first column without 2 values or without spread.
 * With a workspace the flag columns are reused between runs (like IndexWorkspace for the index).
 * With `sums` (one per column, see OutstandingSums) the pass for the distribution is skipped; the
 * results are identical.
 */
export function flagOutstandingChangeColumns(
  columns: readonly Float64Array[],
  options: OutstandingChangeOptions = {},
  workspace?: IndexWorkspace,
  sums?: readonly OutstandingSums[],
): ChangeColumnFlags[] {
  if (sums && sums.length !== columns.length)
    throw new MonitoringError(
      'invalid_input',
      `Verteilungssummen für ${sums.length} statt ${columns.length} Spalten.`,
    );
  const out: ChangeColumnFlags[] = [];
  for (let g = 0; g < columns.length; g += 4) {
    const group = columns.slice(g, g + 4);
    const len = (group[0] as Float64Array).length;
    if (group.some((c) => c.length !== len)) {
      // different lengths: one column at a time
      group.forEach((c, j) =>
        out.push(...flagGroup([c], options, workspace, g + j, sums?.slice(g + j, g + j + 1))),
      );
      continue;
    }
    out.push(...flagGroup(group, options, workspace, g, sums?.slice(g, g + 4)));
  }
  return out;
}

/**
 * The distribution sums (OutstandingSums) of 1–4 columns of the same length in one pass; also what
 * the index engine computes for its fused flag pass (computeIndexColumns option outstandingChanges).
 */
export function distributionSums(group: readonly Float64Array[]): OutstandingSums[] {
  const cols = quadOf(group);
  // Sums shifted by each column's first finite value (stable enough for changes in pp).
  const shift = Float64Array.from([cols.c0, cols.c1, cols.c2, cols.c3], firstFiniteValue);
  const sums = new Float64Array(12);
  // Without missing or infinite values (the common case) the sums need no test per value; a
  // non-finite sum shows that a column has such values, then the pass with tests runs.
  shiftedSums4(cols, shift, sums);
  if (!sums.every((x) => Number.isFinite(x))) shiftedFiniteSums4(cols, shift, sums);
  const out: OutstandingSums[] = [];
  for (let j = 0; j < group.length; j++)
    out.push({
      n: sums[3 * j] as number,
      shift: shift[j] as number,
      s: sums[3 * j + 1] as number,
      ss: sums[3 * j + 2] as number,
    });
  return out;
}

/**
 * The flag columns of an outstanding-change group (`change.outstanding.<first + j>` in the
 * workspace, zeroed) for 1–4 columns; unused slots share one scratch column (their bounds flag nothing).
 */
export function outstandingFlagSlots(
  workspace: IndexWorkspace | undefined,
  first: number,
  m: number,
  len: number,
): Quad<Uint8Array> {
  const flags = [0, 1, 2, 3].map((j) =>
    zeroedBytes(
      workspace,
      j < m ? `change.outstanding.${first + j}` : 'change.outstanding.unused',
      len,
    ),
  );
  return quadOf(flags);
}

/** The flag bounds of 1–4 columns in slots (unused slots: −∞ / +∞, they flag nothing). */
export function limitSlots(limits: readonly OutstandingLimits[]): {
  lo: Float64Array;
  hi: Float64Array;
} {
  return { lo: slotValues(limits.map((l) => l.lo), -Infinity), hi: slotValues(limits.map((l) => l.hi), Infinity) }; // prettier-ignore
}

function flagGroup(
  group: readonly Float64Array[],
  options: OutstandingChangeOptions,
  workspace: IndexWorkspace | undefined,
  first: number,
  given: readonly OutstandingSums[] | undefined,
): ChangeColumnFlags[] {
  const direction = options.direction ?? 'both';
  const cols = quadOf(group);
  const sums = given ?? distributionSums(group);
  const limits = sums.map((st) => outstandingLimits(st, options));
  const { lo, hi } = limitSlots(limits);
  const flags = outstandingFlagSlots(workspace, first, group.length, cols.c0.length);
  const counts = new Float64Array(4);
  if (direction === 'increase') flagAbove4(cols, hi, flags, counts);
  else flagOutside4(cols, lo, hi, flags, counts);
  const flagCols = [flags.c0, flags.c1, flags.c2, flags.c3];
  return limits.map(
    (l, j) =>
    changeColumnFlagsOf(group[j] as Float64Array, l, flagCols[j] as Uint8Array, counts[j] as number, options), // prettier-ignore
  );
}
