// SQL for the areas a re-import no longer has (imports/area-lifecycle.ts, ADR 0017): which they are,
// what hangs on them, retiring and removing them. Moved here unchanged from the imports module
// (issue 10 § 2); the two counting queries also count values and alerts, in one statement each.
import type { Sql } from '../../db/db.ts';
import { deleteOrExplain } from './still-used.ts';

/** The current (not retired) areas of one level, by code. */
export function selectCurrentLevelAreas(
  tx: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ id: number; code: string; name: string }[]> {
  return tx.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3 AND valid_to IS NULL ORDER BY code',
    [tenantId, systemId, levelId],
  );
}

export interface AreaDependants {
  values: number;
  alerts: number;
  children: number;
}

/** How many values, alerts and child areas hang on these areas (one row). */
export function countAreaDependants(
  tx: Sql,
  tenantId: string,
  ids: number[],
): Promise<AreaDependants[]> {
  return tx.query<AreaDependants>(
    `SELECT (SELECT count(*)::int FROM observation WHERE tenant_id = $1 AND area_id = ANY($2::int[])) AS values,
            (SELECT count(*)::int FROM alert WHERE tenant_id = $1 AND area_id = ANY($2::int[])) AS alerts,
            (SELECT count(*)::int FROM area WHERE tenant_id = $1 AND parent_id = ANY($2::int[])) AS children`,
    [tenantId, ids],
  );
}

/** Values after the day and child areas still valid after it, for these areas (one row). */
export function countAfterRetirement(
  tx: Sql,
  tenantId: string,
  ids: number[],
  validTo: string,
): Promise<{ later: number; children: number }[]> {
  return tx.query<{ later: number; children: number }>(
    `SELECT (SELECT count(*)::int FROM observation WHERE tenant_id = $1 AND area_id = ANY($2::int[]) AND ref_date > $3::date) AS later,
            (SELECT count(*)::int FROM area WHERE tenant_id = $1 AND parent_id = ANY($2::int[])
                AND (valid_to IS NULL OR valid_to > $3::date)) AS children`,
    [tenantId, ids, validTo],
  );
}

/** Ends the validity of these areas on the day. */
export async function retireAreas(
  tx: Sql,
  tenantId: string,
  ids: number[],
  validTo: string,
): Promise<void> {
  await tx.query(
    'UPDATE area SET valid_to = $3::date WHERE tenant_id = $1 AND id = ANY($2::int[])',
    [tenantId, ids, validTo],
  );
}

/** Deletes these areas (their values and alerts must be gone first); money on them → 409. */
export async function deleteAreas(tx: Sql, tenantId: string, ids: number[]): Promise<void> {
  await deleteOrExplain(`${ids.length === 1 ? 'Ein Gebiet' : `${ids.length} Gebiete`}`, () =>
    tx.query('DELETE FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])', [tenantId, ids]),
  );
}
