// The history of one record and its parts (e.g. a service with its places, hours and work areas),
// for screens that show a "Verlauf" to the people who maintain the record. Whether the caller may
// read it is the owning module's decision (its policy); this only reads the entries.
import type { Sql } from '../../db/db.ts';
import { selectEntriesAbout, type AuditSubject } from './store.ts';

export type { AuditSubject } from './store.ts';

/** One entry of a record's history: who, when, what (no address, no hash). */
export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  permission: string | null;
  action: string;
  entity: string;
  entityId: string;
  detail: unknown;
}

/** The entries about a subject, newest first (at most `limit`). */
export async function listEntriesAbout(
  sql: Sql,
  tenantId: string,
  subject: AuditSubject,
  limit = 200,
  before: number | null = null,
): Promise<HistoryEntry[]> {
  const rows = await selectEntriesAbout(sql, tenantId, subject, limit, before);
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    permission: r.permission,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: r.detail,
  }));
}
