// Chain versions (ADR 0021): entries written before RFC 8785 hashing (version 1) and after it
// (version 2) verify together in one chain; tampering is found in both; an outside verifier that
// knows only RFC 8785 and SHA-256 reproduces every version-2 hash from the stored row.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { entryHash, GENESIS_HASH, sealAuditChain, verifyAuditChain, writeAudit } from './chain.ts';

let db: Db;

/** Writes one version-1 entry the way the code before ADR 0021 did. */
async function writeV1(seq: number, prevHash: string, detail: unknown): Promise<string> {
  const atMs = 1767225600000 + seq;
  const fields = {
    tenantId: 'berlin',
    seq,
    atMs,
    actor: 'alt@berlin.example',
    userId: null,
    permission: 'indicators.edit',
    ip: null,
    requestId: null,
    action: 'indicators.update',
    entity: 'indicator',
    entityId: `alt_${seq}`,
    detail,
    prevHash,
  };
  const hash = entryHash(fields, 1);
  await db.query(
    `INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, detail, permission,
                            seq, prev_hash, hash, chain_version)
     VALUES ('berlin', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)`,
    [
      new Date(atMs),
      fields.actor,
      fields.action,
      fields.entity,
      fields.entityId,
      JSON.stringify(detail),
      fields.permission,
      seq,
      prevHash,
      hash,
    ],
  );
  await db.query(
    `INSERT INTO audit_chain_head (tenant_id, seq, hash) VALUES ('berlin', $1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET seq = $1, hash = $2`,
    [seq, hash],
  );
  return hash;
}

/** Two old entries (one with integer-like keys, where the formats differ), then three new ones. */
async function mixedChain(): Promise<void> {
  let prev = GENESIS_HASH;
  prev = await writeV1(1, prev, { '10': { before: 1, after: 2 }, '9': 'neun' });
  await writeV1(2, prev, { methodNote: { before: null, after: 'alt' } });
  for (let i = 3; i <= 5; i++)
    await db.transaction((tx) =>
      writeAudit(tx, 'berlin', {
        actor: { actor: 'neu@berlin.example', userId: null, permission: 'indicators.edit' },
        action: 'indicators.update',
        entity: 'indicator',
        entityId: `neu_${i}`,
        detail: { '10': { before: i, after: i + 1 }, '9': 'neun', note: 'Straße' },
      }),
    );
}

interface Row {
  tenant_id: string;
  seq: number;
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
  prev_hash: string;
  hash: string;
  chain_version: number;
}

const rows = () =>
  db.query<Row>(
    `SELECT tenant_id, seq::int AS seq, round(extract(epoch FROM at) * 1000)::float8 AS at_ms, actor,
            user_id, permission, ip, request_id, action, entity, entity_id, detail, prev_hash, hash,
            chain_version
       FROM audit_log ORDER BY seq`,
  );

beforeEach(async () => {
  db = await createTestDb();
  await db.exec("INSERT INTO tenant (id, ags, name) VALUES ('berlin', '11000000', 'Berlin')");
});
afterEach(async () => {
  await db.close();
});

describe('audit chain versions', () => {
  it('old (version 1) and new (version 2) entries verify together in one chain', async () => {
    await mixedChain();
    const stored = await rows();
    expect(stored.map((r) => [r.seq, r.chain_version])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 2],
    ]);
    expect(stored[2]!.prev_hash).toBe(stored[1]!.hash);
    const report = await verifyAuditChain(db);
    expect(report.problems).toEqual([]);
    expect(report.tenants).toEqual([{ tenantId: 'berlin', entries: 5 }]);
  });

  it('an outside verifier reproduces every version-2 hash with RFC 8785 and SHA-256 alone', async () => {
    await mixedChain();
    const v2 = (await rows()).filter((r) => r.chain_version === 2);
    expect(v2).toHaveLength(3);
    for (const r of v2) {
      const text = canonicalize([
        2,
        r.tenant_id,
        Number(r.seq),
        Number(r.at_ms),
        r.actor,
        r.user_id,
        r.permission,
        r.ip,
        r.request_id,
        r.action,
        r.entity,
        r.entity_id,
        r.detail,
        r.prev_hash,
      ])!;
      expect(text).toContain('{"10":{"after":');
      expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(r.hash);
    }
  });

  it('finds a changed old entry and a changed new entry', async () => {
    await mixedChain();
    await db.query(
      `UPDATE audit_log SET detail = '{"10": {"before": 1, "after": 3}}' WHERE seq = 1`,
    );
    await db.query(`UPDATE audit_log SET actor = 'jemand' WHERE seq = 4`);
    const { problems } = await verifyAuditChain(db);
    expect(
      problems.filter((p) => p.problem.startsWith('Inhalt passt nicht')).map((p) => p.seq),
    ).toEqual([1, 4]);
  });

  it('finds an entry whose version was switched (the version is part of the hash)', async () => {
    await mixedChain();
    await db.query('UPDATE audit_log SET chain_version = 1 WHERE seq = 3');
    await db.query('UPDATE audit_log SET chain_version = 2 WHERE seq = 2');
    const { problems } = await verifyAuditChain(db);
    expect(problems.map((p) => p.seq).sort()).toEqual([2, 3]);
  });

  it('refuses an unknown version in the database', async () => {
    await mixedChain();
    await expect(
      db.query('UPDATE audit_log SET chain_version = 3 WHERE seq = 3'),
    ).rejects.toThrow();
  });

  it('seals entries from before the chain with version 2', async () => {
    await db.query(
      `INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, detail)
       VALUES ('berlin', now(), 'alt', 'indicators.update', 'indicator', 'a', '{"2": 1, "10": 2}'),
              ('berlin', now(), 'alt', 'indicators.update', 'indicator', 'b', '{}')`,
    );
    expect(await sealAuditChain(db)).toBe(2);
    expect((await rows()).map((r) => r.chain_version)).toEqual([2, 2]);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });
});
