// Stage "standardise": z-scores, min–max scaling and percentile ranks of the inputs, and their
// (weighted) combination per area (MSS steps 1–2: z = (x − mean) / SD, Statussumme = Σ z).
// Method: docs/methods/index-engine.md; MSS: demo-data/README.md.
import type { StandardisationMethod } from '../types.ts';
import { quadOf } from './quad.ts';
import { statsOfSums } from './stats.ts';
import type { ColumnStats } from './types.ts';

/**
 * Writes the standardised x into `out` (NaN for unscored areas) and, when `combined` is given, adds
 * weight × value to it (MSS step 2: Statussumme = Σ z). Sign −1 flips "higher is better".
 */
export function writeStandardised(
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

/**
 * z-standardisation of all inputs and their weighted combination in one pass over the areas (the
 * combined value is written once; the z-values themselves are materialised only on demand, see
 * lazyZColumns); returns the combined value's stats from the same pass.
 */
export function standardiseZFused(
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
    const { c0, c1, c2, c3 } = quadOf(cols);
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
  return statsOfSums(0, s, ss, validCount);
}

/** z-columns computed on first access with the same arithmetic as the fused pass (identical values). */
export function lazyZColumns(
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
