// SQL for the codes, names and levels of areas as the imports check them against a file (issue 10
// § 2: moved here from the imports module unchanged). Every query is scoped to one tenant ($1).
import type { Row, Sql } from '../../db/db.ts';

export interface AreaCodeRef {
  id: number;
  code: string;
  name: string;
}

export interface LevelCodesRow {
  system_id: string;
  level_id: string;
  codes: string[];
  names: string[];
  valid_to: string | null;
}

/** Id, code and name of every area on one level (current and retired). */
export function selectLevelAreaRefs(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<AreaCodeRef[]> {
  return sql.query<AreaCodeRef>(
    'SELECT id, code, name FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3',
    [tenantId, systemId, levelId],
  );
}

/** The codes and names of every level, with the validity end of its system. */
export function selectLevelCodes(sql: Sql, tenantId: string): Promise<LevelCodesRow[]> {
  return sql.query<LevelCodesRow>(
    `SELECT a.system_id, a.level_id, array_agg(a.code) AS codes, array_agg(a.name) AS names, s.valid_to
     FROM area a JOIN area_system s ON s.tenant_id = a.tenant_id AND s.id = a.system_id
     WHERE a.tenant_id = $1 GROUP BY a.system_id, a.level_id, s.valid_to`,
    [tenantId],
  );
}

/** The codes of the areas on one level. */
export function selectLevelAreaCodes(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ code: string }[]> {
  return sql.query<{ code: string }>(
    'SELECT code FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3',
    [tenantId, systemId, levelId],
  );
}

/** The area system with this id, if it exists (none or one row). */
export function selectAreaSystemId(
  sql: Sql,
  tenantId: string,
  systemId: string,
): Promise<{ id: string }[]> {
  return sql.query<{ id: string }>('SELECT id FROM area_system WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    systemId,
  ]);
}

/** The levels of one area system, top first. */
export function selectSystemLevels(
  sql: Sql,
  tenantId: string,
  systemId: string,
): Promise<{ id: string; depth: number }[]> {
  return sql.query<{ id: string; depth: number }>(
    'SELECT id, depth FROM area_level WHERE tenant_id = $1 AND system_id = $2 ORDER BY depth',
    [tenantId, systemId],
  );
}

export interface AreaSystemBasics {
  name: string;
  valid_from: string | null;
  source_id: string | null;
}

/** Name, start of validity and source of one area system (none or one row). */
export function selectAreaSystemBasics(
  sql: Sql,
  tenantId: string,
  systemId: string,
): Promise<AreaSystemBasics[]> {
  return sql.query<AreaSystemBasics>(
    'SELECT name, valid_from, source_id FROM area_system WHERE tenant_id = $1 AND id = $2',
    [tenantId, systemId],
  );
}

/** One row when the level exists, none otherwise. */
export function selectLevelExists(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<Row[]> {
  return sql.query('SELECT 1 FROM area_level WHERE tenant_id = $1 AND system_id = $2 AND id = $3', [
    tenantId,
    systemId,
    levelId,
  ]);
}

export interface LevelAreaRow {
  id: number;
  code: string;
  name: string;
  validTo: string | null;
}

/** Id, code, name and end of validity (YYYY-MM-DD) of every area on one level. */
export function selectLevelAreas(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<LevelAreaRow[]> {
  return sql.query<LevelAreaRow>(
    `SELECT id, code, name, to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3`,
    [tenantId, systemId, levelId],
  );
}

/** The names of the areas on levels above this one (coarser), each name once. */
export function selectCoarserAreaNames(
  tx: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ name: string }[]> {
  return tx.query<{ name: string }>(
    `SELECT DISTINCT a.name FROM area a
       JOIN area_level l ON l.tenant_id = a.tenant_id AND l.system_id = a.system_id AND l.id = a.level_id
       JOIN area_level me ON me.tenant_id = a.tenant_id AND me.system_id = a.system_id AND me.id = $3
      WHERE a.tenant_id = $1 AND a.system_id = $2 AND l.depth < me.depth`,
    [tenantId, systemId, levelId],
  );
}

export interface AreaRefRow {
  id: number;
  code: string;
  name: string;
  systemId: string;
  levelId: string;
  validTo: string | null;
}

/** The areas of the tenant among the ids (unknown ids and other tenants' ids are left out). */
export function selectAreasByIds(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<AreaRefRow[]> {
  return sql.query<AreaRefRow>(
    `SELECT id, code, name, system_id AS "systemId", level_id AS "levelId",
            to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])
      ORDER BY code`,
    [tenantId, [...ids]],
  );
}
