// SQL for indicators and observations. Every query is scoped to one tenant ($1). All indicators are
// read; who may see which is decided by the policy (./policy.ts) on the cached catalogue.
import type { Sql } from '../../db/db.ts';
import type { ReadableIndicator } from './policy.ts';

export interface IndicatorRow {
  id: string;
  name_de: string;
  name_en: string;
  short_de: string | null;
  definition_de: string;
  definition_en: string | null;
  unit: string;
  kind: 'count' | 'share' | 'value';
  scale: number;
  dimension: string;
  polarity: 'higher_is_better' | 'higher_is_worse' | 'neutral';
  department: string;
  source_id: string;
  update_cycle: string | null;
  numerator_def: string | null;
  denominator_def: string | null;
  decimals: number;
  method_note: string | null;
  visibility: string;
}

/** Departments each indicator is shared with (beyond its visibility). */
export async function selectShares(sql: Sql, tenantId: string): Promise<Map<string, string[]>> {
  const rows = await sql.query<{ indicator_id: string; department_id: string }>(
    'SELECT indicator_id, department_id FROM indicator_share WHERE tenant_id = $1 ORDER BY 1, 2',
    [tenantId],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    let list = out.get(r.indicator_id);
    if (!list) out.set(r.indicator_id, (list = []));
    list.push(r.department_id);
  }
  return out;
}

/** Indicators of the tenant in catalogue order, whatever their visibility. */
export function selectIndicators(sql: Sql, tenantId: string): Promise<IndicatorRow[]> {
  return sql.query<IndicatorRow>(
    `SELECT id, name_de, name_en, short_de, definition_de, definition_en, unit, kind, scale, dimension,
            polarity, department, source_id, update_cycle, numerator_def, denominator_def, decimals, method_note,
            visibility
       FROM indicator
      WHERE tenant_id = $1
      ORDER BY sort_key, id`,
    [tenantId],
  );
}

export interface CoverageRow {
  indicator_id: string;
  system_id: string;
  level_id: string;
  ref_date: string;
}

/** Where observations exist: one row per indicator, system, level and date (one GROUP BY). */
export function selectCoverage(sql: Sql, tenantId: string): Promise<CoverageRow[]> {
  return sql.query<CoverageRow>(
    `SELECT o.indicator_id, a.system_id, a.level_id, o.ref_date
       FROM observation o
       JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = $1
      GROUP BY o.indicator_id, a.system_id, a.level_id, o.ref_date
      ORDER BY o.indicator_id, a.system_id, a.level_id, o.ref_date`,
    [tenantId],
  );
}

export interface LevelValueRow {
  area_id: number;
  code: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: 'suppressed' | 'invalid' | null;
  flag_reason: string | null;
}

/** Every area of a level with its observation of one indicator at one date (nulls where none). */
export function selectLevelValues(
  sql: Sql,
  tenantId: string,
  indicatorId: string,
  systemId: string,
  levelId: string,
  date: string,
): Promise<LevelValueRow[]> {
  return sql.query<LevelValueRow>(
    `SELECT a.id AS area_id, a.code, a.name, o.value, o.numerator, o.denominator, o.flag, o.flag_reason
       FROM area a
       LEFT JOIN observation o
         ON o.tenant_id = a.tenant_id AND o.area_id = a.id AND o.indicator_id = $2 AND o.ref_date = $5
      WHERE a.tenant_id = $1 AND a.system_id = $3 AND a.level_id = $4
      ORDER BY a.code`,
    [tenantId, indicatorId, systemId, levelId, date],
  );
}

export interface AreaObservationRow {
  indicator_id: string;
  ref_date: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: 'suppressed' | 'invalid' | null;
  flag_reason: string | null;
}

/** Which import run wrote an observation (null for computed or seeded values). */
export interface ImportOrigin {
  import_id: number | null;
  import_file_name: string | null;
  imported_at: Date | string | null;
}

/** All observations of one area, by indicator and date (the caller filters by visibility). */
export function selectAreaObservations(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<(AreaObservationRow & ImportOrigin)[]> {
  return sql.query<AreaObservationRow & ImportOrigin>(
    `SELECT o.indicator_id, o.ref_date, o.value, o.numerator, o.denominator, o.flag, o.flag_reason,
            o.import_id, r.file_name AS import_file_name, coalesce(r.finished_at, r.started_at) AS imported_at
       FROM observation o
       LEFT JOIN import_run r ON r.tenant_id = o.tenant_id AND r.id = o.import_id
      WHERE o.tenant_id = $1 AND o.area_id = $2
      ORDER BY o.indicator_id, o.ref_date`,
    [tenantId, areaId],
  );
}

/** Observations of one area and indicator over time. */
export function selectSeries(
  sql: Sql,
  tenantId: string,
  areaId: number,
  indicatorId: string,
): Promise<AreaObservationRow[]> {
  return sql.query<AreaObservationRow>(
    `SELECT indicator_id, ref_date, value, numerator, denominator, flag, flag_reason
       FROM observation
      WHERE tenant_id = $1 AND area_id = $2 AND indicator_id = $3
      ORDER BY ref_date`,
    [tenantId, areaId, indicatorId],
  );
}

export interface PeerValues {
  indicator_id: string;
  area_ids: number[];
  values: (number | null)[];
  numerators: (number | null)[];
  denominators: (number | null)[];
}

/**
 * Observations of all areas of a level for several (indicator, date) pairs at once — the peers an
 * area is ranked among and the city value is computed from. One query for the whole profile; one
 * row of parallel arrays per pair, because moving ~50,000 single rows out of PGlite costs about
 * three times as much as the same data as arrays (measured on the Berlin demo: 0.8 s vs 0.27 s).
 */
export function selectPeerValues(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
  pairs: { indicatorId: string; date: string }[],
): Promise<PeerValues[]> {
  if (pairs.length === 0) return Promise.resolve([]);
  return sql.query<PeerValues>(
    `SELECT c.indicator_id,
            array_agg(o.area_id) AS area_ids,
            array_agg(o.value) AS values,
            array_agg(o.numerator) AS numerators,
            array_agg(o.denominator) AS denominators
       FROM unnest($2::text[], $3::date[]) AS c(indicator_id, ref_date)
       JOIN observation o ON o.tenant_id = $1 AND o.indicator_id = c.indicator_id AND o.ref_date = c.ref_date
       JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE a.system_id = $4 AND a.level_id = $5
      GROUP BY c.indicator_id`,
    [tenantId, pairs.map((p) => p.indicatorId), pairs.map((p) => p.date), systemId, levelId],
  );
}

/** How many areas a level has (the denominator of the city value's coverage in the profile). */
export async function countLevelAreas(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<number> {
  const [r] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3`,
    [tenantId, systemId, levelId],
  );
  return r?.n ?? 0;
}

export interface IndicatorTargetRow {
  id: string;
  kind: string;
  scale: number;
  department: string;
  visibility: ReadableIndicator['visibility'];
  shared_with: string[] | null;
}

/** Every indicator of the tenant with its kind, scale, department, visibility and shares (imports). */
export function selectIndicatorTargets(tx: Sql, tenantId: string): Promise<IndicatorTargetRow[]> {
  return tx.query<IndicatorTargetRow>(
    `SELECT i.id, i.kind, i.scale, i.department, i.visibility,
            array_remove(array_agg(s.department_id), NULL) AS shared_with
       FROM indicator i
       LEFT JOIN indicator_share s ON s.tenant_id = i.tenant_id AND s.indicator_id = i.id
      WHERE i.tenant_id = $1
      GROUP BY i.id, i.kind, i.scale, i.department, i.visibility`,
    [tenantId],
  );
}

/** The department of each of these indicators that exists (imports check ids before creating). */
export function selectIndicatorOwners(
  tx: Sql,
  tenantId: string,
  ids: string[],
): Promise<{ id: string; department: string }[]> {
  return tx.query<{ id: string; department: string }>(
    'SELECT id, department FROM indicator WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, ids],
  );
}

/** Id and German name of every indicator of the tenant (the import's mapping suggestions). */
export function selectIndicatorNames(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; name_de: string }[]> {
  return sql.query<{ id: string; name_de: string }>(
    'SELECT id, name_de FROM indicator WHERE tenant_id = $1',
    [tenantId],
  );
}

export interface LevelSeriesRow {
  area_id: number;
  ref_date: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: 'suppressed' | 'invalid' | null;
  flag_reason: string | null;
}

/** Every observation of one indicator on one level, all dates (for the effect estimate). */
export function selectLevelSeries(
  sql: Sql,
  tenantId: string,
  indicatorId: string,
  systemId: string,
  levelId: string,
): Promise<LevelSeriesRow[]> {
  return sql.query<LevelSeriesRow>(
    `SELECT o.area_id, to_char(o.ref_date, 'YYYY-MM-DD') AS ref_date, o.value, o.numerator, o.denominator,
            o.flag, o.flag_reason
       FROM observation o
       JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = $1 AND o.indicator_id = $2 AND a.system_id = $3 AND a.level_id = $4
      ORDER BY o.ref_date, o.area_id`,
    [tenantId, indicatorId, systemId, levelId],
  );
}
