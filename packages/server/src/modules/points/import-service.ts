// Point import (Standorte, issue 9 § 4): read → join to every level of every area system (core) →
// dry-run report or one all-or-nothing transaction writing dataset, points, assignments, count
// indicators per area and the audit entry. A point outside every area is reported, never dropped silently.
// Preparing and summarising the points: import-prepare.ts.
import { joinPointsToAreas, type PointJoinResult } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { forbidden, HttpError } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import {
  ImportFileError,
  type FileIssue,
  recordFailure,
  createImportIndicators,
  type NewIndicatorInput,
  sha256Of,
  type Upload,
} from '../imports/index.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';
import {
  createImportRun,
  finishImportRun,
  recomputeDerivedFrom,
  upsertObservations,
  upsertPointDataset,
  type ObservationInput,
} from '../ingest/index.ts';
import { resolveImportSource, type SourceReference } from '../sources/index.ts';
import { preparePoints, summarize, type JoinSummary, type Prepared } from './import-prepare.ts';
import {
  numericColumns,
  readPointUpload,
  suggestNameAndId,
  type CoordinateColumns,
  type PointFile,
} from './import-read.ts';
import {
  deletePointFeatures,
  insertPointAreas,
  selectAreasBbox,
  selectLevelsWithAreas,
  selectPointDatasetMeta,
  updatePointDatasetIndicators,
  type LevelAreas,
} from './import-store.ts';

export interface PointAnalysis {
  file: string;
  format: PointFile['format'];
  columns: string[];
  numericColumns: string[];
  coordinates: (CoordinateColumns & { reason: string }) | null;
  suggestion: { nameColumn: string | null; idColumn: string | null };
  sample: { name: string; lon: number; lat: number }[];
  warnings: string[];
  join: JoinSummary;
}

/** Analyses an upload: format, columns, coordinates and where the points fall. Nothing is written. */
export async function analyzePointUpload(
  db: Sql,
  tenantId: string,
  upload: Upload,
  opts: { coordinates?: CoordinateColumns | undefined; crs?: string | undefined; date: string },
): Promise<PointAnalysis> {
  const pf = await readPointUpload(upload, {
    ...opts,
    areaBbox: await selectAreasBbox(db, tenantId),
  });
  const suggestion = suggestNameAndId(pf.columns);
  const prepared = preparePoints(pf, {
    nameColumn: suggestion.nameColumn ?? undefined,
    datasetName: 'Standort',
  });
  const levels = await selectLevelsWithAreas(db, tenantId, opts.date);
  const join = joinPointsToAreas(pf.points, levels);
  return {
    file: pf.file,
    format: pf.format,
    columns: pf.columns,
    numericColumns: numericColumns(pf),
    coordinates: pf.coordinates ?? null,
    suggestion,
    sample: pf.points
      .slice(0, 5)
      .map((p, i) => ({ name: prepared.names[i]!, lon: p.lon, lat: p.lat })),
    warnings: pf.warnings,
    join: summarize(pf, prepared, levels, join),
  };
}

export interface IndicatorRequest {
  id: string;
  nameDe: string;
}

export interface PointRunOptions {
  dryRun: boolean;
  datasetId: string;
  nameDe: string;
  referenceDate: string;
  source: SourceReference;
  nameColumn?: string | undefined;
  idColumn?: string | undefined;
  coordinates?: CoordinateColumns | undefined;
  crs?: string | undefined;
  countIndicator?: IndicatorRequest | undefined;
  capacityColumn?: string | undefined;
  capacityIndicator?: IndicatorRequest | undefined;
  departmentId?: string | undefined;
  dimension?: NewIndicatorInput['dimension'] | undefined;
  /** Definition of the new count indicator (the capacity indicator's names its column). */
  definitionDe?: string | undefined;
  actor: AuditActor;
  defaultDepartment?: string | undefined;
  mayWrite: (department: string) => boolean;
}

export interface PointRunReport {
  status: 'dry_run' | 'succeeded';
  datasetId: string;
  replaced: boolean;
  format: string;
  join: JoinSummary;
  indicators: string[];
  observationsWritten: number;
  warnings: string[];
  importId?: number | undefined;
}

/** The count (and capacity) indicators the run writes, as new-indicator requests. */
function pointIndicators(
  opts: PointRunOptions,
  countId: string | null,
  capacityId: string | null,
): NewIndicatorInput[] {
  const newIndicators: NewIndicatorInput[] = [];
  const dimension = opts.dimension;
  if (!dimension) return newIndicators; // refused before (requireDimension)
  const indicator = (
    id: string,
    nameDe: string,
    what: string,
    definitionDe?: string,
  ): NewIndicatorInput => ({
    id,
    nameDe,
    definitionDe:
      definitionDe ??
      `${what} je Gebiet aus dem Punktdatensatz „${opts.nameDe}“ (Zuordnung per Lage im Gebiet).`,
    unit: 'count',
    kind: 'count',
    dimension,
    polarity: 'neutral',
    ...(opts.departmentId ? { department: opts.departmentId } : {}),
    decimals: 0,
  });
  if (countId)
    newIndicators.push(
      indicator(
        countId,
        opts.countIndicator?.nameDe ?? countId,
        'Anzahl der Standorte',
        opts.definitionDe,
      ),
    );
  if (capacityId)
    newIndicators.push(
      indicator(
        capacityId,
        opts.capacityIndicator?.nameDe ?? capacityId,
        `Summe der Spalte „${opts.capacityColumn}“`,
      ),
    );
  return newIndicators;
}

/** Every area of every level gets its count, 0 included: "no Kita here" is a value, not a gap. */
export function countObservations(
  levels: LevelAreas[],
  join: PointJoinResult,
  countId: string | null,
  capacityId: string | null,
  refDate: string,
): ObservationInput[] {
  const observations: ObservationInput[] = [];
  levels.forEach((l, k) => {
    const byArea = join.counts[k]!.byArea;
    for (const a of l.areas) {
      if (!a.geometry) continue;
      const c = byArea.get(a.id);
      if (countId)
        observations.push({
          indicatorId: countId,
          areaId: a.id,
          refDate: refDate,
          value: c?.n ?? 0,
        });
      if (capacityId)
        observations.push({
          indicatorId: capacityId,
          areaId: a.id,
          refDate: refDate,
          value: c?.sum ?? 0,
        });
    }
  });
  return observations;
}

/** Dataset, points (properties kept), which indicators it feeds, and the point → area assignments. */
async function writePoints(
  tx: Sql,
  tenantId: string,
  opts: PointRunOptions,
  w: {
    pf: PointFile;
    prepared: Prepared;
    join: PointJoinResult;
    sourceId: string;
    importId: number;
    countId: string | null;
    capacityId: string | null;
  },
): Promise<void> {
  const { pf, prepared, join, importId, countId, capacityId } = w;
  await upsertPointDataset(
    tx,
    tenantId,
    {
      id: opts.datasetId,
      nameDe: opts.nameDe,
      nameEn: opts.nameDe,
      referenceDate: opts.referenceDate,
      sourceId: w.sourceId,
      points: pf.points.map((p, i) => ({
        id: prepared.ids[i]!,
        name: prepared.names[i]!,
        lon: p.lon,
        lat: p.lat,
        properties: p.properties,
      })),
    },
    importId,
  );
  await updatePointDatasetIndicators(tx, tenantId, opts.datasetId, {
    count: countId,
    capacity: capacityId,
    capacityColumn: capacityId ? (opts.capacityColumn ?? null) : null,
  });
  await insertPointAreas(
    tx,
    tenantId,
    opts.datasetId,
    join.levels.flatMap((l) =>
      l.areaOf.flatMap((a, i) => (a === null ? [] : [{ featureId: prepared.ids[i]!, areaId: a }])),
    ),
  );
}

/**
 * New count indicators need their Lebenslage chosen by the person: there is no silent default. A
 * re-import that names no indicator writes the ones the dataset has (their dimension is set).
 */
function requireDimension(opts: PointRunOptions): void {
  if ((opts.countIndicator || opts.capacityIndicator) && !opts.dimension)
    throw new HttpError(
      400,
      'bad_request',
      'Bitte die Lebenslage der Zählindikatoren wählen (dimension), z. B. „education“ für Kitas oder „health“ für Apotheken.',
      [{ field: 'dimension', message: 'Lebenslage wählen' }],
    );
}

/** The issues of a refused file or request, as the import history stores them. */
function failureIssues(err: unknown, file: string): FileIssue[] | null {
  if (err instanceof ImportFileError) return err.issues;
  if (err instanceof HttpError && err.statusCode === 400) {
    const details = Array.isArray(err.details) ? (err.details as Partial<FileIssue>[]) : [];
    const listed = details
      .filter((d) => typeof d.message === 'string')
      .map((d) => ({ ...d, file: d.file ?? file, message: d.message! }));
    return listed.length ? listed : [{ file, message: err.message }];
  }
  return null;
}

/**
 * Runs the point import: a dry run computes the report only; a real run writes all of it or nothing.
 * A real run refused for its file or its data (400) is recorded as a failed run in the import
 * history, like a table run; permission refusals (403) are not runs.
 */
export async function runPointImport(
  db: Db,
  tenantId: string,
  upload: Upload,
  opts: PointRunOptions,
): Promise<PointRunReport> {
  requireDimension(opts);
  const startedAt = new Date();
  try {
    return await runPointImportChecked(db, tenantId, upload, opts);
  } catch (err) {
    const file = upload.files[0]?.name ?? 'Upload';
    const issues = opts.dryRun ? null : failureIssues(err, file);
    if (issues)
      await recordFailure(
        db,
        tenantId,
        {
          kind: 'table',
          status: 'failed',
          rowsRead: 0,
          rowsWritten: 0,
          errors: issues,
          errorCount: issues.length,
          warnings: [],
        },
        {
          kind: 'points',
          fileName: file,
          sha: await sha256Of(upload.files),
          format: formatOf(file),
          actor: opts.actor,
          startedAt,
        },
      );
    throw err;
  }
}

const formatOf = (file: string): string =>
  /\.(geo)?json$/i.test(file)
    ? 'GeoJSON'
    : /\.(shp|dbf|shx|prj|zip)$/i.test(file)
      ? 'Shapefile'
      : /\.gpkg$/i.test(file)
        ? 'GeoPackage'
        : 'CSV';

async function runPointImportChecked(
  db: Db,
  tenantId: string,
  upload: Upload,
  opts: PointRunOptions,
): Promise<PointRunReport> {
  if (opts.capacityIndicator && !opts.capacityColumn)
    throw new HttpError(
      400,
      'bad_request',
      'Für einen Platz-Indikator bitte die Kapazitätsspalte angeben (capacityColumn).',
    );
  const pf = await readPointUpload(upload, {
    ...opts,
    areaBbox: await selectAreasBbox(db, tenantId),
  });
  const prepared = preparePoints(pf, { ...opts, datasetName: opts.nameDe });
  const levels = await selectLevelsWithAreas(db, tenantId, opts.referenceDate);
  const join = joinPointsToAreas(pf.points, levels, prepared.capacities ?? undefined);
  const summary = summarize(pf, prepared, levels, join);
  const existing = await selectPointDatasetMeta(db, tenantId, opts.datasetId);
  // a re-import keeps the dataset's counts in step: the indicators it wrote before are written again
  const countId = opts.countIndicator?.id ?? existing?.count_indicator_id ?? null;
  const capacityId = opts.capacityColumn
    ? (opts.capacityIndicator?.id ?? existing?.capacity_indicator_id ?? null)
    : null;
  const base: PointRunReport = {
    status: 'dry_run',
    datasetId: opts.datasetId,
    replaced: existing !== null,
    format: pf.format,
    join: summary,
    indicators: [countId, capacityId].filter((x): x is string => x !== null),
    observationsWritten: 0,
    warnings: [...pf.warnings],
  };
  if (summary.outsideCount > 0)
    base.warnings.push(
      `${summary.outsideCount.toLocaleString('de-DE')} von ${summary.points.toLocaleString('de-DE')} Punkten ${summary.outsideCount === 1 ? 'liegt' : 'liegen'} in keinem Gebiet: gespeichert und auf der Karte gezeigt, aber keinem Gebiet zugezählt.`,
    );
  if (opts.dryRun) return base;
  const sha = await sha256Of(upload.files);
  const report = await db.transaction(async (tx) => {
    const newIndicators = pointIndicators(opts, countId, capacityId);
    const source = await resolveImportSource(tx, tenantId, opts.source);
    const targets = await createImportIndicators(tx, tenantId, {
      file: pf.file,
      newIndicators,
      source: { ...opts.source, id: source.id },
      defaultDepartment: opts.defaultDepartment,
      rights: { mayWrite: opts.mayWrite },
    });
    if (targets.errors.length) {
      const text = targets.errors.map((e) => e.message).join(' ');
      if (/Keine Berechtigung/.test(text)) throw forbidden(text);
      throw new HttpError(400, 'bad_request', text);
    }
    const importId = await createImportRun(tx, tenantId, {
      kind: 'points',
      fileName: pf.file,
      fileSha256: sha,
      format: pf.format,
      options: {
        datasetId: opts.datasetId,
        nameColumn: opts.nameColumn,
        idColumn: opts.idColumn,
        coordinates: pf.coordinates,
        capacityColumn: opts.capacityColumn,
        // how the capacity column's text is read, so a re-join after an areas import reads it alike
        numberFormat: pf.dialect
          ? { decimal: pf.dialect.decimal, thousands: pf.dialect.thousands }
          : null,
      },
      actor: opts.actor.actor,
    });
    const removed = existing ? await deletePointFeatures(tx, tenantId, opts.datasetId) : 0;
    await writePoints(tx, tenantId, opts, {
      pf,
      prepared,
      join,
      sourceId: source.id,
      importId,
      countId,
      capacityId,
    });
    const observations = countObservations(levels, join, countId, capacityId, opts.referenceDate);
    const written = await upsertObservations(tx, tenantId, observations, importId);
    if (base.indicators.length) await recomputeDerivedFrom(tx, tenantId, base.indicators);
    await finishImportRun(tx, tenantId, importId, {
      status: 'succeeded',
      rowsRead: pf.points.length,
      rowsWritten: pf.points.length + written,
    });
    await writeAudit(tx, tenantId, {
      action: existing ? 'points.replace' : 'points.import',
      entity: 'point_dataset',
      entityId: opts.datasetId,
      detail: {
        importId,
        file: pf.file,
        points: pf.points.length,
        removedPoints: removed,
        outside: summary.outsideCount,
        indicators: base.indicators,
        createdIndicators: targets.created.map((c) => c.id),
        source: source.id,
        referenceDate: opts.referenceDate,
      },
      actor: opts.actor,
    });
    return {
      ...base,
      status: 'succeeded' as const,
      observationsWritten: written,
      warnings: [...base.warnings, ...source.warnings, ...targets.warnings],
      importId,
    };
  });
  invalidateCatalogueCache();
  return report;
}
