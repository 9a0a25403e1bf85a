// The security headers come from @fastify/helmet (issue 10 § 4) and are the same as the hand-made
// ones before it: the expected values below were recorded from the old onSend hook, for pages,
// assets, API answers, 400/404/429 errors and a broken URL, over http and https.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { frameworkError, registerErrorHandler, tooManyRequests } from './errors.ts';
import { registerSecurityHeaders, registerWebApp } from './web-app.ts';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob: https://tiles.example.org; connect-src 'self' https://tiles.example.org; " +
  "font-src 'self' data: https://tiles.example.org; worker-src 'self' blob:; child-src 'self' blob:; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/** The headers the old hook set (recorded before the switch); cache-control as it was per path. */
const BEFORE = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
};
const HSTS = 'max-age=31536000; includeSubDomains';

/** The directives of a CSP header, in order (helmet joins them by ';', the old hook by '; '). */
const directives = (csp: unknown) =>
  String(csp)
    .split(';')
    .map((d) => d.trim());

function expectBefore(headers: Record<string, unknown>): void {
  expect(directives(headers['content-security-policy'])).toEqual(directives(CSP));
  for (const [h, v] of Object.entries(BEFORE)) expect(headers[h], h).toBe(v);
}

let dist: string;
const apps: FastifyInstance[] = [];

async function appWith(publicUrl: string | undefined): Promise<FastifyInstance> {
  const app = Fastify({ frameworkErrors: frameworkError });
  registerErrorHandler(app);
  await registerSecurityHeaders(app, {
    ...loadConfig({}),
    webDist: dist,
    publicUrl,
    basemapStyleUrl: 'https://tiles.example.org/styles/basic.json',
  });
  app.get('/api/health', async () => ({ status: 'ok' }));
  app.post('/api/echo', async (req) => req.body);
  app.get('/api/busy', async () => {
    throw tooManyRequests('Zu viele Anfragen.', 2500);
  });
  await registerWebApp(app, { ...loadConfig({}), webDist: dist });
  apps.push(app);
  return app;
}

let http: FastifyInstance;
let https: FastifyInstance;
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'web-dist-headers-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  http = await appWith(undefined);
  https = await appWith('https://sozialraum.stadt.de');
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await rm(dist, { recursive: true, force: true });
});

const REQUESTS: [string, InjectOptions, number, string | undefined][] = [
  ['the app shell', { url: '/' }, 200, 'no-cache'],
  ['a deep app path', { url: '/karte/lor2021' }, 200, 'no-cache'],
  ['a hashed asset', { url: '/assets/app-abc123.js' }, 200, 'public, max-age=31536000, immutable'],
  ['an API answer', { url: '/api/health' }, 200, 'private, no-cache'],
  ['an API 404', { url: '/api/nope' }, 404, 'private, no-cache'],
  ['a missing file', { url: '/assets/missing.js' }, 404, undefined],
  [
    'a 400 for broken JSON',
    {
      method: 'POST',
      url: '/api/echo',
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    },
    400,
    'private, no-cache',
  ],
  ['a 429', { url: '/api/busy' }, 429, 'private, no-cache'],
];

describe('security headers (helmet) equal the ones before', () => {
  it.each(REQUESTS)('%s over http', async (_name, req, status, cacheControl) => {
    const res = await http.inject(req);
    expect(res.statusCode).toBe(status);
    expectBefore(res.headers);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(cacheControl);
  });

  it.each(REQUESTS)('%s over https adds HSTS', async (_name, req, status) => {
    const res = await https.inject(req);
    expect(res.statusCode).toBe(status);
    expectBefore(res.headers);
    expect(res.headers['strict-transport-security']).toBe(HSTS);
  });

  it('a broken URL escape, refused before any hook runs, gets a closed policy and nosniff', async () => {
    // before helmet it had no security header at all (the old onSend hook did not run either)
    const res = await http.inject('/api/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('adds helmet’s low-risk defaults but no Cross-Origin-Resource-Policy (tiles stay embeddable)', async () => {
    const res = await http.inject('/api/health');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['origin-agent-cluster']).toBe('?1');
    expect(res.headers['x-dns-prefetch-control']).toBe('off');
    expect(res.headers['x-download-options']).toBe('noopen');
    expect(res.headers['x-permitted-cross-domain-policies']).toBe('none');
    expect(res.headers['x-xss-protection']).toBe('0');
    expect(res.headers['cross-origin-resource-policy']).toBeUndefined();
    expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
  });

  it('a 429 says when to come back (Retry-After in whole seconds)', async () => {
    const res = await http.inject('/api/busy');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
  });
});
