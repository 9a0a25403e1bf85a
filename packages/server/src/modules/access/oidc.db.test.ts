import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, sessionHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { PROVIDER_LOGOUT_STATE } from './oidc-client.ts';
import { OIDC_COOKIE, OIDC_ERRORS, openFlow, sealFlow } from './oidc.ts';

// Single sign-on end to end against a real OpenID provider (oidc-provider 9, started here on
// 127.0.0.1 with a random port; its built-in development login and consent forms are driven like a
// browser would: real HTTP, redirects followed by hand, a small cookie jar). Two app instances on
// the same database listen on 127.0.0.1: one refuses unknown people, one creates them as viewers.

const CLIENT_ID = 'sozialraum';
const CLIENT_SECRET = 'ein-langes-geheimnis-nur-fuer-den-test-0123456789';

/** People known to the provider (account id = sub). */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  anna: { email: 'anna.amsel@berlin.example', email_verified: true, name: 'Anna Amsel' },
  neu: { email: 'neu.person@stadt.example', email_verified: true, name: 'Nina Neu' },
  trick: { email: 'chef@berlin.example', email_verified: false, name: 'Unbestätigt' },
  gesperrt: { email: 'gesperrt@berlin.example', email_verified: true, name: 'Gerd Gesperrt' },
  kai: { email: 'kai.keycloak@berlin.example', email_verified: true, name: 'Kai Keycloak' },
  lena: { email: 'lena.lerche@berlin.example', email_verified: true, name: 'Lena Lerche' },
};

interface ProviderInstance {
  callback(): (req: unknown, res: unknown) => void;
}
// (types of the few parts of oidc-provider used here)
type ProviderClass = new (issuer: string, config: Record<string, unknown>) => ProviderInstance;

/** Cookies like a browser keeps them: per host name (not port), with paths. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      const attr = (n: string) =>
        attrs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const path = attr('path') ?? '/';
      const key = `${url.hostname}\t${path}\t${name}`;
      const expires = attr('expires');
      if (attr('max-age') === '0' || (expires && new Date(expires).getTime() < Date.now()))
        this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    const out: string[] = [];
    for (const [key, c] of this.cookies) {
      const [host, , name] = key.split('\t');
      if (host === url.hostname && url.pathname.startsWith(c.path)) out.push(`${name}=${c.value}`);
    }
    return out.join('; ');
  }

  get(name: string): string | undefined {
    for (const [key, c] of this.cookies) if (key.endsWith(`\t${name}`)) return c.value;
    return undefined;
  }

  set(host: string, path: string, name: string, value: string): void {
    this.cookies.set(`${host}\t${path}\t${name}`, { value, path });
  }
}

let db: Db;
/** Provider 1: claims beyond `sub` only from the userinfo endpoint (OIDC Core § 5.4, ADFS-like). */
let idp: TestProvider;
/** Provider 2: e-mail and name in the ID token itself (Keycloak's default). */
let idp2: TestProvider;
let issuer: string;
let strictApp: FastifyInstance;
let strictBase: string;
let openApp: FastifyInstance;
let openBase: string;
let app2: FastifyInstance;
let base2: string;

interface TestProvider {
  server: Server;
  issuer: string;
  /** Paths requested at the provider, in order. */
  requests: string[];
  /** Constructs the provider once the apps' callback URLs are known. */
  start(
    redirectUris: string[],
    idTokenHasAllClaims: boolean,
    /** Post-logout redirect URIs; none: the provider offers no end_session_endpoint. */
    postLogoutRedirectUris?: string[],
  ): Promise<void>;
}

/** Listens first (the issuer names the port), constructs oidc-provider later. */
async function listeningProvider(): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const iss = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const requests: string[] = [];
  return {
    server,
    issuer: iss,
    requests,
    async start(redirectUris, idTokenHasAllClaims, postLogoutRedirectUris) {
      // A non-literal specifier: oidc-provider ships no type declarations.
      const moduleName = 'oidc-provider';
      const { default: Provider } = (await import(moduleName)) as { default: ProviderClass };
      const provider = new Provider(iss, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: redirectUris,
            ...(postLogoutRedirectUris
              ? { post_logout_redirect_uris: postLogoutRedirectUris }
              : {}),
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        conformIdTokenClaims: !idTokenHasAllClaims,
        cookies: { keys: ['cookie-key-for-the-test-provider'] },
        features: { rpInitiatedLogout: { enabled: postLogoutRedirectUris !== undefined } },
        findAccount: (_ctx: unknown, id: string) => {
          const account = ACCOUNTS[id];
          if (!account) return undefined;
          return { accountId: id, claims: () => ({ sub: id, ...account }) };
        },
      });
      const handle = provider.callback();
      server.on('request', (req: { url: string }, res: unknown) => {
        requests.push(new URL(req.url, iss).pathname);
        handle(req, res);
      });
    },
  };
}

async function listen(app: FastifyInstance, ctx: { config: Config }): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The port is known only now; the OIDC routes read publicUrl per request.
  ctx.config.publicUrl = base;
  return base;
}

function oidcConfig(autoCreate: boolean, iss = issuer): Config['oidc'] {
  return {
    issuer: iss,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    label: 'Mit Stadt-Konto anmelden',
    autoCreate,
  };
}

async function startApp(oidc: Config['oidc']): Promise<[FastifyInstance, string]> {
  const ctx = testContext(db, { oidc });
  const app = await buildApp(ctx, { validateResponses: true, warmCaches: false });
  return [app, await listen(app, ctx)];
}

const callback = (base: string) => `${base}/api/auth/oidc/callback`;
const afterLogout = (base: string) => `${base}/anmelden?abgemeldet=1`;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  idp = await listeningProvider();
  idp2 = await listeningProvider();
  issuer = idp.issuer;
  [strictApp, strictBase] = await startApp(oidcConfig(false));
  [openApp, openBase] = await startApp(oidcConfig(true));
  [app2, base2] = await startApp(oidcConfig(true, idp2.issuer));
  await idp.start([callback(strictBase), callback(openBase)], false, [
    afterLogout(strictBase),
    afterLogout(openBase),
  ]);
  await idp2.start([callback(base2)], true);

  await createTestUser(db, { roles: ['department_planner'], email: ACCOUNTS.anna!.email });
  await createTestUser(db, { roles: ['administrator'], email: ACCOUNTS.trick!.email });
  const locked = await createTestUser(db, { roles: ['viewer'], email: ACCOUNTS.gesperrt!.email });
  await db.query('UPDATE app_user SET active = false WHERE id = $1', [locked.id]);
});

afterAll(async () => {
  for (const app of [strictApp, openApp, app2]) await app?.close();
  for (const p of [idp, idp2]) {
    p?.server.closeAllConnections();
    await new Promise((resolve) => p?.server.close(resolve));
  }
  await db?.close();
});

interface FlowResult {
  /** Where the app finally sent the browser ('/', '/anmelden?fehler=…'). */
  location: string;
  jar: CookieJar;
  /** Every URL requested, in order. */
  visited: string[];
}

/**
 * Signs in as `login` through the provider's development forms, starting at the app's login route.
 * `beforeCallback` may change the callback URL or the jar just before the browser returns to the app.
 */
async function signInVia(
  appBase: string,
  login: string,
  beforeCallback?: (url: URL, jar: CookieJar) => URL,
): Promise<FlowResult> {
  const jar = new CookieJar();
  const visited: string[] = [];
  let url = new URL('/api/auth/oidc/login', appBase);
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 20; step++) {
    if (url.origin === appBase && url.pathname === '/api/auth/oidc/callback' && beforeCallback)
      url = beforeCallback(url, jar);
    visited.push(url.href);
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(url, res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      await res.arrayBuffer();
      // Back at the app outside the API: the web app would take over here.
      if (next.origin === appBase && !next.pathname.startsWith('/api/'))
        return { location: next.pathname + next.search, jar, visited };
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    expect(res.status, `${url.href}: ${html.slice(0, 500)}`).toBe(200);
    // The provider's development form: login (any password) or consent.
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`unexpected page at ${url.href}: ${html.slice(0, 300)}`);
    url = new URL(action, url);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'beliebig');
    }
    init = {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error(`no end after 20 steps: ${visited.join('\n')}`);
}

interface Visit {
  /** Back at the app outside the API: where the web app takes over ('/', '/anmelden?…'). */
  location?: string;
  /** Otherwise the page the browser shows, and its URL. */
  html?: string;
  url: URL;
}

/** Requests `start` with the jar and follows redirects until a page or the app outside the API. */
async function visit(
  jar: CookieJar,
  start: URL,
  appBase: string,
  first: RequestInit = { method: 'GET' },
): Promise<Visit> {
  let url = start;
  let init = first;
  for (let step = 0; step < 20; step++) {
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(url, res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      await res.arrayBuffer();
      if (next.origin === appBase && !next.pathname.startsWith('/api/'))
        return { location: next.pathname + next.search, url: next };
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    expect(res.status, `${url.href}: ${html.slice(0, 500)}`).toBe(200);
    return { html, url };
  }
  throw new Error(`no end after 20 steps from ${start.href}`);
}

/** Signs out like the web app: POST /api/auth/logout with the session's CSRF token. */
async function signOutVia(base: string, jar: CookieJar) {
  const meUrl = new URL('/api/me', base);
  const who = await fetch(meUrl, { headers: { cookie: jar.header(meUrl) } });
  const { csrfToken } = (await who.json()) as { csrfToken: string | null };
  expect(csrfToken).toBeTruthy();
  const url = new URL('/api/auth/logout', base);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      cookie: jar.header(url),
      'x-csrf-token': csrfToken!,
      'content-type': 'application/json',
    },
    body: '{}',
  });
  expect(res.status).toBe(200);
  jar.store(url, res);
  return (await res.json()) as { signedOut: boolean; providerLogoutUrl?: string };
}

/** The payload of a JWT (no check: only to look at what was sent). */
function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

async function me(base: string, jar: CookieJar) {
  const url = new URL('/api/me', base);
  const res = await fetch(url, { headers: { cookie: jar.header(url) } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    signedIn: boolean;
    kind: string;
    user: { id: number; email: string; displayName: string; roles: string[] } | null;
    sso: { enabled: boolean; label: string };
  };
}

async function userByEmail(email: string) {
  const [row] = await db.query<{
    id: number;
    tenant_id: string;
    oidc_issuer: string | null;
    oidc_subject: string | null;
    password_hash: string | null;
    display_name: string;
  }>(
    'SELECT id, tenant_id, oidc_issuer, oidc_subject, password_hash, display_name FROM app_user WHERE lower(email) = lower($1)',
    [email],
  );
  return row;
}

async function sessionCount(): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_session');
  return row!.n;
}

describe('OIDC single sign-on against a real provider', () => {
  it('advertises SSO in /api/me and redirects to the provider with PKCE, state and nonce', async () => {
    const anonymous = await me(strictBase, new CookieJar());
    expect(anonymous.sso).toEqual({ enabled: true, label: 'Mit Stadt-Konto anmelden' });

    const res = await fetch(`${strictBase}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(to.searchParams.get('redirect_uri')).toBe(`${strictBase}/api/auth/oidc/callback`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('scope')).toBe('openid email profile');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${OIDC_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
    expect(cookie).toMatch(/Max-Age=600/);
    // Encrypted: neither state nor verifier readable in the cookie, but the server reads them back.
    const sealed = cookie.split(';')[0]!.slice(OIDC_COOKIE.length + 1);
    const state = to.searchParams.get('state')!;
    expect(sealed).not.toContain(state);
    const flow = openFlow(oidcConfig(false)!, sealed)!;
    expect(flow.state).toBe(state);
    expect(flow.nonce).toBe(to.searchParams.get('nonce'));
    expect(openFlow({ ...oidcConfig(false)!, clientSecret: 'anderes-geheimnis' }, sealed)).toBe(
      undefined,
    );
  });

  it('signs an existing person in by verified e-mail, links the identity, audits, and maps by sub later', async () => {
    const before = await userByEmail(ACCOUNTS.anna!.email);
    expect(before!.oidc_subject).toBeNull();

    const userinfoCalls = idp.requests.filter((p) => p === '/me').length;
    const { location, jar, visited } = await signInVia(strictBase, 'anna');
    expect(location).toBe('/');
    // This provider sends the e-mail only from its userinfo endpoint (/me).
    expect(idp.requests.filter((p) => p === '/me').length).toBe(userinfoCalls + 1);
    // login → provider authorisation → login form → consent form → back to the app
    expect(visited.some((u) => u.startsWith(`${issuer}/interaction/`))).toBe(true);
    expect(visited.at(-1)).toMatch(/\/api\/auth\/oidc\/callback\?code=/);
    expect(jar.get('sozialraum_session')).toBeTruthy();
    expect(jar.get(OIDC_COOKIE)).toBeUndefined(); // cleared at the callback

    const who = await me(strictBase, jar);
    expect(who.signedIn).toBe(true);
    expect(who.kind).toBe('session');
    expect(who.user!.email).toBe(ACCOUNTS.anna!.email);
    expect(who.user!.roles).toEqual(['department_planner']);

    const after = await userByEmail(ACCOUNTS.anna!.email);
    expect(after!.oidc_issuer).toBe(issuer);
    expect(after!.oidc_subject).toBe('anna');

    const audit = await db.query<{ action: string; detail: Record<string, unknown> }>(
      `SELECT action, detail FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq`,
      [String(after!.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['access.sso_linked', 'access.sign_in']);
    expect(audit[1]!.detail).toEqual({ method: 'oidc' });
    expect((await verifyAuditChain(db, 'berlin')).problems).toEqual([]);

    // The address changes at the app: the link (issuer, sub) still finds the person.
    await db.query('UPDATE app_user SET email = $2 WHERE id = $1', [
      after!.id,
      'anna.amsel-neu@berlin.example',
    ]);
    const again = await signInVia(strictBase, 'anna');
    expect(again.location).toBe('/');
    expect((await me(strictBase, again.jar)).user!.id).toBe(after!.id);
  });

  it('refuses an unknown person when autoCreate is off', async () => {
    const sessions = await sessionCount();
    const { location, jar } = await signInVia(strictBase, 'neu');
    expect(location).toBe('/anmelden?fehler=unbekannt');
    expect(OIDC_ERRORS.unbekannt).toMatch(/keinen Zugang/);
    expect(jar.get('sozialraum_session')).toBeUndefined();
    expect(await userByEmail(ACCOUNTS.neu!.email)).toBeUndefined();
    expect(await sessionCount()).toBe(sessions);
    expect((await me(strictBase, jar)).signedIn).toBe(false);
  });

  it('creates an unknown person as viewer when autoCreate is on', async () => {
    const { location, jar } = await signInVia(openBase, 'neu');
    expect(location).toBe('/');
    const created = await userByEmail(ACCOUNTS.neu!.email);
    expect(created).toMatchObject({
      tenant_id: 'berlin',
      oidc_issuer: issuer,
      oidc_subject: 'neu',
      password_hash: null,
      display_name: 'Nina Neu',
    });
    const who = await me(openBase, jar);
    expect(who.user).toMatchObject({ id: created!.id, roles: ['viewer'] });
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq`,
      [String(created!.id)],
    );
    expect(actions.map((a) => a.action)).toEqual(['access.user_created', 'access.sign_in']);
  });

  it('takes e-mail and name from the ID token when the provider puts them there (no userinfo call)', async () => {
    const { location, jar } = await signInVia(base2, 'kai');
    expect(location).toBe('/');
    expect(idp2.requests).toContain('/token');
    expect(idp2.requests).not.toContain('/me');
    const created = await userByEmail(ACCOUNTS.kai!.email);
    expect(created).toMatchObject({
      oidc_issuer: idp2.issuer,
      oidc_subject: 'kai',
      display_name: 'Kai Keycloak',
    });
    expect((await me(base2, jar)).user).toMatchObject({ id: created!.id, roles: ['viewer'] });
  });

  it('does not map by an unverified e-mail address, nor sign in a locked account', async () => {
    const unverified = await signInVia(openBase, 'trick');
    expect(unverified.location).toBe('/anmelden?fehler=email');
    expect((await userByEmail(ACCOUNTS.trick!.email))!.oidc_subject).toBeNull();

    const locked = await signInVia(strictBase, 'gesperrt');
    expect(locked.location).toBe('/anmelden?fehler=gesperrt');
    expect(locked.jar.get('sozialraum_session')).toBeUndefined();
    const lockedUser = await userByEmail(ACCOUNTS.gesperrt!.email);
    const [failed] = await db.query<{ detail: { method: string } }>(
      `SELECT detail FROM audit_log WHERE action = 'access.sign_in_failed' AND entity_id = $1`,
      [String(lockedUser!.id)],
    );
    expect(failed!.detail.method).toBe('oidc');
  });

  it('refuses a tampered state, a changed nonce, and a forged or missing flow cookie', async () => {
    const sessions = await sessionCount();
    const tamperedState = await signInVia(strictBase, 'anna', (url) => {
      url.searchParams.set('state', `${url.searchParams.get('state')}x`);
      return url;
    });
    expect(tamperedState.location).toBe('/anmelden?fehler=ungueltig');

    // A valid cookie whose nonce differs from the one in the ID token.
    const otherNonce = await signInVia(strictBase, 'anna', (url, jar) => {
      const oidc = oidcConfig(false)!;
      const flow = openFlow(oidc, jar.get(OIDC_COOKIE))!;
      jar.set('127.0.0.1', '/api/auth/oidc', OIDC_COOKIE, sealFlow(oidc, { ...flow, nonce: 'x' }));
      return url;
    });
    expect(otherNonce.location).toBe('/anmelden?fehler=ungueltig');

    const forged = await signInVia(strictBase, 'anna', (url, jar) => {
      const sealed = jar.get(OIDC_COOKIE)!;
      const flipped = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
      jar.set('127.0.0.1', '/api/auth/oidc', OIDC_COOKIE, flipped);
      return url;
    });
    expect(forged.location).toBe('/anmelden?fehler=abgelaufen');

    // The answer arrives in a browser that never started the sign-in (login CSRF).
    const missing = await signInVia(strictBase, 'anna', (url, jar) => {
      jar.set('127.0.0.1', '/api/auth/oidc', OIDC_COOKIE, '');
      return url;
    });
    expect(missing.location).toBe('/anmelden?fehler=abgelaufen');

    for (const r of [tamperedState, otherNonce, forged, missing])
      expect(r.jar.get('sozialraum_session')).toBeUndefined();
    expect(await sessionCount()).toBe(sessions);
  });

  it('ends the provider session too at sign-out (RP-initiated logout): the next SSO sign-in asks for the provider login again', async () => {
    const { location, jar } = await signInVia(strictBase, 'anna');
    expect(location).toBe('/');
    const login = new URL('/api/auth/oidc/login', strictBase);
    // While the provider session lives, a new SSO sign-in passes the provider without any form.
    const silent = await visit(jar, login, strictBase);
    expect(silent.location).toBe('/');
    const annaId = (await me(strictBase, jar)).user!.id;
    const [stored] = await db.query<{ oidc_issuer: string; oidc_id_token: string }>(
      `SELECT oidc_issuer, oidc_id_token FROM user_session
        WHERE user_id = $1 AND oidc_id_token IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
      [annaId],
    );
    expect(stored!.oidc_issuer).toBe(issuer);

    const out = await signOutVia(strictBase, jar);
    expect(out.signedOut).toBe(true);
    expect((await me(strictBase, jar)).signedIn).toBe(false);
    const logoutUrl = new URL(out.providerLogoutUrl!);
    const discovery = (await (
      await fetch(`${issuer}/.well-known/openid-configuration`)
    ).json()) as { end_session_endpoint: string };
    expect(logoutUrl.origin + logoutUrl.pathname).toBe(discovery.end_session_endpoint);
    expect(logoutUrl.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(afterLogout(strictBase));
    expect(logoutUrl.searchParams.get('state')).toBe(PROVIDER_LOGOUT_STATE);
    const hint = logoutUrl.searchParams.get('id_token_hint')!;
    expect(hint).toBe(stored!.oidc_id_token);
    expect(jwtPayload(hint)).toMatchObject({ iss: issuer, sub: 'anna', aud: CLIENT_ID });
    // The ID token left the database with the session.
    const left = await db.query('SELECT 1 FROM user_session WHERE oidc_id_token = $1', [hint]);
    expect(left).toHaveLength(0);

    // The provider asks to confirm (its development form); the browser confirms.
    const confirm = await visit(jar, logoutUrl, strictBase);
    expect(confirm.html).toMatch(/id="op\.logoutForm"/);
    const action = /<form id="op\.logoutForm" method="post" action="([^"]+)"/.exec(
      confirm.html!,
    )?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html!)?.[1];
    expect(action && xsrf).toBeTruthy();
    const back = await visit(
      jar,
      new URL(action!.replaceAll('&amp;', '&'), confirm.url),
      strictBase,
      {
        method: 'POST',
        body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(back.location).toBe(`/anmelden?abgemeldet=1&state=${PROVIDER_LOGOUT_STATE}`);

    // The provider session is gone: the next SSO sign-in stops at the provider's login form.
    const again = await visit(jar, login, strictBase);
    expect(again.location).toBeUndefined();
    expect(again.url.origin).toBe(issuer);
    expect(again.html).toMatch(/name="prompt" value="login"/);
  });

  it('gives no provider logout after a password sign-in, nor when the provider offers no end_session_endpoint', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const headers = await sessionHeaders(strictApp, user);
    const res = await strictApp.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ signedOut: true });

    // The second provider has RP-initiated logout switched off: local sign-out only.
    const { location, jar } = await signInVia(base2, 'kai');
    expect(location).toBe('/');
    const kai = (await me(base2, jar)).user!;
    const tokens = await db.query(
      'SELECT 1 FROM user_session WHERE user_id = $1 AND oidc_id_token IS NOT NULL',
      [kai.id],
    );
    expect(tokens.length).toBeGreaterThan(0);
    expect(await signOutVia(base2, jar)).toEqual({ signedOut: true });
    expect((await me(base2, jar)).signedIn).toBe(false);
  });

  it('lets the administration unlink a wrongly linked identity; the next SSO sign-in links again by verified e-mail', async () => {
    const lena = await createTestUser(db, { roles: ['viewer'], email: ACCOUNTS.lena!.email });
    // Linked wrongly (say, to a former holder of the address at the provider).
    await db.query(
      `UPDATE app_user SET oidc_issuer = $2, oidc_subject = 'frueherer-inhaber' WHERE id = $1`,
      [lena.id, issuer],
    );
    const refused = await signInVia(strictBase, 'lena');
    expect(refused.location).toBe('/anmelden?fehler=verknuepft');

    const res = await strictApp.inject({
      method: 'PATCH',
      url: `/api/admin/users/${lena.id}`,
      headers: await adminHeaders(db),
      payload: { sso: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ sso: boolean }>().sso).toBe(false);

    const { location, jar } = await signInVia(strictBase, 'lena');
    expect(location).toBe('/');
    expect((await me(strictBase, jar)).user!.id).toBe(lena.id);
    expect(await userByEmail(ACCOUNTS.lena!.email)).toMatchObject({
      oidc_issuer: issuer,
      oidc_subject: 'lena',
    });
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq`,
      [String(lena.id)],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'access.sign_in_failed',
      'access.user_updated',
      'access.sso_linked',
      'access.sign_in',
    ]);
    expect((await verifyAuditChain(db, 'berlin')).problems).toEqual([]);
  });

  it('answers 404 in German when single sign-on is not configured', async () => {
    const app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
    try {
      for (const url of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(404);
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(
          /Single Sign-on .* nicht eingerichtet/,
        );
      }
      const meRes = await app.inject({ method: 'GET', url: '/api/me' });
      expect(meRes.json<{ sso: { enabled: boolean } }>().sso.enabled).toBe(false);
    } finally {
      await app.close();
    }
  });
});
