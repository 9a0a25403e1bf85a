// The write path for areas, indicators, sources, observations and points. Every statement is plain
// SQL that runs on PGlite and PostgreSQL. Callers pass an open transaction (Sql), so a whole import
// commits or nothing does.
import { syncAccessData } from '../access/store.ts';
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
    const rows = await tx.query<{ n: number }>(
      `WITH input AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::date[], $13::date[])
           AS t(level_id, code, name, geometry, minx, miny, maxx, maxy, area_m2, valid_from, valid_to)
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
      [
        tenantId,
        systemId,
        chunk.map((a) => a.levelId),
        chunk.map((a) => a.code),
        chunk.map((a) => a.name),
        chunk.map((a) => (a.geometry == null ? null : JSON.stringify(a.geometry))),
        chunk.map((a) => a.bbox?.[0] ?? null),
        chunk.map((a) => a.bbox?.[1] ?? null),
        chunk.map((a) => a.bbox?.[2] ?? null),
        chunk.map((a) => a.bbox?.[3] ?? null),
        chunk.map((a) => a.areaM2 ?? null),
        chunk.map((a) => a.validFrom ?? null),
        chunk.map((a) => a.validTo ?? null),
      ],
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

// Observations go in through PostgreSQL's bulk path (issue 9 § 7): COPY into a staging table of
// the transaction, then one set-based upsert. Row by row (a parameter array per 5,000 rows, a
// foreign-key check per row) the 1,000,000-row bench file took 50× as long as parsing it.
const STAGE = 'observation_stage';
const STAGE_COLUMNS = [
  'indicator_id',
  'area_id',
  'ref_date',
  'value',
  'numerator',
  'denominator',
  'flag',
  'flag_reason',
] as const;

/**
 * Collects observations of one transaction in a staging table and writes them in one statement.
 * add() stages (COPY); finish() inserts new rows and updates those whose values differ, so
 * identical rows are left alone and importing the same file twice changes nothing.
 */
export class ObservationWriter {
  private readonly areaIds = new Set<number>();
  private readonly indicatorIds = new Set<string>();
  private staged = 0;

  private constructor(
    private readonly tx: Sql,
    private readonly tenantId: string,
    private readonly importId: number | null,
  ) {}

  /**
   * Opens the staging table (a temporary table dropped at commit or rollback). One writer per
   * transaction at a time: a second start empties the table.
   */
  static async start(tx: Sql, tenantId: string, importId: number | null) {
    // ON COMMIT DROP: nothing stays behind in the session (PGlite) or a pooled connection
    await tx.exec(
      `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (indicator_id text NOT NULL, area_id integer NOT NULL,
         ref_date date NOT NULL, value float8, numerator float8, denominator float8, flag text,
         flag_reason text) ON COMMIT DROP;
       TRUNCATE ${STAGE}`,
    );
    return new ObservationWriter(tx, tenantId, importId);
  }

  /** Stages rows (nothing is visible in observation before finish). */
  async add(rows: readonly ObservationInput[]): Promise<void> {
    if (rows.length === 0) return;
    const areaIds = this.areaIds;
    const indicatorIds = this.indicatorIds;
    this.staged += await this.tx.copyRows(
      STAGE,
      STAGE_COLUMNS,
      (function* () {
        for (const o of rows) {
          areaIds.add(o.areaId);
          indicatorIds.add(o.indicatorId);
          yield [
            o.indicatorId,
            o.areaId,
            o.refDate,
            o.value,
            o.numerator ?? null,
            o.denominator ?? null,
            o.flag ?? null,
            o.flagReason ?? null,
          ];
        }
      })(),
    );
  }

  /**
   * Writes the staged rows; returns how many were inserted or changed. 'insert' is for a table
   * known to hold none of these keys and to have no primary key at the moment (the first load into
   * an empty table, see dropObservationIndexesWhenEmpty): a plain INSERT, no conflict check.
   */
  async finish(mode: 'upsert' | 'insert' = 'upsert'): Promise<number> {
    if (this.staged === 0) return 0;
    const { tx, tenantId } = this;
    // The references, checked once per distinct id instead of once per row (the per-row
    // foreign-key triggers are off for the upsert where the engine allows it: Sql.withoutRowTriggers).
    await checkReferences(tx, tenantId, this.areaIds, this.indicatorIds);
    const r = await tx.withoutRowTriggers(() =>
      tx.query<{ n: number }>(
        `WITH up AS (
           INSERT INTO observation AS o (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin, import_id)
           SELECT $1, t.indicator_id, t.area_id, t.ref_date, t.value, t.numerator, t.denominator, t.flag, t.flag_reason, 'imported', $2
           FROM ${STAGE} t
           ${mode === 'insert' ? '' : UPSERT_OBSERVATION}
           RETURNING 1
         ) SELECT count(*)::int AS n FROM up`,
        [tenantId, this.importId],
      ),
    );
    await tx.exec(`TRUNCATE ${STAGE}`);
    this.staged = 0;
    this.areaIds.clear();
    this.indicatorIds.clear();
    return r[0]?.n ?? 0;
  }
}

/** Refuses observations that name areas or indicators the tenant does not have (set-based). */
async function checkReferences(
  tx: Sql,
  tenantId: string,
  areaIds: ReadonlySet<number>,
  indicatorIds: ReadonlySet<string>,
): Promise<void> {
  const [missing] = await tx.query<{ areas: number[] | null; indicators: string[] | null }>(
    `SELECT (SELECT array_agg(x ORDER BY x) FROM unnest($2::int[]) x
              WHERE NOT EXISTS (SELECT 1 FROM area a WHERE a.tenant_id = $1 AND a.id = x)) AS areas,
            (SELECT array_agg(x ORDER BY x) FROM unnest($3::text[]) x
              WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.tenant_id = $1 AND i.id = x)) AS indicators`,
    [tenantId, [...areaIds], [...indicatorIds]],
  );
  if (missing?.areas?.length || missing?.indicators?.length)
    throw new Error(
      `Werte verweisen auf unbekannte ${missing.areas?.length ? `Gebiete (id ${missing.areas.slice(0, 5).join(', ')})` : ''}` +
        `${missing.areas?.length && missing.indicators?.length ? ' und ' : ''}` +
        `${missing.indicators?.length ? `Indikatoren (${missing.indicators.slice(0, 5).join(', ')})` : ''} des Mandanten ${tenantId}.`,
    );
}

const UPSERT_OBSERVATION = `ON CONFLICT (tenant_id, indicator_id, ref_date, area_id) DO UPDATE SET
             value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
             flag = excluded.flag, flag_reason = excluded.flag_reason, origin = 'imported', import_id = excluded.import_id
           WHERE (o.value, o.numerator, o.denominator, o.flag, o.flag_reason, o.origin)
             IS DISTINCT FROM (excluded.value, excluded.numerator, excluded.denominator, excluded.flag, excluded.flag_reason, 'imported')`;

/**
 * Drops the indexes of observation, primary key included, when the table is empty — the first
 * load into a new database — and returns the statements that build them again (null when the
 * table has rows: nothing dropped). In PGlite an inserted row costs ~1.6 µs without indexes and
 * ~14 µs with both (measured, 300,000 rows); building them once afterwards is a sort (PostgreSQL
 * docs, "Populating a Database": remove indexes, add them after loading). The definitions are read
 * from the catalogue, so they stay those of the migrations. Everything runs in the caller's
 * transaction: a failed load leaves the indexes as they were; duplicate keys fail the rebuild.
 */
export async function dropObservationIndexesWhenEmpty(tx: Sql): Promise<string[] | null> {
  if ((await tx.query('SELECT 1 FROM observation LIMIT 1')).length > 0) return null;
  const keys = await tx.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = 'observation'::regclass AND contype IN ('p', 'u')`,
  );
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'observation'::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
  );
  for (const ix of indexes) await tx.exec(`DROP INDEX ${ix.name}`);
  for (const k of keys) await tx.exec(`ALTER TABLE observation DROP CONSTRAINT ${k.name}`);
  return [
    ...keys.map((k) => `ALTER TABLE observation ADD CONSTRAINT ${k.name} ${k.definition}`),
    ...indexes.map((ix) => ix.definition),
  ];
}

/** Builds what dropObservationIndexesWhenEmpty dropped (before anything upserts again). */
export async function restoreObservationIndexes(
  tx: Sql,
  statements: readonly string[] | null,
): Promise<void> {
  for (const statement of statements ?? []) await tx.exec(statement);
}

const DIRECT_COLUMNS = ['tenant_id', ...STAGE_COLUMNS, 'origin', 'import_id'] as const;

/**
 * Inserts observations into a table without primary key for now (dropObservationIndexesWhenEmpty);
 * duplicate keys surface when the key is built again. Returns the number of rows written.
 */
export async function insertObservations(
  tx: Sql,
  tenantId: string,
  rows: ObservationInput[],
  importId: number | null,
): Promise<number> {
  if (rows.length === 0) return 0;
  // Straight into observation (no staging table, no INSERT … SELECT: the demo's 541,000 values went
  // through both twice); references checked set-based first, then no per-row checks where the
  // engine allows it (Sql.withoutRowTriggers).
  await checkReferences(
    tx,
    tenantId,
    new Set(rows.map((o) => o.areaId)),
    new Set(rows.map((o) => o.indicatorId)),
  );
  return tx.withoutRowTriggers(() =>
    tx.copyRows(
      'observation',
      [...DIRECT_COLUMNS],
      (function* () {
        for (const o of rows)
          yield [
            tenantId,
            o.indicatorId,
            o.areaId,
            o.refDate,
            o.value,
            o.numerator ?? null,
            o.denominator ?? null,
            o.flag ?? null,
            o.flagReason ?? null,
            'imported',
            importId,
          ];
      })(),
    ),
  );
}

/**
 * Inserts observations or updates them where a value differs; identical rows are left alone, so
 * importing the same file twice changes nothing. Returns the number of rows written.
 */
export async function upsertObservations(
  tx: Sql,
  tenantId: string,
  rows: ObservationInput[],
  importId: number | null,
): Promise<number> {
  if (rows.length === 0) return 0;
  const writer = await ObservationWriter.start(tx, tenantId, importId);
  await writer.add(rows);
  return writer.finish();
}

/** insertOnly: leaves out keys already stored (values imported for that area win, as with ON CONFLICT). */
const NOT_STORED = (alias: string, indicator: string, area: string) =>
  `WHERE NOT EXISTS (SELECT 1 FROM observation x WHERE x.tenant_id = $1 AND x.indicator_id = ${indicator}
     AND x.area_id = ${area} AND x.ref_date = ${alias}.ref_date)`;

/**
 * What a recomputation covers beyond its indicators. dates: only these reference dates (a derived
 * or aggregated value depends only on values of its own date). insertOnly: the table holds no rows
 * of this origin yet and has no primary key at the moment (first load, before
 * restoreObservationIndexes): a plain INSERT that leaves out keys already stored, no conflict check.
 */
export interface RecomputeScope {
  dates?: readonly string[] | undefined;
  insertOnly?: boolean | undefined;
}

/**
 * Derives share indicators (numerator_indicator_id / denominator_indicator_id × scale) on every
 * area and date where both counts exist (docs/methods/aggregation.md). A zero denominator gives no
 * value and the flag 'invalid'. Only rows of origin 'derived' are replaced. With dates, only those
 * reference dates (a share depends only on the counts of its own date).
 */
export async function recomputeDerived(
  tx: Sql,
  tenantId: string,
  indicatorIds?: string[],
  scope: RecomputeScope = {},
): Promise<number> {
  // Every row written references an area and an indicator read in the same statement: the per-row
  // foreign-key checks can only repeat that (Sql.withoutRowTriggers).
  const r = await tx.withoutRowTriggers(() =>
    tx.query<{ n: number }>(
      `WITH src AS (
       SELECT i.id AS indicator_id, n.area_id, n.ref_date, n.value AS num, d.value AS den, i.scale
       FROM indicator i
       JOIN observation n ON n.tenant_id = i.tenant_id AND n.indicator_id = i.numerator_indicator_id
       JOIN observation d ON d.tenant_id = i.tenant_id AND d.indicator_id = i.denominator_indicator_id
                          AND d.area_id = n.area_id AND d.ref_date = n.ref_date
       WHERE i.tenant_id = $1 AND i.numerator_indicator_id IS NOT NULL AND i.denominator_indicator_id IS NOT NULL
         AND ($2::text[] IS NULL OR i.id = ANY($2::text[]))
         AND ($3::date[] IS NULL OR n.ref_date = ANY($3::date[]))
     ), up AS (
       INSERT INTO observation AS o (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin)
       SELECT $1, indicator_id, area_id, ref_date,
              CASE WHEN num IS NULL OR den IS NULL OR den = 0 THEN NULL ELSE num / den * scale END,
              num, den,
              CASE WHEN num IS NULL OR den IS NULL OR den = 0 THEN 'invalid' END,
              CASE WHEN num IS NULL OR den IS NULL THEN 'Zähler oder Nenner fehlt'
                   WHEN den = 0 THEN 'Nenner ist 0' END,
              'derived'
       FROM src
       ${
         scope.insertOnly
           ? NOT_STORED('src', 'src.indicator_id', 'src.area_id')
           : `ON CONFLICT (tenant_id, indicator_id, ref_date, area_id) DO UPDATE SET
         value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
         flag = excluded.flag, flag_reason = excluded.flag_reason
       WHERE o.origin = 'derived' AND (o.value, o.numerator, o.denominator, o.flag)
         IS DISTINCT FROM (excluded.value, excluded.numerator, excluded.denominator, excluded.flag)`
       }
       RETURNING 1
     ) SELECT count(*)::int AS n FROM up`,
      [tenantId, indicatorIds ?? null, scope.dates ?? null],
    ),
  );
  return r[0]?.n ?? 0;
}

/**
 * Derives again only the shares computed from the given indicators (as numerator or denominator):
 * after an import the others cannot have changed, and recomputing all of them cost the 1,000,000-row
 * bench import 1.7 s of the 160,000 demo shares. Returns the number of rows written.
 */
export async function recomputeDerivedFrom(
  tx: Sql,
  tenantId: string,
  sourceIndicatorIds: string[],
  scope: RecomputeScope = {},
): Promise<number> {
  const derived = await tx.query<{ id: string }>(
    `SELECT id FROM indicator WHERE tenant_id = $1
       AND (numerator_indicator_id = ANY($2::text[]) OR denominator_indicator_id = ANY($2::text[]))`,
    [tenantId, sourceIndicatorIds],
  );
  if (derived.length === 0) return 0;
  return recomputeDerived(
    tx,
    tenantId,
    derived.map((d) => d.id),
    scope,
  );
}

/**
 * Rolls count and share indicators up the hierarchy, level by level from the bottom: counts are
 * summed, shares recomputed from summed numerators and denominators (never averaged). A parent gets
 * a value only when every child has one; otherwise it is flagged 'invalid' with the number of
 * missing children (docs/methods/aggregation.md). Values imported directly for an upper level are
 * never overwritten. With dates, only those reference dates: a parent's value depends only on its
 * children's values of the same date, so an import recomputes the dates it touched, a few per
 * statement (imports/table-run.ts, recomputeFollowing).
 */
export async function recomputeAggregates(
  tx: Sql,
  tenantId: string,
  indicatorIds?: string[],
  scope: RecomputeScope = {},
): Promise<number> {
  // a table just filled without indexes has no statistics yet: without them the planner takes it
  // for empty and picks nested loops over 541,000 rows (minutes instead of seconds)
  if (scope.insertOnly) await tx.exec('ANALYZE observation');
  const levels = await tx.query<{ system_id: string; id: string; depth: number }>(
    'SELECT system_id, id, depth FROM area_level WHERE tenant_id = $1 ORDER BY system_id, depth DESC',
    [tenantId],
  );
  let written = 0;
  for (const level of levels) {
    // parents on this level, children one level below; the rows written reference the parent area
    // and the indicator joined in the same statement (no per-row checks: Sql.withoutRowTriggers)
    const r = await tx.withoutRowTriggers(() =>
      tx.query<{ n: number }>(
        `WITH agg AS (
         SELECT i.id AS indicator_id, i.kind, i.scale, c.parent_id, o.ref_date,
                count(o.value) AS n_values,
                sum(o.value) AS sum_value, sum(o.numerator) AS sum_num, sum(o.denominator) AS sum_den,
                count(o.numerator) AS n_num, count(o.denominator) AS n_den
         FROM observation o
         JOIN indicator i ON i.tenant_id = o.tenant_id AND i.id = o.indicator_id
         JOIN area c ON c.tenant_id = o.tenant_id AND c.id = o.area_id
         JOIN area p ON p.tenant_id = c.tenant_id AND p.id = c.parent_id
         WHERE o.tenant_id = $1 AND p.system_id = $2 AND p.level_id = $3
           AND i.kind IN ('count', 'share') AND i.numerator_indicator_id IS NULL
           AND ($4::text[] IS NULL OR i.id = ANY($4::text[]))
           AND ($5::date[] IS NULL OR o.ref_date = ANY($5::date[]))
         GROUP BY i.id, i.kind, i.scale, c.parent_id, o.ref_date
       ), kids AS (
         -- children that exist at the reference date (areas split or created later don't count)
         SELECT p.id AS parent_id, d.ref_date, count(*) AS n_children
         FROM area p
         JOIN area c ON c.tenant_id = p.tenant_id AND c.parent_id = p.id
         JOIN (SELECT DISTINCT ref_date FROM agg) d
           ON (c.valid_from IS NULL OR c.valid_from <= d.ref_date) AND (c.valid_to IS NULL OR c.valid_to >= d.ref_date)
         WHERE p.tenant_id = $1 AND p.system_id = $2 AND p.level_id = $3
         GROUP BY p.id, d.ref_date
       ), up AS (
         INSERT INTO observation AS o (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin)
         SELECT $1, a.indicator_id, a.parent_id, a.ref_date,
                CASE WHEN a.kind = 'count' AND a.n_values = k.n_children THEN a.sum_value
                     WHEN a.kind = 'share' AND a.n_num = k.n_children AND a.n_den = k.n_children AND a.sum_den <> 0
                       THEN a.sum_num / a.sum_den * a.scale END,
                CASE WHEN a.kind = 'share' AND a.n_num = k.n_children THEN a.sum_num END,
                CASE WHEN a.kind = 'share' AND a.n_den = k.n_children THEN a.sum_den END,
                CASE WHEN (a.kind = 'count' AND a.n_values < k.n_children)
                       OR (a.kind = 'share' AND (a.n_num < k.n_children OR a.n_den < k.n_children OR a.sum_den = 0)) THEN 'invalid' END,
                CASE WHEN a.kind = 'count' AND a.n_values < k.n_children
                       THEN format('unvollständig: %s von %s Teilgebieten ohne Wert', k.n_children - a.n_values, k.n_children)
                     WHEN a.kind = 'share' AND (a.n_num < k.n_children OR a.n_den < k.n_children)
                       THEN format('unvollständig: %s von %s Teilgebieten ohne Zähler/Nenner', k.n_children - least(a.n_num, a.n_den), k.n_children)
                     WHEN a.kind = 'share' AND a.sum_den = 0 THEN 'Nenner ist 0' END,
                'aggregated'
         FROM agg a JOIN kids k ON k.parent_id = a.parent_id AND k.ref_date = a.ref_date
         ${
           scope.insertOnly
             ? NOT_STORED('a', 'a.indicator_id', 'a.parent_id')
             : `ON CONFLICT (tenant_id, indicator_id, ref_date, area_id) DO UPDATE SET
           value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
           flag = excluded.flag, flag_reason = excluded.flag_reason
         WHERE o.origin = 'aggregated' AND (o.value, o.numerator, o.denominator, o.flag, o.flag_reason)
           IS DISTINCT FROM (excluded.value, excluded.numerator, excluded.denominator, excluded.flag, excluded.flag_reason)`
         }
         RETURNING 1
       ) SELECT count(*)::int AS n FROM up`,
        [tenantId, level.system_id, level.id, indicatorIds ?? null, scope.dates ?? null],
      ),
    );
    written += r[0]?.n ?? 0;
  }
  return written;
}

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
    /** when the run really began (a failure is recorded after its rollback); default: the transaction's start */
    startedAt?: Date;
  },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO import_run (tenant_id, kind, file_name, file_sha256, format, options, status, actor, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, COALESCE($8::timestamptz, now())) RETURNING id`,
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

// The audit log moved to its own module (hash chain); re-exported for the ingest callers.
export { writeAudit } from '../audit/chain.ts';

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
         FROM unnest($5::text[], $6::text[], $7::float8[], $8::float8[], $9::jsonb[]) AS t(id, name, lon, lat, properties)
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
        chunk.map((p) => p.id),
        chunk.map((p) => p.name),
        chunk.map((p) => p.lon),
        chunk.map((p) => p.lat),
        chunk.map((p) => JSON.stringify(p.properties)),
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
