// Tables exported without a header row start with data: "07 Am Wasserturm;1.234;12,5". Taking that
// row for the header would lose an area silently, so the first row is checked against the rows below
// and against the known areas; the caller shows the finding and lets the person switch
// "erste Zeile ist eine Überschrift" (docs/methods/table-import.md).

import { createAreaNameMatcher } from './area-names.ts';
import type { AreaRef } from './mapping.ts';
import { MISSING_MARKERS, parseLocaleNumber, type NumberFormat } from './numbers.ts';

export interface HeaderPresenceOptions {
  /** Areas of the target level (codes and names), the strongest evidence for a data row. */
  areas?: readonly AreaRef[];
  /** Number format of the file; default: German or English numbers. */
  numberFormat?: NumberFormat;
}

export interface HeaderPresence {
  hasHeader: boolean;
  confidence: 'high' | 'medium';
  /** German, names the cells that decided. */
  reason: string;
}

const YEAR = /^(?:18|19|20|21)\d{2}$/;

function isNumber(v: string, f: NumberFormat | undefined): boolean {
  const t = v.trim();
  if (f) return parseLocaleNumber(t, f).kind === 'number';
  return (
    parseLocaleNumber(t, { decimal: ',', thousands: '.' }).kind === 'number' ||
    parseLocaleNumber(t, { decimal: '.', thousands: null }).kind === 'number'
  );
}

/** Index of the first cell that is a known area code or name, or -1. */
function findArea(cells: readonly string[], areas: readonly AreaRef[]): number {
  if (areas.length === 0) return -1;
  const codes = new Set(areas.map((a) => a.code));
  const matcher = createAreaNameMatcher(areas);
  return cells.findIndex((c) => {
    const t = c.trim();
    return t !== '' && (codes.has(t) || matcher.match(t).status === 'matched');
  });
}

/** Decides whether the first row is a header or already data, from up to 50 rows. */
export function detectHeaderPresence(
  rows: readonly (readonly string[])[],
  options: HeaderPresenceOptions = {},
): HeaderPresence {
  const first = rows[0];
  if (!first) return { hasHeader: true, confidence: 'medium', reason: 'Die Tabelle ist leer.' };
  const below = rows.slice(1, 50);
  const f = options.numberFormat;
  const numericCols: number[] = [];
  first.forEach((_, j) => {
    // placeholders ("x", "–") say nothing about the column's type
    const vals = below.map((r) => (r[j] ?? '').trim()).filter((v) => !MISSING_MARKERS.has(v));
    if (vals.length > 0 && vals.filter((v) => isNumber(v, f)).length / vals.length >= 0.8)
      numericCols.push(j);
  });
  // "2019" above a column of counts is a header (a year), not a value
  const yearHeader = (j: number): boolean =>
    YEAR.test((first[j] ?? '').trim()) &&
    below.some((r) => (r[j] ?? '').trim() !== '' && !YEAR.test((r[j] ?? '').trim()));
  const areaIdx = findArea(first, options.areas ?? []);
  const numbersInFirst = numericCols.filter((j) => isNumber(first[j] ?? '', f) && !yearHeader(j));
  // a numeric area code is the area, not one of the numbers
  const values = numbersInFirst.filter((j) => j !== areaIdx);
  const area = first[areaIdx]?.trim();
  if (area !== undefined && values.length > 0)
    return {
      hasHeader: false,
      confidence: 'high',
      reason: `Die erste Zeile sieht wie Daten aus: '${area}' ist ein bekanntes Gebiet, dazu ${values.length} ${values.length === 1 ? 'Zahl' : 'Zahlen'} – keine Überschrift.`,
    };
  if (numericCols.length > 0 && numbersInFirst.length === numericCols.length)
    return {
      hasHeader: false,
      confidence: 'medium',
      reason: `Die erste Zeile enthält in allen ${numericCols.length} Zahlenspalten Zahlen wie die Zeilen darunter – vermutlich keine Überschrift.`,
    };
  return {
    hasHeader: true,
    confidence: numbersInFirst.length === 0 ? 'high' : 'medium',
    reason:
      numbersInFirst.length === 0
        ? 'Die erste Zeile enthält Überschriften (Text über den Zahlenspalten).'
        : `Die erste Zeile enthält überwiegend Text; als Überschrift angenommen – bitte prüfen.`,
  };
}

/** Column names for a table without a header row: "Spalte 1", "Spalte 2", … */
export function syntheticHeader(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `Spalte ${i + 1}`);
}
