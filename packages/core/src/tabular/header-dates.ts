// Wide-by-date tables: one column per year or Stichtag ("Einwohner_2017", "2019", "31.12.2021",
// "Anteil 2020 in %"), as Sozialatlas tables are published. The header is split into an indicator
// label and a reference date per column, so one import covers all years (issue 9 § 2). Dates follow
// parseGermanDate: a year alone means 31 December (docs/methods/table-import.md).

import { parseGermanDate } from './dates.ts';

/** One column whose header carries a reference date. */
export interface DatedColumn {
  index: number;
  column: string;
  /** Header without the date, e.g. "Anteil in %"; '' when the header is only a date. */
  label: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** The date as written in the header. */
  dateText: string;
}

/** How a wide-by-date table is reshaped: each dated column → indicator label + date. */
export interface WideByDatePlan {
  columns: DatedColumn[];
  /** Distinct labels with their dates in column order; one label = one indicator. */
  labels: { label: string; dates: string[]; columns: string[] }[];
  /** German description for the import dialog. */
  reason: string;
}

// Tried in order; the first that parses wins. Lookarounds instead of \b: "_" is a word character,
// and "Einwohner_2017" must still give 2017. Year ranges ("2018/19", Schuljahre) are left alone.
const TOKENS: readonly RegExp[] = [
  /(?<![\d.])(\d{1,2}\.\d{1,2}\.\d{4})(?![\d.])/u,
  /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/u,
  /(?<![\d/.])(\d{1,2}[/.]\d{4})(?![\d/.])/u,
  /(?<![\d.,/])((?:18|19|20|21)\d{2})(?![\d.,/]|\s*[/-]\s*\d)/u,
];
// Words that only introduce the date: "Stand 31.12.2021", "Einwohner am 31.12.", "Jahr 2019"
const DATE_WORDS = /(?:^|\s)(?:stand|am|zum|per|jahr|jahresende|stichtag)(?=\s|$)/giu;

/** Splits a column header into indicator label and reference date; null when it holds no date. */
export function parseHeaderDate(header: string): Omit<DatedColumn, 'index' | 'column'> | null {
  const h = header.replace(/^\uFEFF/, '').trim();
  for (const re of TOKENS) {
    const m = re.exec(h);
    if (!m) continue;
    const d = parseGermanDate(m[1]!);
    if (!d.ok) continue;
    const rest = `${h.slice(0, m.index)} ${h.slice(m.index + m[0].length)}`;
    const label = rest
      .replace(/_/g, ' ')
      .replace(/\(\s*\)|\[\s*\]/g, ' ')
      .replace(DATE_WORDS, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s,:;/-]+|[\s,:;/-]+$/g, '')
      .trim();
    return { label, date: d.date, dateText: m[1]! };
  }
  return null;
}

/**
 * Finds the columns whose header carries a date (skipping `exclude`, e.g. the area column) and
 * groups them by label; null when no header holds a date.
 */
export function detectDateColumns(
  header: readonly string[],
  exclude: readonly number[] = [],
): WideByDatePlan | null {
  const columns: DatedColumn[] = [];
  header.forEach((column, index) => {
    if (exclude.includes(index)) return;
    const p = parseHeaderDate(column);
    if (p) columns.push({ index, column, ...p });
  });
  if (columns.length === 0) return null;
  const byLabel = new Map<string, { label: string; dates: string[]; columns: string[] }>();
  for (const c of columns) {
    let g = byLabel.get(c.label);
    if (!g) {
      g = { label: c.label, dates: [], columns: [] };
      byLabel.set(c.label, g);
    }
    g.dates.push(c.date);
    g.columns.push(c.column);
  }
  const labels = [...byLabel.values()];
  const dates = [...new Set(columns.map((c) => c.date))].sort();
  const shown = labels.map((l) => `'${l.label || '(nur Datum)'}'`).join(', ');
  const reason =
    `${columns.length} ${columns.length === 1 ? 'Spalte trägt' : 'Spalten tragen'} ein Datum in der Überschrift ` +
    `(${dates.length === 1 ? dates[0] : `${dates[0]} bis ${dates[dates.length - 1]}`}): ` +
    `${labels.length === 1 ? 'ein Indikator' : `${labels.length} Indikatoren`} (${shown}) mit je einem Stichtag pro Spalte.`;
  return { columns, labels, reason };
}

/** Reports columns of one label that share a date ("EW 2019" and "Einwohner_2019" both mean 2019 only if labels differ). */
export function duplicateDatedColumns(plan: WideByDatePlan): string[] {
  const out: string[] = [];
  for (const l of plan.labels) {
    const seen = new Map<string, string>();
    l.dates.forEach((d, i) => {
      const prev = seen.get(d);
      if (prev !== undefined)
        out.push(`Spalten '${prev}' und '${l.columns[i]}' haben denselben Stichtag ${d}`);
      else seen.set(d, l.columns[i]!);
    });
  }
  return out;
}
