// The fused kernels of the fast path (./fast-path.ts): the z-standardisation and combination of
// both parts in one pass, and the classes of both parts with the matrix cells in one more pass.
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
  return { lo, hi, flags, counts };
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
 * Kernel: combined status and dynamics value per area (Σ w·z with z = (x − mean) × sign / SD, four
 * slots each, fixed order) and their sums and sums of squares over the valid areas:
 * [Σ status, Σ status², Σ dynamics, Σ dynamics²].
 */
export function zCombine2(valid: Uint8Array, a: ZTerms, b: ZTerms): Float64Array {
  const n = valid.length;
  const { c0: a0, c1: a1, c2: a2, c3: a3 } = a.cols;
  const { c0: b0, c1: b1, c2: b2, c3: b3 } = b.cols;
  const outA = a.combined;
  const outB = b.combined;
  const ma0 = a.mean[0] as number, ma1 = a.mean[1] as number, ma2 = a.mean[2] as number, ma3 = a.mean[3] as number; // prettier-ignore
  const mb0 = b.mean[0] as number, mb1 = b.mean[1] as number, mb2 = b.mean[2] as number, mb3 = b.mean[3] as number; // prettier-ignore
  const fa0 = a.scale[0] as number, fa1 = a.scale[1] as number, fa2 = a.scale[2] as number, fa3 = a.scale[3] as number; // prettier-ignore
  const fb0 = b.scale[0] as number, fb1 = b.scale[1] as number, fb2 = b.scale[2] as number, fb3 = b.scale[3] as number; // prettier-ignore
  const wa0 = a.weight[0] as number, wa1 = a.weight[1] as number, wa2 = a.weight[2] as number, wa3 = a.weight[3] as number; // prettier-ignore
  const wb0 = b.weight[0] as number, wb1 = b.weight[1] as number, wb2 = b.weight[2] as number, wb3 = b.weight[3] as number; // prettier-ignore
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
  return Float64Array.of(sa, qa, sb, qb);
}

/** zCombine2 with all weights 1 (weights unused): fewer floating-point operations per area, same values. */
export function zSum2(valid: Uint8Array, a: ZTerms, b: ZTerms): Float64Array {
  const n = valid.length;
  const { c0: a0, c1: a1, c2: a2, c3: a3 } = a.cols;
  const { c0: b0, c1: b1, c2: b2, c3: b3 } = b.cols;
  const outA = a.combined;
  const outB = b.combined;
  const ma0 = a.mean[0] as number, ma1 = a.mean[1] as number, ma2 = a.mean[2] as number, ma3 = a.mean[3] as number; // prettier-ignore
  const mb0 = b.mean[0] as number, mb1 = b.mean[1] as number, mb2 = b.mean[2] as number, mb3 = b.mean[3] as number; // prettier-ignore
  const fa0 = a.scale[0] as number, fa1 = a.scale[1] as number, fa2 = a.scale[2] as number, fa3 = a.scale[3] as number; // prettier-ignore
  const fb0 = b.scale[0] as number, fb1 = b.scale[1] as number, fb2 = b.scale[2] as number, fb3 = b.scale[3] as number; // prettier-ignore
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
  return Float64Array.of(sa, qa, sb, qb);
}

/**
 * zSum2 and, in the same pass over the dynamics columns (b), the outstanding changes of those
 * columns over all areas: flag_j[i] = 1 where b_j[i] > hi[j] or < lo[j] (NaN never), into zeroed
 * columns (only the rare 1s written: a branch-free store per value cost more than the separate
 * pass); counts into f.counts. Same comparisons as outstanding.ts flagAbove4 / flagOutside4.
 */
export function zSum2Flag4(valid: Uint8Array, a: ZTerms, b: ZTerms, f: FlagTerms): Float64Array {
  const n = valid.length;
  const { c0: a0, c1: a1, c2: a2, c3: a3 } = a.cols;
  const { c0: b0, c1: b1, c2: b2, c3: b3 } = b.cols;
  const { c0: o0, c1: o1, c2: o2, c3: o3 } = f.flags;
  const outA = a.combined;
  const outB = b.combined;
  const ma0 = a.mean[0] as number, ma1 = a.mean[1] as number, ma2 = a.mean[2] as number, ma3 = a.mean[3] as number; // prettier-ignore
  const mb0 = b.mean[0] as number, mb1 = b.mean[1] as number, mb2 = b.mean[2] as number, mb3 = b.mean[3] as number; // prettier-ignore
  const fa0 = a.scale[0] as number, fa1 = a.scale[1] as number, fa2 = a.scale[2] as number, fa3 = a.scale[3] as number; // prettier-ignore
  const fb0 = b.scale[0] as number, fb1 = b.scale[1] as number, fb2 = b.scale[2] as number, fb3 = b.scale[3] as number; // prettier-ignore
  const l0 = f.lo[0] as number, l1 = f.lo[1] as number, l2 = f.lo[2] as number, l3 = f.lo[3] as number; // prettier-ignore
  const h0 = f.hi[0] as number, h1 = f.hi[1] as number, h2 = f.hi[2] as number, h3 = f.hi[3] as number; // prettier-ignore
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
  f.counts[0] = m0;
  f.counts[1] = m1;
  f.counts[2] = m2;
  f.counts[3] = m3;
  return Float64Array.of(sa, qa, sb, qb);
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
  zSum2Flag4(valid, terms(), terms(), flagTerms(four(1.5), four(6.5), quadOf([bytes(), bytes(), bytes(), bytes()]), four(0))); // prettier-ignore
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
