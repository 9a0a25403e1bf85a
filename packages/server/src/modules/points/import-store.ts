// SQL of the point import: the areas to join against, the stored assignments (point_area) and the
// dataset's indicators. Every query is scoped to one tenant ($1).
import type { AreaGeometry } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';

export interface LevelAreas {
  systemId: string;
  systemName: string;
  levelId: string;
  levelName: string;
  areas: { id: number; code: string; name: string; geometry: AreaGeometry | null }[];
}

/** Every level of every area system valid at `date`, with its areas valid at that date. */
export async function selectLevelsWithAreas(
  sql: Sql,
  tenantId: string,
  date: string,
): Promise<LevelAreas[]> {
  const rows = await sql.query<{
    system_id: string;
    system_name: string;
    level_id: string;
    level_name: string;
    id: number;
    code: string;
    name: string;
    geometry: AreaGeometry | null;
  }>(
    `SELECT s.id AS system_id, s.name AS system_name, l.id AS level_id, l.name_de AS level_name,
            a.id, a.code, a.name, a.geometry
       FROM area_system s
       JOIN area_level l ON l.tenant_id = s.tenant_id AND l.system_id = s.id
       JOIN area a ON a.tenant_id = l.tenant_id AND a.system_id = l.system_id AND a.level_id = l.id
      WHERE s.tenant_id = $1
        AND (s.valid_to IS NULL OR s.valid_to >= $2::date)
        AND (a.valid_from IS NULL OR a.valid_from <= $2::date)
        AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
      ORDER BY s.id, l.depth, a.code`,
    [tenantId, date],
  );
  const out: LevelAreas[] = [];
  for (const r of rows) {
    let level = out[out.length - 1];
    if (!level || level.systemId !== r.system_id || level.levelId !== r.level_id) {
      level = {
        systemId: r.system_id,
        systemName: r.system_name,
        levelId: r.level_id,
        levelName: r.level_name,
        areas: [],
      };
      out.push(level);
    }
    level.areas.push({ id: r.id, code: r.code, name: r.name, geometry: r.geometry });
  }
  return out;
}

export interface PointDatasetMeta {
  id: string;
  count_indicator_id: string | null;
  capacity_indicator_id: string | null;
}

/** The dataset's row, or null if it does not exist. */
export async function selectPointDatasetMeta(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<PointDatasetMeta | null> {
  const rows = await sql.query<PointDatasetMeta>(
    `SELECT id, count_indicator_id, capacity_indicator_id FROM point_dataset WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Removes all points of a dataset (their assignments go with them: ON DELETE CASCADE). */
export async function deletePointFeatures(sql: Sql, tenantId: string, id: string): Promise<number> {
  const r = await sql.query<{ n: number }>(
    `WITH d AS (DELETE FROM point_feature WHERE tenant_id = $1 AND dataset = $2 RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    [tenantId, id],
  );
  return r[0]?.n ?? 0;
}

/** Records which indicators the dataset counts into, and from which capacity column. */
export async function updatePointDatasetIndicators(
  sql: Sql,
  tenantId: string,
  id: string,
  meta: { count: string | null; capacity: string | null; capacityColumn: string | null },
): Promise<void> {
  await sql.query(
    `UPDATE point_dataset SET count_indicator_id = $3, capacity_indicator_id = $4, capacity_column = $5
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, meta.count, meta.capacity, meta.capacityColumn],
  );
}

/** Stores the assignments point → area (one row per point and level it lies in). */
export async function insertPointAreas(
  sql: Sql,
  tenantId: string,
  dataset: string,
  rows: { featureId: string; areaId: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql.query(
      `INSERT INTO point_area (tenant_id, dataset, feature_id, area_id)
       SELECT $1, $2, t.f, t.a FROM unnest($3::text[], $4::int[]) AS t(f, a)
       ON CONFLICT DO NOTHING`,
      [tenantId, dataset, chunk.map((r) => r.featureId), chunk.map((r) => r.areaId)],
    );
  }
}

/** The lon/lat bbox of all the tenant's areas, or null when there are none with a bbox. */
export async function selectAreasBbox(
  sql: Sql,
  tenantId: string,
): Promise<[number, number, number, number] | null> {
  const [r] = await sql.query<{ x0: number | null; y0: number; x1: number; y1: number }>(
    `SELECT min(bbox[1]) AS x0, min(bbox[2]) AS y0, max(bbox[3]) AS x1, max(bbox[4]) AS y1
       FROM area WHERE tenant_id = $1 AND bbox IS NOT NULL`,
    [tenantId],
  );
  return r && r.x0 !== null ? [r.x0, r.y0, r.x1, r.y1] : null;
}

/** A point of a dataset with the dataset's reference date (YYYY-MM-DD or null). */
export interface DatedPointFeature {
  dataset: string;
  id: string;
  name: string;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
  referenceDate: string | null;
}

/** Every point of the tenant's datasets with the dataset's reference date (the directory's load). */
export function selectAllPointFeatures(sql: Sql, tenantId: string): Promise<DatedPointFeature[]> {
  return sql.query(
    `SELECT f.dataset, f.id, f.name, f.lon, f.lat, f.properties,
            to_char(d.reference_date, 'YYYY-MM-DD') AS "referenceDate"
       FROM point_feature f JOIN point_dataset d ON d.tenant_id = f.tenant_id AND d.id = f.dataset
      WHERE f.tenant_id = $1 ORDER BY f.dataset, f.id`,
    [tenantId],
  );
}
