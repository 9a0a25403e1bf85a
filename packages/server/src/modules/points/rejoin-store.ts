// SQL of the re-join of point datasets after an areas import (rejoin.ts, ADR 0017): the datasets
// with what they count, their points, and their assignments to areas. Every query is scoped to one
// tenant ($1) and runs in the transaction it is given.
import type { NumberFormat } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';

export interface RejoinDatasetRow {
  id: string;
  name_de: string;
  reference_date: string;
  count_indicator_id: string | null;
  capacity_indicator_id: string | null;
  capacity_column: string | null;
  number_format: NumberFormat | null;
}

/** The tenant's point datasets (or one) with what they count and how their capacity text is read. */
export function selectRejoinDatasets(
  tx: Sql,
  tenantId: string,
  only?: string,
): Promise<RejoinDatasetRow[]> {
  return tx.query<RejoinDatasetRow>(
    `SELECT d.id, d.name_de, to_char(d.reference_date, 'YYYY-MM-DD') AS reference_date,
            d.count_indicator_id, d.capacity_indicator_id, d.capacity_column,
            (SELECT r.options->'numberFormat' FROM import_run r
              WHERE r.tenant_id = d.tenant_id AND r.kind = 'points' AND r.status = 'succeeded'
                AND r.options->>'datasetId' = d.id
              ORDER BY r.id DESC LIMIT 1) AS number_format
       FROM point_dataset d
      WHERE d.tenant_id = $1 AND ($2::text IS NULL OR d.id = $2)
      ORDER BY d.id`,
    [tenantId, only ?? null],
  );
}

export interface RejoinPointRow {
  id: string;
  lon: number;
  lat: number;
  properties: unknown;
}

/** The points of one dataset with their properties, ordered by id. */
export function selectRejoinPoints(
  tx: Sql,
  tenantId: string,
  datasetId: string,
): Promise<RejoinPointRow[]> {
  return tx.query<RejoinPointRow>(
    'SELECT id, lon, lat, properties FROM point_feature WHERE tenant_id = $1 AND dataset = $2 ORDER BY id',
    [tenantId, datasetId],
  );
}

/** The stored assignments point → area of one dataset. */
export function selectPointAreas(
  tx: Sql,
  tenantId: string,
  datasetId: string,
): Promise<{ feature_id: string; area_id: number }[]> {
  return tx.query<{ feature_id: string; area_id: number }>(
    'SELECT feature_id, area_id FROM point_area WHERE tenant_id = $1 AND dataset = $2',
    [tenantId, datasetId],
  );
}

/** Removes every assignment point → area of one dataset. */
export async function deletePointAreas(
  tx: Sql,
  tenantId: string,
  datasetId: string,
): Promise<void> {
  await tx.query('DELETE FROM point_area WHERE tenant_id = $1 AND dataset = $2', [
    tenantId,
    datasetId,
  ]);
}
