// Sign-in, sessions, password change and reset, API tokens, and the administration of people,
// departments and roles. Every change is written with its audit entry in one transaction.
import type { Config } from '../../config.ts';
import { publicBaseUrl } from '../../config.ts';
import type { Db, Sql } from '../../db/db.ts';
import {
  badRequest,
  conflict,
  forbidden,
  HttpError,
  notFound,
  tooManyRequests,
  unauthorized,
} from '../../http/errors.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import { ALL_PERMISSIONS, BUILTIN_ROLES } from './permissions.ts';
import type { Principal } from './principal.ts';
import {
  dummyPasswordHash,
  hashPassword,
  newSecret,
  passwordProblem,
  sha256,
  verifyPassword,
} from './secrets.ts';
import { findUser, findUserByEmail, listUsers, type UserRow } from './store.ts';

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

const GENERIC_SIGN_IN_ERROR = 'E-Mail-Adresse oder Passwort ist falsch.';

function tooMany(ms: number, what = 'fehlgeschlagene Anmeldeversuche'): HttpError {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return tooManyRequests(
    `Zu viele ${what}. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
    ms,
  );
}

export interface NewSession {
  /** The cookie value (never stored). */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

/** How a session started by single sign-on can later end at the provider (RP-initiated logout). */
export interface SsoSessionInfo {
  /** Issuer of the ID token (the provider whose end_session_endpoint to use). */
  issuer: string;
  /** The ID token of the sign-in, sent back as id_token_hint. */
  idToken: string;
}

/** Creates a session for a user: a fresh random id every time (no fixation). */
export async function createSession(
  tx: Sql,
  access: AccessControl,
  user: { tenant_id: string; id: number },
  from: { ip: string | null; userAgent: string | null },
  sso?: SsoSessionInfo,
): Promise<NewSession> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + access.sessionPolicy.absoluteMs);
  await tx.query(
    `INSERT INTO user_session (id_hash, tenant_id, user_id, csrf_token, expires_at, ip, user_agent,
                               oidc_issuer, oidc_id_token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      sha256(secret),
      user.tenant_id,
      user.id,
      csrfToken,
      expiresAt,
      from.ip,
      from.userAgent?.slice(0, 300) ?? null,
      sso?.issuer ?? null,
      sso?.idToken ?? null,
    ],
  );
  return { secret, csrfToken, expiresAt };
}

/** Checks e-mail and password (argon2id), slowed down after failures; creates a session. */
export async function signIn(
  db: Db,
  access: AccessControl,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | null;
    requestId: string;
  },
): Promise<{ session: NewSession; user: UserRow }> {
  const accountKey = input.email.trim().toLowerCase();
  // sign-in's own budget per address (not the anonymous-write budget): see throttle.ts
  const busy = access.signInAttempts.hit(input.ip);
  if (busy > 0) throw tooMany(busy, 'Anmeldeversuche von dieser Adresse');
  const wait = Math.max(
    access.signInPerAccount.retryAfterMs(accountKey),
    access.signInPerIp.retryAfterMs(input.ip),
  );
  if (wait > 0) throw tooMany(wait);
  const user = await findUserByEmail(db, input.email);
  // Verify against a dummy hash when there is no such account: the answer takes as long either way.
  const ok = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !user.password_hash || !ok || !user.active) {
    access.signInPerAccount.fail(accountKey);
    access.signInPerIp.fail(input.ip);
    if (user)
      await db.transaction((tx) =>
        writeAudit(tx, user.tenant_id, {
          actor: { actor: user.email, userId: user.id, ip: input.ip, requestId: input.requestId },
          action: 'access.sign_in_failed',
          entity: 'user',
          entityId: String(user.id),
          detail: { reason: !user.active ? 'gesperrt' : 'Passwort falsch' },
        }),
      );
    throw unauthorized(GENERIC_SIGN_IN_ERROR);
  }
  access.signInPerAccount.succeed(accountKey);
  const session = await db.transaction(async (tx) => {
    const s = await createSession(tx, access, user, { ip: input.ip, userAgent: input.userAgent });
    await writeAudit(tx, user.tenant_id, {
      actor: { actor: user.email, userId: user.id, ip: input.ip, requestId: input.requestId },
      action: 'access.sign_in',
      entity: 'user',
      entityId: String(user.id),
      detail: { method: 'password' },
    });
    return s;
  });
  return { session, user };
}

/**
 * Ends the session of this principal (the cookie becomes worthless at once). Returns the provider
 * and ID token when the session was started by single sign-on (for the logout at the provider).
 */
export async function signOut(
  db: Db,
  access: AccessControl,
  principal: Principal,
  actor: AuditActor,
): Promise<SsoSessionInfo | undefined> {
  if (principal.kind !== 'session' || !principal.sessionHash) return undefined;
  const hash = principal.sessionHash;
  const sso = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ oidc_issuer: string | null; oidc_id_token: string | null }>(
      'DELETE FROM user_session WHERE id_hash = $1 RETURNING oidc_issuer, oidc_id_token',
      [hash],
    );
    await writeAudit(tx, principal.tenantId, {
      actor,
      action: 'access.sign_out',
      entity: 'user',
      entityId: String(principal.userId),
    });
    return row?.oidc_issuer && row.oidc_id_token
      ? { issuer: row.oidc_issuer, idToken: row.oidc_id_token }
      : undefined;
  });
  access.invalidateSession(hash);
  return sso;
}

/** Ends every session (and optionally revokes every token) of a user — after a password change. */
async function endSessions(tx: Sql, tenantId: string, userId: number): Promise<void> {
  await tx.query('DELETE FROM user_session WHERE tenant_id = $1 AND user_id = $2', [
    tenantId,
    userId,
  ]);
}

/** Changes one's own password; all sessions end and a new one starts for this browser. */
export async function changePassword(
  db: Db,
  access: AccessControl,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  actor: AuditActor,
  from: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  if (principal.userId === null) throw unauthorized();
  const user = await findUser(db, principal.tenantId, principal.userId);
  if (!user) throw unauthorized();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword)))
    throw badRequest('Das bisherige Passwort ist falsch.', [
      { in: 'body', field: 'currentPassword', reason: 'stimmt nicht' },
    ]);
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw badRequest(problem, [{ in: 'body', field: 'newPassword', reason: problem }]);
  const hash = await hashPassword(input.newPassword);
  const session = await db.transaction(async (tx) => {
    await tx.query(
      'UPDATE app_user SET password_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [user.tenant_id, user.id, hash],
    );
    await endSessions(tx, user.tenant_id, user.id);
    const s = await createSession(tx, access, user, from);
    await writeAudit(tx, user.tenant_id, {
      actor,
      action: 'access.password_changed',
      entity: 'user',
      entityId: String(user.id),
    });
    return s;
  });
  access.invalidateUser(user.tenant_id, user.id);
  return session;
}

const RESET_VALID_MS = 60 * 60_000;
const SETUP_VALID_MS = 7 * 24 * 60 * 60_000;

/** Creates a one-time link (reset: 1 hour, setup of a new account: 7 days). */
export async function createOneTimeLink(
  tx: Sql,
  config: Config,
  user: { tenant_id: string; id: number },
  purpose: 'reset' | 'setup',
): Promise<{ url: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + (purpose === 'reset' ? RESET_VALID_MS : SETUP_VALID_MS));
  // Earlier unused links of the same person stop working.
  await tx.query(
    'UPDATE password_reset SET used_at = now() WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL',
    [user.tenant_id, user.id],
  );
  await tx.query(
    `INSERT INTO password_reset (token_hash, tenant_id, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [sha256(token), user.tenant_id, user.id, purpose, expiresAt],
  );
  // The token travels in the fragment: it never reaches server logs or Referer headers.
  return { url: `${publicBaseUrl(config)}/passwort#token=${token}`, expiresAt };
}

/** Sends the reset mail when the account exists; the answer is the same either way. */
export async function requestPasswordReset(
  db: Db,
  config: Config,
  email: string,
  actor: AuditActor,
  /** Delivers the mail; the tenant is the account's (the delivery log is kept per tenant). */
  send: (to: string, subject: string, text: string, tenantId: string) => Promise<void>,
  log: (msg: string) => void,
): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || !user.active) return;
  const link = await db.transaction(async (tx) => {
    const l = await createOneTimeLink(tx, config, user, 'reset');
    await writeAudit(tx, user.tenant_id, {
      actor,
      action: 'access.reset_requested',
      entity: 'user',
      entityId: String(user.id),
    });
    return l;
  });
  const text = `Guten Tag ${user.display_name},

für Ihr Konto bei Sozialraum wurde ein neues Passwort angefordert. Über diesen Link können Sie es
innerhalb einer Stunde einmalig setzen:

${link.url}

Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.
`;
  if (config.smtpUrl)
    await send(user.email, 'Sozialraum: Passwort zurücksetzen', text, user.tenant_id);
  else log(`Kein SMTP konfiguriert – Link zum Zurücksetzen für ${user.email}: ${link.url}`);
}

/** Sets a new password with a one-time link; ends all sessions of the account. */
export async function resetPassword(
  db: Db,
  access: AccessControl,
  input: { token: string; newPassword: string },
  from: { ip: string | null; requestId: string },
): Promise<{ email: string }> {
  const [row] = await db.query<{
    tenant_id: string;
    user_id: number;
    purpose: string;
    expired: boolean;
    used: boolean;
  }>(
    `SELECT tenant_id, user_id, purpose, expires_at <= now() AS expired, used_at IS NOT NULL AS used
       FROM password_reset WHERE token_hash = $1`,
    [sha256(input.token)],
  );
  if (!row || row.used || row.expired)
    throw badRequest(
      'Der Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.',
    );
  const user = await findUser(db, row.tenant_id, row.user_id);
  if (!user || !user.active) throw badRequest('Das Konto ist gesperrt.');
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw badRequest(problem, [{ in: 'body', field: 'newPassword', reason: problem }]);
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // Consumed in the same statement that checks it: a link works exactly once.
    const used = await tx.query(
      'UPDATE password_reset SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING 1',
      [sha256(input.token)],
    );
    if (used.length === 0) throw badRequest('Der Link wurde schon benutzt.');
    await tx.query(
      'UPDATE app_user SET password_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [user.tenant_id, user.id, hash],
    );
    await endSessions(tx, user.tenant_id, user.id);
    await writeAudit(tx, user.tenant_id, {
      actor: { actor: user.email, userId: user.id, ip: from.ip, requestId: from.requestId },
      action: row.purpose === 'setup' ? 'access.password_set' : 'access.password_reset',
      entity: 'user',
      entityId: String(user.id),
    });
  });
  access.invalidateUser(user.tenant_id, user.id);
  return { email: user.email };
}

// ---------------------------------------------------------------------------------------------
// People, departments, roles

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

function publicRecord(u: UserRow): Record<string, unknown> {
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

export interface Department {
  id: string;
  name: string;
  kind: 'department' | 'organisation';
  orgType: string | null;
}

export async function listDepartments(db: Sql, tenantId: string): Promise<Department[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    kind: 'department' | 'organisation';
    org_type: string | null;
  }>('SELECT id, name, kind, org_type FROM department WHERE tenant_id = $1 ORDER BY kind, name', [
    tenantId,
  ]);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, orgType: r.org_type }));
}

export async function saveDepartment(
  db: Db,
  tenantId: string,
  dept: Department,
  actor: AuditActor,
  mode: 'create' | 'update',
): Promise<Department> {
  return db.transaction(async (tx) => {
    const [before] = await tx.query<Record<string, unknown>>(
      'SELECT id, name, kind, org_type FROM department WHERE tenant_id = $1 AND id = $2',
      [tenantId, dept.id],
    );
    if (mode === 'create' && before) throw conflict(`Die Abteilung „${dept.id}“ gibt es schon.`);
    if (mode === 'update' && !before) throw notFound(`Die Abteilung „${dept.id}“ gibt es nicht.`);
    await tx.query(
      `INSERT INTO department (tenant_id, id, name, kind, org_type) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, kind = excluded.kind, org_type = excluded.org_type`,
      [tenantId, dept.id, dept.name.trim(), dept.kind, dept.orgType],
    );
    const after = { id: dept.id, name: dept.name.trim(), kind: dept.kind, org_type: dept.orgType };
    await writeAudit(tx, tenantId, {
      actor,
      action: mode === 'create' ? 'access.department_created' : 'access.department_updated',
      entity: 'department',
      entityId: dept.id,
      detail: diffRecords(before ?? null, after),
    });
    return dept;
  });
}

export interface Role {
  id: string;
  nameDe: string;
  descriptionDe: string;
  builtin: boolean;
  permissions: string[];
}

export async function listRoles(db: Sql, tenantId: string): Promise<Role[]> {
  const rows = await db.query<{
    id: string;
    name_de: string;
    description_de: string;
    builtin: boolean;
    permissions: string[];
  }>(
    `SELECT r.id, r.name_de, r.description_de, r.builtin,
            coalesce(array_agg(p.permission_id ORDER BY p.permission_id) FILTER (WHERE p.permission_id IS NOT NULL), '{}') AS permissions
       FROM role r LEFT JOIN role_permission p ON p.tenant_id = r.tenant_id AND p.role_id = r.id
      WHERE r.tenant_id = $1
      GROUP BY r.id, r.name_de, r.description_de, r.builtin
      ORDER BY r.builtin DESC, r.id`,
    [tenantId],
  );
  const order = new Map(BUILTIN_ROLES.map((r, i) => [r.id, i]));
  return rows
    .map((r) => ({
      id: r.id,
      nameDe: r.name_de,
      descriptionDe: r.description_de,
      builtin: r.builtin,
      permissions: r.permissions,
    }))
    .sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99) || a.id.localeCompare(b.id));
}

/** Creates or replaces a tenant's own role; built-in roles follow the code and are not edited. */
export async function saveRole(
  db: Db,
  access: AccessControl,
  tenantId: string,
  role: Omit<Role, 'builtin'>,
  actor: AuditActor,
): Promise<Role> {
  const unknown = role.permissions.filter((p) => !(ALL_PERMISSIONS as string[]).includes(p));
  if (unknown.length)
    throw badRequest(`Unbekannte Berechtigung: ${unknown.join(', ')}.`, [
      { in: 'body', field: 'permissions', reason: 'unbekannt' },
    ]);
  const result = await db.transaction(async (tx) => {
    const before = (await listRoles(tx, tenantId)).find((r) => r.id === role.id);
    if (before?.builtin)
      throw forbidden(
        `„${before.nameDe}“ ist eine eingebaute Rolle und folgt den Vorgaben der Software; legen Sie eine eigene Rolle an.`,
      );
    await tx.query(
      `INSERT INTO role (tenant_id, id, name_de, description_de, builtin) VALUES ($1, $2, $3, $4, false)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name_de = excluded.name_de, description_de = excluded.description_de`,
      [tenantId, role.id, role.nameDe, role.descriptionDe],
    );
    await tx.query('DELETE FROM role_permission WHERE tenant_id = $1 AND role_id = $2', [
      tenantId,
      role.id,
    ]);
    await tx.query(
      `INSERT INTO role_permission (tenant_id, role_id, permission_id) SELECT $1, $2, p FROM unnest($3::text[]) AS p`,
      [tenantId, role.id, [...new Set(role.permissions)]],
    );
    const after = { ...role, builtin: false, permissions: [...new Set(role.permissions)].sort() };
    await writeAudit(tx, tenantId, {
      actor,
      action: before ? 'access.role_updated' : 'access.role_created',
      entity: 'role',
      entityId: role.id,
      detail: diffRecords(before ? { ...before } : null, { ...after }),
    });
    return after;
  });
  access.invalidateRoles(tenantId);
  return result;
}

// ---------------------------------------------------------------------------------------------
// API tokens

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
