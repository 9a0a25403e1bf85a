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
