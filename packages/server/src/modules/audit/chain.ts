// The audit log, written in the transaction of the change it records, and chained by hashes per
// tenant: entry n stores SHA-256(canonical JSON of its content + hash of entry n − 1). Changing or
// deleting an entry breaks the chain from there on; `sozialraum audit verify` finds it. The newest
// link is kept in audit_chain_head and locked while appending, so concurrent writers never fork
// the chain. Each entry names its hash format (chain_version): 2 = RFC 8785 canonical JSON, which
// an outside verifier can reproduce; 1 = the original format, kept so old entries still verify
// (docs/methods/audit-chain.md, ADR 0021).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import {
  chainEntries,
  chainHead,
  chainTenants,
  insertAuditEntry,
  lockChainHead,
  sealEntry,
  setChainHead,
  unsealedEntries,
  unsealedTenants,
  type StoredEntry,
} from './store.ts';

/** Who made a change, with which permission, from where. */
export interface AuditActor {
  actor: string;
  userId?: number | null;
  permission?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  detail?: unknown;
}

/** The actor of a request: the principal's name and user, the permission used, ip and request id. */
export function auditActor(
  principal: Principal,
  request: FastifyRequest | undefined,
  permission: string,
): AuditActor {
  return {
    actor: principal.name,
    userId: principal.userId,
    permission,
    ip: request?.ip ?? null,
    requestId: request ? String(request.id) : null,
  };
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash format of new entries; stored per entry in audit_log.chain_version. */
export const CHAIN_VERSION = 2;
export type ChainVersion = 1 | 2;

/**
 * Chain version 1's canonical JSON: object keys sorted at every depth (undefined dropped, as JSON
 * does) — but rebuilt as JavaScript objects, which put integer-like keys ("2", "10") first in
 * numeric order, so it is not RFC 8785. Kept only to verify entries written before version 2.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(plain));
}

export interface ChainedFields {
  tenantId: string;
  seq: number;
  atMs: number;
  actor: string;
  userId: number | null;
  permission: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entity: string;
  entityId: string;
  detail: unknown;
  prevHash: string;
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys sorted by UTF-16 code units at
 * every depth, numbers in ECMAScript's shortest form, no whitespace. The value must be plain JSON
 * (see plainJson); NaN, Infinity and lone surrogates are refused by the library.
 */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined)
    throw new Error('Kein JSON-Wert (undefined) kann nicht kanonisiert werden.');
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormedString = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

/**
 * The JSON value an audit detail is stored and hashed as: what JSON.stringify makes of it (Dates
 * become strings, undefined members go, NaN becomes null), with lone surrogates in strings replaced
 * by U+FFFD — PostgreSQL's jsonb and RFC 8785 both refuse them, and a detail must never fail a write.
 */
export function plainJson(value: unknown): unknown {
  const text = JSON.stringify(value === undefined ? null : value);
  const parsed: unknown = JSON.parse(text);
  const wellFormed = (v: unknown): unknown => {
    if (typeof v === 'string') return wellFormedString(v);
    if (Array.isArray(v)) return v.map(wellFormed);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [wellFormedString(k), wellFormed(x)]),
      );
    return v;
  };
  return wellFormed(parsed);
}

/**
 * The hash of one entry: SHA-256 (hex) over the UTF-8 bytes of the canonical JSON of its fields and
 * the previous hash. Version 2: RFC 8785 of [2, tenant, seq, atMs, actor, userId, permission, ip,
 * requestId, action, entity, entityId, detail, prevHash]. Version 1: canonicalJson of the same array
 * without the leading version.
 */
export function entryHash(f: ChainedFields, version: ChainVersion = CHAIN_VERSION): string {
  const content = [
    f.tenantId,
    f.seq,
    f.atMs,
    f.actor,
    f.userId,
    f.permission,
    f.ip,
    f.requestId,
    f.action,
    f.entity,
    f.entityId,
    f.detail,
    f.prevHash,
  ];
  const text = version === 2 ? jcs([2, ...content]) : canonicalJson(content);
  return createHash('sha256').update(text).digest('hex');
}

/** The fields that changed between two versions of a record: { field: { before, after } }. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out[k] = { before: b, after: a };
  }
  return out;
}

/** Appends one audit entry; call it inside the transaction of the change it records. */
export async function writeAudit(
  tx: Sql,
  tenantId: string,
  entry: AuditEntry & { actor: string | AuditActor },
): Promise<void> {
  const who: AuditActor = typeof entry.actor === 'string' ? { actor: entry.actor } : entry.actor;
  const head = await lockChainHead(tx, tenantId, GENESIS_HASH);
  const fields: ChainedFields = {
    tenantId,
    seq: head.seq + 1,
    atMs: Date.now(),
    actor: who.actor,
    userId: who.userId ?? null,
    permission: who.permission ?? null,
    ip: who.ip ?? null,
    requestId: who.requestId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    detail: plainJson(entry.detail ?? {}),
    prevHash: head.hash,
  };
  const hash = entryHash(fields, CHAIN_VERSION);
  await insertAuditEntry(tx, fields, hash, CHAIN_VERSION);
  await setChainHead(tx, tenantId, fields.seq, hash);
}

function fieldsOf(e: StoredEntry, seq: number, prevHash: string): ChainedFields {
  return {
    tenantId: e.tenant_id,
    seq,
    atMs: Number(e.at_ms),
    actor: e.actor,
    userId: e.user_id,
    permission: e.permission,
    ip: e.ip,
    requestId: e.request_id,
    action: e.action,
    entity: e.entity,
    entityId: e.entity_id,
    detail: e.detail,
    prevHash,
  };
}

/**
 * Chains the entries written before the chain existed (migration 0006), in id order — once per
 * tenant: only tenants without a chain head are sealed. Later rows with seq NULL (inserted past
 * writeAudit) are never sealed; verify reports them. Runs at start; returns how many were sealed.
 */
export async function sealAuditChain(db: {
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}): Promise<number> {
  return db.transaction(async (tx) => {
    const tenants = await unsealedTenants(tx);
    let sealed = 0;
    for (const { tenant_id: tenantId } of tenants) {
      let head = await lockChainHead(tx, tenantId, GENESIS_HASH);
      const rows = await unsealedEntries(tx, tenantId);
      for (const e of rows) {
        const seq = head.seq + 1;
        const hash = entryHash(fieldsOf(e, seq, head.hash), CHAIN_VERSION);
        await sealEntry(tx, tenantId, e.id, { seq, prevHash: head.hash, hash }, CHAIN_VERSION);
        head = { seq, hash };
        sealed++;
      }
      await setChainHead(tx, tenantId, head.seq, head.hash);
    }
    return sealed;
  });
}

export interface ChainProblem {
  tenantId: string;
  seq: number | null;
  id: number | null;
  problem: string;
}

export interface ChainReport {
  tenants: { tenantId: string; entries: number }[];
  problems: ChainProblem[];
}

/** Recomputes every tenant's chain and reports each entry that was changed, removed or added. */
export async function verifyAuditChain(db: Sql, tenantId?: string): Promise<ChainReport> {
  const tenants = await chainTenants(db, tenantId);
  const report: ChainReport = { tenants: [], problems: [] };
  for (const t of tenants) {
    const rows = await chainEntries(db, t);
    const head = await chainHead(db, t);
    const problem = (e: StoredEntry | null, seq: number | null, text: string) =>
      report.problems.push({ tenantId: t, seq, id: e?.id ?? null, problem: text });
    let prev = GENESIS_HASH;
    let expected = 1;
    for (const e of rows) {
      if (e.seq === null) {
        problem(
          e,
          null,
          'Eintrag ist nicht verkettet (an der Protokollfunktion vorbei eingefügt).',
        );
        continue;
      }
      const seq = Number(e.seq);
      if (seq !== expected)
        problem(
          e,
          seq,
          seq > expected
            ? `Einträge ${expected}–${seq - 1} fehlen (gelöscht).`
            : `Laufende Nummer ${seq} kommt doppelt vor.`,
        );
      if (e.prev_hash !== prev)
        problem(
          e,
          seq,
          'Verweis auf den vorigen Eintrag stimmt nicht (Eintrag davor geändert oder gelöscht).',
        );
      const version = Number(e.chain_version);
      if (version !== 1 && version !== 2)
        problem(e, seq, `Unbekanntes Hash-Format (Version ${e.chain_version}).`);
      else if (entryHash(fieldsOf(e, seq, e.prev_hash ?? ''), version) !== e.hash)
        problem(e, seq, 'Inhalt passt nicht zum gespeicherten Hash (Eintrag wurde geändert).');
      prev = e.hash ?? '';
      expected = seq + 1;
    }
    if (head && (Number(head.seq) !== expected - 1 || head.hash !== prev))
      problem(
        null,
        Number(head.seq),
        `Das Protokoll endet bei Nr. ${expected - 1}, zuletzt geschrieben wurde Nr. ${head.seq} (Einträge am Ende gelöscht).`,
      );
    report.tenants.push({ tenantId: t, entries: rows.length });
  }
  return report;
}

/** The name of an actor, for tables that keep only a name (import_run.actor). */
export function actorName(a: string | AuditActor | undefined): string {
  return a === undefined ? 'system' : typeof a === 'string' ? a : a.actor;
}
