// Reading a table import's rows and writing them in bounded batches (one step of table-run.ts):
// the streaming decoder and parser (table-source.ts), the core mapper, and per batch one COPY into
// the staging table and one set-based upsert (ingest/store.ts) — with a turn of the event loop
// after each batch, because PGlite runs SQL synchronously in the server's thread (bench part g).
import {
  createAreaLookup,
  ObservationMapper,
  type CsvRecord,
  type MappingSummary,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { NewValues, ObservationWriter, type ObservationInput } from '../ingest/index.ts';
import { ImportRejected, MAX_REPORTED_ERRORS, type FileIssue } from './report.ts';
import { readCsvRecords, readXlsxRecords } from './table-source.ts';
import { splitHeader } from './published.ts';
import type { TableRunInput, TableTargets } from './table-run.ts';
import { yieldToEventLoop } from '../../db/statements.ts';

/** Rows per spreadsheet batch read. */
export const WRITE_BATCH = 5000;

/**
 * Rows per COPY and per upsert: on PGlite about 40 ms each here (an indexed row costs ~14 µs),
 * 0.1–0.2 s under the load of a shared machine; 5,000 rows held requests up to 0.5 s (bench part g).
 */
export const STATEMENT_ROWS = 2500;

// the turn of the event loop between two statements is shared with other bulk writers (ADR 0062)

/** What reading the file left: the mapper's summary, file issues and the writer's tallies. */
export interface Staged {
  summary: MappingSummary;
  issues: FileIssue[];
  rowsRead: number;
  writer: BatchWriter;
}

/**
 * Collects observations and writes them in batches. Nothing is written once the file is known to
 * be bad (the transaction is rolled back anyway). Keeps the touched indicators and dates, which
 * bound the aggregation afterwards.
 */
export class BatchWriter {
  written = 0;
  readonly touched = new Set<string>();
  readonly dates = new Set<string>();
  private pending: ObservationInput[] = [];
  /** Values of indicators this run created: written at the end, as packs when many (ADR 0063). */
  readonly created = new NewValues();

  constructor(
    private readonly tx: Sql,
    private readonly input: TableRunInput,
    private readonly t: TableTargets,
    private readonly bad: () => boolean,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(o: ObservationInput): void {
    this.touched.add(o.indicatorId);
    this.dates.add(o.refDate);
    this.pending.push(o);
  }

  /**
   * Writes what is pending, STATEMENT_ROWS rows per statement with a turn of the event loop after each:
   * a source batch holds a whole 1 MB block of the file (about 30,000 rows), and one upsert of that
   * size held every request 1–2 s (bench part g).
   */
  async flush(rowsRead = 0): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (this.bad() || rows.length === 0) return;
    const { file } = this.input;
    this.input.onProgress?.({ phase: 'schreiben', bytesRead: 0, bytesTotal: file.bytes, rowsRead });
    for (let i = 0; i < rows.length; i += STATEMENT_ROWS)
      await this.write(rows.slice(i, i + STATEMENT_ROWS));
  }

  private async write(all: ObservationInput[]): Promise<void> {
    const { tenantId } = this.input;
    // an indicator this run created holds no values: nothing to compare, every row is new, and the
    // values are written at the end (ADR 0016 amendment, ADR 0063)
    const rows: ObservationInput[] = [];
    for (const r of all)
      if (this.t.createdIds.has(r.indicatorId)) this.created.add(r);
      else rows.push(r);
    this.t.overwrite.added += all.length - rows.length;
    if (rows.length === 0) return;
    await this.t.overwrite.check(this.tx, tenantId, rows);
    const writer = await ObservationWriter.start(this.tx, tenantId, this.t.importId);
    await writer.add(rows);
    await yieldToEventLoop();
    this.written += await writer.finish();
    await yieldToEventLoop();
  }

  /**
   * Writes the values of the indicators this run created; returns those whose aggregates are
   * written with them (packs), which the SQL roll-up must leave alone.
   */
  async writeCreated(): Promise<Set<string>> {
    if (this.bad()) return new Set();
    this.written += await this.created.write(this.tx, this.input.tenantId, this.t.importId);
    return this.created.packs ? this.created.indicatorIds : new Set();
  }
}

/** A share given only as numerator and denominator is computed here (docs/methods/aggregation.md). */
function observationOf(
  o: ReturnType<ObservationMapper['push']>[number],
  shareScale: Map<string, number>,
): ObservationInput {
  const scale = shareScale.get(o.indicatorId);
  // the mapper's object as it is when nothing is computed: one object less per row (~1 s of garbage
  // collection less for the 1,000,000-row bench file, with the other allocations saved)
  if (scale === undefined) return o;
  const value =
    o.value === null && o.numerator != null && o.denominator
      ? (o.numerator / o.denominator) * scale
      : o.value;
  return {
    indicatorId: o.indicatorId,
    areaId: o.areaId,
    refDate: o.refDate,
    value,
    numerator: o.numerator ?? null,
    denominator: o.denominator ?? null,
    flag: o.flag ?? null,
    flagReason: o.flagReason ?? null,
  };
}

function createMapper(input: TableRunInput, t: TableTargets, header: string[], headerLine: number) {
  const { opts } = input;
  return new ObservationMapper(header, opts.mapping, {
    areas: createAreaLookup(t.areas),
    indicatorIds: new Set(t.ids.map((i) => i.id)),
    numberFormat: input.numberFormat,
    headerLine,
    maxErrors: MAX_REPORTED_ERRORS,
    nameMatching: {
      synonyms: t.synonyms,
      ...(opts.nameMinConfidence ? { minConfidence: opts.nameMinConfidence } : {}),
    },
    skipNonAreaRows: opts.skipNonAreaRows ?? false,
    nonAreaRows: { ...t.nonArea, knownCodes: t.areas.map((a) => a.code) },
    countIndicatorIds: new Set(t.ids.filter((i) => i.kind === 'count').map((i) => i.id)),
    zeroRows: opts.zeroRows === 'missing' ? 'missing' : 'report',
  });
}

function recordsOf(input: TableRunInput, issues: FileIssue[]): AsyncIterable<CsvRecord[]> {
  const { file, det, opts, onProgress } = input;
  if (det.format === 'csv')
    // 'auto' decides on the whole stream: a file whose first umlaut comes after the sample is still read right
    return readCsvRecords(
      file,
      { encoding: opts.encoding ?? 'auto', delimiter: opts.delimiter ?? det.dialect!.delimiter },
      issues,
      (p) => onProgress?.({ ...p, phase: 'lesen' }),
    );
  return readXlsxRecords(file.path, WRITE_BATCH, (p) =>
    onProgress?.({ ...p, bytesTotal: file.bytes, phase: 'lesen' }),
  );
}

/** Reads the whole file (encoding problems are found over all of it) and writes its values in batches. */
export async function stageRows(tx: Sql, input: TableRunInput, t: TableTargets): Promise<Staged> {
  const issues: FileIssue[] = [];
  const shareScale = new Map(t.ids.filter((i) => i.kind === 'share').map((i) => [i.id, i.scale]));
  let mapper: ObservationMapper | null = null;
  let rowsRead = 0;
  const retired = retiredAreaCheck(input, t, issues);
  const writer = new BatchWriter(
    tx,
    input,
    t,
    () => issues.length > 0 || (mapper !== null && mapper.errorCount > 0),
  );
  for await (const batch of recordsOf(input, issues)) {
    let records: CsvRecord[] = batch;
    if (!mapper) {
      if (batch.length === 0) continue;
      const first = splitHeader(batch, t.header.used);
      mapper = createMapper(input, t, first.header, first.headerLine);
      records = first.rows;
      if (mapper.fatal) break;
    }
    rowsRead += records.length;
    for (const o of mapper.push(records)) if (retired(o)) writer.add(observationOf(o, shareScale));
    if (writer.size >= WRITE_BATCH) await writer.flush(rowsRead);
  }
  if (!mapper)
    throw new ImportRejected({
      kind: 'table',
      status: 'failed',
      rowsRead: 0,
      rowsWritten: 0,
      warnings: [],
      errorCount: 1,
      errors: [
        {
          file: input.file.name,
          line: 1,
          message: `${input.file.name}: die Datei ist leer (keine Kopfzeile).`,
        },
      ],
    });
  retired.finish();
  return { summary: mapper.finish(), issues, rowsRead, writer };
}

/**
 * Values dated after a retired area's end date are refused with their line (issue 9 § 3: a retired
 * area keeps its past values but takes no new ones). Returns false for such a value; `finish` adds
 * one line for those beyond the reported number.
 */
function retiredAreaCheck(input: TableRunInput, t: TableTargets, issues: FileIssue[]) {
  const ended = new Map(t.areas.filter((a) => a.validTo !== null).map((a) => [a.id, a] as const));
  let count = 0;
  const check = (o: { areaId: number; refDate: string; line: number }): boolean => {
    const area = ended.get(o.areaId);
    if (!area || o.refDate <= area.validTo!) return true;
    if (++count <= MAX_REPORTED_ERRORS)
      issues.push({
        file: input.file.name,
        line: o.line,
        message: `Gebiet ${area.code} ${area.name} ist seit ${germanDate(area.validTo!)} aufgelöst; ein Wert zum Stichtag ${germanDate(o.refDate)} kann nicht mehr importiert werden.`,
      });
    return false;
  };
  check.finish = () => {
    if (count > MAX_REPORTED_ERRORS)
      issues.push({
        file: input.file.name,
        message: `… und ${count - MAX_REPORTED_ERRORS} weitere Werte für aufgelöste Gebiete.`,
      });
  };
  return check;
}

const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
