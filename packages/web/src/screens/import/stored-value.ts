// A value as the database holds it, for the import's overwrite list: old and new must show every
// decimal they differ in (4,22594 → 4,22595 must not both read „4,226“), in core's German format.
import type { Lang } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';

const MAX_DECIMALS = 10;

/**
 * The fewest decimals (up to 10) that give the number back, read to 15 significant digits (so the
 * binary noise of 0.1 + 0.2 does not show as 0,30000000000000004).
 */
export function ownDecimals(x: number): number {
  const clean = Number(x.toPrecision(15));
  for (let d = 0; d < MAX_DECIMALS; d++) if (Number(clean.toFixed(d)) === clean) return d;
  return MAX_DECIMALS;
}

/** 1234.56789 → "1.234,56789" (de), "1,234.56789" (en); every stored decimal shown. */
export function formatStoredValue(x: number, lang: Lang): string {
  return formatNumber(x, ownDecimals(x), lang);
}
