// Turns class bounds, counts and colours into legend rows. Bounds follow core's classify rule:
// class c holds bounds[c] ≤ x < bounds[c+1]; the last class also holds the maximum.

export interface LegendEntry {
  /** 0-based class index. */
  index: number;
  color: string;
  /** Lower bound, inclusive. */
  from: number;
  /** Upper bound: exclusive, except for the last class (inclusive: the maximum). */
  to: number;
  count: number;
  label: string;
}

export interface Legend {
  entries: LegendEntry[];
  noDataCount: number;
  total: number;
}

/** Formats a class range; `last` means the upper bound is inclusive (the data maximum). */
export type RangeFormatter = (from: number, to: number, last: boolean) => string;

/** German statistical convention: "5,0 bis unter 10,0"; the last class "20,0 bis 25,3". */
export function germanRange(fmt: (n: number) => string): RangeFormatter {
  return (from, to, last) =>
    from === to
      ? fmt(from)
      : last
        ? `${fmt(from)} bis ${fmt(to)}`
        : `${fmt(from)} bis unter ${fmt(to)}`;
}

/** English: "5.0 to under 10.0"; the last class "20.0 to 25.3". */
export function englishRange(fmt: (n: number) => string): RangeFormatter {
  return (from, to, last) =>
    from === to
      ? fmt(from)
      : last
        ? `${fmt(from)} to ${fmt(to)}`
        : `${fmt(from)} to under ${fmt(to)}`;
}

/** Builds the legend rows (one per class, lowest first) with the number of areas in each and the no-data count. */
export function buildLegend(
  bounds: readonly number[],
  counts: readonly number[],
  colors: readonly string[],
  noDataCount: number,
  formatRange: RangeFormatter,
): Legend {
  const k = Math.max(0, bounds.length - 1);
  if (counts.length !== k)
    throw new Error(`buildLegend: ${k} Klassen, aber ${counts.length} Anzahlen`);
  if (colors.length < k)
    throw new Error(`buildLegend: ${k} Klassen, aber nur ${colors.length} Farben`);
  const entries: LegendEntry[] = [];
  for (let i = 0; i < k; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    entries.push({
      index: i,
      color: colors[i]!,
      from,
      to,
      count: counts[i]!,
      label: formatRange(from, to, i === k - 1),
    });
  }
  const classified = counts.reduce((a, b) => a + b, 0);
  return { entries, noDataCount, total: classified + noDataCount };
}

/** Inner thresholds of k+1 bounds (what a planner edits as "Eigene Grenzen"). */
export function innerBreaks(bounds: readonly number[]): number[] {
  return bounds.slice(1, -1);
}
