// The sentence of an effect estimate, as the issue words it: "Kinderarmut in den Maßnahmengebieten
// −1,8 Pp. gegenüber vergleichbaren Gebieten (95 %: −3,1 bis −0,4), 2019–2023". A difference of a
// percentage is in percentage points; negative numbers get the typographic minus.
import type { EffectEstimate } from '../../api/funding.ts';
import { formatNumber, formatValue, type Locale } from '../../lib/core-bridge.ts';

const minus = (s: string) => s.replace(/^-/, '−');

/** The estimate with sign and unit ("−1,8 Pp.", "+12 €"). */
export function signedEffect(e: EffectEstimate, locale: Locale): string {
  const v = e.estimate ?? 0;
  const dec = e.indicator.decimals;
  if (e.indicator.unit === 'percent')
    return minus(formatValue(v, 'percentage_points', dec, locale));
  const text = minus(formatValue(v, e.indicator.unit, dec, locale));
  return v > 0 && !text.startsWith('+') ? `+${text}` : text;
}

/** An interval bound without unit ("−3,1"). */
export function bound(v: number, e: EffectEstimate, locale: Locale): string {
  return minus(formatNumber(v, e.indicator.decimals, locale));
}

/** "2019–2023": from the first period before the start to the last after it. */
export function effectYears(e: EffectEstimate): string {
  const first = e.prePeriods[0] ?? e.start;
  const last = e.postPeriods[e.postPeriods.length - 1] ?? e.start;
  return `${first.slice(0, 4)}–${last.slice(0, 4)}`;
}

/** The whole sentence, or null when the estimate is not measurable. */
export function effectSentence(
  e: EffectEstimate,
  locale: Locale,
  template: (name: string, est: string, lo: string, hi: string, years: string) => string,
): string | null {
  if (e.estimate === null || e.interval === null) return null;
  const name = locale === 'de' ? e.indicator.nameDe : e.indicator.nameEn;
  return template(
    name,
    signedEffect(e, locale),
    bound(e.interval.lower, e, locale),
    bound(e.interval.upper, e, locale),
    effectYears(e),
  );
}
