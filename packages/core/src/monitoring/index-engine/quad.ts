// Four column slots for the kernels that work on up to four columns in one pass (the MSS has 3–4
// indicators per part). A kernel reads the slots into locals before its loop, so the struct costs
// nothing per area (measured: bench/monitoring.ts, ADR 0023); unused slots repeat column 0, and
// the kernel's parameters for them make their contribution vanish (weight 0, bounds ±∞, dropped sums).

/** Up to four columns of the same length; unused slots repeat c0. */
export interface Quad<T> {
  readonly c0: T;
  readonly c1: T;
  readonly c2: T;
  readonly c3: T;
}

/** The slots of 1–4 columns (unused slots repeat the first). */
export function quadOf<T>(cols: readonly T[]): Quad<T> {
  const c0 = cols[0] as T;
  return { c0, c1: cols[1] ?? c0, c2: cols[2] ?? c0, c3: cols[3] ?? c0 };
}

/** Four numbers per slot (parameters of the slots: means, scales, weights, shifts, bounds). */
export function slotValues(values: readonly number[], unused: number): Float64Array {
  const out = new Float64Array(4).fill(unused);
  values.forEach((v, j) => (out[j] = v));
  return out;
}
