// Reads a table file as batches of records, streaming: CSV through the core's decoder and parser,
// XLSX through exceljs' streaming reader. Memory stays bounded by the batch size.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import {
  createCsvParser,
  createStreamingDecoder,
  detectDialect,
  detectEncoding,
  type CsvDialect,
  type CsvRecord,
  type EncodingDetection,
} from '@sozialraum/core';
import type { FileIssue } from './report.ts';

export type TableFormat = 'csv' | 'xlsx';

export interface TableDetection {
  format: TableFormat;
  encoding?: EncodingDetection['encoding'];
  bom?: boolean;
  dialect?: CsvDialect;
  /** 1-based line/row of the header */
  headerLine: number;
  header: string[];
  sampleRows: string[][];
  problems: FileIssue[];
}

const SAMPLE_BYTES = 256 * 1024;

/** Tells a table format from the file name and its first bytes. */
export function tableFormatOf(name: string, head: Uint8Array): TableFormat | undefined {
  const lower = name.toLowerCase();
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  if (lower.endsWith('.xlsx') || (zip && !lower.endsWith('.zip'))) return 'xlsx';
  if (/\.(csv|txt|tsv|tab)$/.test(lower)) return 'csv';
  return undefined;
}

async function readHead(filePath: string, bytes = SAMPLE_BYTES): Promise<Uint8Array> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Detects encoding, delimiter, decimal mark, header and sample rows of a table file. */
export async function detectTable(file: { name: string; path: string }): Promise<TableDetection> {
  const head = await readHead(file.path);
  const format = tableFormatOf(file.name, head);
  if (!format)
    throw new Error(`${file.name}: unbekanntes Tabellenformat (erwartet .csv, .txt oder .xlsx)`);
  const problems: FileIssue[] = [];
  if (format === 'xlsx') {
    const rows: string[][] = [];
    let headerLine = 1;
    for await (const batch of readXlsxRecords(file.path, 12)) {
      for (const r of batch) {
        if (rows.length === 0) headerLine = r.line;
        rows.push(r.fields);
      }
      if (rows.length >= 12) break;
    }
    if (rows.length === 0) throw new Error(`${file.name}: die Arbeitsmappe enthält keine Zeilen`);
    return { format, headerLine, header: rows[0]!, sampleRows: rows.slice(1, 11), problems };
  }
  if (head.length === 0) throw new Error(`${file.name}: die Datei ist leer`);
  const enc = detectEncoding(head);
  if (enc.problem)
    problems.push({ file: file.name, line: enc.problem.line, message: enc.problem.message });
  // decode only whole lines of the sample
  const decoder = createStreamingDecoder(enc.encoding);
  let text = decoder.decode(head);
  if (head.length === SAMPLE_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  else text += decoder.end();
  const dialect = detectDialect(text);
  const parser = createCsvParser(dialect);
  const records = [...parser.push(text), ...(head.length < SAMPLE_BYTES ? parser.end() : [])];
  const first = records[0];
  if (!first) throw new Error(`${file.name}: die Datei enthält keine Zeilen`);
  return {
    format,
    encoding: enc.encoding,
    bom: enc.bom,
    dialect,
    headerLine: first.line,
    header: first.fields,
    sampleRows: records.slice(1, 11).map((r) => r.fields),
    problems,
  };
}

export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

/**
 * Streams the records of a CSV file (header included) in batches. Syntax and encoding problems are
 * collected in `issues`; the caller decides (all-or-nothing) after the last batch.
 */
export async function* readCsvRecords(
  file: { name: string; path: string; bytes: number },
  options: { encoding: EncodingDetection['encoding'] | 'auto'; delimiter: CsvDialect['delimiter'] },
  issues: FileIssue[],
  onProgress?: (p: ReadProgress) => void,
): AsyncGenerator<CsvRecord[]> {
  const decoder = createStreamingDecoder(options.encoding);
  const parser = createCsvParser({ delimiter: options.delimiter });
  let bytesRead = 0;
  let rows = 0;
  let reportedCsv = 0;
  const flushIssues = () => {
    for (const e of parser.errors.slice(reportedCsv))
      issues.push({ file: file.name, line: e.line, column: e.column, message: e.message });
    reportedCsv = parser.errors.length;
  };
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    bytesRead += bytes.length;
    const records = parser.push(decoder.decode(bytes));
    rows += records.length;
    flushIssues();
    onProgress?.({ bytesRead, bytesTotal: file.bytes, rowsRead: rows });
    if (records.length) yield records;
  }
  const last = [...parser.push(decoder.end()), ...parser.end()];
  rows += last.length;
  flushIssues();
  for (const p of decoder.problems)
    issues.push({ file: file.name, line: p.line, message: p.message });
  onProgress?.({ bytesRead, bytesTotal: file.bytes, rowsRead: rows });
  if (last.length) yield last;
}

/** Text of an XLSX cell as a planner sees it; numbers in German notation so one parser reads all. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'WAHR' : 'FALSCH';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Streams the rows of the first worksheet of an XLSX file in batches (row number = line). */
export async function* readXlsxRecords(
  filePath: string,
  batchSize = 5000,
  onProgress?: (p: ReadProgress) => void,
): AsyncGenerator<CsvRecord[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let rows = 0;
  for await (const sheet of reader) {
    let batch: CsvRecord[] = [];
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const fields: string[] = [];
      for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]).trim());
      if (fields.every((f) => f === '')) continue;
      batch.push({ line: row.number, fields });
      rows++;
      if (batch.length >= batchSize) {
        onProgress?.({ bytesRead: 0, bytesTotal: 0, rowsRead: rows });
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    break; // first worksheet only
  }
}
