// SQL for point datasets (service locations). Every query is scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';

export interface PointDatasetRow {
  id: string;
  name_de: string;
  name_en: string;
  reference_date: string | null;
  source_id: string;
  count: number;
}

/** Point datasets with their number of features. */
export function selectPointDatasets(sql: Sql, tenantId: string): Promise<PointDatasetRow[]> {
  return sql.query<PointDatasetRow>(
    `SELECT d.id, d.name_de, d.name_en, d.reference_date, d.source_id, count(f.id)::int AS count
       FROM point_dataset d
       LEFT JOIN point_feature f ON f.tenant_id = d.tenant_id AND f.dataset = d.id
      WHERE d.tenant_id = $1
      GROUP BY d.id, d.name_de, d.name_en, d.reference_date, d.source_id
      ORDER BY d.id`,
    [tenantId],
  );
}

/** Whether the dataset exists. */
export async function pointDatasetExists(
  sql: Sql,
  tenantId: string,
  datasetId: string,
): Promise<boolean> {
  const rows = await sql.query(`SELECT 1 FROM point_dataset WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    datasetId,
  ]);
  return rows.length > 0;
}

export interface PointFeatureRow {
  id: string;
  name: string;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
}

/** All points of one dataset, ordered by id. */
export function selectPointFeatures(
  sql: Sql,
  tenantId: string,
  datasetId: string,
): Promise<PointFeatureRow[]> {
  return sql.query<PointFeatureRow>(
    `SELECT id, name, lon, lat, properties
       FROM point_feature
      WHERE tenant_id = $1 AND dataset = $2
      ORDER BY id`,
    [tenantId, datasetId],
  );
}
