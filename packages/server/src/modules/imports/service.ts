// Import service: analyse uploaded files (format, encoding, delimiter, CRS, suggested mapping), then
// run the import all-or-nothing in one transaction. The same code serves the CLI and HTTP.
import { readFile } from 'node:fs/promises';
import {
  createAreaLookup,
  geodesicArea,
  bboxOf,
  ObservationMapper,
  suggestMapping,
  validatePolygons,
  type AreaGeometry,
  type CsvRecord,
  type TableMapping,
} from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import {
  createImportRun,
  finishImportRun,
  recomputeAggregates,
  recomputeDerived,
  upsertAreaSystem,
  upsertAreas,
  upsertObservations,
  writeAudit,
  type AreaInput,
  type ObservationInput,
} from '../ingest/store.ts';
import { invalidateCatalogueCache } from '../indicators/service.ts';
import { invalidateGeometryCache } from '../areas/service.ts';
import { readGeometryFiles } from './readers/geo/index.ts';
import { ImportFileError } from './readers/errors.ts';
import { actorName, type AuditActor } from '../audit/chain.ts';
import {
  ImportRejected,
  MAX_REPORTED_ERRORS,
  type FileIssue,
  type ImportReport,
} from './report.ts';
import {
  detectTable,
  readCsvRecords,
  readXlsxRecords,
  type ReadProgress,
  type TableDetection,
} from './table-source.ts';
import {
  createImportIndicators,
  visibleIndicators,
  type ImportRights,
  type NewIndicatorInput,
} from './table-targets.ts';
import { sha256Of, type Upload, type UploadedFile } from './uploads.ts';
import { resolveImportSource, type SourceReference } from '../sources/index.ts';

export type { NewIndicatorInput } from './table-targets.ts';

const GEO_EXT = /\.(geojson|json|zip|shp|shx|dbf|prj|cpg|gpkg)$/i;

export interface TableAnalysis {
  kind: 'table';
  file: string;
  detection: Omit<TableDetection, 'problems'>;
  problems: FileIssue[];
  suggestion: {
    systemId: string | null;
    levelId: string | null;
    matchedCodes: number;
    mapping: TableMapping;
    confidence: number;
    reasons: string[];
    unresolved: string[];
    unmatchedColumns: string[];
  };
}

export interface AreasAnalysis {
  kind: 'areas';
  files: string[];
  format: string;
  crs: string;
  featureCount: number;
  properties: string[];
  sampleProperties: Record<string, unknown>[];
  warnings: string[];
  problems: FileIssue[];
  suggestion: {
    codeProperty: string | null;
    nameProperty: string | null;
    parentCodeProperty: string | null;
  };
}

export type Analysis = TableAnalysis | AreasAnalysis;

/** Whether the upload holds geometries (areas) rather than a table. */
export function isGeometryUpload(files: UploadedFile[]): boolean {
  return files.length > 0 && files.every((f) => GEO_EXT.test(f.name));
}

async function loadGeometry(files: UploadedFile[], crs?: string) {
  const bytes = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await readFile(f.path)) })),
  );
  return readGeometryFiles(bytes, { expect: 'polygon', ...(crs ? { crs } : {}) });
}

function issuesOf(err: unknown, file: string): FileIssue[] {
  if (err instanceof ImportFileError) return err.issues.map((i) => ({ ...i }));
  return [{ file, message: err instanceof Error ? err.message : String(err) }];
}

/** Analyses an upload: detected format and a suggested mapping, or the problems that stop it. */
export async function analyzeUpload(db: Sql, tenantId: string, upload: Upload): Promise<Analysis> {
  if (upload.files.length === 0)
    throw new ImportFileError([{ file: '(keine)', message: 'Es wurde keine Datei hochgeladen.' }]);
  if (isGeometryUpload(upload.files)) {
    const names = upload.files.map((f) => f.name);
    const read = await loadGeometry(upload.files);
    const props = new Set<string>();
    for (const f of read.features.slice(0, 200))
      for (const k of Object.keys(f.properties ?? {})) props.add(k);
    const properties = [...props];
    const pick = (re: RegExp) => properties.find((p) => re.test(p)) ?? null;
    return {
      kind: 'areas',
      files: names,
      format: read.format ?? names.map((n) => n.split('.').pop()).join('+'),
      crs: read.sourceCrs,
      featureCount: read.features.length,
      properties,
      sampleProperties: read.features.slice(0, 5).map((f) => f.properties ?? {}),
      warnings: read.warnings,
      problems: [],
      suggestion: {
        codeProperty:
          pick(/(^|_)(id|code|schluessel|schlüssel|nr|nummer|key)$/i) ?? pick(/id|code|nr/i),
        nameProperty: pick(/name|bezeichnung|bez_name/i),
        parentCodeProperty: null,
      },
    };
  }
  if (upload.files.length > 1) {
    throw new ImportFileError([
      {
        file: upload.files.map((f) => f.name).join(', '),
        message:
          'Bitte jeweils eine Tabelle hochladen (mehrere Dateien sind nur für Shapefile-Sätze vorgesehen).',
      },
    ]);
  }
  const file = upload.files[0]!;
  const det = await detectTable(file);
  const { problems, ...detection } = det;
  // which level do the area codes belong to? the one whose codes match most sample values
  const levels = await db.query<{
    system_id: string;
    level_id: string;
    codes: string[];
    valid_to: string | null;
  }>(
    `SELECT a.system_id, a.level_id, array_agg(a.code) AS codes, s.valid_to
     FROM area a JOIN area_system s ON s.tenant_id = a.tenant_id AND s.id = a.system_id
     WHERE a.tenant_id = $1 GROUP BY a.system_id, a.level_id, s.valid_to`,
    [tenantId],
  );
  const indicators = await db.query<{ id: string; name_de: string }>(
    'SELECT id, name_de FROM indicator WHERE tenant_id = $1',
    [tenantId],
  );
  const known = indicators.map((i) => ({ id: i.id, name: i.name_de }));
  let best: {
    level: (typeof levels)[number];
    s: ReturnType<typeof suggestMapping>;
    matched: number;
  } | null = null;
  for (const level of levels) {
    const s = suggestMapping(
      det.header,
      det.sampleRows,
      known,
      level.codes,
      det.dialect
        ? { numberFormat: { decimal: det.dialect.decimal, thousands: det.dialect.thousands } }
        : {},
    );
    const areaCol = det.header.indexOf(s.mapping.areaColumn);
    const codes = new Set(level.codes);
    const matched =
      areaCol < 0
        ? 0
        : det.sampleRows.filter(
            (r) =>
              codes.has(r[areaCol] ?? '') ||
              codes.has((r[areaCol] ?? '').padStart(level.codes[0]?.length ?? 0, '0')),
          ).length;
    const better =
      !best ||
      matched > best.matched ||
      (matched === best.matched && level.valid_to === null && best.level.valid_to !== null);
    if (better) best = { level, s, matched };
  }
  const s = best?.s ?? suggestMapping(det.header, det.sampleRows, known, []);
  return {
    kind: 'table',
    file: file.name,
    detection,
    problems,
    suggestion: {
      systemId: best?.level.system_id ?? null,
      levelId: best?.level.level_id ?? null,
      matchedCodes: best?.matched ?? 0,
      mapping: s.mapping,
      confidence: s.confidence,
      reasons: s.reasons,
      unresolved: s.unresolved,
      unmatchedColumns: s.unmatchedColumns,
    },
  };
}

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
}

export interface AreaRunOptions {
  dryRun: boolean;
  systemId: string;
  systemName?: string;
  validFrom?: string | null;
  levelId: string;
  levelNameDe?: string;
  levelNameEn?: string;
  codeProperty: string;
  nameProperty: string;
  parentLevelId?: string | null;
  parentCodeProperty?: string | null;
  crs?: string;
  source?: SourceReference;
  actor?: string | AuditActor;
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
      ? { decimal: ',' as const, thousands: null }
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
        const [header, ...rest] = batch;
        if (!header) continue;
        mapper = new ObservationMapper(header.fields, opts.mapping, {
          areas: createAreaLookup(areas),
          indicatorIds: new Set(ids.map((i) => i.id)),
          numberFormat,
          headerLine: header.line,
          maxErrors: MAX_REPORTED_ERRORS,
        });
        records = rest;
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
    const errorCount = issues.length + summary.errorCount;
    const report: Omit<ImportReport, 'status'> = {
      ...base,
      rowsRead: summary.rowsRead,
      rowsWritten: 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount,
      warnings: [...targets.warnings, ...summary.warnings],
      unmatched: summary.unmatchedAreas,
      importId,
    };
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
    await recomputeDerived(tx, tenantId);
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

/** Runs an areas (geometry) import in one transaction. */
export async function runAreaImport(
  db: Db,
  tenantId: string,
  upload: Upload,
  opts: AreaRunOptions,
): Promise<ImportReport> {
  const names = upload.files.map((f) => f.name).join(', ');
  const sha = await sha256Of(upload.files);
  const base: Omit<ImportReport, 'status'> = {
    kind: 'areas',
    rowsRead: 0,
    rowsWritten: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
  };
  let read: Awaited<ReturnType<typeof loadGeometry>>;
  try {
    read = await loadGeometry(upload.files, opts.crs);
  } catch (err) {
    const errors = issuesOf(err, names);
    if (opts.dryRun) return { ...base, status: 'failed', errors, errorCount: errors.length };
    return recordFailure(
      db,
      tenantId,
      { ...base, status: 'failed', errors, errorCount: errors.length },
      { kind: 'areas', fileName: names, sha, format: 'geometry', actor: opts.actor },
    );
  }
  const format = `${read.format ?? 'geometry'};${read.sourceCrs}`;
  const run = async (tx: Sql): Promise<ImportReport> => {
    const errors: FileIssue[] = [];
    const file = names;
    const inputs: AreaInput[] = [];
    const seen = new Map<string, number>();
    read.features.forEach((f, i) => {
      const p = f.properties ?? {};
      const where = `Objekt ${i + 1}`;
      const code = p[opts.codeProperty];
      const name = p[opts.nameProperty];
      if (code === undefined || code === null || String(code).trim() === '') {
        errors.push({
          file,
          line: i + 1,
          column: opts.codeProperty,
          message: `${where}: Attribut '${opts.codeProperty}' (Gebietsschlüssel) ist leer oder fehlt.`,
        });
        return;
      }
      const c = String(code).trim();
      const prev = seen.get(c);
      if (prev !== undefined)
        errors.push({
          file,
          line: i + 1,
          column: opts.codeProperty,
          message: `${where}: Gebietsschlüssel '${c}' kommt doppelt vor (auch Objekt ${prev}).`,
        });
      seen.set(c, i + 1);
      const g = f.geometry;
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
        errors.push({
          file,
          line: i + 1,
          message: `${where} ('${c}'): keine Flächengeometrie (${g?.type ?? 'leer'}).`,
        });
        return;
      }
      const geom = g as AreaGeometry;
      const parent = opts.parentCodeProperty ? p[opts.parentCodeProperty] : undefined;
      inputs.push({
        levelId: opts.levelId,
        code: c,
        name:
          name === undefined || name === null || String(name).trim() === ''
            ? c
            : String(name).trim(),
        parentLevelId: opts.parentLevelId ?? null,
        parentCode: parent === undefined || parent === null ? null : String(parent).trim(),
        geometry: geom,
        bbox: bboxOf(geom) as [number, number, number, number],
        areaM2: geodesicArea(geom),
        validFrom: opts.validFrom ?? null,
      });
    });
    const geomIssues = validatePolygons(
      read.features.map((f, i) => ({
        id: String((f.properties ?? {})[opts.codeProperty] ?? i + 1),
        geometry: f.geometry as AreaGeometry,
      })),
    );
    for (const g of geomIssues) errors.push({ file, line: g.featureIndex + 1, message: g.message });
    // parents must exist on the parent level
    if (opts.parentLevelId && opts.parentCodeProperty) {
      const parents = new Set(
        (
          await tx.query<{ code: string }>(
            'SELECT code FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3',
            [tenantId, opts.systemId, opts.parentLevelId],
          )
        ).map((r) => r.code),
      );
      inputs.forEach((a, i) => {
        if (a.parentCode && !parents.has(a.parentCode))
          errors.push({
            file,
            line: i + 1,
            column: opts.parentCodeProperty!,
            message: `Objekt '${a.code}': übergeordnetes Gebiet '${a.parentCode}' gibt es auf der Ebene ${opts.parentLevelId} nicht.`,
          });
      });
    }
    const report: Omit<ImportReport, 'status'> = {
      ...base,
      rowsRead: read.features.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
      warnings: read.warnings,
    };
    if (errors.length) throw new ImportRejected({ ...report, status: 'failed' });
    if (inputs.length === 0)
      throw new ImportRejected({
        ...report,
        status: 'failed',
        errorCount: 1,
        errors: [{ file, message: 'Die Datei enthält keine Gebiete.' }],
      });

    const sys = await tx.query<{ id: string }>(
      'SELECT id FROM area_system WHERE tenant_id = $1 AND id = $2',
      [tenantId, opts.systemId],
    );
    const levels = await tx.query<{ id: string; depth: number }>(
      'SELECT id, depth FROM area_level WHERE tenant_id = $1 AND system_id = $2 ORDER BY depth',
      [tenantId, opts.systemId],
    );
    // every map names its source: a new area system needs one (issue 9 § 3)
    if (sys.length === 0 && !opts.source)
      throw new ImportRejected({
        ...report,
        status: 'failed',
        errorCount: 1,
        errors: [
          {
            file,
            message: `Für das neue Gebietssystem „${opts.systemId}“ bitte die Quelle angeben (Titel, Herausgeber, Lizenz, Namensnennung) – sie steht unter jeder Karte.`,
          },
        ],
      });
    // an import references or adds a source, never changes one (issue 8 § 2)
    const source = opts.source ? await resolveImportSource(tx, tenantId, opts.source) : null;
    const sourceId = source?.id ?? null;
    if (source) report.warnings.push(...source.warnings);
    if (sys.length === 0 || !levels.some((l) => l.id === opts.levelId)) {
      const parentDepth = levels.find((l) => l.id === opts.parentLevelId)?.depth;
      const depth =
        parentDepth !== undefined
          ? parentDepth + 1
          : levels.length
            ? Math.max(...levels.map((l) => l.depth)) + 1
            : 0;
      const existing = await tx.query<{
        name: string;
        valid_from: string | null;
        source_id: string | null;
      }>('SELECT name, valid_from, source_id FROM area_system WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        opts.systemId,
      ]);
      await upsertAreaSystem(tx, tenantId, {
        id: opts.systemId,
        name: existing[0]?.name ?? opts.systemName ?? opts.systemId,
        validFrom: existing[0]?.valid_from ?? opts.validFrom ?? null,
        sourceId: existing[0]?.source_id ?? sourceId,
        levels: [
          {
            id: opts.levelId,
            nameDe: opts.levelNameDe ?? opts.levelId,
            nameEn: opts.levelNameEn ?? opts.levelNameDe ?? opts.levelId,
            depth,
          },
        ],
      });
    }
    const importId = await createImportRun(tx, tenantId, {
      kind: 'areas',
      fileName: names,
      fileSha256: sha,
      format,
      options: { ...opts, dryRun: undefined, actor: undefined, mayWrite: undefined },
      actor: actorName(opts.actor),
    });
    const written = await upsertAreas(tx, tenantId, opts.systemId, inputs);
    const status = written === 0 ? 'unchanged' : 'succeeded';
    await finishImportRun(tx, tenantId, importId, {
      status,
      rowsRead: read.features.length,
      rowsWritten: written,
    });
    await writeAudit(tx, tenantId, {
      actor: opts.actor ?? 'system',
      action: 'import.areas',
      entity: 'import_run',
      entityId: String(importId),
      detail: {
        files: names,
        sha256: sha,
        systemId: opts.systemId,
        levelId: opts.levelId,
        features: read.features.length,
        written,
        source: source ? { id: source.id, created: source.created } : null,
      },
    });
    return { ...report, status, rowsWritten: written, importId };
  };
  return execute(db, tenantId, opts.dryRun, run, {
    kind: 'areas',
    fileName: names,
    sha,
    format,
    actor: opts.actor,
  });
}

class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** Runs fn in a transaction; a dry run or a rejection rolls back. Failures are recorded afterwards. */
async function execute(
  db: Db,
  tenantId: string,
  dryRun: boolean,
  fn: (tx: Sql) => Promise<ImportReport>,
  meta: {
    kind: string;
    fileName: string;
    sha: string;
    format: string;
    actor?: string | AuditActor | undefined;
  },
): Promise<ImportReport> {
  try {
    const report = await db.transaction(async (tx) => {
      const r = await fn(tx);
      if (dryRun) throw new DryRunDone({ ...r, status: 'dry_run', importId: undefined });
      return r;
    });
    if (report.rowsWritten > 0) {
      // PGlite never analyses on its own: without statistics the planner picks slow plans (measured 2–3 s → 1 s)
      await db.exec('ANALYZE area, observation');
    }
    invalidateCatalogueCache();
    if (report.kind === 'areas') invalidateGeometryCache();
    return report;
  } catch (err) {
    if (err instanceof DryRunDone) return err.report;
    const report =
      err instanceof ImportRejected
        ? err.report
        : err instanceof ImportFileError
          ? {
              kind: (meta.kind === 'areas' ? 'areas' : 'table') as ImportReport['kind'],
              status: 'failed' as const,
              rowsRead: 0,
              rowsWritten: 0,
              errors: err.issues,
              errorCount: err.issues.length,
              warnings: [],
            }
          : null;
    if (!report) throw err;
    if (dryRun) return { ...report, status: 'failed', importId: undefined };
    return recordFailure(db, tenantId, { ...report, importId: undefined }, meta);
  }
}

/** Records a failed run (in its own transaction, after the rollback), so failures are visible too. */
async function recordFailure(
  db: Db,
  tenantId: string,
  report: ImportReport,
  meta: {
    kind: string;
    fileName: string;
    sha: string;
    format: string;
    actor?: string | AuditActor | undefined;
  },
): Promise<ImportReport> {
  await db.transaction(async (tx) => {
    const id = await createImportRun(tx, tenantId, {
      kind: meta.kind,
      fileName: meta.fileName,
      fileSha256: meta.sha,
      format: meta.format,
      actor: actorName(meta.actor),
    });
    await finishImportRun(tx, tenantId, id, {
      status: 'failed',
      rowsRead: report.rowsRead,
      rowsWritten: 0,
      errors: report.errors.slice(0, 100),
      errorCount: report.errorCount,
    });
  });
  return report;
}

/** Past import runs, newest first. */
export async function listImportRuns(db: Sql, tenantId: string, limit = 100) {
  return db.query<{
    id: number;
    kind: string;
    file_name: string;
    format: string;
    status: string;
    rows_read: number;
    rows_written: number;
    error_count: number;
    started_at: Date;
    finished_at: Date | null;
    actor: string;
  }>(
    `SELECT id, kind, file_name, format, status, rows_read, rows_written, error_count, started_at, finished_at, actor
     FROM import_run WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2`,
    [tenantId, limit],
  );
}
