// SQL of the imports module: its run history and the area name synonyms of published tables.
// Reads of other modules' tables live in their stores (areas, indicators, ingest). Every query is
// scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';

export interface ImportRunRow {
  id: number;
  kind: string;
  file_name: string;
  file_sha256: string;
  format: string;
  status: string;
  rows_read: number;
  rows_written: number;
  error_count: number;
  started_at: Date;
  finished_at: Date | null;
  actor: string;
}

/** Past import runs, newest first. */
export async function listImportRuns(
  db: Sql,
  tenantId: string,
  limit = 100,
): Promise<ImportRunRow[]> {
  return db.query<ImportRunRow>(
    `SELECT id, kind, file_name, file_sha256, format, status, rows_read, rows_written, error_count, started_at, finished_at, actor
     FROM import_run WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2`,
    [tenantId, limit],
  );
}

/** Accepted synonyms of one level with the code of the area each names. */
export function selectSynonyms(
  tx: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ synonym: string; code: string }[]> {
  return tx.query<{ synonym: string; code: string }>(
    `SELECT s.synonym, a.code FROM area_name_synonym s
       JOIN area a ON a.tenant_id = s.tenant_id AND a.id = s.area_id
      WHERE s.tenant_id = $1 AND s.area_system = $2 AND s.level_id = $3`,
    [tenantId, systemId, levelId],
  );
}

/** Stores accepted synonyms (normalised names[i] → areaIds[i]); a synonym already there moves. */
export async function upsertSynonyms(
  tx: Sql,
  tenantId: string,
  o: { systemId: string; levelId: string; names: string[]; ids: number[]; actorName: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO area_name_synonym (tenant_id, area_system, level_id, synonym, area_id, created_by)
     SELECT $1, $2, $3, n, i, $6 FROM unnest($4::text[], $5::int[]) AS t(n, i)
     ON CONFLICT (tenant_id, area_system, level_id, synonym)
     DO UPDATE SET area_id = EXCLUDED.area_id, created_by = EXCLUDED.created_by, created_at = now()`,
    [tenantId, o.systemId, o.levelId, o.names, o.ids, o.actorName],
  );
}
