import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.ts';
import { frameworkError, registerErrorHandler } from './errors.ts';
import { contentSecurityPolicy, registerSecurityHeaders, registerWebApp } from './web-app.ts';

async function appWith(config: Config): Promise<FastifyInstance> {
  const app = Fastify({ frameworkErrors: frameworkError });
  registerErrorHandler(app);
  await registerSecurityHeaders(app, config);
  app.get('/api/health', async () => ({ status: 'ok' }));
  await registerWebApp(app, config);
  return app;
}

let dist: string;
let app: FastifyInstance;
let bare: FastifyInstance;
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'web-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(
    path.join(dist, 'index.html'),
    '<!doctype html><title>Sozialraum</title><div id="root"></div>',
  );
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  await mkdir(path.join(dist, 'glyphs', 'sozialraum-sans'), { recursive: true });
  await writeFile(path.join(dist, 'glyphs', 'sozialraum-sans', '0-255.pbf'), 'built block');
  // a build made with sourcemaps on: the map sits next to the bundle
  await writeFile(path.join(dist, 'assets', 'app-abc123.js.map'), '{"version":3,"sources":[]}');
  app = await appWith({
    ...loadConfig({}),
    webDist: dist,
    basemapStyleUrl: 'https://tiles.example.org/styles/basic.json',
  });
  bare = await appWith({ ...loadConfig({}), webDist: path.join(dist, 'missing') });
});
afterAll(async () => {
  await app.close();
  await bare.close();
  await rm(dist, { recursive: true, force: true });
});

describe('web app serving', () => {
  it('serves index.html at / and hashed assets as immutable', async () => {
    const index = await app.inject('/');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<div id="root">');
    const asset = await app.inject('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('serves built glyph blocks and an empty block for characters the build did not cover', async () => {
    const built = await app.inject('/glyphs/sozialraum-sans/0-255.pbf');
    expect(built.statusCode).toBe(200);
    expect(built.body).toBe('built block');
    const missing = await app.inject('/glyphs/sozialraum-sans/19968-20223.pbf');
    expect(missing.statusCode).toBe(200);
    expect(missing.headers['content-type']).toBe('application/x-protobuf');
    // glyphs { stacks { name: "sozialraum-sans", range: "19968-20223" } }, no glyph
    const name = Buffer.from('sozialraum-sans');
    const range = Buffer.from('19968-20223');
    const inner = Buffer.concat([
      Buffer.from([0x0a, name.length]),
      name,
      Buffer.from([0x12, range.length]),
      range,
    ]);
    expect(missing.rawPayload).toEqual(Buffer.concat([Buffer.from([0x0a, inner.length]), inner]));
    for (const url of [
      '/glyphs/../x/0-255.pbf',
      '/glyphs/Sans/0-255.pbf',
      '/glyphs/sozialraum-sans/x.pbf',
    ])
      expect((await app.inject(url)).statusCode, url).toBe(404);
  });

  it('falls back to index.html for app paths but not for /api, /ogc or missing files', async () => {
    const deep = await app.inject('/karte/lor2021/plr?indikator=ewr_total');
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    for (const url of ['/api/nope', '/ogc/nope', '/assets/missing.js']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.json().error.message).toContain('gibt es nicht');
    }
  });

  it('does not serve source maps, even when the build left them in the dist (issue 8, item 11)', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({ method, url: '/assets/app-abc123.js.map' });
      expect(res.statusCode, method).toBe(404);
      expect(res.body).not.toContain('"version":3');
    }
    expect((await app.inject('/assets/app-abc123.js')).statusCode).toBe(200);
  });

  it('answers odd paths with 400/404/414, never by asking the file system (issue 8, item 9)', async () => {
    const cases: [string, number][] = [
      ['/assets/%00', 400],
      ['/%00', 400],
      [`/assets/${'x'.repeat(300)}.js`, 404],
      [`/${'x'.repeat(10_000)}`, 414],
      [`/api/areas/${'x'.repeat(10_000)}`, 414],
      ['/assets/..%2f..%2fetc%2fpasswd', 404],
      ['/assets/%E0%A4%A.js', 400],
    ];
    for (const [url, status] of cases) {
      const res = await app.inject(url);
      expect(res.statusCode, url.slice(0, 40)).toBe(status);
      expect(
        res.json<{ error: { message: string } }>().error?.message,
        res.body.slice(0, 200),
      ).toMatch(/Adresse/);
    }
    // an app path of normal length still gets the app shell
    expect((await app.inject(`/karte/${'x'.repeat(300)}`)).body).toContain('<div id="root">');
  });

  it('answers a German build hint when the dist is missing', async () => {
    const res = await bare.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    expect((await bare.inject('/karte')).body).toContain('npm run build:web');
    expect((await bare.inject('/api/nope')).statusCode).toBe(404);
  });

  it('sets CSP without inline scripts, nosniff and Referrer-Policy on every response', async () => {
    for (const url of ['/', '/api/health', '/api/nope']) {
      const res = await app.inject(url);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.org");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('allows no other origin when no basemap is configured', () => {
    const csp = contentSecurityPolicy(undefined);
    expect(csp).not.toMatch(/https?:/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
