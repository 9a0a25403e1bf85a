// What the city value is, said every time it is shown (issue 11 § 1): "38,0 % – Median von 5 der 542
// Gebiete", "1.234 – Summe aller 542 Gebiete". The method texts come from core's CITY_METHOD (ADR 0011).
import { CITY_METHOD } from '@sozialraum/core';
import type { Lang } from '../i18n/index.tsx';

export interface CityValueLike {
  value: number | null;
  method?: string | null;
  coverage?: { areasWithValue: number; areasTotal: number } | undefined;
  /** The server's reason when the value is withheld (an incomplete sum). */
  note?: string | null;
}

const WORDS = {
  de: {
    sum: (n: number, of: number) =>
      n === of ? `Summe aller ${of} Gebiete` : `Summe von ${n} der ${of} Gebiete`,
    ratio: (n: number, of: number) =>
      `aus Summen von Zähler und Nenner, ${n === of ? `alle ${of}` : `${n} der ${of}`} Gebiete`,
    median: (n: number, of: number) => `Median von ${n} der ${of} Gebiete`,
    classes: 'kein Stadtwert: Klassen werden nicht gemittelt',
  },
  en: {
    sum: (n: number, of: number) =>
      n === of ? `sum of all ${of} areas` : `sum of ${n} of ${of} areas`,
    ratio: (n: number, of: number) =>
      `from sums of numerator and denominator, ${n === of ? `all ${of}` : `${n} of ${of}`} areas`,
    median: (n: number, of: number) => `median of ${n} of ${of} areas`,
    classes: 'no city value: classes are not averaged',
  },
} as const;

/** How the city value was formed and on how many areas; null when the method is unknown. */
export function cityMethodText(city: CityValueLike, lang: Lang): string | null {
  const w = WORDS[lang];
  const n = city.coverage?.areasWithValue;
  const of = city.coverage?.areasTotal;
  if (n === undefined || of === undefined) return city.method ?? null;
  if (city.method === CITY_METHOD.sum) return w.sum(n, of);
  if (city.method === CITY_METHOD.ratioOfSums) return w.ratio(n, of);
  if (city.method === CITY_METHOD.median) return w.median(n, of);
  return city.method ?? null;
}

/**
 * The city value as one line: value and what it is, or why there is none. A class or code (unit
 * 'class') has no city value: a median of classes reads like a measurement.
 */
export function cityValueText(
  city: CityValueLike,
  unit: string,
  formatted: (v: number) => string,
  lang: Lang,
): string | null {
  if (unit === 'class') return WORDS[lang].classes;
  if (city.value === null) return city.note ?? city.method ?? null;
  const what = cityMethodText(city, lang);
  return what ? `${formatted(city.value)} – ${what}` : formatted(city.value);
}
