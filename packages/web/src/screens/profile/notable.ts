// Which indicators of an area profile stand out (issue 11 § 3), pure. "Notable" = the area's value lies
// among the highest or lowest tenth of the level's areas (by its rank, so indicators of different
// units compare), read in the direction of the indicator's polarity. Counts are left out (a big area
// has many of everything) and so are classes and codes (no order to be extreme in).
import type { ProfileIndicator } from '../../api/indicators.ts';

/** The share of areas at either end that counts as notable: the outer tenth on each side. */
export const NOTABLE_TAIL = 0.1;
/** At most this many notable indicators lead the profile. */
export const NOTABLE_MAX = 6;

export type Reading = 'unfavourable' | 'favourable' | 'neutral';

export interface Notable {
  item: ProfileIndicator;
  /** Share of the other areas with a lower value, 0–1 (1 = the highest of the level). */
  above: number;
  /** How far out at either end, 0 (median) – 1 (the extreme). */
  extremeness: number;
  high: boolean;
  reading: Reading;
}

/** Where the area stands among the level's areas; null when it has no rank or is alone. */
export function standing(item: ProfileIndicator): Omit<Notable, 'reading' | 'item'> | null {
  const { rank, rankOf } = item;
  if (rank === null || rankOf < 2 || item.value === null) return null;
  const above = (rankOf - rank) / (rankOf - 1); // rank 1 = highest → 1
  return { above, extremeness: Math.abs(above - 0.5) * 2, high: above >= 0.5 };
}

/** How a high or low value reads given the indicator's polarity. */
export function readingOf(polarity: string, high: boolean): Reading {
  if (polarity === 'higher_is_worse') return high ? 'unfavourable' : 'favourable';
  if (polarity === 'higher_is_better') return high ? 'favourable' : 'unfavourable';
  return 'neutral';
}

/** The notable indicators, most extreme first (unfavourable before favourable on ties). */
export function notableIndicators(items: readonly ProfileIndicator[]): Notable[] {
  const out: Notable[] = [];
  for (const item of items) {
    if (item.indicator.kind === 'count' || item.indicator.unit === 'class') continue;
    const s = standing(item);
    if (!s || s.extremeness < 1 - 2 * NOTABLE_TAIL) continue;
    out.push({ item, ...s, reading: readingOf(item.indicator.polarity, s.high) });
  }
  const order: Record<Reading, number> = { unfavourable: 0, neutral: 1, favourable: 2 };
  return out
    .sort(
      (a, b) =>
        b.extremeness - a.extremeness ||
        order[a.reading] - order[b.reading] ||
        a.item.indicator.nameDe.localeCompare(b.item.indicator.nameDe, 'de'),
    )
    .slice(0, NOTABLE_MAX);
}

/** Splits a group's items: those to show as cards, and those without a value and without a flag. */
export function splitEmpty(items: readonly ProfileIndicator[]): {
  shown: ProfileIndicator[];
  empty: ProfileIndicator[];
} {
  const shown: ProfileIndicator[] = [];
  const empty: ProfileIndicator[] = [];
  for (const i of items) (i.value === null && !i.flag ? empty : shown).push(i);
  return { shown, empty };
}

/** Puts the indicator the person came from (the map's) first; the rest keep their order. */
export function cameFromFirst<T extends { indicator: { id: string } }>(
  items: readonly T[],
  id: string | null,
): T[] {
  if (!id) return [...items];
  const hit = items.filter((i) => i.indicator.id === id);
  return [...hit, ...items.filter((i) => i.indicator.id !== id)];
}
