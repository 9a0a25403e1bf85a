// The write path for areas, indicators, sources, observations and points. Every statement is plain
// SQL that runs on PGlite and PostgreSQL. Callers pass an open transaction (Sql), so a whole import
// commits or nothing does.
import { syncAccessData } from '../access/index.ts';
import type { Sql } from '../../db/db.ts';

export interface SourceInput {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  licenceUrl?: string | null;
  attribution: string;
  url?: string | null;
  notes?: string | null;
}

export interface AreaSystemInput {
  id: string;
  name: string;
  description?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  sourceId?: string | null;
  levels: { id: string; nameDe: string; nameEn: string; depth: number }[];
}

export interface AreaInput {
  levelId: string;
  code: string;
  name: string;
  /** code of the parent area on the level above, if any */
  parentCode?: string | null;
  parentLevelId?: string | null;
  geometry?: unknown;
  bbox?: [number, number, number, number] | null;
  areaM2?: number | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface IndicatorInput {
  id: string;
  nameDe: string;
  nameEn: string;
  shortDe?: string | null;
  definitionDe: string;
  definitionEn?: string | null;
  unit: string;
  kind: 'count' | 'share' | 'value';
  scale?: number;
  dimension: string;
  polarity: 'higher_is_better' | 'higher_is_worse' | 'neutral';
  department: string;
  sourceId: string;
  updateCycle?: string | null;
  numeratorDef?: string | null;
  denominatorDef?: string | null;
  numeratorIndicatorId?: string | null;
  denominatorIndicatorId?: string | null;
  decimals?: number;
  methodNote?: string | null;
  sortKey?: number;
}

export interface ObservationInput {
  indicatorId: string;
  areaId: number;
  refDate: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  flag?: 'suppressed' | 'invalid' | null;
  flagReason?: string | null;
}

/** Whether the tenant has any area system yet (a seed loads only into an empty database). */
export async function tenantHasAreaSystems(db: Sql, tenantId: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM area_system WHERE tenant_id = $1 LIMIT 1', [tenantId]);
  return r.length > 0;
}

/** Creates the tenant if it does not exist. */
export async function ensureTenant(tx: Sql, id: string, ags: string, name: string): Promise<void> {
  await tx.query(
    'INSERT INTO tenant (id, ags, name) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
    [id, ags, name],
  );
  // Roles, permissions and the default departments: indicators need their owner to exist.
  await syncAccessData(tx, id);
}

/** Inserts or updates sources. */
export async function upsertSources(
  tx: Sql,
  tenantId: string,
  sources: SourceInput[],
): Promise<void> {
  for (const s of sources) {
    await tx.query(
      `INSERT INTO source (tenant_id, id, title, publisher, licence, licence_url, attribution, url, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
         licence = excluded.licence, licence_url = excluded.licence_url, attribution = excluded.attribution,
         url = excluded.url, notes = excluded.notes`,
      [
        tenantId,
        s.id,
        s.title,
        s.publisher,
        s.licence,
        s.licenceUrl ?? null,
        s.attribution,
        s.url ?? null,
        s.notes ?? null,
      ],
    );
  }
}

/** Inserts or updates an area system with its levels. */
export async function upsertAreaSystem(
  tx: Sql,
  tenantId: string,
  sys: AreaSystemInput,
): Promise<void> {
  await tx.query(
    `INSERT INTO area_system (tenant_id, id, name, description, valid_from, valid_to, source_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, description = excluded.description,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, source_id = excluded.source_id`,
    [
      tenantId,
      sys.id,
      sys.name,
      sys.description ?? null,
      sys.validFrom ?? null,
      sys.validTo ?? null,
      sys.sourceId ?? null,
    ],
  );
  for (const l of sys.levels) {
    await tx.query(
      `INSERT INTO area_level (tenant_id, system_id, id, name_de, name_en, depth) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, system_id, id) DO UPDATE SET name_de = excluded.name_de, name_en = excluded.name_en, depth = excluded.depth`,
      [tenantId, sys.id, l.id, l.nameDe, l.nameEn, l.depth],
    );
  }
}

/**
 * Inserts or updates areas of one system (matched by level and code) and links parents by code.
 * Parents must be in the same call or already stored. Returns the number of rows that changed.
 */
export async function upsertAreas(
  tx: Sql,
  tenantId: string,
  systemId: string,
  areas: AreaInput[],
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < areas.length; i += 500) {
    const chunk = areas.slice(i, i + 500);
    // One JSON document per chunk, read with json_to_recordset: a jsonb[] parameter went through
    // array-literal quoting and parsing of every geometry first (twice the time for the demo's
    // 15 MB of polygons, ADR 0048). JSON numbers are float8 input as before (shortest round trip).
    const input = chunk.map((a) => ({
      level_id: a.levelId,
      code: a.code,
      name: a.name,
      geometry: a.geometry ?? null,
      minx: a.bbox?.[0] ?? null,
      miny: a.bbox?.[1] ?? null,
      maxx: a.bbox?.[2] ?? null,
      maxy: a.bbox?.[3] ?? null,
      area_m2: a.areaM2 ?? null,
      valid_from: a.validFrom ?? null,
      valid_to: a.validTo ?? null,
    }));
    const rows = await tx.query<{ n: number }>(
      `WITH input AS (
         SELECT * FROM json_to_recordset($3::json)
           AS t(level_id text, code text, name text, geometry jsonb, minx float8, miny float8, maxx float8, maxy float8, area_m2 float8, valid_from date, valid_to date)
       ), up AS (
         INSERT INTO area AS a (tenant_id, system_id, level_id, code, name, geometry, bbox, area_m2, valid_from, valid_to)
         SELECT $1, $2, level_id, code, name, geometry,
                CASE WHEN minx IS NULL THEN NULL ELSE ARRAY[minx, miny, maxx, maxy] END, area_m2, valid_from, valid_to
         FROM input
         ON CONFLICT (tenant_id, system_id, level_id, code) DO UPDATE SET
           name = excluded.name, geometry = excluded.geometry, bbox = excluded.bbox, area_m2 = excluded.area_m2,
           valid_from = excluded.valid_from, valid_to = excluded.valid_to
         WHERE (a.name, a.geometry, a.bbox, a.area_m2, a.valid_from, a.valid_to)
           IS DISTINCT FROM (excluded.name, excluded.geometry, excluded.bbox, excluded.area_m2, excluded.valid_from, excluded.valid_to)
         RETURNING 1
       ) SELECT count(*)::int AS n FROM up`,
      [tenantId, systemId, JSON.stringify(input)],
    );
    changed += rows[0]?.n ?? 0;
  }
  const withParent = areas.filter((a) => a.parentCode && a.parentLevelId);
  for (let i = 0; i < withParent.length; i += 1000) {
    const chunk = withParent.slice(i, i + 1000);
    await tx.query(
      `UPDATE area a SET parent_id = p.id
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS t(level_id, code, parent_level_id, parent_code)
       JOIN area p ON p.tenant_id = $1 AND p.system_id = $2 AND p.level_id = t.parent_level_id AND p.code = t.parent_code
       WHERE a.tenant_id = $1 AND a.system_id = $2 AND a.level_id = t.level_id AND a.code = t.code
         AND a.parent_id IS DISTINCT FROM p.id`,
      [
        tenantId,
        systemId,
        chunk.map((a) => a.levelId),
        chunk.map((a) => a.code),
        chunk.map((a) => a.parentLevelId),
        chunk.map((a) => a.parentCode),
      ],
    );
  }
  return changed;
}

/** Map of area code → id for one level of a system. */
export async function areaIdsByCode(
  tx: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<Map<string, number>> {
  const rows = await tx.query<{ id: number; code: string }>(
    'SELECT id, code FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3',
    [tenantId, systemId, levelId],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

const INDICATOR_COLUMNS = `tenant_id, id, name_de, name_en, short_de, definition_de, definition_en, unit, kind, scale,
         dimension, polarity, department, source_id, update_cycle, numerator_def, denominator_def,
         numerator_indicator_id, denominator_indicator_id, decimals, method_note, sort_key, visibility`;
const INDICATOR_VALUES =
  '$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23';

function indicatorParams(tenantId: string, i: IndicatorInput, visibility: string): unknown[] {
  return [
    tenantId,
    i.id,
    i.nameDe,
    i.nameEn,
    i.shortDe ?? null,
    i.definitionDe,
    i.definitionEn ?? null,
    i.unit,
    i.kind,
    i.scale ?? 1,
    i.dimension,
    i.polarity,
    i.department,
    i.sourceId,
    i.updateCycle ?? null,
    i.numeratorDef ?? null,
    i.denominatorDef ?? null,
    i.numeratorIndicatorId ?? null,
    i.denominatorIndicatorId ?? null,
    i.decimals ?? 1,
    i.methodNote ?? null,
    i.sortKey ?? 0,
    visibility,
  ];
}

/**
 * Inserts or updates indicator metadata — for the demo catalogue, which owns its indicators. New
 * rows are public; the visibility of an existing row is kept. Imports use insertNewIndicators.
 */
export async function upsertIndicators(
  tx: Sql,
  tenantId: string,
  indicators: IndicatorInput[],
): Promise<void> {
  for (const i of indicators) {
    await tx.query(
      `INSERT INTO indicator (${INDICATOR_COLUMNS})
       VALUES (${INDICATOR_VALUES})
       ON CONFLICT (tenant_id, id) DO UPDATE SET name_de = excluded.name_de, name_en = excluded.name_en,
         short_de = excluded.short_de, definition_de = excluded.definition_de, definition_en = excluded.definition_en,
         unit = excluded.unit, kind = excluded.kind, scale = excluded.scale, dimension = excluded.dimension,
         polarity = excluded.polarity, department = excluded.department, source_id = excluded.source_id,
         update_cycle = excluded.update_cycle, numerator_def = excluded.numerator_def,
         denominator_def = excluded.denominator_def, numerator_indicator_id = excluded.numerator_indicator_id,
         denominator_indicator_id = excluded.denominator_indicator_id, decimals = excluded.decimals,
         method_note = excluded.method_note, sort_key = excluded.sort_key, updated_at = now()`,
      indicatorParams(tenantId, i, 'public'),
    );
  }
}

/**
 * Inserts indicators that must not exist yet (an import's new indicators, issue 8 § 1): an existing
 * row is never modified. Returns the ids that were already taken (nothing inserted for them).
 */
export async function insertNewIndicators(
  tx: Sql,
  tenantId: string,
  indicators: IndicatorInput[],
  visibility: 'public' | 'internal' | 'department',
): Promise<string[]> {
  const taken: string[] = [];
  for (const i of indicators) {
    const rows = await tx.query(
      `INSERT INTO indicator (${INDICATOR_COLUMNS}) VALUES (${INDICATOR_VALUES})
       ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`,
      indicatorParams(tenantId, i, visibility),
    );
    if (rows.length === 0) taken.push(i.id);
  }
  return taken;
}

// Observations: the bulk write path and the set-based recomputations (observations.ts).
export {
  dropObservationIndexesWhenEmpty,
  insertObservations,
  ObservationWriter,
  recomputeAggregates,
  recomputeDerived,
  recomputeDerivedFrom,
  restoreObservationIndexes,
  upsertObservations,
  type RecomputeScope,
} from './store-observations.ts';

/** Records an import run and returns its id. */
export async function createImportRun(
  tx: Sql,
  tenantId: string,
  run: {
    kind: string;
    fileName: string;
    fileSha256: string;
    format: string;
    options?: unknown;
    actor?: string;
    /**
     * when the run really began (a failure is recorded after its rollback); default: now on the clock,
     * not the transaction's start — the demo load records many files in one transaction, each with its own duration
     */
    startedAt?: Date;
  },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO import_run (tenant_id, kind, file_name, file_sha256, format, options, status, actor, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, COALESCE($8::timestamptz, clock_timestamp())) RETURNING id`,
    [
      tenantId,
      run.kind,
      run.fileName,
      run.fileSha256,
      run.format,
      JSON.stringify(run.options ?? {}),
      run.actor ?? 'system',
      run.startedAt ? run.startedAt.toISOString() : null,
    ],
  );
  return r[0]!.id;
}

/**
 * The ids of the tenant's open import runs of the named files (the demo's population files,
 * recorded before the server listens and closed by its second phase: ADR 0053) — waiting for the
 * second phase or running in it.
 */
export async function openImportRunIds(
  sql: Sql,
  tenantId: string,
  fileNames: readonly string[],
): Promise<Map<string, number>> {
  const rows = await sql.query<{ id: number; file_name: string }>(
    `SELECT id, file_name FROM import_run
      WHERE tenant_id = $1 AND status IN ('waiting', 'running') AND file_name = ANY($2::text[])
      ORDER BY id`,
    [tenantId, [...fileNames]],
  );
  return new Map(rows.map((r) => [r.file_name, r.id]));
}

/**
 * An open run that has written part of its file and continues later waits, with what it has read
 * and written so far (the demo's population files after phase 1: ADR 0062).
 */
export async function pauseImportRun(
  tx: Sql,
  tenantId: string,
  id: number,
  sofar: { rowsRead: number; rowsWritten: number },
): Promise<void> {
  await tx.query(
    `UPDATE import_run SET status = 'waiting', rows_read = $3, rows_written = $4
      WHERE tenant_id = $1 AND id = $2 AND status IN ('waiting', 'running')`,
    [tenantId, id, sofar.rowsRead, sofar.rowsWritten],
  );
}

/**
 * Open import runs between 'running' and 'waiting' (a run that has written part of its file and
 * continues later: the demo's population files between its two phases, ADR 0053/0062). Only open
 * runs change; a finished one keeps its status.
 */
export async function setOpenImportRunsStatus(
  tx: Sql,
  tenantId: string,
  ids: readonly number[],
  status: 'waiting' | 'running',
): Promise<void> {
  await tx.query(
    `UPDATE import_run SET status = $3
      WHERE tenant_id = $1 AND id = ANY($2::int[]) AND status IN ('waiting', 'running')`,
    [tenantId, [...ids], status],
  );
}

/** Closes an import run with its outcome. */
export async function finishImportRun(
  tx: Sql,
  tenantId: string,
  id: number,
  outcome: {
    status: string;
    rowsRead: number;
    rowsWritten: number;
    errors?: unknown[];
    errorCount?: number;
  },
): Promise<void> {
  await tx.query(
    `UPDATE import_run SET status = $3, rows_read = $4, rows_written = $5, errors = $6, error_count = $7, finished_at = clock_timestamp()
     WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      outcome.status,
      outcome.rowsRead,
      outcome.rowsWritten,
      JSON.stringify(outcome.errors ?? []),
      outcome.errorCount ?? 0,
    ],
  );
}

export interface PointDatasetInput {
  id: string;
  nameDe: string;
  nameEn: string;
  referenceDate: string | null;
  sourceId: string;
  points: {
    id: string;
    name: string;
    lon: number;
    lat: number;
    properties: Record<string, unknown>;
  }[];
}

/** Replaces the points of a dataset (insert/update by id, delete the ones no longer present). */
export async function upsertPointDataset(
  tx: Sql,
  tenantId: string,
  ds: PointDatasetInput,
  importId: number | null,
): Promise<number> {
  await tx.query(
    `INSERT INTO point_dataset (tenant_id, id, name_de, name_en, reference_date, source_id) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name_de = excluded.name_de, name_en = excluded.name_en,
       reference_date = excluded.reference_date, source_id = excluded.source_id`,
    [tenantId, ds.id, ds.nameDe, ds.nameEn, ds.referenceDate, ds.sourceId],
  );
  let written = 0;
  for (let i = 0; i < ds.points.length; i += 2000) {
    const chunk = ds.points.slice(i, i + 2000);
    const r = await tx.query<{ n: number }>(
      `WITH up AS (
         INSERT INTO point_feature AS p (tenant_id, dataset, id, name, lon, lat, properties, source_id, import_id)
         SELECT $1, $2, t.id, t.name, t.lon, t.lat, t.properties, $3, $4
         FROM json_to_recordset($5::json) AS t(id text, name text, lon float8, lat float8, properties jsonb)
         ON CONFLICT (tenant_id, dataset, id) DO UPDATE SET name = excluded.name, lon = excluded.lon, lat = excluded.lat,
           properties = excluded.properties, import_id = excluded.import_id
         WHERE (p.name, p.lon, p.lat, p.properties) IS DISTINCT FROM (excluded.name, excluded.lon, excluded.lat, excluded.properties)
         RETURNING 1
       ) SELECT count(*)::int AS n FROM up`,
      [
        tenantId,
        ds.id,
        ds.sourceId,
        importId,
        // one JSON document, as in upsertAreas (no jsonb[] array literal)
        JSON.stringify(
          chunk.map((p) => ({
            id: p.id,
            name: p.name,
            lon: p.lon,
            lat: p.lat,
            properties: p.properties ?? null,
          })),
        ),
      ],
    );
    written += r[0]?.n ?? 0;
  }
  await tx.query(
    'DELETE FROM point_feature WHERE tenant_id = $1 AND dataset = $2 AND NOT (id = ANY($3::text[]))',
    [tenantId, ds.id, ds.points.map((p) => p.id)],
  );
  return written;
}
