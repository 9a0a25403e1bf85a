// The people of a tenant: create, change, deactivate, hand out a setup or reset link, and the
// first administrator of a fresh installation. Every change is written with its audit entry.
import type { Config } from '../../config.ts';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import type { Principal } from './principal.ts';
import { hashPassword, passwordProblem, sha256 } from './secrets.ts';
import { findUser, listUsers, type UserRow } from './store.ts';
import {
  createOneTimeLink,
  createSession,
  endSessions,
  type NewSession,
} from './service-sessions.ts';

export interface PublicUser {
  id: number;
  email: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
  active: boolean;
  hasPassword: boolean;
  sso: boolean;
}

export function toPublicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    departmentId: u.department_id,
    roles: u.roles,
    active: u.active,
    hasPassword: u.password_hash !== null,
    sso: u.oidc_subject !== null,
  };
}

export interface UserInput {
  email: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
}

async function checkRolesAndDepartment(
  tx: Sql,
  tenantId: string,
  roles: readonly string[],
  departmentId: string | null,
): Promise<void> {
  const known = new Set(
    (await tx.query<{ id: string }>('SELECT id FROM role WHERE tenant_id = $1', [tenantId])).map(
      (r) => r.id,
    ),
  );
  const unknown = roles.filter((r) => !known.has(r) || r === 'anonymous');
  if (unknown.length)
    throw badRequest(`Unbekannte Rolle: ${unknown.map((r) => `„${r}“`).join(', ')}.`, [
      { in: 'body', field: 'roles', reason: 'unbekannt' },
    ]);
  if (departmentId !== null) {
    const rows = await tx.query('SELECT 1 FROM department WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      departmentId,
    ]);
    if (rows.length === 0)
      throw badRequest(`Die Abteilung „${departmentId}“ gibt es nicht.`, [
        { in: 'body', field: 'departmentId', reason: 'unbekannt' },
      ]);
  }
}

/** Creates a person without a password; returns the one-time setup link to hand over. */
export async function createUser(
  db: Db,
  config: Config,
  tenantId: string,
  input: UserInput,
  actor: AuditActor,
): Promise<{ user: PublicUser; setupLink: { url: string; expiresAt: Date } }> {
  return db.transaction(async (tx) => {
    await checkRolesAndDepartment(tx, tenantId, input.roles, input.departmentId);
    const existing = await tx.query('SELECT 1 FROM app_user WHERE lower(email) = lower($1)', [
      input.email.trim(),
    ]);
    if (existing.length) throw conflict(`Es gibt schon ein Konto mit der Adresse ${input.email}.`);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO app_user (tenant_id, email, display_name, department_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, input.email.trim(), input.displayName.trim(), input.departmentId],
    );
    for (const role of input.roles)
      await tx.query('INSERT INTO user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
        tenantId,
        row!.id,
        role,
      ]);
    const user = (await findUser(tx, tenantId, row!.id))!;
    const setupLink = await createOneTimeLink(tx, config, user, 'setup');
    await writeAudit(tx, tenantId, {
      actor,
      action: 'access.user_created',
      entity: 'user',
      entityId: String(user.id),
      detail: diffRecords(null, publicRecord(user)),
    });
    return { user: toPublicUser(user), setupLink };
  });
}

/** A person as recorded in the audit log (without the password hash). */
export function publicRecord(u: UserRow): Record<string, unknown> {
  const { password_hash: _omit, ...rest } = u;
  return { ...rest, has_password: u.password_hash !== null };
}

/**
 * Changes a person's name, department, roles or active flag; `sso: false` removes the link to a
 * single sign-on identity (issuer, sub), so the next SSO sign-in links again by verified e-mail.
 */
export async function updateUser(
  db: Db,
  access: AccessControl,
  principal: Principal,
  userId: number,
  patch: Partial<UserInput> & { active?: boolean; sso?: false },
  actor: AuditActor,
): Promise<PublicUser> {
  const tenantId = principal.tenantId;
  const result = await db.transaction(async (tx) => {
    const before = await findUser(tx, tenantId, userId);
    if (!before) throw notFound(`Die Person ${userId} gibt es nicht.`);
    if (
      userId === principal.userId &&
      (patch.active === false ||
        (patch.roles &&
          !patch.roles.includes('administrator') &&
          before.roles.includes('administrator')))
    )
      throw forbidden(
        'Das eigene Konto kann nicht gesperrt oder aus der Administration genommen werden.',
      );
    const departmentId =
      patch.departmentId !== undefined ? patch.departmentId : before.department_id;
    await checkRolesAndDepartment(tx, tenantId, patch.roles ?? [], departmentId);
    await tx.query(
      `UPDATE app_user SET email = $3, display_name = $4, department_id = $5, active = $6, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        userId,
        patch.email?.trim() ?? before.email,
        patch.displayName?.trim() ?? before.display_name,
        departmentId,
        patch.active ?? before.active,
      ],
    );
    if (patch.roles) {
      await tx.query('DELETE FROM user_role WHERE tenant_id = $1 AND user_id = $2', [
        tenantId,
        userId,
      ]);
      for (const role of new Set(patch.roles))
        await tx.query('INSERT INTO user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
          tenantId,
          userId,
          role,
        ]);
    }
    if (patch.sso === false && before.oidc_subject !== null) {
      await tx.query(
        `UPDATE app_user SET oidc_issuer = NULL, oidc_subject = NULL, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, userId],
      );
      // A wrong link may have let the wrong person in: the sessions it started end with it
      // (sessions started with the password stay).
      await tx.query(
        `DELETE FROM user_session WHERE tenant_id = $1 AND user_id = $2 AND oidc_issuer IS NOT NULL`,
        [tenantId, userId],
      );
    }
    if (patch.active === false) await endSessions(tx, tenantId, userId);
    const after = (await findUser(tx, tenantId, userId))!;
    await writeAudit(tx, tenantId, {
      actor,
      action: 'access.user_updated',
      entity: 'user',
      entityId: String(userId),
      detail: diffRecords(publicRecord(before), publicRecord(after)),
    });
    return toPublicUser(after);
  });
  access.invalidateUser(tenantId, userId);
  return result;
}

/** A new one-time link for a person (forgotten password, lost setup link). */
export async function issueResetLink(
  db: Db,
  config: Config,
  tenantId: string,
  userId: number,
  actor: AuditActor,
): Promise<{ url: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const user = await findUser(tx, tenantId, userId);
    if (!user) throw notFound(`Die Person ${userId} gibt es nicht.`);
    const link = await createOneTimeLink(tx, config, user, user.password_hash ? 'reset' : 'setup');
    await writeAudit(tx, tenantId, {
      actor,
      action: 'access.reset_link_issued',
      entity: 'user',
      entityId: String(userId),
    });
    return link;
  });
}

export async function listPublicUsers(db: Sql, tenantId: string): Promise<PublicUser[]> {
  return (await listUsers(db, tenantId)).map(toPublicUser);
}

/**
 * The first administrator of a fresh installation, from the one-time setup link printed at the
 * first start (issue 3: no default password). Works only while the tenant has no person at all.
 */
export async function setupFirstAdministrator(
  db: Db,
  access: AccessControl,
  tenantId: string,
  input: { token: string; email: string; displayName: string; password: string },
  from: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<{ session: NewSession; user: UserRow }> {
  const expected = access.setupTokenHash;
  if (!expected || sha256(input.token) !== expected)
    throw badRequest(
      'Der Einrichtungslink ist ungültig oder wurde schon benutzt. Er steht nach jedem Start im Server-Log, solange es noch keine Person gibt.',
    );
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw badRequest(problem, [{ in: 'body', field: 'password', reason: problem }]);
  const hash = await hashPassword(input.password);
  const result = await db.transaction(async (tx) => {
    await tx.query('SELECT id FROM tenant WHERE id = $1 FOR UPDATE', [tenantId]);
    const existing = await tx.query('SELECT 1 FROM app_user WHERE tenant_id = $1 LIMIT 1', [
      tenantId,
    ]);
    if (existing.length) throw conflict('Es gibt schon eine Administration; bitte anmelden.');
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO app_user (tenant_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, input.email.trim(), input.displayName.trim(), hash],
    );
    await tx.query('INSERT INTO user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
      tenantId,
      row!.id,
      'administrator',
    ]);
    const user = (await findUser(tx, tenantId, row!.id))!;
    await writeAudit(tx, tenantId, {
      actor: { actor: user.email, userId: user.id, ip: from.ip, requestId: from.requestId },
      action: 'access.user_created',
      entity: 'user',
      entityId: String(user.id),
      detail: {
        ...diffRecords(null, publicRecord(user)),
        method: { before: null, after: 'setup' },
      },
    });
    const session = await createSession(tx, access, user, from);
    return { session, user };
  });
  access.setupTokenHash = null;
  return result;
}
