// Observations: the bulk write path (COPY into a staging table of the transaction, one set-based
// upsert; on a first load straight into the table before its indexes are built) and the set-based
// recomputations that follow from the values (aggregates up the hierarchy, derived shares).
// Plain SQL on PGlite and PostgreSQL; callers pass an open transaction (Sql).
import type { ComputedValue, RollUpArea, RollUpIndicator } from '@sozialraum/core';
import type { CopyValue, Sql } from '../../db/db.ts';
import type { ObservationInput } from './store.ts';
import { unpackAreas, unpackDerived, unpackIndicators } from './store-packs.ts';

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

/** The columns of a COPY straight into observation. */
const DIRECT_COLUMNS = ['tenant_id', ...STAGE_COLUMNS, 'origin', 'import_id'] as const;

/** An observation's values in the order of STAGE_COLUMNS. */
function stageFields(o: ObservationInput): CopyValue[] {
  return [
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
          yield stageFields(o);
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
    // a packed indicator becomes rows before rows are written (ADR 0063)
    await unpackIndicators(tx, tenantId, [...this.indicatorIds]);
    const r = await tx.withoutRowTriggers(() =>
      tx.query<{ n: number }>(
        `WITH up AS (
           INSERT INTO observation_row AS o (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin, import_id)
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

/**
 * Writes rows whose keys cannot be stored yet — values of an indicator this transaction created —
 * with one COPY straight into observation: no staging table, no conflict check (ADR 0016, amendment). A key
 * twice in rows still fails on the primary key, and the whole transaction with it. References are
 * checked set-based first, for the ids not in `checked` (which is then extended): on PGlite the
 * per-row foreign-key triggers are off during the COPY (Sql.withoutRowTriggers).
 */
export async function copyNewObservations(
  tx: Sql,
  tenantId: string,
  importId: number | null,
  rows: readonly ObservationInput[],
  checked: { areas: Set<number>; indicators: Set<string> },
): Promise<number> {
  const areas = new Set<number>(),
    indicators = new Set<string>();
  for (const o of rows) {
    if (!checked.areas.has(o.areaId)) areas.add(o.areaId);
    if (!checked.indicators.has(o.indicatorId)) indicators.add(o.indicatorId);
  }
  if (areas.size > 0 || indicators.size > 0) {
    await checkReferences(tx, tenantId, areas, indicators);
    for (const a of areas) checked.areas.add(a);
    for (const i of indicators) checked.indicators.add(i);
  }
  return tx.withoutRowTriggers(() =>
    tx.copyRows(
      'observation_row',
      DIRECT_COLUMNS,
      (function* () {
        for (const o of rows) yield [tenantId, ...stageFields(o), 'imported', importId];
      })(),
    ),
  );
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
     WHERE conrelid = 'observation_row'::regclass AND contype IN ('p', 'u')`,
  );
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'observation_row'::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
  );
  for (const ix of indexes) await tx.exec(`DROP INDEX ${ix.name}`);
  for (const k of keys) await tx.exec(`ALTER TABLE observation_row DROP CONSTRAINT ${k.name}`);
  return [
    ...keys.map((k) => `ALTER TABLE observation_row ADD CONSTRAINT ${k.name} ${k.definition}`),
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
      'observation_row',
      [...DIRECT_COLUMNS],
      (function* () {
        for (const o of rows) yield [tenantId, ...stageFields(o), 'imported', importId];
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
 * Runs a recomputation without per-row checks (Sql.withoutRowTriggers); with insertOnly also without
 * nested loops. The tables were filled in this transaction: without statistics the planner takes
 * them for (nearly) empty and checks "not stored yet" by scanning all of observation once per new
 * row (PostgreSQL 15: minutes on the demo; measured EXPLAIN) — so first statistics, then hash joins.
 */
async function insertOnlyPlan<T>(tx: Sql, scope: RecomputeScope, fn: () => Promise<T>) {
  if (!scope.insertOnly) return tx.withoutRowTriggers(fn);
  await tx.exec('SET LOCAL enable_nestloop = off');
  const result = await tx.withoutRowTriggers(fn);
  await tx.exec('SET LOCAL enable_nestloop = on');
  return result;
}

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
  await unpackDerived(tx, tenantId, indicatorIds ?? null);
  // Every row written references an area and an indicator read in the same statement: the per-row
  // foreign-key checks can only repeat that (Sql.withoutRowTriggers).
  const r = await insertOnlyPlan(tx, scope, () =>
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
       INSERT INTO observation_row AS o (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin)
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
  if (scope.insertOnly) await tx.exec('ANALYZE area, observation_row');
  else await unpackIndicators(tx, tenantId, indicatorIds ?? null);
  const levels = await tx.query<{ system_id: string; id: string; depth: number }>(
    'SELECT system_id, id, depth FROM area_level WHERE tenant_id = $1 ORDER BY system_id, depth DESC',
    [tenantId],
  );
  let written = 0;
  for (const level of levels) {
    // parents on this level, children one level below; the rows written reference the parent area
    // and the indicator joined in the same statement (no per-row checks: Sql.withoutRowTriggers)
    const r = await insertOnlyPlan(tx, scope, () =>
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
         INSERT INTO observation_row AS o (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin)
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

export interface StoredValueRow {
  i: string;
  a: number;
  d: string;
  v: number | null;
}

/** The stored values (indicator i, area a, date d) of those of these keys that have one. */
export function selectStoredValues(
  tx: Sql,
  tenantId: string,
  keys: { indicatorIds: string[]; areaIds: number[]; refDates: string[] },
): Promise<StoredValueRow[]> {
  return tx.query<StoredValueRow>(
    `SELECT o.indicator_id AS i, o.area_id AS a, o.ref_date::text AS d, o.value AS v
         FROM unnest($2::text[], $3::int[], $4::date[]) AS k(i, a, d)
         JOIN observation o ON o.tenant_id = $1 AND o.indicator_id = k.i AND o.area_id = k.a
          AND o.ref_date = k.d`,
    [tenantId, keys.indicatorIds, keys.areaIds, keys.refDates],
  );
}

/** The indicators that have values on these areas. */
export function selectIndicatorsOfAreas(
  tx: Sql,
  tenantId: string,
  ids: number[],
): Promise<{ indicator_id: string }[]> {
  return tx.query<{ indicator_id: string }>(
    'SELECT DISTINCT indicator_id FROM observation WHERE tenant_id = $1 AND area_id = ANY($2::int[])',
    [tenantId, ids],
  );
}

/** Deletes the values of these areas. */
export async function deleteAreaObservations(
  tx: Sql,
  tenantId: string,
  ids: number[],
): Promise<void> {
  await unpackAreas(tx, tenantId, ids);
  await tx.query('DELETE FROM observation_row WHERE tenant_id = $1 AND area_id = ANY($2::int[])', [
    tenantId,
    ids,
  ]);
}

/** The indicators with values after the day on sibling areas of these (same parent). */
export function selectIndicatorsOfSiblingsAfter(
  tx: Sql,
  tenantId: string,
  ids: number[],
  validTo: string,
): Promise<{ indicator_id: string }[]> {
  return tx.query<{ indicator_id: string }>(
    `SELECT DISTINCT o.indicator_id FROM observation o
       JOIN area c ON c.tenant_id = o.tenant_id AND c.id = o.area_id
      WHERE o.tenant_id = $1 AND o.ref_date > $3::date
        AND c.parent_id IN (SELECT parent_id FROM area WHERE tenant_id = $1 AND id = ANY($2::int[]))`,
    [tenantId, ids, validTo],
  );
}

export interface RollUpFrame {
  areas: RollUpArea[];
  /** the order recomputeAggregates goes through: per system, deepest level first */
  levels: { systemId: string; levelId: string }[];
  indicators: RollUpIndicator[];
}

/** The hierarchy and indicators a roll-up in core needs (core: rollUpStoredValues). */
export async function selectRollUpFrame(tx: Sql, tenantId: string): Promise<RollUpFrame> {
  const areas = await tx.query<RollUpArea>(
    `SELECT id, system_id AS "systemId", level_id AS "levelId", parent_id AS "parentId",
            valid_from::text AS "validFrom", valid_to::text AS "validTo"
     FROM area WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  const levels = await tx.query<{ systemId: string; levelId: string }>(
    `SELECT system_id AS "systemId", id AS "levelId" FROM area_level WHERE tenant_id = $1
     ORDER BY system_id, depth DESC`,
    [tenantId],
  );
  const indicators = await tx.query<RollUpIndicator>(
    `SELECT id, kind, scale, numerator_indicator_id AS "numeratorId",
            denominator_indicator_id AS "denominatorId"
     FROM indicator WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return { areas, levels, indicators };
}

/**
 * Writes aggregated or derived rows computed in core (rollUpStoredValues, deriveStoredShares)
 * straight into observation, like insertObservations: for the first load into an empty table
 * without its keys (dropObservationIndexesWhenEmpty), where the rebuilt primary key refuses any
 * duplicate. References are checked set-based first. Returns the number of rows written.
 */
export async function insertComputedObservations(
  tx: Sql,
  tenantId: string,
  rows: readonly ComputedValue[],
  origin: 'aggregated' | 'derived',
): Promise<number> {
  if (rows.length === 0) return 0;
  await checkReferences(
    tx,
    tenantId,
    new Set(rows.map((o) => o.areaId)),
    new Set(rows.map((o) => o.indicatorId)),
  );
  return tx.withoutRowTriggers(() =>
    tx.copyRows(
      'observation_row',
      [...DIRECT_COLUMNS],
      (function* () {
        for (const o of rows)
          yield [
            tenantId,
            o.indicatorId,
            o.areaId,
            o.refDate,
            o.value,
            o.numerator,
            o.denominator,
            o.flag,
            o.flagReason,
            origin,
            null,
          ];
      })(),
    ),
  );
}
