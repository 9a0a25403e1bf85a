// Running a table import (values into indicators), all or nothing in one transaction. The steps:
// the targets (level, new indicators, areas, names), reading and staging the rows in bounded batches
// (table-stage.ts), judging the outcome (errors refuse the whole file), and writing what follows
// from the values (aggregates, derived shares, run record, audit).
import { selectLevelAreas, selectLevelExists } from '../areas/index.ts';
import type { MappingSummary, TableMapping } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import {
  createImportRun,
  finishImportRun,
  recomputeAggregates,
  recomputeDerivedFrom,
} from '../ingest/index.ts';
import { ImportFileError } from './readers/errors.ts';
import { actorName, type AuditActor, writeAudit } from '../audit/index.ts';
import {
  ImportRejected,
  MAX_REPORTED_ERRORS,
  type FileIssue,
  type ImportReport,
} from './report.ts';
import { detectTable, type ReadProgress, type TableDetection } from './table-source.ts';
import {
  createImportIndicators,
  visibleIndicators,
  type CreatedTargets,
  type ImportRights,
  type NewIndicatorInput,
  type TargetIndicator,
} from './table-targets.ts';
import { sha256Of, type Upload, type UploadedFile } from './uploads.ts';
import { type SourceReference } from '../sources/index.ts';
import { execute } from './run-record.ts';
import {
  buildDetails,
  checkAcceptedNames,
  decideHeader,
  loadSynonyms,
  nonAreaContext,
  OverwriteTally,
  saveSynonyms,
  textMarkers,
  type AcceptedName,
  type HeaderDecision,
} from './published.ts';
import { yieldToEventLoop } from '../../db/statements.ts';
import { stageRows, type Staged } from './table-stage.ts';

export interface TableRunOptions extends ImportRights {
  dryRun: boolean;
  systemId: string;
  levelId: string;
  mapping: TableMapping;
  /** Overrides of the detection, as confirmed by the planner. */
  encoding?: 'utf-8' | 'windows-1252' | 'utf-16le';
  delimiter?: ';' | ',' | '\t';
  decimal?: ',' | '.';
  thousands?: '.' | ',' | null;
  newIndicators?: NewIndicatorInput[];
  source?: SourceReference;
  actor?: string | AuditActor;
  /** Owner of new indicators when the form names none (the importing person's department). */
  defaultDepartment?: string | undefined;
  /** Tables as cities publish them (issue 9 § 2; docs/api-contract.md). */
  hasHeader?: boolean | 'auto' | undefined;
  skipNonAreaRows?: boolean | undefined;
  zeroRows?: 'keep' | 'missing' | undefined;
  nameMinConfidence?: 'exact' | 'high' | 'medium' | undefined;
  acceptMarkers?: boolean | undefined;
  acceptedNames?: AcceptedName[] | undefined;
}

export type ProgressFn = (p: ReadProgress & { phase: 'lesen' | 'schreiben' | 'berechnen' }) => void;

export interface NumberFormat {
  decimal: ',' | '.';
  thousands: '.' | ',' | null;
}

/** What every step of one run knows: the file, how it is read, the options. */
export interface TableRunInput {
  tenantId: string;
  file: UploadedFile;
  det: TableDetection;
  sha: string;
  format: string;
  numberFormat: NumberFormat;
  opts: TableRunOptions;
  onProgress?: ProgressFn | undefined;
}

/** What the run found in the database before reading the rows. */
export interface TableTargets {
  targets: CreatedTargets;
  /** validTo: end date of a retired area (YYYY-MM-DD), null while it is valid. */
  areas: { id: number; code: string; name: string; validTo: string | null }[];
  synonyms: Record<string, string>;
  header: HeaderDecision;
  nonArea: { cityNames: string[]; parentAreaNames: string[] };
  overwrite: OverwriteTally;
  /** indicators the person may read (others are unknown to her import) */
  ids: TargetIndicator[];
  /** indicators this run created: they hold no values yet */
  createdIds: Set<string>;
  importId: number;
}

const emptyReport = (): Omit<ImportReport, 'status'> => ({
  kind: 'table',
  rowsRead: 0,
  rowsWritten: 0,
  errors: [],
  errorCount: 0,
  warnings: [],
});

/** Refuses the run with these errors (nothing is written). */
function reject(errors: FileIssue[], extra: Partial<ImportReport> = {}): never {
  throw new ImportRejected({
    ...emptyReport(),
    status: 'failed',
    errorCount: errors.length,
    errors,
    ...extra,
  });
}

/** Runs a table import in one transaction; returns the report (errors → nothing written). */
export async function runTableImport(
  db: Db,
  tenantId: string,
  upload: Upload,
  opts: TableRunOptions,
  onProgress?: ProgressFn,
): Promise<ImportReport> {
  const file = upload.files[0];
  if (!file || upload.files.length !== 1)
    throw new ImportFileError([
      {
        file: upload.files.map((f) => f.name).join(', ') || '(keine)',
        message: 'Genau eine Tabelle erwartet.',
      },
    ]);
  const det = await detectTable(file);
  const sha = await sha256Of(upload.files);
  const { format, numberFormat } = describeFormat(det, opts);
  const input: TableRunInput = { tenantId, file, det, sha, format, numberFormat, opts, onProgress };
  return execute(db, tenantId, opts.dryRun, (tx) => runTables(tx, input), {
    kind: 'observations',
    fileName: file.name,
    sha,
    format,
    actor: opts.actor,
  });
}

/** The format as recorded in the run, and the number format the values are read with. */
export function describeFormat(
  det: TableDetection,
  opts: TableRunOptions,
): { format: string; numberFormat: NumberFormat } {
  if (det.format === 'xlsx')
    return {
      format: 'xlsx',
      numberFormat: {
        decimal: opts.decimal ?? ',',
        // numeric cells arrive with a decimal comma and no grouping; text cells as published
        // ("1.374*") carry German thousands dots (issue 9 § 2)
        thousands: opts.thousands !== undefined ? opts.thousands : '.',
      },
    };
  const dialect = det.dialect!;
  return {
    format: `csv;${opts.encoding ?? det.encoding};${JSON.stringify(opts.delimiter ?? dialect.delimiter)};decimal${opts.decimal ?? dialect.decimal}`,
    numberFormat: {
      decimal: opts.decimal ?? dialect.decimal,
      thousands: opts.thousands !== undefined ? opts.thousands : dialect.thousands,
    },
  };
}

/** The steps inside the transaction. */
async function runTables(tx: Sql, input: TableRunInput): Promise<ImportReport> {
  const t = await loadTargets(tx, input);
  const staged = await stageRows(tx, input, t);
  const report = judge(input, t, staged);
  return commitValues(tx, input, t, staged, report);
}

/** The level, the new indicators, the areas and their accepted names; opens the run record. */
export async function loadTargets(tx: Sql, input: TableRunInput): Promise<TableTargets> {
  const { tenantId, file, det, opts } = input;
  const level = await selectLevelExists(tx, tenantId, opts.systemId, opts.levelId);
  if (level.length === 0)
    reject([
      {
        file: file.name,
        message: `Gebietsebene ${opts.systemId}/${opts.levelId} gibt es nicht. Bitte zuerst die Gebiete importieren.`,
      },
    ]);
  const targets = await createImportIndicators(tx, tenantId, {
    file: file.name,
    newIndicators: opts.newIndicators ?? [],
    source: opts.source,
    defaultDepartment: opts.defaultDepartment,
    rights: opts,
  });
  if (targets.errors.length) reject(targets.errors, { warnings: targets.warnings });
  const areas = await selectLevelAreas(tx, tenantId, opts.systemId, opts.levelId);
  const accepted = checkAcceptedNames(opts.acceptedNames ?? [], areas, file.name);
  if (accepted.errors.length) reject(accepted.errors);
  const synonyms = {
    ...(await loadSynonyms(tx, tenantId, opts.systemId, opts.levelId)),
    ...accepted.synonyms,
  };
  const header = decideHeader(
    [det.header, ...det.sampleRows],
    opts.hasHeader,
    areas,
    det.format === 'csv' ? input.numberFormat : undefined,
  );
  const nonArea = await nonAreaContext(tx, tenantId, opts.systemId, opts.levelId);
  // indicators the person may not read are unknown to her import, exactly like absent ones
  const ids = await visibleIndicators(tx, tenantId, opts);
  const importId = await createImportRun(tx, tenantId, {
    kind: 'observations',
    fileName: file.name,
    fileSha256: input.sha,
    format: input.format,
    options: {
      ...opts,
      dryRun: undefined,
      actor: undefined,
      mayWrite: undefined,
      mayRead: undefined,
    },
    actor: actorName(opts.actor),
  });
  return {
    targets,
    areas,
    synonyms,
    header,
    nonArea,
    overwrite: new OverwriteTally(areas),
    ids,
    createdIds: new Set(targets.created.map((c) => c.id)),
    importId,
  };
}

/** The report of what was read; refuses the run when the file has errors or no values. */
export function judge(
  input: TableRunInput,
  t: TableTargets,
  staged: Staged,
): Omit<ImportReport, 'status'> {
  const { file, opts } = input;
  const { summary, issues } = staged;
  const errors: FileIssue[] = [
    ...issues,
    ...summary.errors.map((e) => ({
      file: file.name,
      line: e.line,
      column: e.columnName ?? e.column ?? undefined,
      message: e.message,
    })),
  ];
  // text markers (n.v., k.A.) become missing values only once the person agreed (issue 9 § 6)
  const markers = textMarkers(summary.cells);
  const markersRefused = markers.length > 0 && !opts.acceptMarkers && !opts.dryRun;
  if (markersRefused)
    errors.push({
      file: file.name,
      line: markers[0]!.firstLine,
      column: markers[0]!.firstColumn,
      message: `Textkennzeichen in Zahlenspalten (${markers.map((m) => `„${m.marker}“ ${m.count} ×`).join(', ')}): bitte bestätigen, dass sie als fehlende Werte übernommen werden (acceptMarkers), oder die Datei korrigieren.`,
    });
  const errorCount = issues.length + summary.errorCount + (markersRefused ? 1 : 0);
  const report: Omit<ImportReport, 'status'> = {
    ...emptyReport(),
    rowsRead: summary.rowsRead,
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    errorCount,
    warnings: [...t.targets.warnings, ...summary.warnings],
    unmatched: summary.unmatchedAreas,
    importId: t.importId,
    details: detailsOf(input, t, summary, 0),
  };
  if (!t.header.used)
    report.warnings.unshift(
      `Ohne Überschriftenzeile gelesen (${t.header.decidedBy === 'person' ? 'so eingestellt' : 'erkannt'}): ${t.header.reason} Die Spalten heißen „Spalte 1“, „Spalte 2“ …`,
    );
  if (summary.unknownIndicators.length)
    report.warnings.push(
      `Unbekannte Indikatoren: ${summary.unknownIndicators.join(', ')} – bitte als neue Indikatoren anlegen.`,
    );
  if (errorCount > 0) throw new ImportRejected({ ...report, status: 'failed' });
  if (summary.observationCount === 0)
    throw new ImportRejected({
      ...report,
      status: 'failed',
      errorCount: 1,
      errors: [
        {
          file: file.name,
          message: `${file.name}: keine Werte gefunden – die Tabelle hat keine Datenzeilen.`,
        },
      ],
    });
  return report;
}

function detailsOf(
  input: TableRunInput,
  t: TableTargets,
  summary: MappingSummary,
  synonymsSaved: number,
) {
  return buildDetails(summary, {
    header: t.header,
    mapping: input.opts.mapping,
    overwrite: t.overwrite,
    acceptMarkers: input.opts.acceptMarkers ?? false,
    synonymsSaved,
  });
}

/**
 * Writes the last batch, the accepted names, and what follows from the values: aggregates on the
 * levels above and derived shares (only for the dates the file touched, in bounded steps), the run
 * record and the audit entry.
 */
async function commitValues(
  tx: Sql,
  input: TableRunInput,
  t: TableTargets,
  staged: Staged,
  base: Omit<ImportReport, 'status'>,
): Promise<ImportReport> {
  const { tenantId, file, opts } = input;
  await staged.writer.flush(staged.rowsRead);
  const aggregatedWith = await staged.writer.writeCreated();
  const report = { ...base, warnings: [...base.warnings] };
  const overwriteNote = t.overwrite.warning();
  if (overwriteNote) report.warnings.push(overwriteNote);
  const synonymsSaved = await saveSynonyms(tx, tenantId, {
    systemId: opts.systemId,
    levelId: opts.levelId,
    accepted: opts.acceptedNames ?? [],
    actor: opts.actor ?? 'system',
    actorName: actorName(opts.actor),
  });
  report.details = detailsOf(input, t, staged.summary, synonymsSaved);
  input.onProgress?.({
    phase: 'berechnen',
    bytesRead: file.bytes,
    bytesTotal: file.bytes,
    rowsRead: staged.rowsRead,
  });
  const indicatorIds = [...staged.writer.touched];
  checkWriteRights(input, t, indicatorIds);
  await recomputeFollowing(
    tx,
    tenantId,
    indicatorIds.filter((id) => !aggregatedWith.has(id)),
    [...staged.writer.dates],
  );
  const written = staged.writer.written;
  const status = written === 0 ? 'unchanged' : 'succeeded';
  await finishImportRun(tx, tenantId, t.importId, {
    status,
    rowsRead: staged.summary.rowsRead,
    rowsWritten: written,
    errorCount: 0,
  });
  await writeAudit(tx, tenantId, {
    actor: opts.actor ?? 'system',
    action: 'import.observations',
    entity: 'import_run',
    entityId: String(t.importId),
    detail: {
      file: file.name,
      sha256: input.sha,
      rowsRead: staged.summary.rowsRead,
      rowsWritten: written,
      indicators: indicatorIds,
      // ownership and visibility of what the import created (issue 8 § 6)
      createdIndicators: t.targets.created.map((c) => ({ ...c, visibility: 'internal' })),
      source: t.targets.source,
    },
  });
  return { ...report, status, rowsWritten: written };
}

/**
 * A department writes only its own indicators (docs/adr/0007-access-control.md); checked before
 * commit, so a refused import changes nothing.
 */
function checkWriteRights(input: TableRunInput, t: TableTargets, indicatorIds: string[]): void {
  const { opts, file } = input;
  const deptOf = new Map(t.ids.map((i) => [i.id, i.department]));
  const refused = opts.mayWrite
    ? indicatorIds.filter((id) => !opts.mayWrite!(deptOf.get(id) ?? ''))
    : [];
  // ADR 0012: name the owner, the importer's own department and the permission for all of them
  const own = opts.defaultDepartment
    ? `Sie schreiben für die Abteilung „${opts.defaultDepartment}“`
    : 'Ihnen ist keine Abteilung zugeordnet';
  if (refused.length)
    throw new ImportFileError(
      refused.map((id) => ({
        file: file.name,
        message: `Keine Berechtigung: der Indikator „${id}“ gehört der Abteilung „${deptOf.get(id)}“; Werte importieren darf nur diese Abteilung. ${own} (für alle Abteilungen braucht es die Berechtigung „indicators.edit_all“).`,
      })),
    );
}

/** Reference dates per aggregation step: about 20 × 542 Planungsräume ≈ 10,000 rows per statement. */
const DATES_PER_STEP = 20;

/**
 * Aggregates and derived shares of the touched indicators, for the touched dates only (the others
 * cannot have changed: a value depends only on values of its own date), a few dates per statement
 * with a turn of the event loop in between: PGlite runs SQL in the server's thread, and one
 * statement over all 300,000 rows of an import held every request for seconds (bench part g).
 */
export async function recomputeFollowing(
  tx: Sql,
  tenantId: string,
  indicatorIds: string[],
  dates: string[],
): Promise<void> {
  if (indicatorIds.length === 0) return;
  const sorted = [...dates].sort();
  for (let i = 0; i < sorted.length; i += DATES_PER_STEP) {
    const step = sorted.slice(i, i + DATES_PER_STEP);
    await recomputeAggregates(tx, tenantId, indicatorIds, { dates: step });
    await recomputeDerivedFrom(tx, tenantId, indicatorIds, { dates: step });
    await yieldToEventLoop();
  }
}
