// Descriptive statistics over area values. Method notes: docs/methods/aggregation.md.
// Inputs may contain null (= no observation); nulls are skipped. NaN and ±Infinity are errors,
// because in our data they only arise from a bug upstream (e.g. a division by zero not caught).

/** Keeps the finite numbers of `values`, skipping nulls; throws on NaN/Infinity naming the position. */
export function collectFinite(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (!Number.isFinite(v)) {
      throw new RangeError(`Wert an Position ${i} ist keine endliche Zahl (${String(v)})`);
    }
    out.push(v);
  }
  return out;
}

/**
 * Sum with Neumaier's compensated summation, so that summing a few thousand area counts or
 * shares does not depend on their order (Neumaier 1974, see docs/methods/aggregation.md).
 */
export function sumPrecise(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** Arithmetic (unweighted) mean; null when there is no value. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  const xs = collectFinite(values);
  if (xs.length === 0) return null;
  return sumPrecise(xs) / xs.length;
}

/**
 * Population standard deviation (divides by N, not N−1), as used by the Berlin MSS for its
 * z-standardisation over all valid planning areas (the areas are the whole population, not a
 * sample). Null when there is no value; 0 for a single value.
 */
export function populationSd(values: readonly (number | null | undefined)[]): number | null {
  const xs = collectFinite(values);
  if (xs.length === 0) return null;
  // Two-pass algorithm: numerically safer than E[x²] − E[x]² for values far from zero.
  const m = sumPrecise(xs) / xs.length;
  const squares = xs.map((x) => (x - m) * (x - m));
  return Math.sqrt(sumPrecise(squares) / xs.length);
}

/**
 * Sample quantile of type 7 (Hyndman & Fan 1996; the default of R and NumPy):
 * h = (n−1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values.
 * p must be in [0, 1]. Null when there is no value.
 */
export function quantile(values: readonly (number | null | undefined)[], p: number): number | null {
  if (!Number.isFinite(p) || p < 0 || p > 1) {
    throw new RangeError(
      `Quantil-Wahrscheinlichkeit muss zwischen 0 und 1 liegen, erhalten: ${String(p)}`,
    );
  }
  const xs = collectFinite(values).sort((a, b) => a - b);
  return quantileSorted(xs, p);
}

/** Type-7 quantile of already ascending-sorted finite numbers (no checks); null when empty. */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const xLo = sorted[lo] as number;
  if (lo >= n - 1) return sorted[n - 1] as number;
  const xHi = sorted[lo + 1] as number;
  const frac = h - lo;
  return frac === 0 ? xLo : xLo + frac * (xHi - xLo);
}

/** Median (type-7 quantile at p = 0.5: the mean of the two middle values for even n); null when empty. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  return quantile(values, 0.5);
}
