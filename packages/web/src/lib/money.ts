// Euro amounts on the funding screens, through core's number format ("1.234 €", "12,50 €"); "–" for
// no value. One helper instead of a copy per screen.
import { formatNumber, type Locale } from './core-bridge.ts';

/** An amount in euros with `decimals` places (default none); null → "–". */
export function formatEuro(value: number | null, lang: Locale = 'de', decimals = 0): string {
  return value === null ? '–' : `${formatNumber(value, decimals, lang)} €`;
}
