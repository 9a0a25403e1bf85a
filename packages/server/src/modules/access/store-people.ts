// SQL of the people of a tenant (service-people.ts, service-sessions.ts, oidc.ts): accounts, their
// roles, passwords and single sign-on links. Reading a person is in store.ts (findUser …).
import type { Sql } from '../../db/db.ts';

/** The ids of the tenant's roles. */
export async function selectRoleIds(tx: Sql, tenantId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM role WHERE tenant_id = $1', [
    tenantId,
  ]);
  return rows.map((r) => r.id);
}

/** Whether the tenant has this department. */
export async function departmentExists(
  tx: Sql,
  tenantId: string,
  departmentId: string,
): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM department WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    departmentId,
  ]);
  return rows.length > 0;
}

/** Whether any account (of any tenant) has this e-mail address, ignoring case. */
export async function emailTaken(tx: Sql, email: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM app_user WHERE lower(email) = lower($1)', [email]);
  return rows.length > 0;
}

/** Stores a person without a password; returns the id. */
export async function insertUser(
  tx: Sql,
  tenantId: string,
  u: { email: string; displayName: string; departmentId: string | null },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO app_user (tenant_id, email, display_name, department_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenantId, u.email, u.displayName, u.departmentId],
  );
  return row!.id;
}

/** Stores a person with a password (the first administrator); returns the id. */
export async function insertUserWithPassword(
  tx: Sql,
  tenantId: string,
  u: { email: string; displayName: string; passwordHash: string },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO app_user (tenant_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenantId, u.email, u.displayName, u.passwordHash],
  );
  return row!.id;
}

/**
 * Stores a person linked to a single sign-on identity; undefined when the address or identity is
 * taken already (a simultaneous first sign-in must not end in a 500).
 */
export async function insertSsoUser(
  tx: Sql,
  tenantId: string,
  u: { email: string; displayName: string; issuer: string; subject: string },
): Promise<number | undefined> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO app_user (tenant_id, email, display_name, oidc_issuer, oidc_subject)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
    [tenantId, u.email, u.displayName, u.issuer, u.subject],
  );
  return row?.id;
}

/** Gives a person a role. */
export async function insertUserRole(
  tx: Sql,
  tenantId: string,
  userId: number,
  roleId: string,
): Promise<void> {
  await tx.query('INSERT INTO user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
    tenantId,
    userId,
    roleId,
  ]);
}

/** Takes every role from a person. */
export async function deleteUserRoles(tx: Sql, tenantId: string, userId: number): Promise<void> {
  await tx.query('DELETE FROM user_role WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
}

/** Writes a person's address, name, department and active flag. */
export async function updateUserProfile(
  tx: Sql,
  tenantId: string,
  userId: number,
  u: { email: string; displayName: string; departmentId: string | null; active: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE app_user SET email = $3, display_name = $4, department_id = $5, active = $6, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, userId, u.email, u.displayName, u.departmentId, u.active],
  );
}

/** Writes a person's new password hash. */
export async function updatePasswordHash(
  tx: Sql,
  tenantId: string,
  userId: number,
  passwordHash: string,
): Promise<void> {
  await tx.query(
    'UPDATE app_user SET password_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
    [tenantId, userId, passwordHash],
  );
}

/** Links a person to a single sign-on identity (issuer, sub). */
export async function linkUserSso(
  tx: Sql,
  tenantId: string,
  userId: number,
  issuer: string,
  subject: string,
): Promise<void> {
  await tx.query(
    `UPDATE app_user SET oidc_issuer = $3, oidc_subject = $4, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, userId, issuer, subject],
  );
}

/** Removes a person's link to a single sign-on identity. */
export async function unlinkUserSso(tx: Sql, tenantId: string, userId: number): Promise<void> {
  await tx.query(
    `UPDATE app_user SET oidc_issuer = NULL, oidc_subject = NULL, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, userId],
  );
}

/** Locks the tenant's row until the transaction ends (one first administrator at a time). */
export async function lockTenant(tx: Sql, tenantId: string): Promise<void> {
  await tx.query('SELECT id FROM tenant WHERE id = $1 FOR UPDATE', [tenantId]);
}

/** Whether the tenant has any person at all. */
export async function tenantHasUsers(tx: Sql, tenantId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM app_user WHERE tenant_id = $1 LIMIT 1', [tenantId]);
  return rows.length > 0;
}
