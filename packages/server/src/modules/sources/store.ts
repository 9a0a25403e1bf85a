// SQL for sources. Every query is scoped to one tenant.
import type { Sql } from '../../db/db.ts';

export interface SourceRow {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  licence_url: string | null;
  attribution: string;
  url: string | null;
  notes: string | null;
}

/** All sources of the tenant, ordered by id. */
export function selectSources(sql: Sql, tenantId: string): Promise<SourceRow[]> {
  return sql.query<SourceRow>(
    `SELECT id, title, publisher, licence, licence_url, attribution, url, notes
       FROM source
      WHERE tenant_id = $1
      ORDER BY id`,
    [tenantId],
  );
}

/** One source, or undefined. */
export async function selectSource(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<SourceRow | undefined> {
  const [row] = await sql.query<SourceRow>(
    `SELECT id, title, publisher, licence, licence_url, attribution, url, notes
       FROM source
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row;
}

/** Inserts a new source; false when the id is taken (an existing source is never changed here). */
export async function insertSource(sql: Sql, tenantId: string, s: SourceRow): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO source (tenant_id, id, title, publisher, licence, licence_url, attribution, url, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`,
    [tenantId, s.id, s.title, s.publisher, s.licence, s.licence_url, s.attribution, s.url, s.notes],
  );
  return rows.length === 1;
}

/** Writes every field of an existing source. */
export async function updateSource(sql: Sql, tenantId: string, s: SourceRow): Promise<void> {
  await sql.query(
    `UPDATE source SET title = $3, publisher = $4, licence = $5, licence_url = $6, attribution = $7,
            url = $8, notes = $9
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, s.id, s.title, s.publisher, s.licence, s.licence_url, s.attribution, s.url, s.notes],
  );
}
