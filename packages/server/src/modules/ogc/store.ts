// SQL for OGC API – Features: collections (one per area level) and their features.
// Every query is scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';

export interface CollectionRow {
  system_id: string;
  system_name: string;
  level_id: string;
  level_name_de: string;
  level_name_en: string;
  depth: number;
  area_count: number;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
}

/** One row per level of every area system, with the bbox of all its areas. */
export function selectCollections(sql: Sql, tenantId: string): Promise<CollectionRow[]> {
  return sql.query<CollectionRow>(
    `SELECT l.system_id, s.name AS system_name, l.id AS level_id, l.name_de AS level_name_de,
            l.name_en AS level_name_en, l.depth, count(a.id)::int AS area_count,
            min(a.bbox[1]) AS min_lon, min(a.bbox[2]) AS min_lat, max(a.bbox[3]) AS max_lon, max(a.bbox[4]) AS max_lat
       FROM area_level l
       JOIN area_system s ON s.tenant_id = l.tenant_id AND s.id = l.system_id
       LEFT JOIN area a ON a.tenant_id = l.tenant_id AND a.system_id = l.system_id AND a.level_id = l.id
      WHERE l.tenant_id = $1
      GROUP BY l.system_id, s.name, l.id, l.name_de, l.name_en, l.depth
      ORDER BY l.system_id, l.depth`,
    [tenantId],
  );
}

export interface FeatureRow {
  id: number;
  code: string;
  name: string;
  parent_code: string | null;
  geometry: { type: string; coordinates: unknown } | null;
}

/** [minLon, minLat, maxLon, maxLat] or null for no spatial filter. */
export type BBoxFilter = [number, number, number, number] | null;

// Bounding-box overlap on the stored area.bbox ([minLon, minLat, maxLon, maxLat], 1-based in SQL).
const LEVEL_AND_BBOX = `a.tenant_id = $1 AND a.system_id = $2 AND a.level_id = $3
        AND ($4::float8 IS NULL OR (a.bbox[1] <= $6::float8 AND a.bbox[3] >= $4::float8
                                  AND a.bbox[2] <= $7::float8 AND a.bbox[4] >= $5::float8))`;

function bboxParams(bbox: BBoxFilter): (number | null)[] {
  return bbox ? [...bbox] : [null, null, null, null];
}

/** Number of areas of a level matching the bbox filter. */
export async function countFeatures(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
  bbox: BBoxFilter,
): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM area a WHERE ${LEVEL_AND_BBOX}`,
    [tenantId, systemId, levelId, ...bboxParams(bbox)],
  );
  return row?.n ?? 0;
}

/** One page of areas of a level (ordered by code) matching the bbox filter. */
export function selectFeatures(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
  bbox: BBoxFilter,
  limit: number,
  offset: number,
): Promise<FeatureRow[]> {
  return sql.query<FeatureRow>(
    `SELECT a.id, a.code, a.name, p.code AS parent_code, a.geometry
       FROM area a
       LEFT JOIN area p ON p.tenant_id = a.tenant_id AND p.id = a.parent_id
      WHERE ${LEVEL_AND_BBOX}
      ORDER BY a.code
      LIMIT $8 OFFSET $9`,
    [tenantId, systemId, levelId, ...bboxParams(bbox), limit, offset],
  );
}

/** One area of a level by its code, or undefined. */
export async function selectFeatureByCode(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
  code: string,
): Promise<FeatureRow | undefined> {
  const [row] = await sql.query<FeatureRow>(
    `SELECT a.id, a.code, a.name, p.code AS parent_code, a.geometry
       FROM area a
       LEFT JOIN area p ON p.tenant_id = a.tenant_id AND p.id = a.parent_id
      WHERE a.tenant_id = $1 AND a.system_id = $2 AND a.level_id = $3 AND a.code = $4`,
    [tenantId, systemId, levelId, code],
  );
  return row;
}

export interface ValueOfRow {
  area_id: number;
  indicator_id: string;
  value: number | null;
  flag: 'suppressed' | 'invalid' | null;
  flag_reason: string | null;
}

/** Values (with flag and reason) of the given areas for (indicator, date) pairs. */
export function selectValuesOf(
  sql: Sql,
  tenantId: string,
  areaIds: number[],
  pairs: { indicatorId: string; date: string }[],
): Promise<ValueOfRow[]> {
  if (areaIds.length === 0 || pairs.length === 0) return Promise.resolve([]);
  return sql.query<ValueOfRow>(
    `SELECT o.area_id, o.indicator_id, o.value, o.flag, o.flag_reason
       FROM unnest($2::text[], $3::date[]) AS c(indicator_id, ref_date)
       JOIN observation o ON o.tenant_id = $1 AND o.indicator_id = c.indicator_id AND o.ref_date = c.ref_date
      WHERE o.area_id = ANY($4::int[])`,
    [tenantId, pairs.map((p) => p.indicatorId), pairs.map((p) => p.date), areaIds],
  );
}
