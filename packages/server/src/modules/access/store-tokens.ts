// SQL of API tokens (the lookup by hash at every request is in store.ts: findToken).
import type { Sql } from '../../db/db.ts';

export interface TokenListRow {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A person's own tokens, newest first (never the hash). */
export function selectTokens(
  db: Sql,
  tenantId: string,
  userId: number | null,
): Promise<TokenListRow[]> {
  return db.query<TokenListRow>(
    `SELECT id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at
       FROM api_token WHERE tenant_id = $1 AND user_id = $2 ORDER BY id DESC`,
    [tenantId, userId],
  );
}

export interface NewTokenRow {
  tenantId: string;
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
}

/** Stores a new token (its SHA-256 hash, never the secret); returns its id. */
export async function insertToken(tx: Sql, t: NewTokenRow): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO api_token (tenant_id, user_id, name, token_hash, prefix, scopes, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [t.tenantId, t.userId, t.name, t.tokenHash, t.prefix, t.scopes, t.expiresAt],
  );
  return row!.id;
}

/** Revokes one of a person's tokens (idempotent); its hash, or undefined when it is not theirs. */
export async function revokeOwnToken(
  tx: Sql,
  tenantId: string,
  userId: number | null,
  id: number,
): Promise<string | undefined> {
  const [row] = await tx.query<{ token_hash: string }>(
    `UPDATE api_token SET revoked_at = coalesce(revoked_at, now())
      WHERE tenant_id = $1 AND user_id = $2 AND id = $3 RETURNING token_hash`,
    [tenantId, userId, id],
  );
  return row?.token_hash;
}
