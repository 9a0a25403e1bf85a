// Sign-in, sessions, password change and reset by one-time link. Every change is written with its
// audit entry in one transaction.
import type { Config } from '../../config.ts';
import { publicBaseUrl } from '../../config.ts';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, HttpError, tooManyRequests, unauthorized } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import type { Principal } from './principal.ts';
import {
  dummyPasswordHash,
  hashPassword,
  newSecret,
  passwordProblem,
  sha256,
  verifyPassword,
} from './secrets.ts';
import { updatePasswordHash } from './store-people.ts';
import {
  consumeOneTimeLink,
  deleteSessionReturningSso,
  deleteUserSessions,
  expireOpenLinks,
  insertOneTimeLink,
  insertSession,
  selectOneTimeLink,
} from './store-sessions.ts';
import { findUser, findUserByEmail, type UserRow } from './store.ts';

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
  await insertSession(tx, {
    idHash: sha256(secret),
    tenantId: user.tenant_id,
    userId: user.id,
    csrfToken,
    expiresAt,
    ip: from.ip,
    userAgent: from.userAgent?.slice(0, 300) ?? null,
    oidcIssuer: sso?.issuer ?? null,
    oidcIdToken: sso?.idToken ?? null,
  });
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
    const row = await deleteSessionReturningSso(tx, hash);
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
export async function endSessions(tx: Sql, tenantId: string, userId: number): Promise<void> {
  await deleteUserSessions(tx, tenantId, userId);
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
    await updatePasswordHash(tx, user.tenant_id, user.id, hash);
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
  await expireOpenLinks(tx, user.tenant_id, user.id);
  await insertOneTimeLink(tx, {
    tokenHash: sha256(token),
    tenantId: user.tenant_id,
    userId: user.id,
    purpose,
    expiresAt,
  });
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
  const row = await selectOneTimeLink(db, sha256(input.token));
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
    if (!(await consumeOneTimeLink(tx, sha256(input.token))))
      throw badRequest('Der Link wurde schon benutzt.');
    await updatePasswordHash(tx, user.tenant_id, user.id, hash);
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
