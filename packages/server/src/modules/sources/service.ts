import type { Sql } from '../../db/db.ts';
import type { Source } from './schema.ts';
import { selectSources, type SourceRow } from './store.ts';

/** Shapes a source row as the API's Source. */
export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    licence: row.licence,
    licenceUrl: row.licence_url,
    attribution: row.attribution,
    url: row.url,
    notes: row.notes,
  };
}

/** All sources of the tenant. */
export async function listSources(sql: Sql, tenantId: string): Promise<Source[]> {
  return (await selectSources(sql, tenantId)).map(toSource);
}

/** All sources of the tenant by id (the table is small: one row per publisher dataset). */
export async function loadSourceMap(sql: Sql, tenantId: string): Promise<Map<string, Source>> {
  return new Map((await listSources(sql, tenantId)).map((s) => [s.id, s]));
}
