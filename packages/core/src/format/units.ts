// Formatting of indicator values with their unit (units of db/migrations/0001_foundation.sql,
// column indicator.unit). Between number and unit symbol we put a plain space, not U+00A0:
// predictable strings for tests and exports; the UI keeps value cells from wrapping with CSS
// (white-space: nowrap). German style: "12,5 %" (DIN 5008: space before %), English "12.5%".
import { assertLocale, formatNumber, MISSING_VALUE, roundDecimalDigits } from './number.ts';
import type { Locale } from './number.ts';

/** Units of indicator values. */
export const UNITS = [
  'percent',
  'per_mille',
  'count',
  'euro',
  'sqm',
  'percentage_points',
  'per_100',
  'index',
  'ratio',
  'class',
] as const;
/** A unit of indicator values. */
export type Unit = (typeof UNITS)[number];

/** Default decimals per unit, used when the indicator does not say. */
export const DEFAULT_DECIMALS: Record<Unit, number> = {
  percent: 1,
  per_mille: 1,
  count: 0,
  euro: 0,
  sqm: 1,
  percentage_points: 1,
  per_100: 1,
  index: 2,
  ratio: 2,
  class: 0,
};

const SYMBOLS: Record<Unit, Record<Locale, string>> = {
  percent: { de: '%', en: '%' },
  per_mille: { de: '‰', en: '‰' },
  count: { de: '', en: '' },
  euro: { de: '€', en: '€' },
  sqm: { de: 'm²', en: 'm²' },
  percentage_points: { de: 'Pp.', en: 'pp' },
  per_100: { de: 'je 100', en: 'per 100' },
  index: { de: '', en: '' },
  ratio: { de: '', en: '' },
  class: { de: '', en: '' },
};

const LABELS: Record<Unit, Record<Locale, string>> = {
  percent: { de: 'Prozent (%)', en: 'percent (%)' },
  per_mille: { de: 'Promille (‰)', en: 'per mille (‰)' },
  count: { de: 'Anzahl', en: 'count' },
  euro: { de: 'Euro (€)', en: 'euros (€)' },
  sqm: { de: 'Quadratmeter (m²)', en: 'square metres (m²)' },
  percentage_points: { de: 'Prozentpunkte (Pp.)', en: 'percentage points (pp)' },
  per_100: { de: 'je 100', en: 'per 100' },
  index: { de: 'Indexwert', en: 'index value' },
  ratio: { de: 'Verhältnis', en: 'ratio' },
  class: { de: 'Klasse', en: 'class' },
};

/** Throws a German Error naming the allowed units for an unknown unit. */
export function assertUnit(unit: string): asserts unit is Unit {
  if (!(UNITS as readonly string[]).includes(unit)) {
    throw new Error(`Unbekannte Einheit "${unit}". Erlaubt sind: ${UNITS.join(', ')}.`);
  }
}

/** Human-readable name of a unit for legends and tables: unitLabel('percent', 'de') → 'Prozent (%)'. */
export function unitLabel(unit: Unit, locale: Locale = 'de'): string {
  assertUnit(unit);
  assertLocale(locale);
  return LABELS[unit][locale];
}

/** Short symbol written after a value ('%', '‰', '€', 'm²', 'Pp.', 'je 100'); '' for plain numbers. */
export function unitSymbol(unit: Unit, locale: Locale = 'de'): string {
  assertUnit(unit);
  assertLocale(locale);
  return SYMBOLS[unit][locale];
}

/**
 * Formats a value with its unit: percent → '12,5 %', per_mille → '3,2 ‰', count → '1.374',
 * euro → '1.234 €' (en '€1,234'), sqm → '12,3 m²', percentage_points → '+1,2 Pp.' (always signed
 * unless it rounds to 0), per_100 → '4,5 je 100', index/ratio → '1,23', class → '3'; null → '–'.
 */
export function formatValue(
  value: number | null | undefined,
  unit: Unit,
  decimals?: number,
  locale: Locale = 'de',
): string {
  assertUnit(unit);
  assertLocale(locale);
  const d = decimals ?? DEFAULT_DECIMALS[unit];
  const number = formatNumber(value, { decimals: d, locale });
  if (number === MISSING_VALUE) return MISSING_VALUE;
  switch (unit) {
    case 'percent':
    case 'per_mille':
      return locale === 'de' ? `${number} ${SYMBOLS[unit].de}` : `${number}${SYMBOLS[unit].en}`;
    case 'euro':
      return locale === 'de'
        ? `${number} €`
        : number.startsWith('-')
          ? `-€${number.slice(1)}`
          : `€${number}`;
    case 'sqm':
    case 'per_100':
      return `${number} ${SYMBOLS[unit][locale]}`;
    case 'percentage_points': {
      // A change needs its sign: "+1,2 Pp." reads as an increase at a glance. Zero stays unsigned.
      const [integer, fraction] = roundDecimalDigits(Math.abs(value as number), d);
      const isZero = /^0*$/.test(integer + fraction);
      const signed = (value as number) > 0 && !isZero ? `+${number}` : number;
      return `${signed} ${SYMBOLS.percentage_points[locale]}`;
    }
    case 'count':
    case 'index':
    case 'ratio':
    case 'class':
      return number;
  }
}
