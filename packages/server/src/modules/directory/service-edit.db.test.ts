// Creating and editing a service over HTTP (issue 12 § 1, "providers maintain their own entries"):
// a provider creates and changes services of its own organisation only, every id of the body is
// checked (organisation, type, places, areas), the change is audited and the supply listeners hear it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { onChange } from '../changes/index.ts';
import { insertTwoProviders, type TwoProviders } from './fixtures/two-providers.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let org: TwoProviders['org'];
let loc: TwoProviders['loc'];
let svc: TwoProviders['svc'];
const heard: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  ({ org, loc, svc } = await insertTwoProviders(db));
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
  onChange(db, (tenant, topic) => heard.push(`${tenant}:${topic}`));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const as = async (roles: string[], departmentId: string | null = null) =>
  injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));

const body = (over: Record<string, unknown> = {}) => ({
  organisationId: org.kinderwelt,
  serviceType: 'beratung',
  name: 'Familienberatung am Park',
  description: 'Beratung für Eltern mit kleinen Kindern',
  languages: ['de', 'tr', 'ar'],
  fees: 'kostenfrei',
  eligibility: 'Familien mit Kindern unter 6 Jahren',
  minimumAge: 0,
  maximumAge: 99,
  contacts: [
    { name: 'Ayşe Demir', title: 'Leitung', email: 'demir@kinderwelt.example', phone: '030 123' },
  ],
  locations: [
    {
      name: 'Familienzentrum Süd',
      street: 'Parkweg 3',
      postcode: '10117',
      city: 'Berlin',
      lon: 13.15,
      lat: 52.05,
      accessibility: 'stufenloser Eingang',
    },
  ],
  areaIds: [fx.areaId['01100101'], fx.areaId['01100102']],
  public: false,
  ...over,
});

describe('creating and editing a service', () => {
  let created = '';

  it('lets a provider create a service of its own organisation with place, contacts and areas, audited', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    heard.length = 0;
    const res = await provider({ method: 'POST', url: '/api/directory/services', payload: body() });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    created = d.id;
    expect(res.headers.location).toBe(`/api/directory/services/${d.id}`);
    expect(d).toMatchObject({
      name: 'Familienberatung am Park',
      serviceType: 'beratung',
      organisation: { id: org.kinderwelt },
      languages: ['de', 'tr', 'ar'],
      fees: 'kostenfrei',
      eligibility: 'Familien mit Kindern unter 6 Jahren',
      public: false,
      canEdit: true,
      contacts: [{ name: 'Ayşe Demir', title: 'Leitung', email: 'demir@kinderwelt.example' }],
    });
    expect(d.places).toHaveLength(1);
    expect(d.places[0].location).toMatchObject({
      name: 'Familienzentrum Süd',
      address: 'Parkweg 3, 10117 Berlin',
      accessibility: 'stufenloser Eingang',
    });
    // the point (13.15° E) lies in Planungsraum 01100102 and Bezirk 01: the spatial join ran
    expect(d.areas.map((a: { code: string }) => a.code)).toEqual(['01', '01100102']);
    expect(d.serviceAreas.map((a: { code: string }) => a.code)).toEqual(['01100101', '01100102']);
    const [audit] = await db.query<{
      action: string;
      entity: string;
      permission: string;
      detail: { before: unknown; after: { name: string } };
    }>(
      `SELECT action, entity, permission, detail FROM audit_log WHERE tenant_id = 'berlin' AND entity_id = $1`,
      [d.id],
    );
    expect(audit).toMatchObject({
      action: 'directory.service_create',
      entity: 'directory_service',
      permission: 'directory.edit_own',
      detail: { before: null, after: { name: 'Familienberatung am Park' } },
    });
    expect(heard).toContain('berlin:directory');
    // internal: visitors do not see it
    expect((await app.inject(`/api/directory/services/${d.id}`)).statusCode).toBe(404);
  });

  it('lets the provider change it, keeping the place (and its hours) by id, audited with before and after', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const before = (await provider(`/api/directory/services/${created}`)).json();
    const placeId = before.places[0].location.id;
    const sal = before.places[0].serviceAtLocationId;
    await provider({
      method: 'PUT',
      url: `/api/directory/service-at-locations/${sal}/schedules`,
      payload: { intervals: [{ weekday: 2, opens: '09:00', closes: '12:00' }] },
    });
    const res = await provider({
      method: 'PUT',
      url: `/api/directory/services/${created}`,
      payload: body({
        name: 'Familienberatung im Park',
        public: true,
        contacts: [],
        areaIds: [],
        locations: [{ ...body().locations[0], id: placeId, lon: 13.05 }],
      }),
    });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      name: 'Familienberatung im Park',
      public: true,
      contacts: [],
      serviceAreas: [],
    });
    expect(d.places[0].serviceAtLocationId).toBe(sal);
    expect(d.places[0].schedules).toHaveLength(1);
    expect(d.areas.map((a: { code: string }) => a.code)).toEqual(['01', '01100101']);
    const audits = await db.query<{
      action: string;
      detail: { before: { name: string }; after: { name: string } };
    }>(
      `SELECT action, detail FROM audit_log WHERE tenant_id = 'berlin' AND entity_id = $1 AND action = 'directory.service_update'`,
      [created],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail.before.name).toBe('Familienberatung am Park');
    expect(audits[0]!.detail.after.name).toBe('Familienberatung im Park');
    expect((await app.inject(`/api/directory/services/${created}`)).statusCode).toBe(200);
  });

  it('refuses ids the caller may not touch (403) and unknown ones (400, 404), writing nothing', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const post = (payload: Record<string, unknown>) =>
      provider({ method: 'POST', url: '/api/directory/services', payload });
    const count = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM directory_service WHERE tenant_id = 'berlin'`,
        )
      )[0]!.n;
    const n = await count();
    const foreign = await post(body({ organisationId: org.sonnenschein }));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('Sonnenschein gGmbH');
    expect((await post(body({ organisationId: 'gibt-es-nicht' }))).statusCode).toBe(400);
    const type = await post(body({ serviceType: 'erfunden' }));
    expect(type.statusCode).toBe(400);
    expect(JSON.stringify(type.json())).toContain('Angebotsart „erfunden“');
    const area = await post(body({ areaIds: [999999] }));
    expect(area.statusCode).toBe(400);
    expect(JSON.stringify(area.json())).toContain('999999');
    const otherPlace = await post(body({ locations: [{ id: loc.sonnenschein, name: 'Fremd' }] }));
    expect(otherPlace.statusCode).toBe(403);
    const unknownPlace = await post(
      body({ locations: [{ id: '00000000-0000-5000-8000-000000000000', name: 'X' }] }),
    );
    expect(unknownPlace.statusCode).toBe(400);
    expect((await post(body({ minimumAge: 10, maximumAge: 3 }))).statusCode).toBe(400);
    expect((await post(body({ locations: [{ name: 'Halb', lon: 13.1 }] }))).statusCode).toBe(400);
    expect((await post(body({ email: 'kein-at' }))).statusCode).toBe(400);
    const put = (id: string) =>
      provider({ method: 'PUT', url: `/api/directory/services/${id}`, payload: body() });
    expect((await put(svc.sonnenschein!)).statusCode).toBe(403);
    expect((await put('00000000-0000-5000-8000-000000000000')).statusCode).toBe(404);
    const viewer = await as(['viewer']);
    expect(
      (await viewer({ method: 'POST', url: '/api/directory/services', payload: body() }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/directory/services', payload: body() }))
        .statusCode,
    ).toBe(401);
    expect(await count()).toBe(n);
  });

  it('lets a data steward create for any organisation and reuse its places', async () => {
    const steward = await as(['data_steward']);
    const res = await steward({
      method: 'POST',
      url: '/api/directory/services',
      payload: body({
        organisationId: org.sonnenschein,
        serviceType: 'kita',
        name: 'Kita Sonnenschein, Krippe',
        locations: [
          {
            id: loc.sonnenschein,
            name: 'Kita Sonnenschein',
            city: 'Berlin',
            lon: 13.15,
            lat: 52.05,
          },
        ],
      }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().places[0].location.id).toBe(loc.sonnenschein);
  });

  it('lists for the form only the organisations one may maintain, with their places', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const own = (await provider('/api/directory/editable-organisations')).json();
    expect(own.map((o: { id: string }) => o.id)).toEqual([org.kinderwelt]);
    expect(own[0].locations.map((l: { name: string }) => l.name)).toContain('Familienzentrum Süd');
    const steward = await as(['data_steward']);
    const all = (await steward('/api/directory/editable-organisations')).json();
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(
      (await (await as(['provider']))('/api/directory/editable-organisations')).json(),
    ).toEqual([]);
    expect((await (await as(['viewer']))('/api/directory/editable-organisations')).statusCode).toBe(
      403,
    );
  });

  it('shows the organisation’s work areas on the service page once they are set', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const set = await provider({
      method: 'PUT',
      url: `/api/network/organisations/${org.kinderwelt}/areas`,
      payload: { areaIds: [fx.areaId['02100101']] },
    });
    expect(set.statusCode).toBe(200);
    const d = (await provider(`/api/directory/services/${created}`)).json();
    expect(d.workAreas.map((a: { code: string }) => a.code)).toEqual(['02100101']);
    expect(d.canEditWorkAreas).toBe(true);
    const other = await as(['provider'], 'sonnenschein');
    expect((await other(`/api/directory/services/${created}`)).json().canEditWorkAreas).toBe(false);
  });
});
