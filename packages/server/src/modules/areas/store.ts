// SQL for area systems, levels and areas. Every query is scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';

export interface AreaSystemRow {
  id: string;
  name: string;
  description: string | null;
  valid_from: string | null;
  valid_to: string | null;
  source_id: string | null;
}

/** Area systems of the tenant. */
export function selectAreaSystems(sql: Sql, tenantId: string): Promise<AreaSystemRow[]> {
  return sql.query<AreaSystemRow>(
    `SELECT id, name, description, valid_from, valid_to, source_id
       FROM area_system
      WHERE tenant_id = $1
      ORDER BY id`,
    [tenantId],
  );
}

export interface LevelRow {
  system_id: string;
  id: string;
  name_de: string;
  name_en: string;
  depth: number;
  area_count: number;
}

/** Levels of all systems with their number of areas, top level first. */
export function selectLevels(sql: Sql, tenantId: string): Promise<LevelRow[]> {
  return sql.query<LevelRow>(
    `SELECT l.system_id, l.id, l.name_de, l.name_en, l.depth, count(a.id)::int AS area_count
       FROM area_level l
       LEFT JOIN area a ON a.tenant_id = l.tenant_id AND a.system_id = l.system_id AND a.level_id = l.id
      WHERE l.tenant_id = $1
      GROUP BY l.system_id, l.id, l.name_de, l.name_en, l.depth
      ORDER BY l.system_id, l.depth`,
    [tenantId],
  );
}

/** One level of one system, or undefined. */
export async function selectLevel(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ id: string; name_de: string; depth: number } | undefined> {
  const [row] = await sql.query<{ id: string; name_de: string; depth: number }>(
    `SELECT id, name_de, depth FROM area_level WHERE tenant_id = $1 AND system_id = $2 AND id = $3`,
    [tenantId, systemId, levelId],
  );
  return row;
}

export interface AreaListRow {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  valid_to: string | null;
}

/** Areas of one level, ordered by code. */
export function selectAreasOfLevel(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<AreaListRow[]> {
  return sql.query<AreaListRow>(
    `SELECT id, code, name, parent_id, valid_to
       FROM area
      WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3
      ORDER BY code`,
    [tenantId, systemId, levelId],
  );
}

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  system_id: string;
  level_id: string;
  level_name: string;
  area_m2: number | null;
  bbox: number[] | null;
  parent_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
}

/** One area with its level name, or undefined. */
export async function selectArea(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<AreaRow | undefined> {
  const [row] = await sql.query<AreaRow>(
    `SELECT a.id, a.code, a.name, a.system_id, a.level_id, l.name_de AS level_name, a.area_m2, a.bbox, a.parent_id,
            a.valid_from, a.valid_to
       FROM area a
       JOIN area_level l ON l.tenant_id = a.tenant_id AND l.system_id = a.system_id AND l.id = a.level_id
      WHERE a.tenant_id = $1 AND a.id = $2`,
    [tenantId, areaId],
  );
  return row;
}

export interface AncestorRow {
  id: number;
  code: string;
  name: string;
  level_id: string;
  level_name: string;
}

/** The chain of parents of an area, top level first, without the area itself. */
export function selectAncestors(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<AncestorRow[]> {
  return sql.query<AncestorRow>(
    `WITH RECURSIVE up AS (
       SELECT p.id, p.code, p.name, p.system_id, p.level_id, p.parent_id, 1 AS step
         FROM area c
         JOIN area p ON p.tenant_id = c.tenant_id AND p.id = c.parent_id
        WHERE c.tenant_id = $1 AND c.id = $2
       UNION ALL
       SELECT p.id, p.code, p.name, p.system_id, p.level_id, p.parent_id, up.step + 1
         FROM up
         JOIN area p ON p.tenant_id = $1 AND p.id = up.parent_id
        WHERE up.step < 20
     )
     SELECT up.id, up.code, up.name, up.level_id, l.name_de AS level_name
       FROM up
       JOIN area_level l ON l.tenant_id = $1 AND l.system_id = up.system_id AND l.id = up.level_id
      ORDER BY up.step DESC`,
    [tenantId, areaId],
  );
}

/** Direct children of an area, ordered by code. */
export function selectChildren(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<{ id: number; code: string; name: string; validTo: string | null }[]> {
  return sql.query<{ id: number; code: string; name: string; validTo: string | null }>(
    `SELECT id, code, name, valid_to AS "validTo" FROM area WHERE tenant_id = $1 AND parent_id = $2 ORDER BY code`,
    [tenantId, areaId],
  );
}

/** A cheap fingerprint of a level's areas: changes when areas are added or replaced. */
export async function selectLevelStamp(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<string> {
  const [row] = await sql.query<{ n: number; max_id: number | null; ended: string }>(
    `SELECT count(*)::int AS n, max(id) AS max_id,
            count(valid_to)::int || '/' || coalesce(to_char(max(valid_to), 'YYYY-MM-DD'), '') AS ended
       FROM area
      WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3`,
    [tenantId, systemId, levelId],
  );
  return `${row?.n ?? 0}:${row?.max_id ?? 0}:${row?.ended ?? ''}`;
}

export interface AreaGeometryRow extends AreaListRow {
  geometry: { type: string; coordinates: unknown } | null;
}

/** Areas of one level with their full-precision geometry. */
export function selectGeometries(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<AreaGeometryRow[]> {
  return sql.query<AreaGeometryRow>(
    `SELECT id, code, name, parent_id, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, geometry
       FROM area
      WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3
      ORDER BY code`,
    [tenantId, systemId, levelId],
  );
}
