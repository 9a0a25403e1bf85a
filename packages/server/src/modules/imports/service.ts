// Import service: the table run (values into indicators, all or nothing in one transaction), and the
// one door to the import steps: analyse (analyze.ts), run areas (area-run.ts), the run record
// (run-record.ts). The same code serves the CLI and HTTP.
import {
  createAreaLookup,
  ObservationMapper,
  type CsvRecord,
  type TableMapping,
} from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import {
  createImportRun,
  finishImportRun,
  recomputeAggregates,
  recomputeDerivedFrom,
  upsertObservations,
  writeAudit,
  type ObservationInput,
} from '../ingest/store.ts';
import { ImportFileError } from './readers/errors.ts';
import { actorName, type AuditActor } from '../audit/chain.ts';
import {
  ImportRejected,
  MAX_REPORTED_ERRORS,
  type FileIssue,
  type ImportReport,
} from './report.ts';
import { detectTable, readCsvRecords, readXlsxRecords, type ReadProgress } from './table-source.ts';
import {
  createImportIndicators,
  visibleIndicators,
  type ImportRights,
  type NewIndicatorInput,
} from './table-targets.ts';
import { sha256Of, type Upload } from './uploads.ts';
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
  splitHeader,
  textMarkers,
  type AcceptedName,
} from './published.ts';

export type { NewIndicatorInput } from './table-targets.ts';

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

const WRITE_BATCH = 5000;

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
  const format =
    det.format === 'csv'
      ? `csv;${opts.encoding ?? det.encoding};${JSON.stringify(opts.delimiter ?? det.dialect!.delimiter)};decimal${opts.decimal ?? det.dialect!.decimal}`
      : 'xlsx';
  const numberFormat =
    det.format === 'xlsx'
      ? {
          decimal: opts.decimal ?? ',',
          // numeric cells arrive with a decimal comma and no grouping; text cells as published
          // ("1.374*") carry German thousands dots (issue 9 § 2)
          thousands: opts.thousands !== undefined ? opts.thousands : '.',
        }
      : {
          decimal: opts.decimal ?? det.dialect!.decimal,
          thousands: opts.thousands !== undefined ? opts.thousands : det.dialect!.thousands,
        };
  const base: Omit<ImportReport, 'status'> = {
    kind: 'table',
    rowsRead: 0,
    rowsWritten: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
  };

  const run = async (tx: Sql): Promise<ImportReport> => {
    const level = await tx.query(
      'SELECT 1 FROM area_level WHERE tenant_id = $1 AND system_id = $2 AND id = $3',
      [tenantId, opts.systemId, opts.levelId],
    );
    if (level.length === 0)
      throw new ImportRejected({
        ...base,
        status: 'failed',
        errorCount: 1,
        errors: [
          {
            file: file.name,
            message: `Gebietsebene ${opts.systemId}/${opts.levelId} gibt es nicht. Bitte zuerst die Gebiete importieren.`,
          },
        ],
      });
    const targets = await createImportIndicators(tx, tenantId, {
      file: file.name,
      newIndicators: opts.newIndicators ?? [],
      source: opts.source,
      defaultDepartment: opts.defaultDepartment,
      rights: opts,
    });
    if (targets.errors.length)
      throw new ImportRejected({
        ...base,
        status: 'failed',
        errorCount: targets.errors.length,
        errors: targets.errors,
        warnings: targets.warnings,
      });
    const areas = await tx.query<{ id: number; code: string; name: string }>(
      'SELECT id, code, name FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3',
      [tenantId, opts.systemId, opts.levelId],
    );
    const accepted = checkAcceptedNames(opts.acceptedNames ?? [], areas, file.name);
    if (accepted.errors.length)
      throw new ImportRejected({
        ...base,
        status: 'failed',
        errorCount: accepted.errors.length,
        errors: accepted.errors,
      });
    const synonyms = {
      ...(await loadSynonyms(tx, tenantId, opts.systemId, opts.levelId)),
      ...accepted.synonyms,
    };
    const header = decideHeader(
      [det.header, ...det.sampleRows],
      opts.hasHeader,
      areas,
      det.format === 'csv' ? numberFormat : undefined,
    );
    const nonArea = await nonAreaContext(tx, tenantId, opts.systemId, opts.levelId);
    const overwrite = new OverwriteTally(areas);
    // indicators the person may not read are unknown to her import, exactly like absent ones
    const ids = await visibleIndicators(tx, tenantId, opts);
    const shareScale = new Map(ids.filter((i) => i.kind === 'share').map((i) => [i.id, i.scale]));
    const importId = await createImportRun(tx, tenantId, {
      kind: 'observations',
      fileName: file.name,
      fileSha256: sha,
      format,
      options: {
        ...opts,
        dryRun: undefined,
        actor: undefined,
        mayWrite: undefined,
        mayRead: undefined,
      },
      actor: actorName(opts.actor),
    });
    // encoding problems are found by the streaming decoder over the whole file (not just the sample)
    const issues: FileIssue[] = [];
    let mapper: ObservationMapper | null = null;
    let pending: ObservationInput[] = [];
    let written = 0;
    let rowsRead = 0;
    const touched = new Set<string>();
    const flush = async () => {
      // once the file is known to be bad nothing is written (the transaction is rolled back anyway)
      if (issues.length || (mapper && mapper.errorCount > 0) || pending.length === 0) {
        pending = [];
        return;
      }
      onProgress?.({ phase: 'schreiben', bytesRead: 0, bytesTotal: file.bytes, rowsRead });
      await overwrite.check(tx, tenantId, pending);
      written += await upsertObservations(tx, tenantId, pending, importId);
      pending = [];
    };
    const source =
      det.format === 'csv'
        ? // 'auto' decides on the whole stream: a file whose first umlaut comes after the sample is still read right
          readCsvRecords(
            file,
            {
              encoding: opts.encoding ?? 'auto',
              delimiter: opts.delimiter ?? det.dialect!.delimiter,
            },
            issues,
            (p) => onProgress?.({ ...p, phase: 'lesen' }),
          )
        : readXlsxRecords(file.path, WRITE_BATCH, (p) =>
            onProgress?.({ ...p, bytesTotal: file.bytes, phase: 'lesen' }),
          );
    for await (const batch of source) {
      let records: CsvRecord[] = batch;
      if (!mapper) {
        if (batch.length === 0) continue;
        const first = splitHeader(batch, header.used);
        mapper = new ObservationMapper(first.header, opts.mapping, {
          areas: createAreaLookup(areas),
          indicatorIds: new Set(ids.map((i) => i.id)),
          numberFormat,
          headerLine: first.headerLine,
          maxErrors: MAX_REPORTED_ERRORS,
          nameMatching: {
            synonyms,
            ...(opts.nameMinConfidence ? { minConfidence: opts.nameMinConfidence } : {}),
          },
          skipNonAreaRows: opts.skipNonAreaRows ?? false,
          nonAreaRows: { ...nonArea, knownCodes: areas.map((a) => a.code) },
          countIndicatorIds: new Set(ids.filter((i) => i.kind === 'count').map((i) => i.id)),
          zeroRows: opts.zeroRows === 'missing' ? 'missing' : 'report',
        });
        records = first.rows;
        if (mapper.fatal) break;
      }
      rowsRead += records.length;
      for (const o of mapper.push(records)) {
        touched.add(o.indicatorId);
        // a share given only as numerator and denominator: computed here (docs/methods/aggregation.md)
        const scale = shareScale.get(o.indicatorId);
        const value =
          o.value === null && scale !== undefined && o.numerator != null && o.denominator
            ? (o.numerator / o.denominator) * scale
            : o.value;
        pending.push({
          indicatorId: o.indicatorId,
          areaId: o.areaId,
          refDate: o.refDate,
          value,
          numerator: o.numerator ?? null,
          denominator: o.denominator ?? null,
          flag: o.flag ?? null,
          flagReason: o.flagReason ?? null,
        });
      }
      if (pending.length >= WRITE_BATCH) await flush();
    }
    if (!mapper)
      throw new ImportRejected({
        ...base,
        status: 'failed',
        errorCount: 1,
        errors: [
          {
            file: file.name,
            line: 1,
            message: `${file.name}: die Datei ist leer (keine Kopfzeile).`,
          },
        ],
      });
    const summary = mapper.finish();
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
    const details = (synonymsSaved: number) =>
      buildDetails(summary, {
        header,
        mapping: opts.mapping,
        overwrite,
        acceptMarkers: opts.acceptMarkers ?? false,
        synonymsSaved,
      });
    const report: Omit<ImportReport, 'status'> = {
      ...base,
      rowsRead: summary.rowsRead,
      rowsWritten: 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount,
      warnings: [...targets.warnings, ...summary.warnings],
      unmatched: summary.unmatchedAreas,
      importId,
      details: details(0),
    };
    if (!header.used)
      report.warnings.unshift(
        `Ohne Überschriftenzeile gelesen (${header.decidedBy === 'person' ? 'so eingestellt' : 'erkannt'}): ${header.reason} Die Spalten heißen „Spalte 1“, „Spalte 2“ …`,
      );
    if (summary.unknownIndicators.length) {
      report.warnings.push(
        `Unbekannte Indikatoren: ${summary.unknownIndicators.join(', ')} – bitte als neue Indikatoren anlegen.`,
      );
    }
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
    await flush();
    const overwriteNote = overwrite.warning();
    if (overwriteNote) report.warnings.push(overwriteNote);
    const synonymsSaved = await saveSynonyms(tx, tenantId, {
      systemId: opts.systemId,
      levelId: opts.levelId,
      accepted: opts.acceptedNames ?? [],
      actor: opts.actor ?? 'system',
      actorName: actorName(opts.actor),
    });
    report.details = details(synonymsSaved);
    onProgress?.({ phase: 'berechnen', bytesRead: file.bytes, bytesTotal: file.bytes, rowsRead });
    const indicatorIds = [...touched];
    // A department writes only its own indicators (docs/adr/0007-access-control.md); checked
    // before commit, so a refused import changes nothing.
    const deptOf = new Map(ids.map((i) => [i.id, i.department]));
    const refused = opts.mayWrite
      ? indicatorIds.filter((id) => !opts.mayWrite!(deptOf.get(id) ?? ''))
      : [];
    if (refused.length)
      throw new ImportFileError(
        refused.map((id) => ({
          file: file.name,
          message: `Keine Berechtigung: der Indikator „${id}“ gehört der Abteilung „${deptOf.get(id)}“; Werte importieren darf nur diese Abteilung.`,
        })),
      );
    await recomputeAggregates(tx, tenantId, indicatorIds);
    await recomputeDerivedFrom(tx, tenantId, indicatorIds);
    const status = written === 0 ? 'unchanged' : 'succeeded';
    await finishImportRun(tx, tenantId, importId, {
      status,
      rowsRead: summary.rowsRead,
      rowsWritten: written,
      errorCount: 0,
    });
    await writeAudit(tx, tenantId, {
      actor: opts.actor ?? 'system',
      action: 'import.observations',
      entity: 'import_run',
      entityId: String(importId),
      detail: {
        file: file.name,
        sha256: sha,
        rowsRead: summary.rowsRead,
        rowsWritten: written,
        indicators: indicatorIds,
        // ownership and visibility of what the import created (issue 8 § 6)
        createdIndicators: targets.created.map((c) => ({ ...c, visibility: 'internal' })),
        source: targets.source,
      },
    });
    return { ...report, status, rowsWritten: written };
  };
  return execute(db, tenantId, opts.dryRun, run, {
    kind: 'observations',
    fileName: file.name,
    sha,
    format,
    actor: opts.actor,
  });
}

export {
  analyzeUpload,
  isGeometryUpload,
  type Analysis,
  type AreasAnalysis,
  type TableAnalysis,
} from './analyze.ts';
export { runAreaImport, type AreaRunOptions } from './area-run.ts';
export { listImportRuns } from './run-record.ts';
