// Honest numbers in the API output (issue 9 § 5): values rounded to the indicator's stated precision
// (output only — stored and computed inputs stay exact), and the city value with its coverage; an
// incomplete sum or ratio of sums is withheld, as ADR 0005 does for upper levels.
import { CITY_METHOD, cityValue } from '@sozialraum/core';

/** Rounds to the indicator's decimals for output; null stays null. 26.200000000000003 → 26.2. */
export function roundOut(value: number | null, decimals: number): number | null {
  if (value === null || !Number.isFinite(value)) return value;
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  return Number(value.toFixed(d));
}

export interface CityOut {
  value: number | null;
  method: string;
  coverage: { areasWithValue: number; areasTotal: number };
  /** German note, e.g. „Summe von 11 der 13 Gebiete“ or why the value is withheld; null when complete */
  note: string | null;
}

const gebiete = (n: number) => (n === 1 ? 'Gebiet' : 'Gebiete');

const num = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/**
 * The city value with its coverage (ADR 0011). A sum over incomplete areas is withheld: a partial
 * count is a lower bound that looks like a total (ADR 0005). A ratio of sums and a median over the
 * areas with data are shown, labelled „Quote aus 3 der 4 Gebiete“ / „Median von 11 der 13 Gebiete“.
 */
export function honestCityValue(
  kind: Parameters<typeof cityValue>[0],
  scale: number,
  decimals: number,
  rows: Parameters<typeof cityValue>[2],
): CityOut {
  const city = cityValue(kind, scale, rows);
  const areasTotal = rows.length;
  const used =
    city.method === CITY_METHOD.ratioOfSums
      ? rows.filter((r) => num(r.numerator) && num(r.denominator))
      : rows.filter((r) => num(r.value));
  const areasWithValue = used.length;
  const coverage = { areasWithValue, areasTotal };
  const missing = areasTotal - areasWithValue;
  const value = roundOut(city.value, decimals);
  if (missing === 0 || city.value === null)
    return { value, method: city.method, coverage, note: null };
  const fmt = (n: number) => n.toLocaleString('de-DE');
  const of = `${fmt(areasWithValue)} der ${fmt(areasTotal)} ${gebiete(areasTotal)}`;
  if (city.method === CITY_METHOD.sum) {
    return {
      value: null,
      method: city.method,
      coverage,
      note: `Kein Gesamtwert: ${fmt(missing)} von ${fmt(areasTotal)} Gebieten ohne Wert (Summe von ${of} wäre unvollständig)`,
    };
  }
  const label = city.method === CITY_METHOD.median ? 'Median von' : 'Quote aus';
  return { value, method: city.method, coverage, note: `${label} ${of}` };
}
