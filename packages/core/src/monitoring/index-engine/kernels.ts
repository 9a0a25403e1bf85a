// The kernels of the fast path (./fast-path.ts): the z-standardisation and combination of each
// part in one pass, and the classes of both parts with the matrix cells in one more pass.
// Each takes small structs of columns and parameters (ZTerms, ClassTerms) and reads them into
// locals before its loop: no cost per area (bench/monitoring.ts, ADR 0023). The arithmetic per
// value is that of the general path (standardise.ts standardiseZFused, classify.ts
// restandardiseClassify3), so both paths give identical values.
import { primeKernel } from './prime.ts';
import { quadOf } from './quad.ts';
import type { Quad } from './quad.ts';

/** One part in the z-sum pass: four input slots and per slot mean, scale (sign / SD) and weight; `combined` is written. */
export interface ZTerms {
  cols: Quad<Float64Array>;
  mean: Float64Array;
  scale: Float64Array;
  weight: Float64Array;
  /** Σ w·z per area (NaN for unscored areas). */
  combined: Float64Array;
}

/**
 * The structs are built only here (zTerms, flagTerms), also for the warm-up below: one object shape
 * per struct, so the kernels' property loads see the shape they were optimised for.
 */
export function zTerms(
  cols: Quad<Float64Array>,
  mean: Float64Array,
  scale: Float64Array,
  weight: Float64Array,
  combined: Float64Array,
): ZTerms {
  return { cols, mean, scale, weight, combined };
}

/** The outstanding-change flags taken in the z-sum pass over the dynamics columns (see outstanding.ts flagOutside4). */
export interface FlagTerms {
  lo: Float64Array;
  hi: Float64Array;
  /** some lower bound is finite (false for increases only: then x < lo never holds and is not tested). */
  withLower: boolean;
  /** zeroed flag columns; only the 1s are written. */
  flags: Quad<Uint8Array>;
  /** flags per slot, written by the kernel. */
  counts: Float64Array;
}

/** FlagTerms (see zTerms). */
export function flagTerms(
  lo: Float64Array,
  hi: Float64Array,
  flags: Quad<Uint8Array>,
  counts: Float64Array,
): FlagTerms {
  return { lo, hi, withLower: lo.some((x) => x !== -Infinity), flags, counts };
}

/** One part in the final pass: re-standardisation (combined − mean) × inv, ≤ 3 strict thresholds (unused +∞), the class column. */
export interface ClassTerms {
  combined: Float64Array;
  mean: number;
  inv: number;
  t: Float64Array;
  classOf: Int8Array;
}

/** The per-area matrix output of finalKernelAll: tables over the cells (last = unscored) and the columns to fill. */
export interface MatrixOut {
  groupX: Int16Array;
  attentionX: Uint8Array;
  groupOf: Int16Array;
  attention: Uint8Array;
}

/**
 * Kernel: the combined value of one part per area (Σ w·z with z = (x − mean) × sign / SD, four
 * slots, fixed order; NaN for unscored areas) into t.combined, and their sum and sum of squares over
 * the valid areas: [Σ, Σ²]. One kernel per part, not one for both parts: with half the columns
 * live, V8 keeps more of them in registers (measured faster, ADR 0054); the values are the same.
 */
export function zCombine(valid: Uint8Array, t: ZTerms): Float64Array {
  const n = valid.length;
  const { c0, c1, c2, c3 } = t.cols;
  const out = t.combined;
  const m0 = t.mean[0] as number, m1 = t.mean[1] as number, m2 = t.mean[2] as number, m3 = t.mean[3] as number; // prettier-ignore
  const f0 = t.scale[0] as number, f1 = t.scale[1] as number, f2 = t.scale[2] as number, f3 = t.scale[3] as number; // prettier-ignore
  const w0 = t.weight[0] as number, w1 = t.weight[1] as number, w2 = t.weight[2] as number, w3 = t.weight[3] as number; // prettier-ignore
  let s = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      out[i] = NaN;
      continue;
    }
    const z0 = ((c0[i] as number) - m0) * f0;
    const z1 = ((c1[i] as number) - m1) * f1;
    const z2 = ((c2[i] as number) - m2) * f2;
    const z3 = ((c3[i] as number) - m3) * f3;
    const c = w0 * z0 + w1 * z1 + w2 * z2 + w3 * z3;
    out[i] = c;
    s += c;
    q += c * c;
  }
  return Float64Array.of(s, q);
}

/** zCombine with all weights 1 (weights unused): fewer floating-point operations per area, same values. */
export function zSum(valid: Uint8Array, t: ZTerms): Float64Array {
  const n = valid.length;
  const { c0, c1, c2, c3 } = t.cols;
  const out = t.combined;
  const m0 = t.mean[0] as number, m1 = t.mean[1] as number, m2 = t.mean[2] as number, m3 = t.mean[3] as number; // prettier-ignore
  const f0 = t.scale[0] as number, f1 = t.scale[1] as number, f2 = t.scale[2] as number, f3 = t.scale[3] as number; // prettier-ignore
  let s = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      out[i] = NaN;
      continue;
    }
    const c =
      ((c0[i] as number) - m0) * f0 +
      ((c1[i] as number) - m1) * f1 +
      ((c2[i] as number) - m2) * f2 +
      ((c3[i] as number) - m3) * f3;
    out[i] = c;
    s += c;
    q += c * c;
  }
  return Float64Array.of(s, q);
}

/**
 * zSum and, in the same pass over the part's columns (the dynamics), the outstanding changes of
 * those columns over all areas: flag_j[i] = 1 where x_j[i] > hi[j] or < lo[j] (NaN never), into
 * zeroed columns (only the rare 1s written: a branch-free store per value cost more than the
 * separate pass); counts into f.counts. Same comparisons as outstanding.ts flagAbove4 / flagOutside4.
 */
export function zSumFlag4(valid: Uint8Array, t: ZTerms, f: FlagTerms): Float64Array {
  const n = valid.length;
  const { c0, c1, c2, c3 } = t.cols;
  const { c0: o0, c1: o1, c2: o2, c3: o3 } = f.flags;
  const out = t.combined;
  const m0 = t.mean[0] as number, m1 = t.mean[1] as number, m2 = t.mean[2] as number, m3 = t.mean[3] as number; // prettier-ignore
  const f0 = t.scale[0] as number, f1 = t.scale[1] as number, f2 = t.scale[2] as number, f3 = t.scale[3] as number; // prettier-ignore
  const l0 = f.lo[0] as number, l1 = f.lo[1] as number, l2 = f.lo[2] as number, l3 = f.lo[3] as number; // prettier-ignore
  const h0 = f.hi[0] as number, h1 = f.hi[1] as number, h2 = f.hi[2] as number, h3 = f.hi[3] as number; // prettier-ignore
  // increases only (all lo = −∞): x < lo never holds; not testing it saves a comparison per value
  const lower = f.withLower;
  let s = 0;
  let q = 0;
  let k0 = 0, k1 = 0, k2 = 0, k3 = 0; // prettier-ignore
  for (let i = 0; i < n; i++) {
    const x0 = c0[i] as number;
    const x1 = c1[i] as number;
    const x2 = c2[i] as number;
    const x3 = c3[i] as number;
    // flags are rare: a branch almost always predicted, writing only the 1s into zeroed columns
    if (x0 > h0 || (lower && x0 < l0)) {
      o0[i] = 1;
      k0++;
    }
    if (x1 > h1 || (lower && x1 < l1)) {
      o1[i] = 1;
      k1++;
    }
    if (x2 > h2 || (lower && x2 < l2)) {
      o2[i] = 1;
      k2++;
    }
    if (x3 > h3 || (lower && x3 < l3)) {
      o3[i] = 1;
      k3++;
    }
    if (valid[i] !== 1) {
      out[i] = NaN;
      continue;
    }
    const c = (x0 - m0) * f0 + (x1 - m1) * f1 + (x2 - m2) * f2 + (x3 - m3) * f3;
    out[i] = c;
    s += c;
    q += c * c;
  }
  f.counts[0] = k0;
  f.counts[1] = k1;
  f.counts[2] = k2;
  f.counts[3] = k3;
  return Float64Array.of(s, q);
}

// Type feedback for every site before the first large call (./prime.ts): without it the chain ran
// at one of two speeds per process (measured 7,8 vs 11,5 ms at 200.000 areas).
primeKernel(() => {
  const n = 8;
  const col = () => Float64Array.from({ length: n }, (_, i) => i + 1);
  const valid = new Uint8Array(n).fill(1);
  valid[3] = 0;
  const four = (x: number) => new Float64Array(4).fill(x);
  const terms = () =>
    zTerms(quadOf([col(), col(), col(), col()]), four(4), four(0.5), four(1), new Float64Array(n));
  const bytes = () => new Uint8Array(n);
  zCombine(valid, terms());
  zSum(valid, terms());
  const flags = () => quadOf([bytes(), bytes(), bytes(), bytes()]);
  zSumFlag4(valid, terms(), flagTerms(four(1.5), four(6.5), flags(), four(0)));
  zSumFlag4(valid, terms(), flagTerms(four(-Infinity), four(6.5), flags(), four(0)));
});

/** index = (combined − mean) × inv for every area (NaN stays NaN): the arithmetic of finalKernel. */
export function restandardisedColumn(
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
 * classify.ts restandardiseClassify3); returns the number of areas per cell (status class × nd +
 * dynamics class; last = unscored), from which the class counts of both parts, the areas per
 * matrix group and the attention count follow. The per-area matrix group, rule hits and attention
 * flag are written from the class columns on first access (matrix.ts), not here.
 */
export function finalKernel(
  valid: Uint8Array,
  s: ClassTerms,
  d: ClassTerms,
  nd: number,
  nc: number,
): Int32Array {
  const n = valid.length;
  const cellCounts = new Int32Array(nc + 1);
  const { combined: sComb, mean: sMean, inv: sInv, classOf: sClass } = s;
  const { combined: dComb, mean: dMean, inv: dInv, classOf: dClass } = d;
  const s0 = s.t[0] as number, s1 = s.t[1] as number, s2 = s.t[2] as number; // prettier-ignore
  const d0 = d.t[0] as number, d1 = d.t[1] as number, d2 = d.t[2] as number; // prettier-ignore
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
 * restandardisedColumn) into sIndex / dIndex, the matrix group and the attention flag (tables over
 * the cells, last = unscored: group −1, no attention) — materialise 'all': one pass instead of the
 * reads' own passes.
 */
export function finalKernelAll(
  valid: Uint8Array,
  s: ClassTerms,
  d: ClassTerms,
  index: { sIndex: Float64Array; dIndex: Float64Array },
  nd: number,
  m: MatrixOut,
): Int32Array {
  const n = valid.length;
  const nc = m.groupX.length - 1;
  const cellCounts = new Int32Array(nc + 1);
  const { combined: sComb, mean: sMean, inv: sInv, classOf: sClass } = s;
  const { combined: dComb, mean: dMean, inv: dInv, classOf: dClass } = d;
  const { sIndex, dIndex } = index;
  const { groupX, attentionX, groupOf, attention } = m;
  const s0 = s.t[0] as number, s1 = s.t[1] as number, s2 = s.t[2] as number; // prettier-ignore
  const d0 = d.t[0] as number, d1 = d.t[1] as number, d2 = d.t[2] as number; // prettier-ignore
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
