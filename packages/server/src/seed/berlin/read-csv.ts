// Reads the demo's clean CSV files (UTF-8, comma, RFC 4180 quotes; see demo-data/README.md) with
// the core's parser. Planners' files go through the general importer (modules/imports) instead.
import { parseCsv, type CsvRecord } from '@sozialraum/core';

/** Splits a clean CSV text into a header and records with their 1-based line numbers; throws on a syntax error. */
export function readCsvRecords(text: string): { header: string[]; records: CsvRecord[] } {
  const { records, errors } = parseCsv(text.replace(/^\uFEFF/, ''), { delimiter: ',' });
  if (errors.length > 0) throw new Error(`CSV: ${errors[0]!.message}`);
  const [head, ...rest] = records;
  return { header: head?.fields ?? [], records: rest };
}
