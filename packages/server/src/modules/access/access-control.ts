// Resolves who is asking (session cookie, API token or nobody) and what they may do, for every
// request. Role permissions and principals are cached in memory for a short time: a read that
// needs authorisation should cost about as much as one that does not (issue 3 benchmark). Every
// change of a role, person, session or token in this process evicts the affected entries at once;
// other processes see it after at most PRINCIPAL_TTL_MS (docs/adr/0007-access-control.md).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/db.ts';
import { HttpError, notFound, unauthorized } from '../../http/errors.ts';
import { anonymousPrincipal, type Principal } from './principal.ts';
import { sha256 } from './secrets.ts';
import {
  findSession,
  findToken,
  findUser,
  findUserByEmail,
  rolePermissions,
  tenantExists,
  deleteSession,
  touchSessionRow,
  touchToken,
} from './store.ts';
import {
  ANONYMOUS_WRITES_PER_IP,
  FailureThrottle,
  RateLimit,
  SIGN_IN_ATTEMPTS_PER_IP,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_IP,
} from './throttle.ts';

export const SESSION_COOKIE = 'sozialraum_session';
export const TENANT_HEADER = 'x-sozialraum-tenant';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionPolicy {
  /** A session ends after this long without a request. */
  idleMs: number;
  /** … and at the latest this long after sign-in. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
};

const PRINCIPAL_TTL_MS = 30_000;
const LAST_SEEN_EVERY_MS = 60_000;

interface Cached {
  principal: Principal;
  /** Cache entry valid until. */
  until: number;
  /** Session/token: absolute end. */
  absoluteAt: number;
  /** Sessions: last request seen (in memory), and last time it was written to the database. */
  lastSeen: number;
  lastSeenWritten: number;
}

/**
 * Reads one cookie from a Cookie header. A value with a broken percent escape (%E0%A4%A) cannot be
 * one we set (our values are base64url): it counts as no cookie, so the visitor is anonymous
 * instead of getting a 500 on every page.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export class AccessControl {
  private readonly roleCache = new Map<string, Map<string, Set<string>>>();
  private readonly principals = new Map<string, Cached>();
  private readonly tenants = new Map<string, boolean>();
  /** Session ids not (or no longer) in the database, until when that answer holds. */
  private readonly unknownSessions = new Map<string, number>();
  /** Failed sign-ins per e-mail address and per IP address. */
  readonly signInPerAccount = new FailureThrottle(SIGN_IN_PER_ACCOUNT);
  readonly signInPerIp = new FailureThrottle(SIGN_IN_PER_IP);
  /**
   * First start without any person: SHA-256 of the one-time setup secret printed in the server log
   * (POST /api/auth/setup creates the first administrator with it). Lives in memory only.
   */
  setupTokenHash: string | null = null;
  /**
   * Changing requests without sign-in (reset requests, first setup): 30 per minute and IP address.
   * Sign-in is not counted here (its route declares ownThrottle): it has signInAttempts.
   */
  anonymousWrites = new RateLimit(ANONYMOUS_WRITES_PER_IP.limit, ANONYMOUS_WRITES_PER_IP.windowMs);
  /** Sign-in attempts per IP address (120 per minute), on top of the failure locks above. */
  signInAttempts = new RateLimit(SIGN_IN_ATTEMPTS_PER_IP.limit, SIGN_IN_ATTEMPTS_PER_IP.windowMs);

  constructor(
    private readonly db: Db,
    readonly defaultTenant: string,
    readonly sessionPolicy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  /** The union of the permissions of these roles in this tenant. */
  async permissionsOf(tenantId: string, roles: readonly string[]): Promise<Set<string>> {
    let map = this.roleCache.get(tenantId);
    if (!map) {
      map = await rolePermissions(this.db, tenantId);
      this.roleCache.set(tenantId, map);
    }
    const out = new Set<string>();
    for (const r of roles) for (const p of map.get(r) ?? []) out.add(p);
    return out;
  }

  private readonly anonymousCache = new Map<string, Principal>();

  async anonymous(tenantId: string): Promise<Principal> {
    let p = this.anonymousCache.get(tenantId);
    if (!p) {
      p = anonymousPrincipal(tenantId, await this.permissionsOf(tenantId, ['anonymous']));
      this.anonymousCache.set(tenantId, p);
    }
    return p;
  }

  /** A principal for a user id (sessions, tokens, the CLI). */
  async userPrincipal(
    tenantId: string,
    userId: number,
    kind: 'session' | 'token',
  ): Promise<Principal | undefined> {
    const user = await findUser(this.db, tenantId, userId);
    if (!user || !user.active) return undefined;
    return {
      kind,
      tenantId,
      userId: user.id,
      name: user.email,
      displayName: user.display_name,
      departmentId: user.department_id,
      roles: user.roles,
      permissions: await this.permissionsOf(tenantId, user.roles),
    };
  }

  /**
   * Who reads what is sent to an e-mail address (alert mails): the active account of the tenant
   * with that address, else the public.
   */
  async readerOf(tenantId: string, email: string): Promise<Principal> {
    const user = await findUserByEmail(this.db, email);
    const reader =
      user && user.tenant_id === tenantId && user.active
        ? await this.userPrincipal(tenantId, user.id, 'session')
        : undefined;
    return reader ?? this.anonymous(tenantId);
  }

  /** Who is asking. Throws 401 for an invalid/expired token (a script should fail loudly). */
  async resolve(request: FastifyRequest): Promise<Principal> {
    const requested = await this.requestedTenant(request);
    const auth = request.headers.authorization;
    let principal: Principal | undefined;
    if (auth?.startsWith('Bearer ')) {
      principal = await this.fromToken(auth.slice(7).trim());
      if (!principal) throw unauthorized('Das API-Token ist ungültig, abgelaufen oder widerrufen.');
    } else {
      const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (cookie) principal = await this.fromSession(cookie);
    }
    // A signed-in person asking for another tenant sees that tenant as the public does.
    if (principal && (requested === undefined || requested === principal.tenantId))
      return principal;
    return this.anonymous(requested ?? this.defaultTenant);
  }

  private async requestedTenant(request: FastifyRequest): Promise<string | undefined> {
    const header = request.headers[TENANT_HEADER];
    const query = (request.query as Record<string, unknown> | undefined)?.tenant;
    const id = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
    if (id === undefined) return undefined;
    let known = this.tenants.get(id);
    if (known === undefined) {
      known = await tenantExists(this.db, id);
      if (known) this.tenants.set(id, true);
    }
    if (!known) throw notFound(`Mandant „${id}“ ist nicht bekannt.`);
    return id;
  }

  private async fromSession(secret: string): Promise<Principal | undefined> {
    const idHash = sha256(secret);
    const key = `s:${idHash}`;
    const now = Date.now();
    const idle = this.sessionPolicy.idleMs;
    const cached = this.principals.get(key);
    if (cached && cached.until > now && cached.absoluteAt > now && now - cached.lastSeen < idle) {
      cached.lastSeen = now;
      if (now - cached.lastSeenWritten > LAST_SEEN_EVERY_MS) {
        cached.lastSeenWritten = now;
        await this.touchSession(idHash, now);
      }
      return cached.principal;
    }
    this.principals.delete(key);
    // A cookie of an ended session is sent until the browser drops it: remember the miss briefly
    // instead of asking the database on every request.
    const missUntil = this.unknownSessions.get(idHash);
    if (missUntil !== undefined && missUntil > now) return undefined;
    const row = await findSession(this.db, idHash);
    if (!row) {
      if (this.unknownSessions.size > 10_000) this.unknownSessions.clear();
      this.unknownSessions.set(idHash, now + PRINCIPAL_TTL_MS);
      return undefined;
    }
    const absoluteAt = new Date(row.expires_at).getTime();
    const lastSeen = Math.max(new Date(row.last_seen_at).getTime(), cached?.lastSeen ?? 0);
    if (absoluteAt <= now || now - lastSeen >= idle) {
      await deleteSession(this.db, idHash);
      return undefined;
    }
    const user = await this.userPrincipal(row.tenant_id, row.user_id, 'session');
    if (!user) return undefined;
    const principal: Principal = { ...user, csrfToken: row.csrf_token, sessionHash: idHash };
    await this.touchSession(idHash, now);
    this.principals.set(key, {
      principal,
      until: now + PRINCIPAL_TTL_MS,
      absoluteAt,
      lastSeen: now,
      lastSeenWritten: now,
    });
    return principal;
  }

  private async touchSession(idHash: string, now: number): Promise<void> {
    await touchSessionRow(this.db, idHash, new Date(now));
  }

  private async fromToken(secret: string): Promise<Principal | undefined> {
    const key = `t:${sha256(secret)}`;
    const now = Date.now();
    const cached = this.principals.get(key);
    if (cached && cached.until > now && cached.absoluteAt > now) return cached.principal;
    this.principals.delete(key);
    const row = await findToken(this.db, key.slice(2));
    if (!row || row.revoked_at) return undefined;
    const absoluteAt = row.expires_at ? new Date(row.expires_at).getTime() : Infinity;
    if (absoluteAt <= now) return undefined;
    const user = await this.userPrincipal(row.tenant_id, row.user_id, 'token');
    if (!user) return undefined;
    // A token may do what its scopes name and its owner may still do.
    const permissions = new Set([...user.permissions].filter((p) => row.scopes.includes(p)));
    const principal: Principal = { ...user, permissions, tokenId: row.id };
    await touchToken(this.db, key.slice(2));
    this.principals.set(key, {
      principal,
      until: now + PRINCIPAL_TTL_MS,
      absoluteAt,
      lastSeen: now,
      lastSeenWritten: now,
    });
    return principal;
  }

  /** Forget cached role permissions of a tenant (after a role changed). */
  invalidateRoles(tenantId: string): void {
    this.roleCache.delete(tenantId);
    this.anonymousCache.delete(tenantId);
    for (const [k, v] of this.principals)
      if (v.principal.tenantId === tenantId) this.principals.delete(k);
  }

  /** Forget cached principals of one person (roles, department or password changed, sessions ended). */
  invalidateUser(tenantId: string, userId: number): void {
    for (const [k, v] of this.principals)
      if (v.principal.tenantId === tenantId && v.principal.userId === userId)
        this.principals.delete(k);
  }

  invalidateSession(idHash: string): void {
    this.principals.delete(`s:${idHash}`);
  }

  invalidateToken(tokenHash: string): void {
    this.principals.delete(`t:${tokenHash}`);
  }

  invalidateAll(): void {
    this.roleCache.clear();
    this.anonymousCache.clear();
    this.principals.clear();
    this.tenants.clear();
  }
}

/**
 * 401 for anonymous visitors, 403 for signed-in people and API tokens without the permission. The
 * message names the missing permission and who lacks it (the person or the token), details carry
 * both for clients. `forWhat` says what the permission would allow („Gebiete importieren“).
 */
export function missingPermission(
  principal: Principal,
  permission: string,
  forWhat?: string,
): HttpError {
  if (principal.kind === 'anonymous') return unauthorized();
  const purpose = forWhat ? ` (${forWhat})` : '';
  const message =
    principal.kind === 'token'
      ? `Ihr API-Token hat die Berechtigung „${permission}“${purpose} nicht. Bitte lassen Sie den Token mit dieser Berechtigung neu ausstellen.`
      : `Ihnen fehlt die Berechtigung „${permission}“${purpose}. Bitte wenden Sie sich an die Administration Ihrer Kommune.`;
  return new HttpError(403, 'forbidden', message, {
    missingPermission: permission,
    caller: principal.kind,
  });
}

/** A record that belongs to a department, as a refusal names it. */
export interface DepartmentRecord {
  /** Subject of the sentence, e.g. „Die Regel „anstieg““ (… gehört zur Abteilung …). */
  label: string;
  department: string;
}

/**
 * 403 for a record of another department (ADR 0012): names the record's department, the caller's
 * own, and the permission that covers every department (`allPermission`). A caller without the
 * department permission at all hears that one named instead, as from missingPermission.
 */
export function notOwnDepartment(
  principal: Principal,
  record: DepartmentRecord,
  permission: string,
  allPermission: string,
): HttpError {
  const where = `${record.label} gehört zur Abteilung „${record.department}“`;
  if (!principal.permissions.has(permission)) {
    const missing = missingPermission(principal, permission);
    if (missing.statusCode !== 403) return missing;
    return new HttpError(403, 'forbidden', `${where}; ${missing.message}`, missing.details);
  }
  const who = principal.kind === 'token' ? 'Ihr API-Token darf' : 'Sie dürfen';
  const own = principal.departmentId
    ? `${who} nur für die Abteilung „${principal.departmentId}“ schreiben`
    : `${who} für keine Abteilung schreiben (keine Abteilung zugeordnet)`;
  return new HttpError(
    403,
    'forbidden',
    `${where}; ${own} (für alle Abteilungen braucht es die Berechtigung „${allPermission}“).`,
    {
      missingPermission: allPermission,
      caller: principal.kind,
      department: record.department,
      ownDepartment: principal.departmentId ?? null,
    },
  );
}
