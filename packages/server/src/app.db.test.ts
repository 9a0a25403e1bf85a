import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import type { Db } from './db/db.ts';
import { listRoutes, toOpenApiPath } from './http/openapi.ts';
import { insertFixture, testContext } from './testing/fixtures.ts';
import { createTestDb } from './testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('GET /api/openapi.json', () => {
  it('documents every /api and /ogc route Fastify registered', async () => {
    const doc = (await app.inject('/api/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = listRoutes(app).filter(
      (r) => /^\/(api|ogc)(\/|$)/.test(r.url) && r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter(
      (r) => !doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()],
    );
    expect(missing).toEqual([]);
  });

  it('references shared schemas as components', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.components.schemas.Indicator.properties.source).toEqual({
      $ref: '#/components/schemas/Source',
    });
    expect(JSON.stringify(doc)).not.toMatch(/__shared|\$defs/);
    expect(doc.paths['/api/values'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'indicator',
      'system',
      'level',
      'date',
    ]);
  });
});

describe('GET /api/health', () => {
  it('reports the engine, version and tenant after querying the database', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      engine: db.engine,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      tenant: 'berlin',
      demoLoading: null,
    });
  });
});

describe('GET /api/config', () => {
  it('tells the web app that no basemap is configured', async () => {
    expect((await app.inject('/api/config')).json()).toEqual({ basemapStyleUrl: null });
  });
});

describe('GET /api/sources', () => {
  it('lists sources with licence and attribution', async () => {
    expect((await app.inject('/api/sources')).json()).toEqual([
      {
        id: 'afs',
        title: 'Einwohnerregister',
        publisher: 'Amt für Statistik Berlin-Brandenburg',
        licence: 'CC BY 3.0 DE',
        licenceUrl: 'https://creativecommons.org/licenses/by/3.0/de/',
        attribution: 'Amt für Statistik Berlin-Brandenburg',
        url: 'https://www.statistik-berlin-brandenburg.de',
        notes: null,
      },
    ]);
  });
});

describe('point datasets', () => {
  it('lists datasets with feature counts and returns their points as GeoJSON', async () => {
    const [kitas] = (await app.inject('/api/point-datasets')).json();
    expect(kitas).toMatchObject({
      id: 'kitas',
      nameDe: 'Kindertagesstätten',
      referenceDate: '2024-03-01',
      count: 2,
    });
    const res = await app.inject('/api/point-datasets/kitas/features');
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.json().features[1]).toEqual({
      type: 'Feature',
      id: '0002',
      geometry: { type: 'Point', coordinates: [13.25, 52.05] },
      properties: { places: 85, id: '0002', name: 'Kita Regenbogen' },
    });
    expect((await app.inject('/api/point-datasets/schulen/features')).statusCode).toBe(404);
  });
});

describe('compression', () => {
  it('gzips large responses for clients that accept it', async () => {
    const res = await app.inject({
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});
