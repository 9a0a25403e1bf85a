// The people of a tenant: create, change, deactivate, hand out a setup or reset link, and the
// first administrator of a fresh installation. Every change is written with its audit entry.
import type { Config } from '../../config.ts';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import type { Principal } from './principal.ts';
import { hashPassword, passwordProblem, sha256 } from './secrets.ts';
import {
  deleteUserRoles,
  departmentExists,
  emailTaken,
  insertUser,
  insertUserRole,
  insertUserWithPassword,
  lockTenant,
  selectRoleIds,
  tenantHasUsers,
  unlinkUserSso,
  updateUserProfile,
} from './store-people.ts';
import { deleteUserSsoSessions } from './store-sessions.ts';
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
  const known = new Set(await selectRoleIds(tx, tenantId));
  const unknown = roles.filter((r) => !known.has(r) || r === 'anonymous');
  if (unknown.length)
    throw badRequest(`Unbekannte Rolle: ${unknown.map((r) => `„${r}“`).join(', ')}.`, [
      { in: 'body', field: 'roles', reason: 'unbekannt' },
    ]);
  if (departmentId !== null) {
    if (!(await departmentExists(tx, tenantId, departmentId)))
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
    if (await emailTaken(tx, input.email.trim()))
      throw conflict(`Es gibt schon ein Konto mit der Adresse ${input.email}.`);
    const id = await insertUser(tx, tenantId, {
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      departmentId: input.departmentId,
    });
    for (const role of input.roles) await insertUserRole(tx, tenantId, id, role);
    const user = (await findUser(tx, tenantId, id))!;
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
    await updateUserProfile(tx, tenantId, userId, {
      email: patch.email?.trim() ?? before.email,
      displayName: patch.displayName?.trim() ?? before.display_name,
      departmentId,
      active: patch.active ?? before.active,
    });
    if (patch.roles) {
      await deleteUserRoles(tx, tenantId, userId);
      for (const role of new Set(patch.roles)) await insertUserRole(tx, tenantId, userId, role);
    }
    if (patch.sso === false && before.oidc_subject !== null) {
      await unlinkUserSso(tx, tenantId, userId);
      // A wrong link may have let the wrong person in: the sessions it started end with it
      // (sessions started with the password stay).
      await deleteUserSsoSessions(tx, tenantId, userId);
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
    await lockTenant(tx, tenantId);
    if (await tenantHasUsers(tx, tenantId))
      throw conflict('Es gibt schon eine Administration; bitte anmelden.');
    const id = await insertUserWithPassword(tx, tenantId, {
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      passwordHash: hash,
    });
    await insertUserRole(tx, tenantId, id, 'administrator');
    const user = (await findUser(tx, tenantId, id))!;
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
