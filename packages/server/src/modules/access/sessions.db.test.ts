// Sessions, CSRF, sign-in throttling, password change and reset, API tokens (issue 3), over real
// HTTP injection against a real database; the reset mail goes through a local SMTP sink.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, tokenHeaders, TEST_PASSWORD, type TestUser } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { AccessControl, SESSION_COOKIE } from './access-control.ts';
import { newSecret, sha256 } from './secrets.ts';
import { ensureTenant } from '../ingest/index.ts';

let db: Db;
let app: FastifyInstance;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];

let ip = 0;
/** Every sign-in from its own address: the limit on anonymous writes (30/min/IP) stays out of the way. */
const nextIp = () => `10.1.${(++ip >> 8) & 255}.${ip & 255}`;

interface Session {
  cookie: string;
  secret: string;
  csrf: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  return first.split(';')[0]!;
}

async function signIn(
  a: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
  extra: Partial<InjectOptions> = {},
) {
  return a.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: nextIp(),
    ...extra,
  });
}

async function session(
  a: FastifyInstance,
  user: Pick<TestUser, 'email'>,
  password = TEST_PASSWORD,
) {
  const res = await signIn(a, user.email, password);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = cookieOf(res.headers['set-cookie']);
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    secret: decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)),
    csrf,
    headers: { cookie, 'x-csrf-token': csrf },
  } satisfies Session;
}

const me = async (a: FastifyInstance, headers: Record<string, string>) =>
  (await a.inject({ url: '/api/me', headers })).json<{
    signedIn: boolean;
    user: { email: string } | null;
  }>();

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, s, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: s.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(
    testContext(db, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'sozialraum@test.example',
      publicUrl: 'https://sozialraum.test.example',
    }),
    { validateResponses: true, warmCaches: false },
  );
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('session fixation', () => {
  it('a cookie set before sign-in is never the session afterwards, and an attacker’s value is not accepted', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const planted = 'angreifer-gewaehlter-wert-0123456789abcdefghijklmnopqrstuv';
    const res = await signIn(app, user.email, TEST_PASSWORD, {
      headers: { cookie: `${SESSION_COOKIE}=${planted}` },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Secure/); // publicUrl is https
    const cookie = cookieOf(res.headers['set-cookie']);
    const secret = cookie.slice(SESSION_COOKIE.length + 1);
    expect(secret).not.toBe(planted);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    // the planted value stays anonymous; the new one is the person
    expect((await me(app, { cookie: `${SESSION_COOKIE}=${planted}` })).signedIn).toBe(false);
    expect((await me(app, { cookie })).user?.email).toBe(user.email);
    // the database keeps only a hash, never the cookie value
    const rows = await db.query<{ id_hash: string }>(
      'SELECT id_hash FROM user_session WHERE user_id = $1',
      [user.id],
    );
    expect(rows.some((r) => r.id_hash === secret)).toBe(false);
  });

  it('signing in again (with the old cookie) starts a new session id', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const first = await session(app, user);
    const again = await signIn(app, user.email, TEST_PASSWORD, {
      headers: { cookie: first.cookie },
    });
    const second = cookieOf(again.headers['set-cookie']);
    expect(second).not.toBe(first.cookie);
    expect(again.json().csrfToken).not.toBe(first.csrf);
  });
});

describe('session expiry', () => {
  it('ends after the idle time (last request too long ago)', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    expect((await app.inject({ url: '/api/me/tokens', headers: s.headers })).statusCode).toBe(200);
    await db.query(
      "UPDATE user_session SET last_seen_at = now() - interval '2 hours 1 minute' WHERE user_id = $1",
      [user.id],
    );
    app.sozialraumAccess.invalidateAll(); // as another server process would see it
    expect((await app.inject({ url: '/api/me/tokens', headers: s.headers })).statusCode).toBe(401);
    expect((await me(app, s.headers)).signedIn).toBe(false);
    // and it is gone from the database
    expect(await db.query('SELECT 1 FROM user_session WHERE user_id = $1', [user.id])).toEqual([]);
  });

  it('ends at the absolute end even when in use (and cached)', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    await db.query(
      "UPDATE user_session SET expires_at = now() + interval '1 second' WHERE user_id = $1",
      [user.id],
    );
    const t0 = Date.now();
    let last = 200;
    // a request every 100 ms keeps it from idling, but not past the absolute end
    while (Date.now() - t0 < 3000 && last === 200) {
      last = (await app.inject({ url: '/api/me/tokens', headers: s.headers })).statusCode;
      if (last === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(last).toBe(401);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(800);
  });

  it('ends at the absolute end (as another process sees it)', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    await db.query(
      "UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [user.id],
    );
    app.sozialraumAccess.invalidateAll();
    expect((await app.inject({ url: '/api/me/tokens', headers: s.headers })).statusCode).toBe(401);
    expect((await me(app, s.headers)).signedIn).toBe(false);
  });

  it('with a short idle time: the limit holds for a session in the in-memory cache too', async () => {
    const short = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
    try {
      // the process's access control, with 300 ms idle (resolving requests reads its policy)
      (short as unknown as { sozialraumAccess: AccessControl }).sozialraumAccess =
        new AccessControl(db, 'berlin', { idleMs: 300, absoluteMs: 1500 });
      const user = await createTestUser(db, { roles: ['viewer'] });
      const idle = await session(short, user);
      expect(
        (await short.inject({ url: '/api/me/tokens', headers: idle.headers })).statusCode,
      ).toBe(200);
      await new Promise((r) => setTimeout(r, 450));
      expect(
        (await short.inject({ url: '/api/me/tokens', headers: idle.headers })).statusCode,
      ).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('sign-out', () => {
  it('invalidates the cookie at once', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    expect((await me(app, s.headers)).signedIn).toBe(true); // cached now
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ signedOut: true });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await me(app, s.headers)).signedIn).toBe(false);
    expect((await app.inject({ url: '/api/me/tokens', headers: s.headers })).statusCode).toBe(401);
  });

  it('needs the CSRF token (another site cannot sign someone out)', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(out.statusCode).toBe(403);
    expect((await me(app, s.headers)).signedIn).toBe(true);
  });
});

describe('CSRF', () => {
  it('refuses a change with the session cookie but without or with a wrong X-CSRF-Token', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    const create = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers,
        payload: { name: 'Skript', scopes: ['indicators.read'] },
      });
    for (const headers of [
      { cookie: s.cookie },
      { cookie: s.cookie, 'x-csrf-token': 'falsch' },
    ] as Record<string, string>[]) {
      const res = await create(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
      expect(res.json().error.message).toContain('CSRF-Token');
    }
    // another session's token does not fit either
    const other = await session(app, user);
    expect((await create({ cookie: s.cookie, 'x-csrf-token': other.csrf })).statusCode).toBe(403);
    expect(await db.query('SELECT 1 FROM api_token WHERE user_id = $1', [user.id])).toEqual([]);
    expect((await create(s.headers)).statusCode).toBe(201);
  });

  it('an API token needs no CSRF token', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: await tokenHeaders(db, user),
      payload: { name: 'Skript', scopes: ['indicators.read'] },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('sign-in throttling', () => {
  it('after 5 wrong passwords, the 6th attempt is refused with 429 even with the right password', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    for (let i = 0; i < 5; i++) {
      const res = await signIn(app, user.email, 'falsches-Passwort-123');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    }
    const sixth = await signIn(app, user.email);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.message).toMatch(
      /^Zu viele fehlgeschlagene Anmeldeversuche\. Bitte versuchen Sie es in \d+ Minuten? erneut\.$/,
    );
    expect(sixth.headers['set-cookie']).toBeUndefined();
    // the address is compared case-insensitively: no way around the lock
    expect((await signIn(app, user.email.toUpperCase())).statusCode).toBe(429);
  });

  it('an unknown address gets the same 401 as a wrong password', async () => {
    const res = await signIn(app, 'niemand@berlin.example', 'irgendein-Passwort-1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('E-Mail-Adresse oder Passwort ist falsch.');
  });
});

describe('password change', () => {
  it('ends every other session, rotates this one, and the new password works', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const a = await session(app, user);
    const b = await session(app, user);
    const newPassword = 'Neues-Passwort-Tempelhof-77';
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rotated = cookieOf(res.headers['set-cookie']);
    expect(rotated).not.toBe(a.cookie);
    expect(res.json().csrfToken).not.toBe(a.csrf);
    expect((await me(app, { cookie: rotated })).signedIn).toBe(true);
    expect((await me(app, b.headers)).signedIn).toBe(false);
    expect((await me(app, a.headers)).signedIn).toBe(false);
    expect((await signIn(app, user.email)).statusCode).toBe(401);
    expect((await signIn(app, user.email, newPassword)).statusCode).toBe(200);
  });

  it('refuses a wrong current password and a weak new one (German messages)', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    const change = (currentPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: s.headers,
        payload: { currentPassword, newPassword },
      });
    const wrong = await change('falsch-falsch-falsch', 'Gutes-Passwort-Wedding-9');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('Das bisherige Passwort ist falsch.');
    const short = await change(TEST_PASSWORD, 'kurz');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('Das Passwort muss mindestens 12 Zeichen lang sein.');
    expect((await me(app, s.headers)).signedIn).toBe(true);
  });
});

describe('password reset by e-mail', () => {
  function tokenFromMail(raw: string): string {
    const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const m = /https:\/\/sozialraum\.test\.example\/passwort#token=([A-Za-z0-9_-]+)/.exec(text);
    if (!m) throw new Error(`kein Link in der Mail:\n${raw}`);
    return m[1]!;
  }

  it('mails a link that sets the password exactly once; then sign-in works', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const old = await session(app, user);
    const before = mails.length;
    const req = await app.inject({
      method: 'POST',
      url: '/api/auth/reset-request',
      payload: { email: user.email },
      remoteAddress: nextIp(),
    });
    expect(req.statusCode).toBe(200);
    await expect.poll(() => mails.length, { timeout: 5000 }).toBe(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toEqual([user.email]);
    const token = tokenFromMail(mail.raw);
    const newPassword = 'Zurueckgesetzt-Neukoelln-5';
    const reset = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/reset',
        payload: { token, newPassword: password },
        remoteAddress: nextIp(),
      });
    const ok = await reset(newPassword);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ email: user.email });
    const again = await reset('Nochmal-Anders-Spandau-6');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('ungültig, abgelaufen oder wurde schon benutzt');
    expect((await signIn(app, user.email, newPassword)).statusCode).toBe(200);
    expect((await signIn(app, user.email)).statusCode).toBe(401);
    // sessions from before the reset are over
    expect((await me(app, old.headers)).signedIn).toBe(false);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = mails.length;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/reset-request',
      payload: { email: 'unbekannt@berlin.example' },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toContain('Wenn es ein Konto mit dieser Adresse gibt');
    await new Promise((r) => setTimeout(r, 300));
    expect(mails.length).toBe(before);
  });

  it('an expired link is refused', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const before = mails.length;
    await app.inject({
      method: 'POST',
      url: '/api/auth/reset-request',
      payload: { email: user.email },
      remoteAddress: nextIp(),
    });
    await expect.poll(() => mails.length, { timeout: 5000 }).toBe(before + 1);
    const token = tokenFromMail(mails.at(-1)!.raw);
    await db.query(
      "UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [user.id],
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, newPassword: 'Abgelaufen-Pankow-12345' },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(400);
    expect((await signIn(app, user.email)).statusCode).toBe(200);
  });

  it('a newer link makes the older one worthless', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const before = mails.length;
      await app.inject({
        method: 'POST',
        url: '/api/auth/reset-request',
        payload: { email: user.email },
        remoteAddress: nextIp(),
      });
      await expect.poll(() => mails.length, { timeout: 5000 }).toBe(before + 1);
      tokens.push(tokenFromMail(mails.at(-1)!.raw));
    }
    const use = (token: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/reset',
        payload: { token, newPassword: 'Zwei-Links-Lichtenberg-8' },
        remoteAddress: nextIp(),
      });
    expect((await use(tokens[0]!)).statusCode).toBe(400);
    expect((await use(tokens[1]!)).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('a revoked token is refused with 401 at once', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    const created = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: s.headers,
      payload: { name: 'Auswertung', scopes: ['indicators.read', 'account.self'] },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json<{ token: string; info: { id: number } }>();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/me/tokens', headers: bearer })).statusCode).toBe(200);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/me/tokens/${info.id}`,
      headers: s.headers,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    const after = await app.inject({ url: '/api/indicators', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toContain('API-Token');
    // an invented token too
    const invented = await app.inject({
      url: '/api/indicators',
      headers: { authorization: 'Bearer szr_erfunden' },
    });
    expect(invented.statusCode).toBe(401);
  });

  it('scopes limit what a token may do, and cannot exceed the owner’s permissions', async () => {
    const user = await createTestUser(db, {
      roles: ['department_planner'],
      departmentId: 'sozialplanung',
    });
    const s = await session(app, user);
    const created = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: s.headers,
      payload: { name: 'nur lesen', scopes: ['indicators.read'] },
    });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await app.inject({ url: '/api/indicators', headers: bearer })).statusCode).toBe(200);
    // the owner may edit, the token may not
    const edit = await app.inject({
      method: 'PATCH',
      url: '/api/indicators/ewr_total',
      headers: bearer,
      payload: { methodNote: 'per Skript' },
    });
    expect(edit.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/me/tokens', headers: bearer })).statusCode).toBe(403);
    const tooMuch = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: s.headers,
      payload: { name: 'zu viel', scopes: ['access.users'] },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.message).toContain('access.users');
    // a token loses what its owner loses (role taken away)
    const all = await tokenHeaders(db, user);
    await db.query('DELETE FROM user_role WHERE user_id = $1', [user.id]);
    await db.query(
      "INSERT INTO user_role (tenant_id, user_id, role_id) VALUES ('berlin', $1, 'viewer')",
      [user.id],
    );
    app.sozialraumAccess.invalidateUser('berlin', user.id);
    const editAll = await app.inject({
      method: 'PATCH',
      url: '/api/indicators/ewr_total',
      headers: all,
      payload: { methodNote: 'per Skript' },
    });
    expect(editAll.statusCode).toBe(403);
  });

  it('an expired token is refused', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const headers = await tokenHeaders(db, user);
    expect((await app.inject({ url: '/api/me/tokens', headers })).statusCode).toBe(200);
    await db.query(
      "UPDATE api_token SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [user.id],
    );
    app.sozialraumAccess.invalidateAll();
    expect((await app.inject({ url: '/api/me/tokens', headers })).statusCode).toBe(401);
  });
});

describe('disabled people', () => {
  it('cannot sign in, and their sessions and tokens stop working', async () => {
    const admin = await createTestUser(db, { roles: ['administrator'] });
    const adminAuth = await tokenHeaders(db, admin);
    const user = await createTestUser(db, { roles: ['viewer'] });
    const s = await session(app, user);
    const token = await tokenHeaders(db, user);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: adminAuth,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    const again = await signIn(app, user.email);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect((await me(app, s.headers)).signedIn).toBe(false);
    expect((await app.inject({ url: '/api/me/tokens', headers: token })).statusCode).toBe(401);
  });
});

describe('first administrator from the setup link of the first start', () => {
  it('works once, only with the printed secret, only while the tenant has no person', async () => {
    await db.transaction((tx) => ensureTenant(tx, 'leerstadt', '09999001', 'Leerstadt'));
    const token = newSecret();
    app.sozialraumAccess.setupTokenHash = sha256(token);
    const body = {
      token,
      email: 'admin@leerstadt.example',
      displayName: 'Admin Leerstadt',
      password: 'Leerstadt-Einrichtung-2026',
    };
    const headers = { 'x-sozialraum-tenant': 'leerstadt' };
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      headers,
      payload: { ...body, token: newSecret() },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/api/auth/setup', headers, payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ signedIn: true, tenant: { id: 'leerstadt' } });
    expect(ok.json().permissions).toContain('access.users');
    expect(String(ok.headers['set-cookie'])).toMatch(/^sozialraum_session=/);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      headers,
      payload: body,
    });
    expect(again.statusCode).toBe(400);
    // a new secret does not help once a person exists
    app.sozialraumAccess.setupTokenHash = sha256(token);
    const existing = await app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      headers,
      payload: { ...body, email: 'zweite@leerstadt.example' },
    });
    expect(existing.statusCode).toBe(409);
    app.sozialraumAccess.setupTokenHash = null;
  });
});
