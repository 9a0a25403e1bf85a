// SQL for disclosure control: per-tenant thresholds and the observations a suppression decision needs.
import type { Sql } from '../../db/db.ts';

export interface SettingRow {
  min_count: number;
  min_population_index: number;
  enabled: boolean;
}

/** The tenant's thresholds, or undefined when none are stored (defaults apply). */
export async function selectSettings(sql: Sql, tenantId: string): Promise<SettingRow | undefined> {
  const [row] = await sql.query<SettingRow>(
    'SELECT min_count, min_population_index, enabled FROM disclosure_setting WHERE tenant_id = $1',
    [tenantId],
  );
  return row;
}

/** Inserts or replaces the tenant's thresholds. */
export async function upsertSettings(sql: Sql, tenantId: string, s: SettingRow): Promise<void> {
  await sql.query(
    `INSERT INTO disclosure_setting (tenant_id, min_count, min_population_index, enabled)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE
       SET min_count = EXCLUDED.min_count, min_population_index = EXCLUDED.min_population_index,
           enabled = EXCLUDED.enabled, updated_at = now()`,
    [tenantId, s.min_count, s.min_population_index, s.enabled],
  );
}

export interface PairRow {
  indicator_id: string;
  ref_date: string;
}

/**
 * The (indicator, date) pairs among the given indicators that hold at least one cell needing
 * primary suppression: a count 1 … minCount − 1, a share whose numerator (stored, or recomputed as
 * value × denominator ÷ scale) is 1 … minCount − 1, or a cell the source already suppressed. Only
 * these pairs can need any suppression at all (secondary suppression starts from a primary one).
 */
export function selectRiskyPairs(
  sql: Sql,
  tenantId: string,
  scope: readonly { indicatorId: string; date?: string | undefined }[],
  minCount: number,
): Promise<PairRow[]> {
  if (scope.length === 0) return Promise.resolve([]);
  const risky = `(o.flag = 'suppressed'
          OR (i.kind = 'count' AND o.value >= 0.5 AND o.value < $2 - 0.5)
          OR (i.kind = 'share' AND COALESCE(o.numerator, o.value * o.denominator / NULLIF(i.scale, 0)) >= 0.5
                               AND COALESCE(o.numerator, o.value * o.denominator / NULLIF(i.scale, 0)) < $2 - 0.5))`;
  const dated = scope.every((s) => s.date !== undefined);
  // With dates the primary key (tenant, indicator, date, area) narrows the scan to those pairs.
  return sql.query<PairRow>(
    dated
      ? `SELECT DISTINCT o.indicator_id, o.ref_date::text AS ref_date
           FROM unnest($3::text[], $4::date[]) AS c(indicator_id, ref_date)
           JOIN observation o ON o.tenant_id = $1 AND o.indicator_id = c.indicator_id AND o.ref_date = c.ref_date
           JOIN indicator i ON i.tenant_id = o.tenant_id AND i.id = o.indicator_id
          WHERE ${risky}`
      : `SELECT DISTINCT o.indicator_id, o.ref_date::text AS ref_date
           FROM observation o
           JOIN indicator i ON i.tenant_id = o.tenant_id AND i.id = o.indicator_id
          WHERE o.tenant_id = $1 AND o.indicator_id = ANY($3::text[]) AND ${risky}`,
    dated
      ? [tenantId, minCount, scope.map((s) => s.indicatorId), scope.map((s) => s.date)]
      : [tenantId, minCount, [...new Set(scope.map((s) => s.indicatorId))]],
  );
}

export interface CellRow {
  indicator_id: string;
  ref_date: string;
  kind: 'count' | 'share' | 'value';
  scale: number;
  area_id: number;
  parent_id: number | null;
  parent_name: string | null;
  system_id: string;
  level_id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: 'suppressed' | 'invalid' | null;
}

/** Every observation of the given (indicator, date) pairs, with the area's place in its hierarchy. */
export function selectCells(
  sql: Sql,
  tenantId: string,
  pairs: readonly PairRow[],
): Promise<CellRow[]> {
  if (pairs.length === 0) return Promise.resolve([]);
  return sql.query<CellRow>(
    `SELECT o.indicator_id, o.ref_date::text AS ref_date, i.kind, i.scale, o.area_id, a.parent_id,
            p.name AS parent_name, a.system_id, a.level_id, o.value, o.numerator, o.denominator, o.flag
       FROM unnest($2::text[], $3::date[]) AS c(indicator_id, ref_date)
       JOIN observation o ON o.tenant_id = $1 AND o.indicator_id = c.indicator_id AND o.ref_date = c.ref_date
       JOIN indicator i ON i.tenant_id = o.tenant_id AND i.id = o.indicator_id
       JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
       LEFT JOIN area p ON p.tenant_id = a.tenant_id AND p.id = a.parent_id`,
    [tenantId, pairs.map((p) => p.indicator_id), pairs.map((p) => p.ref_date)],
  );
}

/** The tenant's indicator of all residents (set on the Versorgung screen, ADR 0058), or null. */
export async function selectResidentsIndicator(sql: Sql, tenantId: string): Promise<string | null> {
  const [row] = await sql.query<{ indicator_id: string }>(
    'SELECT indicator_id FROM supply_residents WHERE tenant_id = $1',
    [tenantId],
  );
  return row?.indicator_id ?? null;
}

/** Residents (the given indicator) of the given areas at one date; absent areas have none. */
export function selectInhabitants(
  sql: Sql,
  tenantId: string,
  indicatorId: string,
  areaIds: readonly number[],
  date: string,
): Promise<{ area_id: number; value: number | null }[]> {
  if (areaIds.length === 0) return Promise.resolve([]);
  return sql.query<{ area_id: number; value: number | null }>(
    `SELECT area_id, value FROM observation
      WHERE tenant_id = $1 AND indicator_id = $2 AND ref_date = $3 AND area_id = ANY($4::int[])`,
    [tenantId, indicatorId, date, areaIds],
  );
}
