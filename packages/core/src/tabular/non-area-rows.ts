// Rows of published tables that are not areas of the chosen level: the whole city, sums, district
// subtotals, rows without a name. They are recognised only when the row matched no area, grouped
// with a count, and the caller decides (skip them as a group, or keep them as errors) – an import
// never fails on them without saying what they are. Rules: docs/methods/table-import.md.

import { normalizeAreaName } from './area-names.ts';

export type NonAreaRowKind = 'total' | 'city' | 'subtotal' | 'blank';

export interface NonAreaRowOptions {
  /** Name(s) of the city ("Musterstadt"): rows "Musterstadt", "Stadt Musterstadt", "Musterstadt insgesamt" are the whole city. */
  cityNames?: readonly string[];
  /** Names of areas of coarser levels (Stadtbezirke): their rows are subtotals. */
  parentAreaNames?: readonly string[];
  /** Codes of the chosen level: a code that is the start of two or more of them is a parent area (subtotal). */
  knownCodes?: readonly string[];
}

export interface NonAreaRowClass {
  kind: NonAreaRowKind;
  /** German, e.g. "Summenzeile ('Insgesamt')". */
  reason: string;
}

/** Rows of one kind, for "N Zeilen überspringen?" in the dry run. */
export interface NonAreaRowGroup {
  kind: NonAreaRowKind;
  /** German heading of the group. */
  label: string;
  count: number;
  /** First source lines (up to 20). */
  lines: number[];
  /** Distinct cell values as written (up to 5). */
  examples: string[];
  /** True when the rows were left out of the import; false when they are still errors. */
  skipped: boolean;
}

const LABELS: Record<NonAreaRowKind, string> = {
  total: 'Summenzeilen',
  city: 'Zeilen für die ganze Stadt',
  subtotal: 'Zwischensummen übergeordneter Gebiete',
  blank: 'Zeilen ohne Gebietsangabe',
};

const TOTAL =
  /^(?:insgesamt|gesamt|gesamtsumme|summe|zusammen|total|alle(?: gebiete)?|gesamtergebnis|ergebnis|σ|∑)$/u;
const CITY =
  /^(?:gesamtstadt|stadt(?: insgesamt| gesamt)?|stadtgebiet(?: insgesamt)?|(?:landeshauptstadt|hansestadt|kreisfreie stadt|stadt|gesamtstadt) \S.*)$/u;
const SUM_WORD = /(?:^|\s)(?:zwischensumme|summe|zusammen|insgesamt|gesamt)(?:\s|$)/u;
const PARENT_LEVEL =
  /^(?:stadtbezirk|bezirk|ortsbezirk|stadtbereich|bezirksregion|prognoseraum|ortsamt)(?:\s|$)/u;

function clean(value: string): string {
  // "Insgesamt:", "Summe 1)" – trailing colons and footnote marks do not change what the row is
  return normalizeAreaName(value.replace(/_/g, ' '))
    .replace(/\s*(?:\d\)|[*¹²³°])+$/u, '')
    .replace(/[:.]+$/u, '')
    .trim();
}

/**
 * Says whether the area cell of a row that matched no area marks a non-area row, and which kind; null
 * for anything else (a misspelt or unknown area stays an error for the caller).
 */
export function classifyNonAreaRow(
  value: string,
  options: NonAreaRowOptions = {},
): NonAreaRowClass | null {
  const raw = value.trim();
  if (raw === '') return { kind: 'blank', reason: 'Gebietsangabe fehlt' };
  const v = clean(raw);
  if (TOTAL.test(v)) return { kind: 'total', reason: `Summenzeile ('${raw}')` };
  for (const city of options.cityNames ?? []) {
    const c = normalizeAreaName(city);
    if (v === c || v.startsWith(`${c} `) || v.endsWith(` ${c}`))
      return { kind: 'city', reason: `ganze Stadt ('${raw}')` };
  }
  if (CITY.test(v)) return { kind: 'city', reason: `ganze Stadt ('${raw}')` };
  const parents = new Set((options.parentAreaNames ?? []).map(normalizeAreaName));
  if (parents.has(v)) return { kind: 'subtotal', reason: `übergeordnetes Gebiet ('${raw}')` };
  if (SUM_WORD.test(v)) return { kind: 'subtotal', reason: `Zwischensumme ('${raw}')` };
  if (PARENT_LEVEL.test(v))
    return { kind: 'subtotal', reason: `Zeile einer übergeordneten Ebene ('${raw}')` };
  const codes = options.knownCodes;
  if (codes && /^\d+$/.test(raw)) {
    let starts = 0;
    for (const c of codes) if (c.length > raw.length && c.startsWith(raw) && ++starts >= 2) break;
    if (starts >= 2)
      return {
        kind: 'subtotal',
        reason: `Schlüssel '${raw}' ist der Anfang mehrerer Gebietsschlüssel (übergeordnetes Gebiet)`,
      };
  }
  return null;
}

/** Collects classified rows into groups with counts, first lines and examples. */
export class NonAreaRowCollector {
  private readonly groups = new Map<NonAreaRowKind, NonAreaRowGroup>();

  add(kind: NonAreaRowKind, line: number, value: string, skipped: boolean): void {
    let g = this.groups.get(kind);
    if (!g) {
      g = { kind, label: LABELS[kind], count: 0, lines: [], examples: [], skipped };
      this.groups.set(kind, g);
    }
    g.count++;
    // a group is "skipped" only if every row of it was; one kept row makes the whole group an open question
    g.skipped &&= skipped;
    if (g.lines.length < 20) g.lines.push(line);
    const ex = value.trim();
    if (g.examples.length < 5 && !g.examples.includes(ex)) g.examples.push(ex);
  }

  /** Groups in a fixed order: total, city, subtotal, blank. */
  result(): NonAreaRowGroup[] {
    const order: NonAreaRowKind[] = ['total', 'city', 'subtotal', 'blank'];
    return order.flatMap((k) => {
      const g = this.groups.get(k);
      return g ? [{ ...g, lines: [...g.lines], examples: [...g.examples] }] : [];
    });
  }
}

/** Classifies the area cells of rows that matched no area and groups the non-area rows found. */
export function detectNonAreaRows(
  rows: Iterable<{ line: number; value: string }>,
  options: NonAreaRowOptions = {},
): NonAreaRowGroup[] {
  const c = new NonAreaRowCollector();
  for (const r of rows) {
    const k = classifyNonAreaRow(r.value, options);
    if (k) c.add(k.kind, r.line, r.value, false);
  }
  return c.result();
}
