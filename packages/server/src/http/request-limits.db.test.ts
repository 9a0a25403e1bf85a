// Issue 8, items 9 and 10: limits on requests. Sign-in has its own limiter outside the budget of
// anonymous writes; every 429 says when to come back (Retry-After); a broken session cookie counts
// as no cookie; a body that trickles in is cut while a large upload at an ordinary pace gets through.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { SESSION_COOKIE } from '../modules/access/index.ts';
import { adminHeaders, createTestUser, sessionHeaders, type TestUser } from '../testing/auth.ts';
import { insertFixture, testContext } from '../testing/fixtures.ts';
import { createTestDb } from '../testing/test-db.ts';
import { requestTimeoutMs } from './slow-body.ts';

const MAX_UPLOAD = 8 * 1024 * 1024;
/** Short windows, so a trickle is cut within a second in the test (the default is 16 KiB / 15 s). */
const PACE = { windowMs: 300, minBytes: 4096 };

let db: Db;
let app: FastifyInstance;
let dataDir: string;
let user: TestUser;
let base: string;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-limits-'));
  app = await buildApp(testContext(db, { dataDir, maxUploadBytes: MAX_UPLOAD }), {
    warmCaches: false,
    bodyPace: PACE,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as net.AddressInfo;
  base = `http://127.0.0.1:${address.port}`;
  user = await createTestUser(db, { roles: ['viewer'] });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

const signIn = (remoteAddress: string, password = user.password, email = user.email) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
  });

const resetRequest = (remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/reset-request',
    payload: { email: 'niemand@berlin.example' },
    remoteAddress,
  });

/** Retry-After as whole seconds, or NaN. */
const retryAfter = (headers: Record<string, unknown>) => Number(headers['retry-after']);

describe('sign-in has its own limiter (issue 8, item 10)', () => {
  it('lets 40 people behind one address sign in within a minute', async () => {
    const office = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await signIn(office)).statusCode);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('still signs people in when reset requests have used up the anonymous budget of the address', async () => {
    const office = freshIp();
    for (let i = 0; i < 30; i++) expect((await resetRequest(office)).statusCode).toBe(200);
    const refused = await resetRequest(office);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Zu viele Anfragen ohne Anmeldung/);
    const wait = retryAfter(refused.headers);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.json().error.details).toEqual({ retryAfterSeconds: wait });
    expect((await signIn(office)).statusCode).toBe(200);
  });

  it('refuses more than 120 sign-in attempts per minute from one address, with Retry-After', async () => {
    const office = freshIp();
    // 120 earlier attempts from this address (hashing 120 passwords here would only slow the test)
    for (let i = 0; i < 120; i++) app.sozialraumAccess.signInAttempts.hit(office);
    const res = await signIn(office);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toMatch(/^Zu viele Anmeldeversuche von dieser Adresse\./);
    expect(retryAfter(res.headers)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(res.headers)).toBeLessThanOrEqual(60);
    // another address is not affected
    expect((await signIn(freshIp())).statusCode).toBe(200);
  });

  it('answers the lock after failed sign-ins with Retry-After in seconds', async () => {
    const locked = await createTestUser(db, { roles: ['viewer'] });
    for (let i = 0; i < 5; i++)
      expect((await signIn(freshIp(), 'falsch-falsch-123', locked.email)).statusCode).toBe(401);
    const res = await signIn(freshIp(), locked.password, locked.email);
    expect(res.statusCode).toBe(429);
    // the first lock lasts a minute
    expect(retryAfter(res.headers)).toBeGreaterThanOrEqual(55);
    expect(retryAfter(res.headers)).toBeLessThanOrEqual(60);
  });
});

describe('a malformed session cookie (issue 8, item 9)', () => {
  it('counts as no cookie: anonymous reads work, writes ask for sign-in', async () => {
    const cookie = `${SESSION_COOKIE}=%E0%A4%A`;
    const me = await app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ signedIn: false, kind: 'anonymous' });
    const write = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { cookie },
      payload: { name: 'x', scopes: [] },
      remoteAddress: freshIp(),
    });
    expect(write.statusCode).toBe(401);
  });

  it('does not spoil a valid session cookie sent next to another broken cookie', async () => {
    const session = await sessionHeaders(app, user);
    const me = await app.inject({
      url: '/api/me',
      headers: { cookie: `andere=%E0%A4%A; ${session.cookie}` },
    });
    expect(me.json()).toMatchObject({ signedIn: true, kind: 'session' });
  });
});

/** Sends a request over a real socket: headers, then `chunks` with `gapMs` between them. */
function paced(
  head: string,
  chunks: Buffer[],
  gapMs: number,
): Promise<{ answer: string; closedAfterMs: number }> {
  const { port } = app.server.address() as net.AddressInfo;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= chunks.length) return clearInterval(timer);
      socket.write(chunks[i++]!);
    }, gapMs);
    socket.on('data', (d) => (answer += d.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - t0 });
    });
    socket.write(head);
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`still open after 10 s; answer so far: ${answer.slice(0, 200)}`));
    }, 10_000).unref();
  });
}

describe('slow request bodies (issue 8, item 10)', () => {
  it('cuts a body that trickles in, with a 408 in German', async () => {
    const body = Buffer.from(JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(2000) }));
    const head =
      'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`;
    // one byte every 50 ms: the whole body would take almost two minutes
    const bytes = [...body].map((b) => Buffer.from([b]));
    const { answer, closedAfterMs } = await paced(head, bytes, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"request_timeout"');
    expect(answer).toContain('zu langsam');
    expect(closedAfterMs).toBeLessThan(3000);
  });

  it('lets a multi-megabyte upload through that arrives at an ordinary pace', async () => {
    const rows = ['PLR;Stichtag;Einwohner'];
    for (let year = 1900; rows.join('\r\n').length < 3 * 1024 * 1024; year++)
      for (const code of ['01100101', '01100102', '02100101', '02100102'])
        for (let day = 1; day <= 28; day++)
          rows.push(`${code};${String(day).padStart(2, '0')}.02.${year};${year + day}`);
    const csv = Buffer.from(rows.join('\r\n') + '\r\n', 'latin1');
    const boundary = '----sozialraum-limits';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="werte.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    // 64 KiB every 40 ms ≈ 1.6 MB/s: the upload takes about two seconds, many pace windows
    const chunks: Buffer[] = [];
    for (let i = 0; i < body.length; i += 64 * 1024) chunks.push(body.subarray(i, i + 64 * 1024));
    const headers = await adminHeaders(db);
    const t0 = Date.now();
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/imports/analyze`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(body.length),
        },
      });
      req.on('response', (r) => {
        let text = '';
        r.on('data', (d: Buffer) => (text += d.toString('utf8')));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      let i = 0;
      const timer = setInterval(() => {
        if (i < chunks.length) req.write(chunks[i++]!);
        else {
          clearInterval(timer);
          req.end();
        }
      }, 40);
    });
    expect(Date.now() - t0).toBeGreaterThan(4 * PACE.windowMs);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(JSON.parse(res.text).files).toEqual([{ name: 'werte.csv', bytes: csv.length }]);
  });

  it('gives the whole request a time limit that a full-size upload at 1 Mbit/s still meets', () => {
    expect(app.server.requestTimeout).toBe(requestTimeoutMs(MAX_UPLOAD));
    expect(app.server.requestTimeout).toBeGreaterThan(0);
    const maxUpload = 512 * 1024 * 1024;
    const atOneMbit = (maxUpload / 125_000) * 1000;
    expect(requestTimeoutMs(maxUpload)).toBeGreaterThanOrEqual(atOneMbit);
    expect(requestTimeoutMs(maxUpload)).toBeLessThan(2 * atOneMbit);
    expect(requestTimeoutMs(1024)).toBe(5 * 60_000);
  });
});
