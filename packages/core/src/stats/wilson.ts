// Confidence interval for a proportion from small numbers (reliability flags for small areas).
// Wilson, E. B. (1927): Probable inference, the law of succession, and statistical inference.
// Journal of the American Statistical Association 22(158), 209–212. Brown, Cai & DasGupta (2001,
// Statistical Science 16(2), 101–133) recommend it over the Wald interval for small n and for
// proportions near 0 or 1. Details: docs/methods/aggregation.md § Small numbers.

/** A confidence interval for a proportion, as shares 0–1. */
export interface ProportionInterval {
  lower: number;
  upper: number;
  /** the Wilson centre (p + z²/2n) / (1 + z²/n), pulled from p towards 0.5. */
  center: number;
}

/**
 * Wilson score interval for `successes` out of `n` (z = 1.96 → 95 %). Returns null for n = 0
 * (no information). Successes may be non-integer (e.g. rounded register counts), but must lie in [0, n].
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): ProportionInterval | null {
  if (!Number.isFinite(n) || n < 0)
    throw new RangeError(`Stichprobenumfang n muss ≥ 0 sein, erhalten: ${String(n)}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(
      `Anzahl der Treffer muss zwischen 0 und n = ${n} liegen, erhalten: ${String(successes)}`,
    );
  }
  if (!Number.isFinite(z) || z <= 0)
    throw new RangeError(`z muss positiv sein, erhalten: ${String(z)}`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp: rounding can push the bounds a few ulp outside [0, 1] for p = 0 or 1.
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half), center };
}

/** Below this denominator a share is flagged "kleine Basis" (the alert rules' default minimum base). */
export const SMALL_BASE = 100;

/** How reliable a published share is: its 95 % Wilson interval on the share's scale, and the flag. */
export interface ShareReliability {
  lower: number;
  upper: number;
  /** the denominator is below SMALL_BASE: read the value with care */
  smallBase: boolean;
}

/**
 * Reliability of a share value (numerator / denominator × scale, e.g. percent with scale 100):
 * null when it is not a share or numerator/denominator are not both known (withheld, not imported).
 */
export function shareReliability(
  kind: string,
  scale: number,
  numerator: number | null,
  denominator: number | null,
): ShareReliability | null {
  if (kind !== 'share' || numerator === null || denominator === null) return null;
  if (!(denominator > 0) || numerator < 0 || numerator > denominator) return null;
  const w = wilsonInterval(numerator, denominator);
  if (!w) return null;
  return { lower: w.lower * scale, upper: w.upper * scale, smallBase: denominator < SMALL_BASE };
}
