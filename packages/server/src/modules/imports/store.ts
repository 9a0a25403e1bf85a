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
