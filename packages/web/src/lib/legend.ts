// Turns class breaks, colours and values into legend rows (ranges + counts) and assigns classes.

export interface LegendEntry {
  /** 0-based class index. */
  index: number;
  color: string;
  /** Lower bound (the smallest value for the first class, else the previous break, exclusive). */
  from: number;
  /** Upper bound, inclusive (the largest value for the last class). */
  to: number;
  count: number;
  label: string;
}

export interface Legend {
  entries: LegendEntry[];
  noDataCount: number;
  total: number;
}

/**
 * Class of a value given ascending inner breaks: a value equal to a break belongs to the lower class
 * (upper bounds inclusive, as in QGIS graduated renderers), so class i holds (breaks[i-1], breaks[i]].
 */
export function classIndex(value: number, breaks: readonly number[]): number {
  for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]!) return i;
  return breaks.length;
}

/** Formats a class range; `first` means the lower bound is inclusive (it is the data minimum). */
export type RangeFormatter = (from: number, to: number, first: boolean) => string;

/** German range label: "1,2 – 3,4" for the first class, "über 3,4 – 5,6" after it (lower bound exclusive). */
export function germanRange(fmt: (n: number) => string): RangeFormatter {
  return (from, to, first) => (first ? `${fmt(from)} – ${fmt(to)}` : `über ${fmt(from)} – ${fmt(to)}`);
}

/** English range label: "1.2 – 3.4", then "over 3.4 – 5.6". */
export function englishRange(fmt: (n: number) => string): RangeFormatter {
  return (from, to, first) => (first ? `${fmt(from)} – ${fmt(to)}` : `over ${fmt(from)} – ${fmt(to)}`);
}

/** Builds the legend rows: one per colour, with the number of areas in each class and the no-data count. */
export function buildLegend(
  values: readonly (number | null)[],
  breaks: readonly number[],
  colors: readonly string[],
  formatRange: RangeFormatter,
): Legend {
  const nClasses = breaks.length + 1;
  if (colors.length < nClasses) throw new Error(`buildLegend: ${nClasses} Klassen, aber nur ${colors.length} Farben`);
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const counts = new Array<number>(nClasses).fill(0);
  for (const v of present) counts[classIndex(v, breaks)]! += 1;
  const min = present.length ? Math.min(...present) : (breaks[0] ?? 0);
  const max = present.length ? Math.max(...present) : (breaks[breaks.length - 1] ?? 0);
  const entries: LegendEntry[] = [];
  for (let i = 0; i < nClasses; i++) {
    const from = i === 0 ? Math.min(min, breaks[0] ?? min) : breaks[i - 1]!;
    const to = i === nClasses - 1 ? Math.max(max, breaks[i - 1] ?? max) : breaks[i]!;
    entries.push({ index: i, color: colors[i]!, from, to, count: counts[i]!, label: formatRange(from, to, i === 0) });
  }
  return { entries, noDataCount: values.length - present.length, total: values.length };
}
