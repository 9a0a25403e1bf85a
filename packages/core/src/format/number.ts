// Number formatting for German (and English) without Intl.NumberFormat, on purpose:
// Intl output depends on the ICU data of the runtime (Node small-icu vs. full-icu, browsers),
// inserts U+00A0/U+202F spaces that break string comparisons and CSV exports, and rounds the
// binary double (1.005 → "1.00"). Here:
// - rounding is half away from zero on the shortest decimal representation of the number
//   (what `String(x)` shows): 2.45 → "2,5", 1.005 → "1,01", −2.45 → "−2,5" (written "-2,5");
// - thousands are always grouped ("1.234", as Intl de-DE does; DIN 5008 would allow "1234");
// - the minus sign is the ASCII hyphen-minus, like Intl de-DE, so pasted values stay numbers;
// - a value that rounds to zero has no sign ("-0,04" with 1 decimal → "0,0").

/** Supported output languages. */
export type Locale = 'de' | 'en';
/** The supported locales. */
export const LOCALES: readonly Locale[] = ['de', 'en'];

/** Shown for a missing value (null, undefined, NaN, ±Infinity): an en dash, as in German statistical tables. */
export const MISSING_VALUE = '–';

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Options of formatNumber. */
export interface FormatNumberOptions {
  /** digits after the decimal separator, 0–20 (default 0). */
  decimals?: number;
  /** 'de' (default) or 'en'. */
  locale?: Locale;
  /** thousands grouping (default true). */
  group?: boolean;
}

/** Throws a German Error for a locale other than 'de' or 'en'. */
export function assertLocale(locale: string): asserts locale is Locale {
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new Error(`Unbekannte Sprache "${locale}". Erlaubt sind: ${LOCALES.join(', ')}.`);
  }
}

/** Increments a string of decimal digits by one unit in the last place ('199' → '200', '' → '1'). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') out[i] = '0';
    else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

/**
 * Rounds |x| half away from zero to `decimals` places on its shortest decimal representation and
 * returns [integer digits, fraction digits]. Works for any finite double (1e21, 5e-324) because
 * it never goes through toFixed (which switches to exponent notation from 1e21).
 */
export function roundDecimalDigits(absValue: number, decimals: number): [string, string] {
  if (absValue === 0) return ['0', '0'.repeat(decimals)];
  const [mantissa = '0', exponent = '0'] = absValue.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  let point = Number(exponent) + 1; // number of digits before the decimal point (may be ≤ 0)
  const keep = point + decimals;
  if (keep < 0) return ['0', '0'.repeat(decimals)];
  let kept = digits.slice(0, keep).padEnd(keep, '0');
  if (keep < digits.length && (digits[keep] as string) >= '5') {
    const incremented = incrementDigits(kept);
    if (incremented.length > kept.length) point += 1;
    kept = incremented;
  }
  let integer: string;
  let fraction: string;
  if (point <= 0) {
    integer = '0';
    fraction = '0'.repeat(-point) + kept;
  } else {
    integer = kept.slice(0, point);
    fraction = kept.slice(point);
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  return [integer, fraction];
}

function validateDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(
      `Nachkommastellen müssen eine ganze Zahl von 0 bis 20 sein, erhalten: ${String(decimals)}`,
    );
  }
}

/** Formats a number: formatNumber(1234.5, { decimals: 1 }) → '1.234,5'; 'en' → '1,234.5'; null → '–'. */
export function formatNumber(
  value: number | null | undefined,
  options: FormatNumberOptions = {},
): string {
  const { decimals = 0, locale = 'de', group = true } = options;
  validateDecimals(decimals);
  assertLocale(locale);
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_VALUE;
  const [integer, fraction] = roundDecimalDigits(Math.abs(value), decimals);
  const sep = SEPARATORS[locale];
  const grouped = group ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group) : integer;
  const isZero = /^0*$/.test(integer + fraction);
  const sign = value < 0 && !isZero ? '-' : '';
  return sign + grouped + (decimals > 0 ? sep.decimal + fraction : '');
}

/** Rounds half away from zero to `decimals` places as a number (same rule as formatNumber). */
export function roundHalfAwayFromZero(value: number, decimals = 0): number {
  validateDecimals(decimals);
  if (!Number.isFinite(value)) return value;
  const [integer, fraction] = roundDecimalDigits(Math.abs(value), decimals);
  const abs = Number(`${integer}.${fraction || '0'}`);
  return value < 0 && abs !== 0 ? -abs : abs;
}
