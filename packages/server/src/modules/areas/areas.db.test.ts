import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { invalidateGeometryCache } from './index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('GET /api/area-systems', () => {
  it('lists each system with its levels top first, area counts and source', async () => {
    const res = await app.inject('/api/area-systems');
    expect(res.statusCode).toBe(200);
    const [system] = res.json();
    expect(system).toMatchObject({
      id: 'lor2021',
      name: 'LOR 2021',
      validFrom: '2021-01-01',
      validTo: null,
    });
    expect(system.source.licence).toBe('CC BY 3.0 DE');
    expect(system.levels).toEqual([
      { id: 'bez', nameDe: 'Bezirk', nameEn: 'District', depth: 0, areaCount: 2 },
      { id: 'plr', nameDe: 'Planungsraum', nameEn: 'Planning area', depth: 1, areaCount: 4 },
    ]);
  });
});

describe('GET /api/areas', () => {
  it('lists the areas of a level by code and keeps leading zeros of area codes', async () => {
    const res = await app.inject('/api/areas?system=lor2021&level=plr');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((a: { code: string }) => a.code)).toEqual([
      '01100101',
      '01100102',
      '02100101',
      '02100102',
    ]);
    expect(res.json()[0]).toEqual({
      id: fx.areaId['01100101'],
      code: '01100101',
      name: 'Stülerstraße',
      parentId: fx.areaId['01'],
      validTo: null,
    });
  });

  it('answers 404 in German for an unknown level', async () => {
    const res = await app.inject('/api/areas?system=lor2021&level=xyz');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({
      code: 'not_found',
      message: 'Die Gebietsebene „xyz“ gibt es im Gebietssystem „lor2021“ nicht.',
    });
  });

  it('answers 400 naming the missing query parameter', async () => {
    const res = await app.inject('/api/areas?system=lor2021');
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('„level“');
    expect(error.details).toEqual([expect.objectContaining({ in: 'querystring', field: 'level' })]);
  });
});

describe('GET /api/areas/{id}', () => {
  it('returns the area with its parents (top first) and no children at the lowest level', async () => {
    const res = await app.inject(`/api/areas/${fx.areaId['02100102']}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: fx.areaId['02100102'],
      code: '02100102',
      name: 'Mehringplatz',
      systemId: 'lor2021',
      levelId: 'plr',
      levelName: 'Planungsraum',
      areaM2: expect.closeTo(1e7, 3),
      bbox: [13.3, 52.0, expect.closeTo(13.4, 9), 52.1],
      validFrom: null,
      validTo: null,
      hierarchy: [
        {
          id: fx.areaId['02'],
          code: '02',
          name: 'Friedrichshain-Kreuzberg',
          levelId: 'bez',
          levelName: 'Bezirk',
        },
      ],
      children: [],
    });
  });

  it('lists the children of an upper-level area by code', async () => {
    const res = await app.inject(`/api/areas/${fx.areaId['01']}`);
    expect(res.json().hierarchy).toEqual([]);
    expect(res.json().children.map((c: { code: string }) => c.code)).toEqual([
      '01100101',
      '01100102',
    ]);
  });

  it('answers 404 for an unknown id and 400 for a non-numeric one', async () => {
    const missing = await app.inject('/api/areas/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Das Gebiet mit der Kennung 999999 gibt es nicht.');
    const bad = await app.inject('/api/areas/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ in: 'params', field: 'id' });
  });
});

describe('GET /api/area-systems/{system}/levels/{level}/geometry', () => {
  const url = '/api/area-systems/lor2021/levels/plr/geometry';

  it('returns GeoJSON with numeric ids, properties and coordinates rounded to 5 decimals', async () => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(4);
    const f = fc.features[0];
    expect(f.id).toBe(fx.areaId['01100101']);
    expect(f.properties).toEqual({
      id: fx.areaId['01100101'],
      code: '01100101',
      name: 'Stülerstraße',
      parentId: fx.areaId['01'],
      validTo: null,
    });
    const coords: number[] = f.geometry.coordinates.flat(2);
    expect(coords).toContain(52);
    expect(coords.every((c) => Math.round(c * 1e5) / 1e5 === c)).toBe(true);
  });

  it('keeps shared borders identical between neighbours', async () => {
    const fc = (await app.inject(url)).json();
    const xs = (i: number) =>
      new Set(fc.features[i].geometry.coordinates[0].map((p: number[]) => p[0]));
    // 01100101 spans 13.0–13.1 and 01100102 13.1–13.2: both carry the border at 13.1.
    expect(xs(0).has(13.1)).toBe(true);
    expect(xs(1).has(13.1)).toBe(true);
  });

  it('answers 304 for a matching If-None-Match and a new ETag after areas change', async () => {
    const first = await app.inject(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    await db.query(
      `UPDATE area SET name = 'Stülerstr.' WHERE tenant_id = 'berlin' AND code = '01100101'`,
    );
    invalidateGeometryCache();
    const changed = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().features[0].properties.name).toBe('Stülerstr.');
    await db.query(
      `UPDATE area SET name = 'Stülerstraße' WHERE tenant_id = 'berlin' AND code = '01100101'`,
    );
    invalidateGeometryCache();
  });

  it('answers 404 for an unknown system', async () => {
    const res = await app.inject('/api/area-systems/lor2006/levels/plr/geometry');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('„lor2006“');
  });
});
