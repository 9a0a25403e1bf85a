// SQL of the audit module: the audit log and the head of each tenant's hash chain
// (docs/methods/audit-chain.md). The hashing itself is in chain.ts.
import type { Sql } from '../../db/db.ts';
import type { ChainedFields, ChainVersion } from './chain.ts';

/** An audit_log row as the chain reads it (the time in epoch milliseconds, as hashed). */
export interface StoredEntry {
  id: number;
  tenant_id: string;
  seq: number | null;
  at_ms: number;
  actor: string;
  user_id: number | null;
  permission: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  detail: unknown;
  prev_hash: string | null;
  hash: string | null;
  chain_version: number;
}

const STORED_COLUMNS = `id, tenant_id, seq, round(extract(epoch FROM at) * 1000)::float8 AS at_ms, actor, user_id,
  permission, ip, request_id, action, entity, entity_id, detail, prev_hash, hash,
  chain_version`;

/** Creates the tenant's chain head at the genesis hash if missing, then locks and reads it. */
export async function lockChainHead(
  tx: Sql,
  tenantId: string,
  genesisHash: string,
): Promise<{ seq: number; hash: string }> {
  await tx.query(
    'INSERT INTO audit_chain_head (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING',
    [tenantId, genesisHash],
  );
  const [head] = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE tenant_id = $1 FOR UPDATE',
    [tenantId],
  );
  return { seq: Number(head!.seq), hash: head!.hash };
}

/** Appends one chained entry to the audit log. */
export async function insertAuditEntry(
  tx: Sql,
  fields: ChainedFields,
  hash: string,
  version: ChainVersion,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, detail, user_id, permission,
                            ip, request_id, seq, prev_hash, hash, chain_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      fields.tenantId,
      new Date(fields.atMs),
      fields.actor,
      fields.action,
      fields.entity,
      fields.entityId,
      JSON.stringify(fields.detail),
      fields.userId,
      fields.permission,
      fields.ip,
      fields.requestId,
      fields.seq,
      fields.prevHash,
      hash,
      version,
    ],
  );
}

/** Moves the tenant's chain head to the entry just written. */
export async function setChainHead(
  tx: Sql,
  tenantId: string,
  seq: number,
  hash: string,
): Promise<void> {
  await tx.query('UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE tenant_id = $1', [
    tenantId,
    seq,
    hash,
  ]);
}

/** Tenants with entries written before the chain existed and no chain head yet. */
export async function unsealedTenants(tx: Sql): Promise<{ tenant_id: string }[]> {
  return tx.query<{ tenant_id: string }>(
    `SELECT DISTINCT l.tenant_id FROM audit_log l
      WHERE l.seq IS NULL
        AND NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.tenant_id = l.tenant_id)`,
  );
}

/** A tenant's entries without a place in the chain, oldest first. */
export function unsealedEntries(tx: Sql, tenantId: string): Promise<StoredEntry[]> {
  return tx.query<StoredEntry>(
    `SELECT ${STORED_COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq IS NULL ORDER BY id`,
    [tenantId],
  );
}

/** Gives an old entry its place in the chain. */
export async function sealEntry(
  tx: Sql,
  tenantId: string,
  id: number,
  link: { seq: number; prevHash: string; hash: string },
  version: ChainVersion,
): Promise<void> {
  await tx.query(
    `UPDATE audit_log SET seq = $3, prev_hash = $4, hash = $5, chain_version = $6
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, link.seq, link.prevHash, link.hash, version],
  );
}

/** The tenants with a chain head or audit entries (one tenant when `tenantId` is given). */
export async function chainTenants(db: Sql, tenantId?: string): Promise<string[]> {
  const rows = await db.query<{ tenant_id: string }>(
    `SELECT tenant_id FROM audit_chain_head WHERE $1::text IS NULL OR tenant_id = $1
     UNION SELECT DISTINCT tenant_id FROM audit_log WHERE $1::text IS NULL OR tenant_id = $1
     ORDER BY 1`,
    [tenantId ?? null],
  );
  return rows.map((r) => r.tenant_id);
}

/** All of a tenant's entries in chain order (unsealed ones last). */
export function chainEntries(db: Sql, tenantId: string): Promise<StoredEntry[]> {
  return db.query<StoredEntry>(
    `SELECT ${STORED_COLUMNS} FROM audit_log WHERE tenant_id = $1 ORDER BY seq NULLS LAST, id`,
    [tenantId],
  );
}

/** The tenant's chain head, if it has one. */
export async function chainHead(
  db: Sql,
  tenantId: string,
): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await db.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE tenant_id = $1',
    [tenantId],
  );
  return head;
}

export interface AuditEntryRow {
  id: number;
  seq: number | null;
  at: Date;
  actor: string;
  user_id: number | null;
  permission: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string;
  detail: unknown;
  hash: string | null;
}

/** What the audit list asks for; `all` lifts the limit to the caller's department. */
export interface AuditFilter {
  entity: string | null;
  entityId: string | null;
  action: string | null;
  before: number | null;
  limit: number;
  all: boolean;
  departmentId: string;
}

/**
 * A tenant's entries, newest first. Without `all`, only entries by people of the department or
 * about its indicators, alert rules or the department itself.
 */
export function selectAuditEntries(
  sql: Sql,
  tenantId: string,
  f: AuditFilter,
): Promise<AuditEntryRow[]> {
  return sql.query<AuditEntryRow>(
    `SELECT l.id, l.seq, l.at, l.actor, l.user_id, l.permission, l.ip, l.action, l.entity, l.entity_id, l.detail, l.hash
       FROM audit_log l
      WHERE l.tenant_id = $1
        AND ($2::text IS NULL OR l.entity = $2)
        AND ($3::text IS NULL OR l.entity_id = $3)
        AND ($4::text IS NULL OR l.action = $4)
        AND ($5::bigint IS NULL OR l.id < $5)
        AND ($7 OR (
              l.user_id IN (SELECT id FROM app_user WHERE tenant_id = $1 AND department_id = $8)
           OR (l.entity = 'indicator' AND l.entity_id IN (SELECT id FROM indicator WHERE tenant_id = $1 AND department = $8))
           OR (l.entity = 'alert_rule' AND l.entity_id IN (SELECT id FROM alert_rule WHERE tenant_id = $1 AND department = $8))
           OR (l.entity = 'department' AND l.entity_id = $8)))
      ORDER BY l.id DESC
      LIMIT $6`,
    [tenantId, f.entity, f.entityId, f.action, f.before, f.limit, f.all, f.departmentId],
  );
}

/** Which entries belong to one record: entity + id pairs, and entities whose detail names it. */
export interface AuditSubject {
  /** entries with this entity and one of these ids */
  records: { entity: string; entityId: string }[];
  /** entries with this entity whose detail field `key` holds `value` */
  mentions: { entity: string; key: string; value: string }[];
  /** entries with this entity whose detail field `key` is a list that holds `value` (e.g. an import) */
  listed?: { entity: string; key: string; value: string }[];
}

/** The entries about one subject (a record and its parts), newest first, at most `limit`, older than `before`. */
export function selectEntriesAbout(
  sql: Sql,
  tenantId: string,
  s: AuditSubject,
  limit: number,
  before: number | null = null,
): Promise<AuditEntryRow[]> {
  const listed = s.listed ?? [];
  return sql.query<AuditEntryRow>(
    `SELECT l.id, l.seq, l.at, l.actor, l.user_id, l.permission, l.ip, l.action, l.entity, l.entity_id, l.detail, l.hash
       FROM audit_log l
      WHERE l.tenant_id = $1
        AND ((l.entity, l.entity_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
          OR EXISTS (SELECT 1 FROM unnest($4::text[], $5::text[], $6::text[]) AS m(e, k, v)
                      WHERE l.entity = m.e AND l.detail ->> m.k = m.v)
          OR EXISTS (SELECT 1 FROM unnest($8::text[], $9::text[], $10::text[]) AS n(e, k, v)
                      WHERE l.entity = n.e AND l.detail -> n.k @> to_jsonb(n.v)))
        AND ($11::bigint IS NULL OR l.id < $11)
      ORDER BY l.id DESC
      LIMIT $7`,
    [
      tenantId,
      s.records.map((r) => r.entity),
      s.records.map((r) => r.entityId),
      s.mentions.map((m) => m.entity),
      s.mentions.map((m) => m.key),
      s.mentions.map((m) => m.value),
      limit,
      listed.map((m) => m.entity),
      listed.map((m) => m.key),
      listed.map((m) => m.value),
      before,
    ],
  );
}
