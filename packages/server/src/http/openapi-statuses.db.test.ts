// Issue 9 § 6, ADR 0013: the OpenAPI document states the status codes the routes really answer.
// The audit test runs a working request for every changing route and compares its success status
// with the document; this file does the same for every reading route and then probes every
// registered route the ways a client can go wrong (no sign-in, too few permissions, an unknown
// record, an empty or foreign-typed body): whatever a route answers must be documented for it.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { createTestUser, tokenHeaders } from '../testing/auth.ts';
import {
  FIXTURE_DIRECTORY,
  insertFixture,
  testContext,
  type Fixture,
} from '../testing/fixtures.ts';
import { createTestDb } from '../testing/test-db.ts';
import { responseStatuses, toOpenApiPath, type RouteDoc } from './openapi.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let admin: Record<string, string>;
let viewer: Record<string, string>;
let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  // one finished job, so GET /api/jobs/:id has something to show
  await db.exec(
    `INSERT INTO job (tenant_id, kind, status, started_by) VALUES ('berlin', 'alerts.detect', 'succeeded', 'system')`,
  );
  // one participation report, so GET /api/participation/reports/:id has something to show
  await db.exec(
    `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, delete_token_hash)
     VALUES ('berlin', 'hint', 'housing', 'Ein Hinweis für die Statusprüfung', 13.05, 52.05, 'x')`,
  );
  // one public measure, so GET /api/measures/:id has something to show
  await db.exec(
    `INSERT INTO measure (tenant_id, title, visibility, department_id, created_by)
     VALUES ('berlin', 'Eine Maßnahme für die Statusprüfung', 'public', 'sozialplanung', 'system')`,
  );
  // one conference body with one meeting, so the conferences routes with :id have something to show
  await db.exec(`
    INSERT INTO conference_body (tenant_id, kind, name) VALUES ('berlin', 'stadtteilrunde', 'Statusprüfung');
    INSERT INTO conference_meeting (tenant_id, body_id, title, starts_at, ends_at)
    VALUES ('berlin', 1, 'Sitzung', '2026-05-04T16:00Z', '2026-05-04T18:00Z');
    INSERT INTO conference_agenda_item (tenant_id, meeting_id, status, title)
    VALUES ('berlin', 1, 'accepted', 'Punkt');
    INSERT INTO conference_decision (tenant_id, agenda_item_id, text) VALUES ('berlin', 1, 'Beschluss');
  `);
  // one alert, so GET /api/trace/alerts/:id has something to show
  await db.exec(`
    INSERT INTO alert_rule (tenant_id, id, name_de, department, kind, params) VALUES
      ('berlin', 'statuscheck', 'Statusprüfung', 'sozialplanung', 'indicator_change', '{"indicatorIds": ["ewr_total"]}');
  `);
  await db.query(
    `INSERT INTO alert (tenant_id, rule_id, area_id, indicator_id, ref_date, previous_date, kind, severity, explanation_de)
     VALUES ('berlin', 'statuscheck', $1, 'ewr_total', '2023-12-31', '2022-12-31', 'indicator_change', 2, 'Statusprüfung')`,
    [fx.areaId['01100101']],
  );
  // one open survey, so the surveys routes with :id have something to show
  await db.exec(
    `INSERT INTO survey (tenant_id, title, status, definition) VALUES ('berlin', 'Statusprüfung', 'open',
     '{"questions":[{"id":"q","type":"scale","label":"Wie?","scale":{"min":1,"max":5}}]}')`,
  );
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
  const user = await createTestUser(db, {
    roles: ['administrator'],
    departmentId: 'sozialplanung',
  });
  admin = await tokenHeaders(db, user);
  viewer = await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] }));
  doc = (await app.inject('/api/openapi.json')).json();
  // an index the fixture has values for on both dates (results, changes, explanations)
  const created = await app.inject({
    method: 'POST',
    url: '/api/indices',
    headers: admin,
    payload: { definition: INDEX },
  });
  if (created.statusCode !== 201) throw new Error(`index: ${created.statusCode} ${created.body}`);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const INDEX = {
  id: 'statuscheck',
  label: 'Statusprüfung',
  status: {
    label: 'Status-Index',
    inputs: [{ indicatorId: 'ewr_total', label: 'Einwohnende', direction: 'higher_is_worse' }],
    standardisation: 'zscore',
    combination: 'sum',
    restandardise: false,
    classes: {
      kind: 'fixed',
      boundaries: [{ value: 0, onBoundary: 'upper' }],
      classes: [
        { code: 'g', label: 'günstig' },
        { code: 'u', label: 'ungünstig' },
      ],
    },
  },
  validity: { exclusions: [] },
};

let ip = 0;
/** A fresh client address per request, so the anonymous write budget does not answer 429. */
const nextIp = () => `10.9.${(++ip >> 8) & 255}.${ip & 255}`;

/** Query parameters some reading routes need beyond the common ones of concrete(). */
function extraQuery(operationId: string): string {
  // the effect estimate needs its treated areas and start; the member search a part of a name
  if (operationId === 'estimateEffect') return `&areas=${fx.areaId['01100101']}&start=2023-01-01`;
  if (operationId === 'searchConferenceMemberCandidates') return '&q=Test';
  return '';
}

/** Path parameter values that name existing records of the fixture. */
function existing(name: string, url: string): string {
  const area = String(fx.areaId['01100101']);
  const byName: Record<string, string> = {
    system: 'lor2021',
    level: 'plr',
    collectionId: 'lor2021-plr',
    featureId: '01100101',
    areaId: area,
    measureId: '1',
    serviceType: 'familienzentrum',
  };
  const byResource: Record<string, string> = {
    areas: area,
    indicators: 'ewr_total',
    indices: 'statuscheck',
    'point-datasets': 'kitas',
    sources: 'afs',
    jobs: '1',
    directory: url.includes('service-at-locations')
      ? FIXTURE_DIRECTORY.serviceAtLocation
      : url.includes('organisations')
        ? FIXTURE_DIRECTORY.organisation
        : FIXTURE_DIRECTORY.service,
    participation: '1',
    measures: '1',
    funding: 'sozialer-zusammenhalt',
    conferences: '1',
    trace: '1',
    network: url.includes('/areas/') ? area : FIXTURE_DIRECTORY.organisation,
    surveys: '1',
  };
  return (name === 'id' ? byResource[url.split('/')[2] ?? ''] : byName[name]) ?? '999999';
}

/** The URL with every parameter filled by pick, and the query most reading routes need. */
function concrete(url: string, pick: (name: string) => string): string {
  const path = url.replace(/:([A-Za-z0-9_]+)/g, (_m, p: string) => encodeURIComponent(pick(p)));
  return `${path}?system=lor2021&level=plr&indicator=ewr_total&date=2023-12-31&from=2022-12-31&to=2023-12-31`;
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every route defineRoute registered under /api and /ogc. */
function routes(): RouteDoc[] {
  return app.sozialraumOpenApi.routes.filter((r) => /^\/(api|ogc)(\/|$)/.test(r.url));
}

/** The status codes the served document lists for a route. */
function documented(route: RouteDoc): string[] {
  const op = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
  return Object.keys(op?.responses ?? {});
}

/** Reading routes that cannot answer 2xx with the fixture alone, and why. */
const NO_SUCCESS_HERE: Record<string, string> = {
  oidcLogin: 'ohne eingerichteten OIDC-Anbieter',
  oidcCallback: 'ohne eingerichteten OIDC-Anbieter',
  importProgress: 'es läuft kein Import mit dieser Kennung',
  getParticipationPhoto:
    'die Testdaten haben kein gespeichertes Foto (geprüft in participation/photos.db.test.ts)',
  getAssessmentRevisions:
    'die Testdaten haben keine Einschätzung (200 geprüft in assessments/revisions.db.test.ts)',
  getSupply:
    'die Testdaten haben keine Bevölkerung nach Altersgruppen (200 und 304 geprüft in network-and-supply.db.test.ts)',
  getSupplyGaps:
    'die Testdaten haben keine Zielbevölkerung (200 geprüft in supply/gaps.db.test.ts)',
};

describe('the OpenAPI document and the answers agree (ADR 0013)', () => {
  it('lists for each operation what its options imply, and the served document says the same', () => {
    const byId = new Map(routes().map((r) => [r.operationId, r]));
    const codes = (id: string) => Object.keys(responseStatuses(byId.get(id)!));
    // created records: 201 with Location; conflicts named by the route
    expect(codes('createIndex')).toEqual(
      ['201', '400', '401', '403', '404', '408', '409', '413', '415', '429', '500'].sort(),
    );
    expect(codes('createIndex')).not.toContain('200');
    // ETag: 304; path parameters: 404 and 414
    expect(codes('getAreaProfile')).toEqual([
      '200',
      '304',
      '400',
      '401',
      '403',
      '404',
      '414',
      '500',
    ]);
    // a tenant setting without path parameters (no 414) and without conflicts (no 409); a body that
    // names no count of the tenant is 400 (ADR 0058)
    expect(codes('setSupplyResidents')).toEqual(
      ['200', '400', '401', '403', '404', '408', '413', '415', '429', '500'].sort(),
    );
    // open reading route: no 403 (nothing to lack), 401 only for an invalid API token
    expect(codes('getHealth')).toEqual(['200', '400', '401', '404', '500']);
    for (const r of routes()) expect(documented(r), r.operationId).toEqual(codes(r.operationId));
    const created = (doc.paths['/api/indices']!.post!.responses['201'] ?? {}) as {
      headers?: Record<string, unknown>;
    };
    expect(Object.keys(created.headers ?? {})).toEqual(['Location']);
  });

  it('every reading route answers the success status it documents', async () => {
    const failures: string[] = [];
    const reading = routes().filter((r) => !CHANGING.has(r.method));
    expect(reading.length).toBeGreaterThan(30);
    for (const route of reading) {
      if (route.operationId in NO_SUCCESS_HERE) continue;
      const extra = extraQuery(route.operationId);
      const res = await app.inject({
        method: 'GET',
        url: concrete(route.url, (p) => existing(p, route.url)) + extra,
        headers: admin,
      });
      const success = documented(route).filter((c) => Number(c) < 300);
      if (success.join() !== String(res.statusCode))
        failures.push(
          `${route.method} ${route.url}: ${res.statusCode}, dokumentiert ${success.join()} – ${res.body.slice(0, 160)}`,
        );
    }
    expect(failures).toEqual([]);
  });

  it('answers 304 where it documents an ETag, and sends the ETag', async () => {
    const withEtag = routes().filter((r) => documented(r).includes('304'));
    expect(withEtag.map((r) => r.operationId).sort()).toEqual(
      [
        'estimateEffect',
        'getFundingTransparency',
        'getAreaProfile',
        'getLevelGeometry',
        'getSupply',
        'getValues',
        'ogcItems',
      ].sort(),
    );
    // a route that cannot answer 2xx on the fixture has its 304 tested where it can (see the list)
    for (const route of withEtag.filter((r) => !(r.operationId in NO_SUCCESS_HERE))) {
      const url =
        concrete(route.url, (p) => existing(p, route.url)) + extraQuery(route.operationId);
      const first = await app.inject({ url, headers: admin });
      const etag = first.headers.etag;
      expect(etag, route.operationId).toBeTruthy();
      const again = await app.inject({
        url,
        headers: { ...admin, 'if-none-match': String(etag) },
      });
      expect(again.statusCode, route.operationId).toBe(304);
    }
  });

  it('answers nothing undocumented: anonymous, too few permissions, unknown records, odd bodies', async () => {
    const failures: string[] = [];
    const seen = new Map<number, number>();
    const probe = async (route: RouteDoc, label: string, options: InjectOptions) => {
      const res = await app.inject({ remoteAddress: nextIp(), ...options });
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
      if (!documented(route).includes(String(res.statusCode)))
        failures.push(
          `${route.method} ${route.url} (${label}): ${res.statusCode} nicht dokumentiert (${documented(route).join(', ')}) – ${res.body.slice(0, 160)}`,
        );
    };
    for (const route of routes()) {
      const method = route.method as InjectOptions['method'];
      const known = concrete(route.url, (p) => existing(p, route.url));
      const unknown = concrete(route.url, () => 'gibt-es-nicht');
      const json = CHANGING.has(route.method) ? { payload: {} } : {};
      await probe(route, 'anonym', { method, url: known, ...json });
      await probe(route, 'ungültiges API-Token', {
        method,
        url: known,
        headers: { authorization: 'Bearer szr_ungueltig' },
      });
      await probe(route, 'nur Lesen', { method, url: known, headers: viewer, ...json });
      if (route.params)
        await probe(route, 'unbekannter Datensatz', {
          method,
          url: unknown,
          headers: admin,
          ...json,
        });
      if (CHANGING.has(route.method)) {
        await probe(route, 'leerer JSON-Inhalt', { method, url: known, headers: admin, ...json });
        await probe(route, 'application/xml', {
          method,
          url: known,
          headers: { ...admin, 'content-type': 'application/xml' },
          payload: '<hallo/>',
        });
      }
    }
    expect(failures).toEqual([]);
    // the probes reached the refusals they are about, not only one kind of answer
    for (const code of [400, 401, 403, 404, 415])
      expect(seen.get(code), String(code)).toBeGreaterThan(0);
  });
});
