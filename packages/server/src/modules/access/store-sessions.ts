// SQL of sessions and one-time links (service-sessions.ts). Secrets are never stored: only their
// SHA-256. The lookup of a session at every request is in store.ts (findSession).
import type { Sql } from '../../db/db.ts';

export interface NewSessionRow {
  idHash: string;
  tenantId: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  oidcIssuer: string | null;
  oidcIdToken: string | null;
}

/** Stores a new session (the hash of its id, never the cookie value). */
export async function insertSession(tx: Sql, s: NewSessionRow): Promise<void> {
  await tx.query(
    `INSERT INTO user_session (id_hash, tenant_id, user_id, csrf_token, expires_at, ip, user_agent,
                               oidc_issuer, oidc_id_token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      s.idHash,
      s.tenantId,
      s.userId,
      s.csrfToken,
      s.expiresAt,
      s.ip,
      s.userAgent,
      s.oidcIssuer,
      s.oidcIdToken,
    ],
  );
}

export interface SessionSsoRow {
  oidc_issuer: string | null;
  oidc_id_token: string | null;
}

/** Ends a session; returns its single sign-on provider and ID token (undefined when none was). */
export async function deleteSessionReturningSso(
  tx: Sql,
  idHash: string,
): Promise<SessionSsoRow | undefined> {
  const [row] = await tx.query<SessionSsoRow>(
    'DELETE FROM user_session WHERE id_hash = $1 RETURNING oidc_issuer, oidc_id_token',
    [idHash],
  );
  return row;
}

/** Ends every session of a user. */
export async function deleteUserSessions(tx: Sql, tenantId: string, userId: number): Promise<void> {
  await tx.query('DELETE FROM user_session WHERE tenant_id = $1 AND user_id = $2', [
    tenantId,
    userId,
  ]);
}

/** Ends the sessions of a user that single sign-on started (password sessions stay). */
export async function deleteUserSsoSessions(
  tx: Sql,
  tenantId: string,
  userId: number,
): Promise<void> {
  await tx.query(
    `DELETE FROM user_session WHERE tenant_id = $1 AND user_id = $2 AND oidc_issuer IS NOT NULL`,
    [tenantId, userId],
  );
}

/** Marks a user's unused one-time links as used: they stop working. */
export async function expireOpenLinks(tx: Sql, tenantId: string, userId: number): Promise<void> {
  await tx.query(
    'UPDATE password_reset SET used_at = now() WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL',
    [tenantId, userId],
  );
}

/** Stores a one-time link (the hash of its token). */
export async function insertOneTimeLink(
  tx: Sql,
  link: {
    tokenHash: string;
    tenantId: string;
    userId: number;
    purpose: 'reset' | 'setup';
    expiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO password_reset (token_hash, tenant_id, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [link.tokenHash, link.tenantId, link.userId, link.purpose, link.expiresAt],
  );
}

export interface OneTimeLinkRow {
  tenant_id: string;
  user_id: number;
  purpose: string;
  expired: boolean;
  used: boolean;
}

/** A one-time link by the hash of its token, with whether it expired or was used. */
export async function selectOneTimeLink(
  db: Sql,
  tokenHash: string,
): Promise<OneTimeLinkRow | undefined> {
  const [row] = await db.query<OneTimeLinkRow>(
    `SELECT tenant_id, user_id, purpose, expires_at <= now() AS expired, used_at IS NOT NULL AS used
       FROM password_reset WHERE token_hash = $1`,
    [tokenHash],
  );
  return row;
}

/** Uses a one-time link up; false when it was used already (checked in the same statement). */
export async function consumeOneTimeLink(tx: Sql, tokenHash: string): Promise<boolean> {
  const used = await tx.query(
    'UPDATE password_reset SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING 1',
    [tokenHash],
  );
  return used.length > 0;
}
