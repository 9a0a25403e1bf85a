// Where the money goes against need (issue 15 § 2): money per area and year by programme and source
// level, money per resident, and the need-vs-money quadrant of each area. Pure; the thresholds are
// the medians over the areas that have both a need value and residents (ADR 0035):
//   high need   = need above the median need (strictly),
//   little money = money per resident at or below the median money per resident.
// Ties on money go to "little money" because in most cities most areas get nothing: with a median
// of 0 € every area without money is "little money" and every area with some is "much money".
import {
  groupBy,
  toCents,
  totalOf,
  unitKey,
  type FundingEntry,
  type FundingSource,
} from './money.ts';

/** Money of one area in one year and kind: total, by source level and by programme (euros). */
export interface AreaMoney {
  areaKey: string;
  total: number;
  /** Shares by source; money booked only as a total (no split) is under `total`. */
  bySource: Partial<Record<FundingSource, number>>;
  byProgramme: Record<string, number>;
}

/**
 * Sums the money of one year and kind per area. Each programme × area × measure counts once: its
 * shares when it has them, else its total row (so a total and its shares are never added twice).
 * Rows for the whole programme area (areaKey "*") are left out: they have no area.
 */
export function sumMoneyByArea(
  entries: readonly FundingEntry[],
  year: number,
  kind: FundingEntry['kind'],
): Map<string, AreaMoney> {
  const own = entries.filter((e) => e.year === year && e.kind === kind && e.areaKey !== '*');
  const out = new Map<string, AreaMoney>();
  for (const rows of groupBy(own, unitKey).values()) {
    const first = rows[0] as FundingEntry;
    const m = out.get(first.areaKey) ?? {
      areaKey: first.areaKey,
      total: 0,
      bySource: {},
      byProgramme: {},
    };
    const cents = totalOf(rows);
    m.total = (toCents(m.total) + cents) / 100;
    m.byProgramme[first.programmeId] =
      (toCents(m.byProgramme[first.programmeId] ?? 0) + cents) / 100;
    const shares = rows.filter((r) => r.source !== 'total');
    for (const r of shares.length > 0 ? shares : rows) {
      m.bySource[r.source] = (toCents(m.bySource[r.source] ?? 0) + toCents(r.amount)) / 100;
    }
    out.set(first.areaKey, m);
  }
  return out;
}

/** Sum (euros) per year of one kind for one area, over programmes and measures, ascending years. */
export function sumAreaByYear(
  entries: readonly FundingEntry[],
  kind: FundingEntry['kind'],
): Map<string, { year: number; total: number }[]> {
  const own = entries.filter((e) => e.kind === kind && e.areaKey !== '*');
  const cents = new Map<string, Map<number, number>>();
  for (const rows of groupBy(own, (e) => `${unitKey(e)}\u0000${e.year}`).values()) {
    const first = rows[0] as FundingEntry;
    const years = cents.get(first.areaKey) ?? new Map<number, number>();
    years.set(first.year, (years.get(first.year) ?? 0) + totalOf(rows));
    cents.set(first.areaKey, years);
  }
  return new Map(
    [...cents].map(([area, years]) => [
      area,
      [...years].sort((a, b) => a[0] - b[0]).map(([year, c]) => ({ year, total: c / 100 })),
    ]),
  );
}

/** The four combinations of need and money. */
export const NEED_MONEY_QUADRANTS = [
  'high_need_little_money',
  'high_need_much_money',
  'low_need_little_money',
  'low_need_much_money',
] as const;
export type NeedMoneyQuadrant = (typeof NEED_MONEY_QUADRANTS)[number];

/** German labels of the quadrants (exports, screen). */
export const NEED_MONEY_QUADRANT_LABELS: Record<NeedMoneyQuadrant, string> = {
  high_need_little_money: 'hoher Bedarf, wenig Geld',
  high_need_much_money: 'hoher Bedarf, viel Geld',
  low_need_little_money: 'geringer Bedarf, wenig Geld',
  low_need_much_money: 'geringer Bedarf, viel Geld',
};

/** One area for the classification: need oriented so that higher = more need. */
export interface NeedMoneyItem {
  id: string;
  need: number | null;
  perResident: number | null;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The quadrant of every area with both values (others null) and the two medians used. */
export function classifyNeedAndMoney(items: readonly NeedMoneyItem[]): {
  medianNeed: number | null;
  medianPerResident: number | null;
  quadrants: Map<string, NeedMoneyQuadrant | null>;
} {
  const both = items.filter(
    (i): i is NeedMoneyItem & { need: number; perResident: number } =>
      i.need !== null &&
      Number.isFinite(i.need) &&
      i.perResident !== null &&
      Number.isFinite(i.perResident),
  );
  const quadrants = new Map<string, NeedMoneyQuadrant | null>(items.map((i) => [i.id, null]));
  if (both.length === 0) return { medianNeed: null, medianPerResident: null, quadrants };
  const medianNeed = median(both.map((i) => i.need));
  const medianPerResident = median(both.map((i) => i.perResident));
  for (const i of both) {
    const high = i.need > medianNeed;
    const little = i.perResident <= medianPerResident;
    quadrants.set(
      i.id,
      high
        ? little
          ? 'high_need_little_money'
          : 'high_need_much_money'
        : little
          ? 'low_need_little_money'
          : 'low_need_much_money',
    );
  }
  return { medianNeed, medianPerResident, quadrants };
}

/**
 * The two gap lists: high need & little money (most need first, then least money), and low need &
 * much money (most money per resident first, then least need).
 */
export function rankGaps<T extends NeedMoneyItem & { quadrant: NeedMoneyQuadrant | null }>(
  items: readonly T[],
): { underfunded: T[]; overfunded: T[] } {
  const n = (x: number | null): number => x ?? 0;
  return {
    underfunded: items
      .filter((i) => i.quadrant === 'high_need_little_money')
      .sort((a, b) => n(b.need) - n(a.need) || n(a.perResident) - n(b.perResident)),
    overfunded: items
      .filter((i) => i.quadrant === 'low_need_much_money')
      .sort((a, b) => n(b.perResident) - n(a.perResident) || n(a.need) - n(b.need)),
  };
}
