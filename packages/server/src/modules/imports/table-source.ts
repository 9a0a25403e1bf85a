// Reads a table file as batches of records, streaming: CSV through the core's decoder and parser,
// XLSX through our budgeted reader (readers/xlsx-reader.ts). Memory stays bounded by the batch size.
// This is the edge for file contents: NUL characters never pass it (PostgreSQL text and jsonb refuse
// U+0000, which turned a bad file into a 500 — issue 8, item 9), and every refusal is an
// ImportFileError naming file, line and column, so the routes answer 400.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  createCsvParser,
  createStreamingDecoder,
  detectDialect,
  detectEncoding,
  type CsvDialect,
  type CsvRecord,
  type EncodingDetection,
} from '@sozialraum/core';
import { ImportFileError } from './readers/errors.ts';
import { readXlsxRecords, XLSX_ANALYSIS_LIMITS } from './readers/xlsx-reader.ts';
import type { FileIssue } from './report.ts';

export { readXlsxRecords };

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

export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
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

const refuse = (file: string, message: string, line?: number, column?: number): ImportFileError =>
  new ImportFileError([
    {
      file,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
      message,
    },
  ]);

/**
 * UTF-16 without a byte order mark, or big-endian: text whose every second byte is 0. Only UTF-16LE
 * with BOM is read (Excel "Unicode-Text"); anything else would arrive as text full of NULs.
 */
export function utf16Problem(head: Uint8Array): string | null {
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff)
    return 'Die Datei ist UTF-16 (Big Endian) kodiert; gelesen werden UTF-8, Windows-1252 und UTF-16LE. Bitte als „CSV UTF-8“ speichern.';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return null;
  const n = Math.min(head.length, 4096) & ~1;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (pairs < 2 || Math.max(evenZero, oddZero) < pairs * 0.6) return null;
  return `Die Datei ist offenbar UTF-16 ${oddZero > evenZero ? '(Little Endian) ' : '(Big Endian) '}ohne Byte-Order-Mark kodiert (jedes zweite Byte ist 0). Bitte als „CSV UTF-8“ speichern.`;
}

/** Line and column (1-based) of the first NUL character in text, or null. */
export function nulPosition(text: string, firstLine = 1): { line: number; column: number } | null {
  const at = text.indexOf('\0');
  if (at === -1) return null;
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

const NUL_REASON =
  'enthält ein NUL-Zeichen (Byte 0) – die Datei ist binär, beschädigt oder in einer anderen Kodierung (z. B. UTF-16) gespeichert. Bitte als „CSV UTF-8“ speichern.';

async function detectXlsx(file: { name: string; path: string }): Promise<TableDetection> {
  const rows: string[][] = [];
  let headerLine = 1;
  for await (const batch of readXlsxRecords(file.path, 12, undefined, XLSX_ANALYSIS_LIMITS)) {
    for (const r of batch) {
      if (rows.length === 0) headerLine = r.line;
      rows.push(r.fields);
    }
    if (rows.length >= 12) break;
  }
  if (rows.length === 0) throw refuse(file.name, 'Die Arbeitsmappe enthält keine Zeilen.');
  return {
    format: 'xlsx',
    headerLine,
    header: rows[0]!,
    sampleRows: rows.slice(1, 11),
    problems: [],
  };
}

/** Detects encoding, delimiter, decimal mark, header and sample rows of a table file. */
export async function detectTable(file: { name: string; path: string }): Promise<TableDetection> {
  const head = await readHead(file.path);
  const format = tableFormatOf(file.name, head);
  if (!format)
    throw refuse(file.name, 'Unbekanntes Tabellenformat (erwartet .csv, .txt oder .xlsx).');
  if (format === 'xlsx') return detectXlsx(file);
  if (head.length === 0) throw refuse(file.name, 'Die Datei ist leer.');
  const utf16 = utf16Problem(head);
  if (utf16) throw refuse(file.name, utf16);
  const problems: FileIssue[] = [];
  const enc = detectEncoding(head);
  if (enc.problem)
    problems.push({ file: file.name, line: enc.problem.line, message: enc.problem.message });
  // decode only whole lines of the sample
  const decoder = createStreamingDecoder(enc.encoding);
  let text = decoder.decode(head);
  if (head.length === SAMPLE_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  else text += decoder.end();
  const nul = nulPosition(text);
  if (nul)
    throw refuse(
      file.name,
      `Zeile ${nul.line}, Zeichen ${nul.column}: ${NUL_REASON}`,
      nul.line,
      nul.column,
    );
  const dialect = detectDialect(text);
  const parser = createCsvParser(dialect);
  const records = [...parser.push(text), ...(head.length < SAMPLE_BYTES ? parser.end() : [])];
  const first = records[0];
  if (!first) throw refuse(file.name, 'Die Datei enthält keine Zeilen.');
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

// One message per bad line is enough to find them; a binary file would otherwise list thousands.
const MAX_NUL_ISSUES = 20;

/**
 * Streams the records of a CSV file (header included) in batches. Syntax and encoding problems are
 * collected in `issues`; the caller decides (all-or-nothing) after the last batch. A field holding
 * NUL is reported and the NUL replaced (U+FFFD), so it cannot reach the database even in messages.
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
  let nulIssues = 0;
  const flushIssues = () => {
    for (const e of parser.errors.slice(reportedCsv))
      issues.push({ file: file.name, line: e.line, column: e.column, message: e.message });
    reportedCsv = parser.errors.length;
  };
  // every field is checked (a record can span chunks, so checking a chunk's text is not enough)
  const clean = (records: CsvRecord[]): CsvRecord[] => {
    for (const r of records)
      r.fields.forEach((f, i) => {
        if (!f.includes('\0')) return;
        if (nulIssues++ < MAX_NUL_ISSUES)
          issues.push({
            file: file.name,
            line: r.line,
            column: i + 1,
            message: `Zeile ${r.line}, Spalte ${i + 1}: ${NUL_REASON}`,
          });
        r.fields[i] = f.replace(/\0/g, '\uFFFD');
      });
    return records;
  };
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    bytesRead += bytes.length;
    const records = clean(parser.push(decoder.decode(bytes)));
    rows += records.length;
    flushIssues();
    onProgress?.({ bytesRead, bytesTotal: file.bytes, rowsRead: rows });
    if (records.length) yield records;
  }
  const last = clean([...parser.push(decoder.end()), ...parser.end()]);
  rows += last.length;
  flushIssues();
  for (const p of decoder.problems)
    issues.push({ file: file.name, line: p.line, message: p.message });
  onProgress?.({ bytesRead, bytesTotal: file.bytes, rowsRead: rows });
  if (last.length) yield last;
}
