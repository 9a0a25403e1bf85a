// API tokens: listed, created (the secret is shown once) and revoked by their owner or an
// administrator. Every change is written with its audit entry in one transaction.
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, notFound, unauthorized } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import type { Principal } from './principal.ts';
import { newSecret, sha256 } from './secrets.ts';

export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listTokens(db: Sql, principal: Principal): Promise<ApiTokenInfo[]> {
  const rows = await db.query<{
    id: number;
    name: string;
    prefix: string;
    scopes: string[];
    created_at: Date;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>(
    `SELECT id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at
       FROM api_token WHERE tenant_id = $1 AND user_id = $2 ORDER BY id DESC`,
    [principal.tenantId, principal.userId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  }));
}

/** Creates a token for one's own scripts; the secret is shown once. Scopes ⊆ own permissions. */
export async function createToken(
  db: Db,
  principal: Principal,
  input: { name: string; scopes: string[]; expiresInDays: number | null },
  actor: AuditActor,
): Promise<{ token: string; info: ApiTokenInfo }> {
  if (principal.userId === null) throw unauthorized();
  const notOwn = input.scopes.filter((s) => !principal.permissions.has(s));
  if (notOwn.length)
    throw badRequest(
      `Ein Token kann nur Berechtigungen erhalten, die Sie selbst haben; nicht: ${notOwn.join(', ')}.`,
      [{ in: 'body', field: 'scopes', reason: 'nicht eigene Berechtigung' }],
    );
  const token = newSecret('szr_');
  const expiresAt =
    input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO api_token (tenant_id, user_id, name, token_hash, prefix, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        principal.tenantId,
        principal.userId,
        input.name.trim(),
        sha256(token),
        token.slice(0, 10),
        [...new Set(input.scopes)].sort(),
        expiresAt,
      ],
    );
    await writeAudit(tx, principal.tenantId, {
      actor,
      action: 'access.token_created',
      entity: 'api_token',
      entityId: String(row!.id),
      detail: {
        name: input.name,
        scopes: [...new Set(input.scopes)].sort(),
        expiresAt: iso(expiresAt),
      },
    });
    return row!.id;
  });
  const info = (await listTokens(db, principal)).find((t) => t.id === id)!;
  return { token, info };
}

export async function revokeToken(
  db: Db,
  access: AccessControl,
  principal: Principal,
  id: number,
  actor: AuditActor,
): Promise<ApiTokenInfo> {
  const hash = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ token_hash: string }>(
      `UPDATE api_token SET revoked_at = coalesce(revoked_at, now())
        WHERE tenant_id = $1 AND user_id = $2 AND id = $3 RETURNING token_hash`,
      [principal.tenantId, principal.userId, id],
    );
    if (!row) throw notFound(`Das Token ${id} gibt es nicht.`);
    await writeAudit(tx, principal.tenantId, {
      actor,
      action: 'access.token_revoked',
      entity: 'api_token',
      entityId: String(id),
    });
    return row.token_hash;
  });
  access.invalidateToken(hash);
  return (await listTokens(db, principal)).find((t) => t.id === id)!;
}
