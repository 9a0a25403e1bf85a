// Stage "statistics": mean, population SD, min and max of the input columns over the valid areas,
// and the check that a column can be standardised. Method: docs/methods/index-engine.md.
import { formatNumber } from '../../format/number.ts';
import { MonitoringError } from '../errors.ts';
import { primeKernel } from './prime.ts';
import { quadOf } from './quad.ts';
import type { Quad } from './quad.ts';
import type { ColumnStats } from './types.ts';

const de2 = (x: number) => formatNumber(x, { decimals: 2 });

/**
 * Mean, population SD (÷ N, as the MSS: demo-data/README.md, MSS method step 1), min and max over the valid areas in one
 * pass, with sums shifted by the first valid value (Chan, Golub & LeVeque 1983, "Algorithms for
 * computing the sample variance", The American Statistician 37(3)) so that cancellation stays small.
 * A missing value (NaN, ±∞) among the valid areas makes the mean non-finite: the caller checks that.
 */
export function statsOf(x: Float64Array, valid: Uint8Array, validCount: number): ColumnStats {
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

/** Mean and population SD from the sums Σ d and Σ d² of N values shifted by `shift` (min/max unknown: NaN). */
export function statsOfSums(shift: number, s: number, ss: number, validCount: number): ColumnStats {
  const variance = (ss - (s * s) / validCount) / validCount;
  return {
    mean: shift + s / validCount,
    sd: Math.sqrt(variance > 0 ? variance : 0),
    min: NaN,
    max: NaN,
  };
}

/**
 * statsOf for several columns in one pass over the areas (one validity test per area, independent
 * accumulators per column); min/max only when `withRange` (min–max scaling, messages).
 */
export function statsOfColumns(
  cols: readonly Float64Array[],
  valid: Uint8Array,
  validCount: number,
  withRange: boolean,
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
  const q = quadOf(cols);
  const n = q.c0.length;
  let i0 = 0;
  while (i0 < n && valid[i0] !== 1) i0++;
  const k = new Float64Array(4);
  if (i0 < n) {
    k[0] = q.c0[i0] as number;
    k[1] = q.c1[i0] as number;
    k[2] = q.c2[i0] as number;
    k[3] = q.c3[i0] as number;
  }
  const sums = new Float64Array(8);
  validSums4(q, valid, i0, k, sums);
  const out: ColumnStats[] = [];
  for (let j = 0; j < m; j++)
    out.push(statsOfSums(k[j] as number, sums[2 * j] as number, sums[2 * j + 1] as number, validCount)); // prettier-ignore
  return out;
}

/**
 * Kernel of statsOfColumns: per column j (≤ 4) Σ (x − k[j]) and Σ (x − k[j])² over the valid areas
 * from i0 (the first valid one) into out[2j], out[2j + 1]. A kernel of its own without closures:
 * V8 optimises it as a whole, also when the first call already has 200,000 areas.
 */
function validSums4(
  cols: Quad<Float64Array>,
  valid: Uint8Array,
  i0: number,
  k: Float64Array,
  out: Float64Array,
): void {
  const { c0, c1, c2, c3 } = cols;
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

// Type feedback for every site of the kernel before its first large call (./prime.ts).
primeKernel(() => {
  const c = Float64Array.of(1, 2);
  validSums4(quadOf([c]), Uint8Array.of(0, 1), 0, new Float64Array(4), new Float64Array(8));
});

/** Throws zero_variance when a column has no spread over the valid areas (it cannot be standardised). */
export function assertVariance(stats: ColumnStats, validCount: number, what: string): void {
  // sd is exactly 0 when all values are equal (the shifted sums are then all 0).
  if (!(stats.sd > 0) || (Number.isFinite(stats.max) && !(stats.max > stats.min))) {
    throw new MonitoringError(
      'zero_variance',
      `${what} hat über die ${validCount} gültigen Gebiete keine Streuung (alle Werte ${de2(stats.mean)}); standardisieren ist nicht möglich.`,
    );
  }
}
