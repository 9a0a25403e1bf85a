// The numbers of the preview as the import would read them under the detected or overridden
// separators (issue 9 § 2): so a person who switches "Dezimaltrennzeichen" sees at once what
// `1.234` becomes, and which cells would not be read as numbers.
import { parseLocaleNumber, type NumberFormat, type TableMapping } from '@sozialraum/core';

export interface ColumnNumbers {
  column: string;
  /** The first cells of the preview: text as in the file, value as read (null: missing or not a number). */
  examples: { text: string; value: number | null }[];
  /** Preview cells that are no number and no known "no value" marker. */
  invalid: number;
  /** Preview cells read as numbers with decimals (a count column with decimals is suspicious). */
  withDecimals: number;
}

export interface NumberPreview {
  format: NumberFormat;
  columns: ColumnNumbers[];
}

const EXAMPLES = 3;

/** Reads the mapped value columns of the preview rows with the given separators. */
export function numberPreview(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: TableMapping,
  format: NumberFormat,
): NumberPreview {
  const names =
    mapping.layout === 'wide'
      ? mapping.indicators.map((i) => i.column)
      : [mapping.valueColumn, mapping.numeratorColumn, mapping.denominatorColumn].filter(
          (c): c is string => typeof c === 'string' && c !== '',
        );
  const columns: ColumnNumbers[] = [];
  for (const column of [...new Set(names)]) {
    const idx = header.indexOf(column);
    if (idx < 0) continue;
    const out: ColumnNumbers = { column, examples: [], invalid: 0, withDecimals: 0 };
    for (const r of rows) {
      const text = (r[idx] ?? '').trim();
      const p = parseLocaleNumber(text, format);
      if (!p.ok) out.invalid++;
      else if (p.kind === 'number' && !Number.isInteger(p.value)) out.withDecimals++;
      if (out.examples.length < EXAMPLES && text !== '')
        out.examples.push({ text, value: p.ok && p.kind === 'number' ? p.value : null });
    }
    columns.push(out);
  }
  return { format, columns };
}
