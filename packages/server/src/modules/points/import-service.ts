// Point import (Standorte, issue 9 § 4): read → join to every level of every area system (core) →
// dry-run report or one all-or-nothing transaction writing dataset, points, assignments, count
// indicators per area and the audit entry. A point outside every area is reported, never dropped silently.
import { joinPointsToAreas, type NumberFormat, type PointJoinResult } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { forbidden, HttpError } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/chain.ts';
import { createImportIndicators, type NewIndicatorInput } from '../imports/table-targets.ts';
import { sha256Of, type Upload } from '../imports/uploads.ts';
import { invalidateCatalogueCache } from '../indicators/service.ts';
import {
  createImportRun,
  finishImportRun,
  recomputeDerivedFrom,
  upsertObservations,
  upsertPointDataset,
  type ObservationInput,
} from '../ingest/store.ts';
import { resolveImportSource, type SourceReference } from '../sources/index.ts';
import {
  capacityOf,
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

const MAX_LISTED = 200;

export interface OutsidePoint {
  ref: string;
  line?: number;
  id: string;
  name: string;
  lon: number;
  lat: number;
}

export interface LevelSummary {
  systemId: string;
  systemName: string;
  levelId: string;
  levelName: string;
  /** Points inside some area of this level. */
  assigned: number;
  areasWithPoints: number;
  areas: number;
  /** Areas with the most points (at most 20), for the dry run's overview. */
  top: { areaId: number; code: string; name: string; count: number; capacity: number | null }[];
}

/** What the join says, for the analysis and the run. */
export interface JoinSummary {
  points: number;
  outsideCount: number;
  outside: OutsidePoint[];
  levels: LevelSummary[];
}

interface Prepared {
  ids: string[];
  names: string[];
  capacities: (number | null)[] | null;
}

/** Ids, names and capacities of the points; refuses duplicates, empty ids and non-numeric capacities. */
function preparePoints(
  pf: PointFile,
  opts: {
    nameColumn?: string | undefined;
    idColumn?: string | undefined;
    capacityColumn?: string | undefined;
    datasetName: string;
  },
): Prepared {
  const issues: { file: string; line?: number; column?: string; message: string }[] = [];
  const at = (p: PointFile['points'][number]) => (p.line !== undefined ? { line: p.line } : {});
  for (const c of [opts.nameColumn, opts.idColumn, opts.capacityColumn])
    if (c !== undefined && !pf.columns.includes(c))
      throw new HttpError(
        400,
        'bad_request',
        `Die Spalte „${c}“ gibt es in ${pf.file} nicht (vorhanden: ${pf.columns.join(', ')}).`,
      );
  const seen = new Map<string, string>();
  const ids: string[] = [];
  pf.points.forEach((p, i) => {
    const raw = opts.idColumn ? p.properties[opts.idColumn] : undefined;
    const id = opts.idColumn ? String(raw ?? '').trim() : String(i + 1);
    if (id === '')
      issues.push({
        file: pf.file,
        ...at(p),
        column: opts.idColumn!,
        message: `${p.ref}: die Kennung ist leer.`,
      });
    else if (seen.has(id))
      issues.push({
        file: pf.file,
        ...at(p),
        column: opts.idColumn!,
        message: `${p.ref}: die Kennung „${id}“ kommt schon in ${seen.get(id)} vor.`,
      });
    seen.set(id, p.ref);
    ids.push(id);
  });
  const names = pf.points.map((p, i) => {
    const v = opts.nameColumn ? p.properties[opts.nameColumn] : undefined;
    const s = v === undefined || v === null ? '' : String(v).trim();
    return s || `${opts.datasetName} ${ids[i]}`;
  });
  let capacities: (number | null)[] | null = null;
  if (opts.capacityColumn) {
    const format: NumberFormat = pf.dialect
      ? { decimal: pf.dialect.decimal, thousands: pf.dialect.thousands }
      : { decimal: '.', thousands: null };
    capacities = pf.points.map((p) => {
      const v = capacityOf(p.properties[opts.capacityColumn!], format);
      if (v !== null && Number.isNaN(v))
        issues.push({
          file: pf.file,
          ...at(p),
          column: opts.capacityColumn!,
          message: `${p.ref}, Spalte „${opts.capacityColumn}“: „${String(p.properties[opts.capacityColumn!])}“ ist keine Zahl.`,
        });
      return v;
    });
  }
  if (issues.length)
    throw new HttpError(
      400,
      'invalid_file',
      issues
        .slice(0, 10)
        .map((i) => i.message)
        .join(' '),
      issues.slice(0, 50),
    );
  return { ids, names, capacities };
}

function summarize(
  pf: PointFile,
  prepared: Prepared,
  levels: LevelAreas[],
  join: PointJoinResult,
): JoinSummary {
  const outside = join.outside.map((i) => {
    const p = pf.points[i]!;
    return {
      ref: p.ref,
      ...(p.line !== undefined ? { line: p.line } : {}),
      id: prepared.ids[i]!,
      name: prepared.names[i]!,
      lon: p.lon,
      lat: p.lat,
    };
  });
  return {
    points: pf.points.length,
    outsideCount: outside.length,
    outside: outside.slice(0, MAX_LISTED),
    levels: levels.map((l, k) => {
      const byArea = join.counts[k]!.byArea;
      const top = l.areas
        .filter((a) => byArea.has(a.id))
        .map((a) => ({
          areaId: a.id,
          code: a.code,
          name: a.name,
          count: byArea.get(a.id)!.n,
          capacity: prepared.capacities ? byArea.get(a.id)!.sum : null,
        }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
        .slice(0, 20);
      return {
        systemId: l.systemId,
        systemName: l.systemName,
        levelId: l.levelId,
        levelName: l.levelName,
        assigned: join.levels[k]!.areaOf.filter((a) => a !== null).length,
        areasWithPoints: byArea.size,
        areas: l.areas.length,
        top,
      };
    }),
  };
}

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
  const indicator = (id: string, nameDe: string, what: string): NewIndicatorInput => ({
    id,
    nameDe,
    definitionDe: `${what} je Gebiet aus dem Punktdatensatz „${opts.nameDe}“ (Zuordnung per Lage im Gebiet).`,
    unit: 'count',
    kind: 'count',
    dimension: opts.dimension ?? 'participation',
    polarity: 'neutral',
    ...(opts.departmentId ? { department: opts.departmentId } : {}),
    decimals: 0,
  });
  if (countId)
    newIndicators.push(
      indicator(countId, opts.countIndicator?.nameDe ?? countId, 'Anzahl der Standorte'),
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
function countObservations(
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

/** Runs the point import: a dry run computes the report only; a real run writes all of it or nothing. */
export async function runPointImport(
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
