// Date formatting for reference dates (Stichtage). Dates travel as ISO 'YYYY-MM-DD' (docs/api-contract.md);
// parsed by hand, without Date, so no time zone can shift a Stichtag by one day.
import { assertLocale } from './number.ts';
import type { Locale } from './number.ts';

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses an ISO calendar date 'YYYY-MM-DD' into its parts; throws a German Error for anything else. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Ungültiges Datum "${iso}": erwartet wird JJJJ-MM-TT, z. B. 2020-12-31`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12)
    throw new Error(`Ungültiges Datum "${iso}": Monat ${month} gibt es nicht`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new Error(
      `Ungültiges Datum "${iso}": der ${month}. Monat ${year} hat keinen ${day}. Tag`,
    );
  }
  return { year, month, day };
}

/** Formats an ISO date: formatDate('2020-12-31', 'de') → '31.12.2020'; 'en' → '31 Dec 2020'; null → '–'. */
export function formatDate(iso: string | null | undefined, locale: Locale = 'de'): string {
  assertLocale(locale);
  if (iso === null || iso === undefined) return '–';
  const { year, month, day } = parseIsoDate(iso);
  if (locale === 'de')
    return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
  return `${day} ${MONTHS_EN[month - 1]} ${year}`;
}
