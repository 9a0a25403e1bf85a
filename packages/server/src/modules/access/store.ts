// SQL of the access module: the permission catalogue, roles, departments, accounts, sessions,
// API tokens and one-time links. Secrets are never stored: only their SHA-256.
import type { Sql } from '../../db/db.ts';
import { BUILTIN_ROLES, DEFAULT_DEPARTMENTS, PERMISSIONS } from './permissions.ts';

/** Brings the permission catalogue, the built-in roles and the default departments up to date. */
export async function syncAccessData(tx: Sql, tenantId: string): Promise<void> {
  for (const [id, description] of Object.entries(PERMISSIONS)) {
    await tx.query(
      `INSERT INTO permission (id, module, description_de) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET module = excluded.module, description_de = excluded.description_de`,
      [id, id.split('.')[0], description],
    );
  }
  for (const role of BUILTIN_ROLES) {
    await tx.query(
      `INSERT INTO role (tenant_id, id, name_de, description_de, builtin) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name_de = excluded.name_de,
         description_de = excluded.description_de, builtin = true`,
      [tenantId, role.id, role.nameDe, role.descriptionDe],
    );
    await tx.query(
      `DELETE FROM role_permission WHERE tenant_id = $1 AND role_id = $2 AND NOT (permission_id = ANY($3::text[]))`,
      [tenantId, role.id, role.permissions],
    );
    await tx.query(
      `INSERT INTO role_permission (tenant_id, role_id, permission_id)
       SELECT $1, $2, p FROM unnest($3::text[]) AS p ON CONFLICT DO NOTHING`,
      [tenantId, role.id, role.permissions],
    );
  }
  for (const d of DEFAULT_DEPARTMENTS) {
    await tx.query(
      `INSERT INTO department (tenant_id, id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [tenantId, d.id, d.name],
    );
  }
}

/** Permissions of each role of a tenant. */
export async function rolePermissions(
  db: Sql,
  tenantId: string,
): Promise<Map<string, Set<string>>> {
  const rows = await db.query<{ role_id: string; permission_id: string }>(
    'SELECT role_id, permission_id FROM role_permission WHERE tenant_id = $1',
    [tenantId],
  );
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    let set = map.get(r.role_id);
    if (!set) map.set(r.role_id, (set = new Set()));
    set.add(r.permission_id);
  }
  return map;
}

export interface UserRow {
  tenant_id: string;
  id: number;
  email: string;
  display_name: string;
  password_hash: string | null;
  department_id: string | null;
  active: boolean;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  roles: string[];
}

const USER_COLUMNS = `u.tenant_id, u.id, u.email, u.display_name, u.password_hash, u.department_id, u.active,
  u.oidc_issuer, u.oidc_subject,
  coalesce((SELECT array_agg(r.role_id ORDER BY r.role_id) FROM user_role r
             WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id), '{}') AS roles`;

export async function findUserByEmail(db: Sql, email: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM app_user u WHERE lower(u.email) = lower($1)`,
    [email.trim()],
  );
  return row;
}

export async function findUser(
  db: Sql,
  tenantId: string,
  id: number,
): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM app_user u WHERE u.tenant_id = $1 AND u.id = $2`,
    [tenantId, id],
  );
  return row;
}

export async function findUserByOidc(
  db: Sql,
  issuer: string,
  subject: string,
): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM app_user u WHERE u.oidc_issuer = $1 AND u.oidc_subject = $2`,
    [issuer, subject],
  );
  return row;
}

export async function listUsers(db: Sql, tenantId: string): Promise<UserRow[]> {
  return db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM app_user u WHERE u.tenant_id = $1 ORDER BY lower(u.display_name), u.id`,
    [tenantId],
  );
}

export interface SessionRow {
  tenant_id: string;
  user_id: number;
  csrf_token: string;
  expires_at: Date | string;
  last_seen_at: Date | string;
  created_at: Date | string;
}

export async function findSession(db: Sql, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow>(
    `SELECT tenant_id, user_id, csrf_token, expires_at, last_seen_at, created_at
       FROM user_session WHERE id_hash = $1`,
    [idHash],
  );
  return row;
}

export interface TokenRow {
  tenant_id: string;
  id: number;
  user_id: number;
  scopes: string[];
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

export async function findToken(db: Sql, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(
    `SELECT tenant_id, id, user_id, scopes, expires_at, revoked_at FROM api_token WHERE token_hash = $1`,
    [tokenHash],
  );
  return row;
}

export async function tenantExists(db: Sql, tenantId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM tenant WHERE id = $1', [tenantId]);
  return rows.length > 0;
}

export interface TenantRow {
  id: string;
  name: string;
  ags: string;
}

/** The tenant's name and AGS, or undefined for an unknown id. */
export async function findTenant(db: Sql, tenantId: string): Promise<TenantRow | undefined> {
  const [row] = await db.query<TenantRow>('SELECT id, name, ags FROM tenant WHERE id = $1', [
    tenantId,
  ]);
  return row;
}

/** Ends a session (expired or signed out). */
export async function deleteSession(db: Sql, idHash: string): Promise<void> {
  await db.query('DELETE FROM user_session WHERE id_hash = $1', [idHash]);
}

/** Records when a session was last used (the idle limit counts from here). */
export async function touchSessionRow(db: Sql, idHash: string, at: Date): Promise<void> {
  await db.query('UPDATE user_session SET last_seen_at = $2 WHERE id_hash = $1', [idHash, at]);
}

/** Records when an API token was last used. */
export async function touchToken(db: Sql, tokenHash: string): Promise<void> {
  await db.query('UPDATE api_token SET last_used_at = now() WHERE token_hash = $1', [tokenHash]);
}

/** The ids of the tenant's departments. */
export function selectDepartmentIds(tx: Sql, tenantId: string): Promise<{ id: string }[]> {
  return tx.query<{ id: string }>('SELECT id FROM department WHERE tenant_id = $1', [tenantId]);
}

/** The tenant's name (none or one row). */
export function selectTenantName(tx: Sql, tenantId: string): Promise<{ name: string }[]> {
  return tx.query<{ name: string }>('SELECT name FROM tenant WHERE id = $1', [tenantId]);
}

/** Sets (or clears) the tenant a tenant belongs to (a municipality's district). */
export async function setTenantParent(
  tx: Sql,
  tenantId: string,
  parentId: string | null,
): Promise<void> {
  await tx.query('UPDATE tenant SET parent_id = $2 WHERE id = $1', [tenantId, parentId]);
}
