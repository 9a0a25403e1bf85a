// SQL of an area's lifecycle outside a re-import (lifecycle.ts, issue 9 § 3): the area, what would
// go with it, its removal with values and alerts, and its retirement. Every query is scoped to one
// tenant ($1) and runs in the transaction it is given.
import type { Sql } from '../../db/db.ts';
import { deleteOrExplain } from './still-used.ts';
import { unpackAreas, unpackIndicators } from '../ingest/index.ts';

export interface AreaBaseRow {
  id: number;
  code: string;
  name: string;
  system_id: string;
  level_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** An area with its validity as ISO dates, or undefined for an unknown id. */
export async function selectAreaBase(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<AreaBaseRow | undefined> {
  const [a] = await sql.query<AreaBaseRow>(
    `SELECT id, code, name, system_id, level_id,
            to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
       FROM area WHERE tenant_id = $1 AND id = $2`,
    [tenantId, areaId],
  );
  return a;
}

export interface RemovalCountsRow {
  values: number;
  pointAssignments: number;
  alerts: number;
  subscriptions: number;
  synonyms: number;
  children: number;
}

/** What hangs on an area: values, point assignments, alerts, subscriptions, synonyms, children. */
export async function countAreaRemoval(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<RemovalCountsRow> {
  const [c] = await sql.query<RemovalCountsRow>(
    `SELECT (SELECT count(*)::int FROM observation WHERE tenant_id = $1 AND area_id = $2) AS "values",
            (SELECT count(*)::int FROM point_area WHERE tenant_id = $1 AND area_id = $2) AS "pointAssignments",
            (SELECT count(*)::int FROM alert WHERE tenant_id = $1 AND area_id = $2) AS alerts,
            (SELECT count(*)::int FROM alert_subscription WHERE tenant_id = $1 AND area_id = $2) AS subscriptions,
            (SELECT count(*)::int FROM area_name_synonym WHERE tenant_id = $1 AND area_id = $2) AS synonyms,
            (SELECT count(*)::int FROM area WHERE tenant_id = $1 AND parent_id = $2) AS children`,
    [tenantId, areaId],
  );
  return c!;
}

/** The indicators with values on an area, at most 20, by number of values. */
export function selectAreaIndicatorCounts(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<{ id: string; name_de: string; values: number }[]> {
  return sql.query<{ id: string; name_de: string; values: number }>(
    `SELECT i.id, i.name_de, count(*)::int AS "values"
       FROM observation o JOIN indicator i ON i.tenant_id = o.tenant_id AND i.id = o.indicator_id
      WHERE o.tenant_id = $1 AND o.area_id = $2
      GROUP BY i.id, i.name_de ORDER BY count(*) DESC, i.id LIMIT 20`,
    [tenantId, areaId],
  );
}

/** The ids of the indicators with values on an area. */
export async function selectAreaIndicatorIds(
  tx: Sql,
  tenantId: string,
  areaId: number,
): Promise<string[]> {
  const rows = await tx.query<{ indicator_id: string }>(
    'SELECT DISTINCT indicator_id FROM observation WHERE tenant_id = $1 AND area_id = $2',
    [tenantId, areaId],
  );
  return rows.map((r) => r.indicator_id);
}

/** The ids of an area's parent, grandparent … up to the top level. */
export async function selectAncestorIds(
  tx: Sql,
  tenantId: string,
  areaId: number,
): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `WITH RECURSIVE up AS (
       SELECT parent_id AS id FROM area WHERE tenant_id = $1 AND id = $2 AND parent_id IS NOT NULL
       UNION ALL
       SELECT a.parent_id FROM area a JOIN up ON a.tenant_id = $1 AND a.id = up.id
        WHERE a.parent_id IS NOT NULL
     ) SELECT id FROM up`,
    [tenantId, areaId],
  );
  return rows.map((r) => r.id);
}

/**
 * Deletes an area with its alerts, subscriptions and values (point_area and area_name_synonym go
 * with the area: ON DELETE CASCADE); money booked on it → 409 naming `what`.
 */
export async function deleteAreaWithValues(
  tx: Sql,
  tenantId: string,
  areaId: number,
  what: string,
): Promise<void> {
  await tx.query('DELETE FROM alert WHERE tenant_id = $1 AND area_id = $2', [tenantId, areaId]);
  await tx.query('DELETE FROM alert_subscription WHERE tenant_id = $1 AND area_id = $2', [
    tenantId,
    areaId,
  ]);
  await unpackAreas(tx, tenantId, [areaId]);
  await tx.query('DELETE FROM observation_row WHERE tenant_id = $1 AND area_id = $2', [
    tenantId,
    areaId,
  ]);
  await deleteOrExplain(what, () =>
    tx.query('DELETE FROM area WHERE tenant_id = $1 AND id = $2', [tenantId, areaId]),
  );
}

/** Deletes the aggregated values of these indicators on these areas (they are summed again). */
export async function deleteAggregatedValues(
  tx: Sql,
  tenantId: string,
  indicatorIds: string[],
  areaIds: number[],
): Promise<void> {
  await unpackIndicators(tx, tenantId, indicatorIds);
  await tx.query(
    `DELETE FROM observation_row
      WHERE tenant_id = $1 AND origin = 'aggregated' AND indicator_id = ANY($2::text[])
        AND area_id = ANY($3::int[])`,
    [tenantId, indicatorIds, areaIds],
  );
}

/** How many values an area has after the day, and the last day with one (one row). */
export async function countValuesAfter(
  tx: Sql,
  tenantId: string,
  areaId: number,
  validTo: string,
): Promise<{ n: number; last: string | null }> {
  const [later] = await tx.query<{ n: number; last: string | null }>(
    `SELECT count(*)::int AS n, to_char(max(ref_date), 'YYYY-MM-DD') AS last
       FROM observation WHERE tenant_id = $1 AND area_id = $2 AND ref_date > $3::date`,
    [tenantId, areaId, validTo],
  );
  return later!;
}

/** How many child areas are still valid after the day. */
export async function countChildrenValidAfter(
  tx: Sql,
  tenantId: string,
  areaId: number,
  validTo: string,
): Promise<number> {
  const [kids] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM area
      WHERE tenant_id = $1 AND parent_id = $2 AND (valid_to IS NULL OR valid_to > $3::date)`,
    [tenantId, areaId, validTo],
  );
  return kids!.n;
}

/** Ends an area's validity on the day. */
export async function setAreaValidTo(
  tx: Sql,
  tenantId: string,
  areaId: number,
  validTo: string,
): Promise<void> {
  await tx.query('UPDATE area SET valid_to = $3::date WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    areaId,
    validTo,
  ]);
}

/** The indicators with values after the day on the area's siblings (the parent's sums to redo). */
export async function selectSiblingIndicatorsAfter(
  tx: Sql,
  tenantId: string,
  areaId: number,
  validTo: string,
): Promise<string[]> {
  const rows = await tx.query<{ indicator_id: string }>(
    `SELECT DISTINCT o.indicator_id
       FROM observation o JOIN area c ON c.tenant_id = o.tenant_id AND c.id = o.area_id
      WHERE o.tenant_id = $1 AND c.parent_id = (SELECT parent_id FROM area WHERE tenant_id = $1 AND id = $2)
        AND o.ref_date > $3::date`,
    [tenantId, areaId, validTo],
  );
  return rows.map((r) => r.indicator_id);
}
