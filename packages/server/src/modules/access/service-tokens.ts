// API tokens: listed, created (the secret is shown once) and revoked by their owner or an
// administrator. Every change is written with its audit entry in one transaction.
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, notFound, unauthorized } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import type { Principal } from './principal.ts';
import { newSecret, sha256 } from './secrets.ts';
import { insertToken, revokeOwnToken, selectTokens } from './store-tokens.ts';

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
  const rows = await selectTokens(db, principal.tenantId, principal.userId);
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
  const userId = principal.userId;
  if (userId === null) throw unauthorized();
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
    const id = await insertToken(tx, {
      tenantId: principal.tenantId,
      userId,
      name: input.name.trim(),
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      scopes: [...new Set(input.scopes)].sort(),
      expiresAt,
    });
    await writeAudit(tx, principal.tenantId, {
      actor,
      action: 'access.token_created',
      entity: 'api_token',
      entityId: String(id),
      detail: {
        name: input.name,
        scopes: [...new Set(input.scopes)].sort(),
        expiresAt: iso(expiresAt),
      },
    });
    return id;
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
    const tokenHash = await revokeOwnToken(tx, principal.tenantId, principal.userId, id);
    if (tokenHash === undefined) throw notFound(`Das Token ${id} gibt es nicht.`);
    await writeAudit(tx, principal.tenantId, {
      actor,
      action: 'access.token_revoked',
      entity: 'api_token',
      entityId: String(id),
    });
    return tokenHash;
  });
  access.invalidateToken(hash);
  return (await listTokens(db, principal)).find((t) => t.id === id)!;
}
