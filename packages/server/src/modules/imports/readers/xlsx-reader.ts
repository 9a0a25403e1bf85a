// Streams the rows of the first worksheet of an XLSX file with budgets (issue 8, items 7 and 8): the
// ZIP is read through its central directory (readers/zip.ts), the parts are inflated chunk by chunk
// with counted bytes, the XML is parsed by the core's linear sheet parser, and a watchdog stops a
// file that takes longer than its time budget. The file handle is closed in every case (finally),
// also when the caller stops early (detectTable reads only the first rows).
// Why no worker thread: everything here is our own code, linear in the input and bounded by the
// byte budgets, with no foreign promise that could wait forever (exceljs' unzipper did); a worker
// would have to load TypeScript and cost a start-up per file for no extra safety.
import path from 'node:path';
import {
  createSheetParser,
  parseDateStyles,
  parseSharedStrings,
  parseWorkbook,
  XlsxFormatError,
  type CsvRecord,
} from '@sozialraum/core';
import type { ReadProgress } from '../table-source.ts';
import { ImportFileError } from './errors.ts';
import {
  DecompressionBudget,
  inflateEntry,
  listZipEntries,
  openFileSource,
  readEntryBytes,
  type ByteSource,
  type Deadline,
  type ZipEntry,
} from './zip.ts';

const MiB = 1024 * 1024;

export interface XlsxLimits {
  maxEntries: number;
  /** The worksheet part is streamed, never held: only time limits it in practice. */
  maxSheetBytes: number;
  /** Shared strings are held in memory (every cell may point at any of them). */
  maxSharedStringsBytes: number;
  /** workbook.xml, its relationships, styles.xml. */
  maxPartBytes: number;
  /** Time spent reading (not waiting for the caller, who writes to the database between batches). */
  timeMs: number;
}

// A 1 M-row × 10-column sheet is ~300 MB of XML; Excel's own shared-string table for a million
// distinct texts ~50 MB. The 400 MB shared-strings bomb of issue 8 is refused before inflating.
export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 1000,
  maxSheetBytes: 2048 * MiB,
  maxSharedStringsBytes: 64 * MiB,
  maxPartBytes: 16 * MiB,
  timeMs: 10 * 60_000,
};

/** The analysis reads only the first rows: it gets far less time than a whole import. */
export const XLSX_ANALYSIS_LIMITS: XlsxLimits = { ...XLSX_LIMITS, timeMs: 20_000 };

/** A deadline that counts only the time the reader itself runs (paused while the caller works). */
export class ParseClock implements Deadline {
  private spent = 0;
  private since: number | null = performance.now();
  constructor(
    private readonly budgetMs: number,
    private readonly file: string,
  ) {}
  pause(): void {
    if (this.since !== null) this.spent += performance.now() - this.since;
    this.since = null;
  }
  resume(): void {
    this.since = performance.now();
  }
  check(): void {
    const now = this.spent + (this.since === null ? 0 : performance.now() - this.since);
    if (now > this.budgetMs)
      throw new ImportFileError([
        {
          file: this.file,
          message: `Die Excel-Datei konnte nicht innerhalb von ${Math.round(this.budgetMs / 1000)} s gelesen werden (beschädigt oder zu groß); bitte prüfen oder als CSV speichern.`,
        },
      ]);
  }
}

const xlsxError = (file: string, message: string): ImportFileError =>
  new ImportFileError([{ file, message }]);

function asImportError(file: string, err: unknown): unknown {
  if (!(err instanceof XlsxFormatError)) return err;
  return new ImportFileError([
    {
      file,
      ...(err.line !== undefined ? { line: err.line } : {}),
      ...(err.column !== undefined ? { column: err.column } : {}),
      message: err.message,
    },
  ]);
}

interface Workbook {
  sheet: ZipEntry;
  shared: string[];
  dateStyle: boolean[];
  date1904: boolean;
}

/** Reads the small parts of the workbook and finds the first sheet's part. */
async function openWorkbook(
  src: ByteSource,
  file: string,
  budget: DecompressionBudget,
  limits: XlsxLimits,
  clock: Deadline,
): Promise<Workbook> {
  const entries = new Map((await listZipEntries(src, file, budget.limits)).map((e) => [e.name, e]));
  const text = async (name: string, max: number, what: string): Promise<string | undefined> => {
    const e = entries.get(name);
    if (!e) return undefined;
    if (e.size > max)
      throw xlsxError(
        file,
        `${what} (${name}) ist entpackt ${Math.round(e.size / MiB)} MB groß; höchstens ${Math.round(max / MiB)} MB werden gelesen (Schutz vor ZIP-Bomben).`,
      );
    return new TextDecoder('utf-8').decode(await readEntryBytes(src, e, file, budget, clock));
  };
  const wb = await text('xl/workbook.xml', limits.maxPartBytes, 'Die Arbeitsmappe');
  const rels = await text('xl/_rels/workbook.xml.rels', limits.maxPartBytes, 'Die Verweisliste');
  if (wb === undefined || rels === undefined)
    throw xlsxError(file, 'Die Datei ist keine Excel-Arbeitsmappe (xl/workbook.xml fehlt).');
  const book = parseWorkbook(wb, rels);
  const first = book.sheets[0];
  if (!first) throw xlsxError(file, 'Die Excel-Datei enthält kein Tabellenblatt.');
  const sheet = entries.get(first.path);
  if (!sheet)
    throw xlsxError(file, `Tabellenblatt „${first.name}“ fehlt in der Datei (${first.path}).`);
  if (sheet.size > limits.maxSheetBytes)
    throw xlsxError(
      file,
      `Das Tabellenblatt ist entpackt ${Math.round(sheet.size / MiB)} MB groß; höchstens ${Math.round(limits.maxSheetBytes / MiB)} MB werden gelesen.`,
    );
  const styles = await text('xl/styles.xml', limits.maxPartBytes, 'Die Formatvorlage');
  const ss = await text(
    'xl/sharedStrings.xml',
    limits.maxSharedStringsBytes,
    'Die Liste der Texte',
  );
  clock.check();
  return {
    sheet,
    shared: ss === undefined ? [] : parseSharedStrings(ss),
    dateStyle: styles === undefined ? [] : parseDateStyles(styles),
    date1904: book.date1904,
  };
}

/**
 * Streams the non-empty rows of the first worksheet in batches (row number = line). Numbers come
 * with a decimal comma and dates as 'YYYY-MM-DD', so the table mapper reads them like German CSV.
 * Throws ImportFileError for a broken, oversized or too slow file.
 */
export async function* readXlsxRecords(
  filePath: string,
  batchSize = 5000,
  onProgress?: (p: ReadProgress) => void,
  limits: XlsxLimits = XLSX_LIMITS,
): AsyncGenerator<CsvRecord[]> {
  const file = path.basename(filePath);
  const clock = new ParseClock(limits.timeMs, file);
  const budget = new DecompressionBudget({
    maxEntries: limits.maxEntries,
    maxEntryBytes: limits.maxSheetBytes,
    maxTotalBytes: limits.maxSheetBytes + limits.maxSharedStringsBytes + 3 * limits.maxPartBytes,
  });
  const src = await openFileSource(filePath);
  try {
    let rows = 0;
    let batch: CsvRecord[] = [];
    try {
      const book = await openWorkbook(src, file, budget, limits, clock);
      const parser = createSheetParser({
        shared: book.shared,
        dateStyle: book.dateStyle,
        date1904: book.date1904,
        decimalMark: ',',
        dateOnly: true,
      });
      const decoder = new TextDecoder('utf-8');
      const take = (records: CsvRecord[]): void => {
        for (const r of records) {
          const fields = r.fields.map((f) => f.trim());
          if (fields.some((f) => f !== '')) batch.push({ line: r.line, fields });
        }
      };
      for await (const chunk of inflateEntry(src, book.sheet, file, budget, clock)) {
        take(parser.push(decoder.decode(chunk, { stream: true })));
        if (batch.length >= batchSize) {
          rows += batch.length;
          onProgress?.({ bytesRead: 0, bytesTotal: 0, rowsRead: rows });
          const out = batch;
          batch = [];
          clock.pause();
          yield out;
          clock.resume();
        }
      }
      take([...parser.push(decoder.decode()), ...parser.end()]);
    } catch (err) {
      throw asImportError(file, err);
    }
    if (batch.length) yield batch;
  } finally {
    await src.close();
  }
}
