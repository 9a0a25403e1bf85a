import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

const OGRINFO = '/usr/bin/ogrinfo';

let db: Db;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const hrefOf = (links: { rel: string; href: string }[], rel: string) =>
  links.find((l) => l.rel === rel)?.href;

describe('OGC API – Features', () => {
  it('links the landing page to the API description, conformance and collections', async () => {
    const res = await app.inject({ url: '/ogc', headers: { host: 'example.org:8080' } });
    expect(res.statusCode).toBe(200);
    const { links } = res.json();
    expect(hrefOf(links, 'self')).toBe('http://example.org:8080/ogc');
    expect(hrefOf(links, 'service-desc')).toBe('http://example.org:8080/api/openapi.json');
    expect(hrefOf(links, 'conformance')).toBe('http://example.org:8080/ogc/conformance');
    expect(hrefOf(links, 'data')).toBe('http://example.org:8080/ogc/collections');
  });

  it('declares the Core and GeoJSON conformance classes', async () => {
    const { conformsTo } = (await app.inject('/ogc/conformance')).json();
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
  });

  it('offers one collection per level with its extent in CRS84', async () => {
    const { collections } = (await app.inject('/ogc/collections')).json();
    expect(collections.map((c: { id: string }) => c.id)).toEqual(['lor2021-bez', 'lor2021-plr']);
    const plr = collections[1];
    expect(plr.extent.spatial.bbox[0][0]).toBeCloseTo(13.0, 9);
    expect(plr.extent.spatial.bbox[0][1]).toBeCloseTo(52.0, 9);
    expect(plr.extent.spatial.bbox[0][2]).toBeCloseTo(13.4, 9);
    expect(plr.extent.spatial.bbox[0][3]).toBeCloseTo(52.1, 9);
    expect(plr.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect((await app.inject('/ogc/collections/lor2021-plr')).json().id).toBe('lor2021-plr');
    expect((await app.inject('/ogc/collections/')).statusCode).toBe(200);
  });

  it('pages items as GeoJSON with numberMatched, numberReturned and next/prev links', async () => {
    const first = await app.inject('/ogc/collections/lor2021-plr/items?limit=3');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/geo\+json/);
    const page1 = first.json();
    expect(page1).toMatchObject({ type: 'FeatureCollection', numberMatched: 4, numberReturned: 3 });
    expect(page1.timeStamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    const next = hrefOf(page1.links, 'next')!;
    expect(next).toMatch(/\/ogc\/collections\/lor2021-plr\/items\?limit=3&offset=3$/);
    expect(hrefOf(page1.links, 'prev')).toBeUndefined();
    const page2 = (await app.inject(next.replace(/^https?:\/\/[^/]+/, ''))).json();
    expect(page2.numberReturned).toBe(1);
    expect(page2.features[0].id).toBe('02100102');
    expect(hrefOf(page2.links, 'next')).toBeUndefined();
    expect(hrefOf(page2.links, 'prev')).toMatch(/offset=0$/);
  });

  it('carries code, name, parent code, level, the latest public value of every indicator and why one is missing', async () => {
    const { features } = (await app.inject('/ogc/collections/lor2021-plr/items')).json();
    expect(features[3].properties).toEqual({
      code: '02100102',
      name: 'Mehringplatz',
      parentCode: '02',
      level: 'plr',
      ewr_total: 400,
      share_unemployed: null,
      income_median: 1800,
      hinweise: 'share_unemployed: weniger als 3 Fälle',
    });
    expect(features[3].geometry.type).toBe('Polygon');
  });

  it('filters by bbox overlap with the area rectangles', async () => {
    const body = (
      await app.inject('/ogc/collections/lor2021-plr/items?bbox=13.15,52.01,13.25,52.02')
    ).json();
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(['01100102', '02100101']);
    expect(body.numberMatched).toBe(2);
  });

  it('returns one feature by area code and 404 for unknown codes and collections', async () => {
    const res = await app.inject('/ogc/collections/lor2021-bez/items/01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      type: 'Feature',
      id: '01',
      properties: { name: 'Mitte', parentCode: null, ewr_total: 300 },
    });
    expect((await app.inject('/ogc/collections/lor2021-bez/items/99')).statusCode).toBe(404);
    const unknown = await app.inject('/ogc/collections/lor2006-plr/items');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('„lor2006-plr“');
  });

  it('clamps a too large limit to 10000 and rejects a bad bbox or format with 400', async () => {
    expect(
      (await app.inject('/ogc/collections/lor2021-plr/items?limit=50000')).json().numberReturned,
    ).toBe(4);
    const bbox = await app.inject('/ogc/collections/lor2021-plr/items?bbox=1,2,3');
    expect(bbox.statusCode).toBe(400);
    expect(bbox.json().error.details[0].field).toBe('bbox');
    expect((await app.inject('/ogc/collections?f=html')).statusCode).toBe(400);
    expect((await app.inject('/ogc/collections?f=json')).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/ogc/collections', headers: { accept: 'text/html' } })).statusCode,
    ).toBe(406);
  });

  it.skipIf(!existsSync(OGRINFO) && !process.env.CI)(
    'is read by GDAL: ogrinfo prints the feature count of a collection' +
      (existsSync(OGRINFO) ? '' : ' (SKIPPED: /usr/bin/ogrinfo missing; install gdal-bin)'),
    async () => {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const { stdout } = await promisify(execFile)(
        OGRINFO,
        ['-ro', '-so', `OAPIF:${address}/ogc`, 'lor2021-plr'],
        {
          timeout: 60_000,
          env: { ...process.env, GDAL_HTTP_TIMEOUT: '30', CPL_DEBUG: 'OFF' },
        },
      );
      expect(stdout).toMatch(/Feature Count: 4\b/);
      expect(stdout).toMatch(/ewr_total: Integer|ewr_total: Real/);
    },
  );
});
