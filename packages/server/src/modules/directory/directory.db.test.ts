// The service directory on a small fixture: search and filters (type, Lebenslage, area, name),
// visibility of non-public entries, the detail page, and the provider's edit of opening hours —
// only for its own organisation, audited, German 400s for bad hours (issue 12 §§ 1, 4).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { directoryFromPoints, type SourcePoint } from './from-points.ts';
import { writeDirectoryRecords } from './load.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const ids: Record<string, { service: string; sal: string; org: string }> = {};

const pt = (
  dataset: string,
  id: string,
  name: string,
  lon: number,
  props: Record<string, unknown>,
): SourcePoint => ({
  dataset,
  id,
  name,
  lon,
  lat: 52.05,
  properties: props,
  referenceDate: '2022-12-01',
});

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await db.exec(`INSERT INTO department (tenant_id, id, name, kind, org_type) VALUES
    ('berlin', 'kinderwelt', 'Kinderwelt e.V.', 'organisation', 'Träger'),
    ('berlin', 'sonnenschein', 'Sonnenschein gGmbH', 'organisation', 'Träger')`);
  const rec = directoryFromPoints('berlin', [
    pt('kitas', '1', 'Kita Regenbogen', 13.05, {
      t_name: 'Kinderwelt e.V.',
      t_art: 'Sonstiger freier Träger',
      e_platz: '69',
    }),
    pt('kitas', '2', 'Kita Sonnenschein', 13.15, {
      t_name: 'Sonnenschein gGmbH',
      t_art: 'Sonstiger freier Träger',
      e_platz: '40',
    }),
    pt('jugendfreizeiteinrichtungen', '3', 'Jugendclub Kreuzberg', 13.25, {
      t_name: 'BA Friedrichshain-Kreuzberg',
      t_art: 'öffentlicher Träger',
    }),
    pt('apotheken', '4', 'Apotheke am Platz', 13.35, {}),
    pt('kitas', '5', 'Kita Intern', 13.05, {
      t_name: 'Kinderwelt e.V.',
      t_art: 'Sonstiger freier Träger',
    }),
  ]);
  await db.transaction((tx) => writeDirectoryRecords(tx, 'berlin', rec, null, '2024-01-01'));
  for (const s of rec.services) {
    ids[s.name] = {
      service: s.id,
      sal: rec.links.find((l) => l.service_id === s.id)!.id,
      org: s.organization_id,
    };
  }
  await db.query(
    `UPDATE directory_organization SET department_id = 'kinderwelt' WHERE tenant_id = 'berlin' AND id = $1`,
    [ids['Kita Regenbogen']!.org],
  );
  await db.query(
    `UPDATE directory_organization SET department_id = 'sonnenschein' WHERE tenant_id = 'berlin' AND id = $1`,
    [ids['Kita Sonnenschein']!.org],
  );
  await db.query(
    `UPDATE directory_service SET public = false WHERE tenant_id = 'berlin' AND id = $1`,
    [ids['Kita Intern']!.service],
  );
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);
const as = async (roles: string[], departmentId: string | null = null) =>
  injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));

describe('searching the directory', () => {
  it('filters by service type, Lebenslage, area (any level) and name of service or Träger', async () => {
    const get = async (q: string) => (await app.inject(`/api/directory/services?${q}`)).json();
    expect(names(await get('type=kita'))).toEqual(['Kita Regenbogen', 'Kita Sonnenschein']);
    expect(names(await get('dimension=participation'))).toEqual([
      'Familienzentrum Mitte',
      'Jugendclub Kreuzberg',
    ]);
    expect(names(await get(`areaId=${fx.areaId['01']}`))).toEqual([
      'Kita Regenbogen',
      'Kita Sonnenschein',
    ]);
    expect(names(await get(`areaId=${fx.areaId['02100102']}`))).toEqual(['Apotheke am Platz']);
    expect(names(await get('q=kinderwelt'))).toEqual(['Kita Regenbogen']);
    expect(names(await get('q=100%25'))).toEqual([]);
    const page = await get('perPage=2&page=2');
    expect(page).toMatchObject({ total: 5, page: 2, perPage: 2 });
    expect(names(page)).toEqual(['Jugendclub Kreuzberg', 'Kita Regenbogen']);
    const all = await get('');
    expect(all.items[2].organisation).toMatchObject({
      name: 'BA Friedrichshain-Kreuzberg',
      kindLabel: 'Öffentlicher Träger',
    });
  });

  it('shows entries that are not public only to people signed in', async () => {
    expect(names((await app.inject('/api/directory/services?type=kita')).json())).not.toContain(
      'Kita Intern',
    );
    const viewer = await as(['viewer']);
    expect(names((await viewer('/api/directory/services?type=kita')).json())).toContain(
      'Kita Intern',
    );
    expect(
      (await app.inject(`/api/directory/services/${ids['Kita Intern']!.service}`)).statusCode,
    ).toBe(404);
    expect((await app.inject(`/hsds/services/${ids['Kita Intern']!.service}`)).statusCode).toBe(
      404,
    );
  });

  it('lists the taxonomy with Lebenslagen, SGB and counts', async () => {
    const terms = (await app.inject('/api/directory/taxonomy')).json();
    const kita = terms.find((t: { code: string }) => t.code === 'kita');
    expect(kita).toMatchObject({
      dimensions: ['education', 'demography'],
      legalBasis: ['SGB VIII §§ 22–24'],
      services: 3,
    });
  });
});

describe('the detail and the provider editing opening hours', () => {
  const hours = {
    intervals: [
      { weekday: 1, opens: '07:00', closes: '17:00' },
      { weekday: 5, opens: '07:00', closes: '15:00', notes: 'Brückentage geschlossen' },
    ],
  };
  const put = (salId: string) => ({
    method: 'PUT' as const,
    url: `/api/directory/service-at-locations/${salId}/schedules`,
    payload: hours,
  });

  it('shows capacity with date and the areas of every level', async () => {
    const d = (
      await app.inject(`/api/directory/services/${ids['Kita Regenbogen']!.service}`)
    ).json();
    expect(d.capacity).toEqual({ kind: 'places', value: 69, refDate: '2022-12-01' });
    expect(d.areas.map((a: { code: string }) => a.code)).toEqual(['01', '01100101']);
    expect(d.canEdit).toBe(false);
  });

  it('lets a person of the owning organisation replace the hours, audited with before and after', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const res = await provider(put(ids['Kita Regenbogen']!.sal));
    expect(res.statusCode).toBe(200);
    expect(res.json().intervals).toHaveLength(2);
    const d = (await provider(`/api/directory/services/${ids['Kita Regenbogen']!.service}`)).json();
    expect(d.canEdit).toBe(true);
    expect(d.places[0].schedules).toEqual([
      { weekday: 1, opens: '07:00', closes: '17:00', notes: null },
      { weekday: 5, opens: '07:00', closes: '15:00', notes: 'Brückentage geschlossen' },
    ]);
    const [audit] = await db.query<{
      action: string;
      permission: string;
      detail: { schedules: { before: unknown[]; after: unknown[] } };
    }>(
      `SELECT action, permission, detail FROM audit_log WHERE tenant_id = 'berlin' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [ids['Kita Regenbogen']!.sal],
    );
    expect(audit).toMatchObject({
      action: 'directory.schedules',
      permission: 'directory.edit_own',
    });
    expect(audit!.detail.schedules.before).toEqual([]);
    expect(audit!.detail.schedules.after).toHaveLength(2);
    const hsds = (await app.inject(`/hsds/services/${ids['Kita Regenbogen']!.service}`)).json();
    expect(hsds.service_at_locations[0].schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      byday: 'MO',
      opens_at: '07:00',
    });
  });

  it("refuses a provider another organisation's entry, and a reader, changing nothing", async () => {
    const other = await as(['provider'], 'sonnenschein');
    const refused = await other(put(ids['Kita Regenbogen']!.sal));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('Kinderwelt e.V.');
    const noDept = await as(['provider']);
    expect((await noDept(put(ids['Jugendclub Kreuzberg']!.sal))).statusCode).toBe(403);
    expect((await (await as(['viewer']))(put(ids['Kita Regenbogen']!.sal))).statusCode).toBe(403);
    expect((await app.inject(put(ids['Kita Regenbogen']!.sal))).statusCode).toBe(401);
    const d = (
      await app.inject(`/api/directory/services/${ids['Kita Regenbogen']!.service}`)
    ).json();
    expect(d.places[0].schedules).toHaveLength(2);
  });

  it('lets the data steward edit any entry; unknown ids answer 404', async () => {
    const steward = await as(['data_steward']);
    expect((await steward(put(ids['Jugendclub Kreuzberg']!.sal))).statusCode).toBe(200);
    const missing = await steward(put('00000000-0000-5000-8000-000000000000'));
    expect(missing.statusCode).toBe(404);
  });

  it('answers 400 in German naming the interval for overlapping or reversed hours', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const res = await provider({
      method: 'PUT',
      url: `/api/directory/service-at-locations/${ids['Kita Regenbogen']!.sal}/schedules`,
      payload: {
        intervals: [
          { weekday: 2, opens: '08:00', closes: '12:00' },
          { weekday: 2, opens: '11:00', closes: '13:00' },
          { weekday: 3, opens: '18:00', closes: '09:00' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('intervals[1]');
    expect(res.json().error.message).toContain('Dienstag');
    expect(res.json().error.message).toContain('intervals[2]');
    const bad = await provider({
      method: 'PUT',
      url: `/api/directory/service-at-locations/${ids['Kita Regenbogen']!.sal}/schedules`,
      payload: { intervals: [{ weekday: 9, opens: '8', closes: '12:00' }] },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('linking an organisation to the people who maintain it', () => {
  const patch = (id: string, payload: Record<string, unknown>) => ({
    method: 'PATCH' as const,
    url: `/api/directory/organisations/${id}`,
    payload,
  });

  it('lets the data steward link the Träger to its organisation record; its people may then edit', async () => {
    const steward = await as(['data_steward']);
    const org = ids['Jugendclub Kreuzberg']!.org;
    const provider = await as(['provider'], 'sonnenschein');
    expect(
      (await provider(`/api/directory/services/${ids['Jugendclub Kreuzberg']!.service}`)).json()
        .canEdit,
    ).toBe(false);
    const res = await steward(patch(org, { departmentId: 'sonnenschein', public: false }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ departmentId: 'sonnenschein', public: false });
    expect(
      (await provider(`/api/directory/services/${ids['Jugendclub Kreuzberg']!.service}`)).json()
        .canEdit,
    ).toBe(true);
    expect(
      (await app.inject(`/api/directory/services/${ids['Jugendclub Kreuzberg']!.service}`))
        .statusCode,
    ).toBe(404);
    const [audit] = await db.query<{
      action: string;
      detail: { departmentId: { before: unknown; after: unknown } };
    }>(
      `SELECT action, detail FROM audit_log WHERE tenant_id = 'berlin' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [org],
    );
    expect(audit).toMatchObject({
      action: 'directory.organisation',
      detail: { departmentId: { before: null, after: 'sonnenschein' } },
    });
    expect((await steward(patch(org, { public: true }))).json()).toMatchObject({
      departmentId: 'sonnenschein',
      public: true,
    });
  });

  it('refuses a department that is no organisation record, a provider, and an empty patch', async () => {
    const steward = await as(['data_steward']);
    const org = ids['Apotheke am Platz']!.org;
    const bad = await steward(patch(org, { departmentId: 'sozialplanung' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('departmentId');
    expect((await steward(patch(org, {}))).statusCode).toBe(400);
    const provider = await as(['provider'], 'kinderwelt');
    expect((await provider(patch(org, { departmentId: 'kinderwelt' }))).statusCode).toBe(403);
    const [row] = await db.query<{ department_id: string | null }>(
      `SELECT department_id FROM directory_organization WHERE tenant_id = 'berlin' AND id = $1`,
      [org],
    );
    expect(row!.department_id).toBeNull();
  });
});

describe('taking back a recorded value', () => {
  it('lets the owning organisation remove a value it recorded (audited), others get 403, unknown 404', async () => {
    const id = ids['Kita Regenbogen']!.service;
    const provider = await as(['provider'], 'kinderwelt');
    const other = await as(['provider'], 'sonnenschein');
    const url = `/api/directory/services/${id}/capacities`;
    const put = await provider({
      method: 'PUT',
      url,
      payload: { kind: 'places', value: 80, refDate: '2024-05-01' },
    });
    expect(put.statusCode).toBe(200);
    const del = (who: typeof provider, q = 'kind=places&refDate=2024-05-01') =>
      who({ method: 'DELETE', url: `${url}?${q}` });
    expect((await del(other)).statusCode).toBe(403);
    expect((await del(provider, 'kind=places')).statusCode).toBe(400);
    const res = await del(provider);
    expect(res.statusCode).toBe(200);
    expect(res.json().capacities).toEqual([{ kind: 'places', value: 69, refDate: '2022-12-01' }]);
    expect((await del(provider)).statusCode).toBe(404);
    const [audit] = await db.query<{ detail: { value: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'directory.capacity_removed' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.detail.value).toBe(80);
  });
});

describe('the tenant extends the taxonomy', () => {
  it('lets the data steward add and change its own service types, not the built-in ones (audited)', async () => {
    const steward = await as(['data_steward']);
    const provider = await as(['provider'], 'kinderwelt');
    const body = {
      code: 'schuldnerberatung',
      name: 'Schuldnerberatung',
      description: 'Beratung bei Überschuldung',
      dimensions: ['income'],
      legalBasis: ['SGB XII § 11'],
    };
    const post = (who: typeof steward, payload: Record<string, unknown>) =>
      who({ method: 'POST', url: '/api/directory/taxonomy', payload });
    expect((await post(provider, body)).statusCode).toBe(403);
    expect((await post(steward, { ...body, code: 'Schuldner Beratung' })).statusCode).toBe(400);
    const res = await post(steward, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'schuldnerberatung', builtin: false, services: 0 });
    expect((await post(steward, body)).statusCode).toBe(409);
    const put = (code: string, payload: Record<string, unknown>) =>
      steward({ method: 'PUT', url: `/api/directory/taxonomy/${code}`, payload });
    const changed = await put('schuldnerberatung', { ...body, dimensions: ['income', 'health'] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().dimensions).toEqual(['income', 'health']);
    expect((await put('kita', { ...body, code: 'kita' })).statusCode).toBe(400);
    expect((await put('gibt_es_nicht', body)).statusCode).toBe(404);
    const terms = (await app.inject('/api/directory/taxonomy')).json();
    expect(terms.find((t: { code: string }) => t.code === 'schuldnerberatung')).toMatchObject({
      legalBasis: ['SGB XII § 11'],
      builtin: false,
    });
    const audits = await db.query(`SELECT 1 FROM audit_log WHERE action = 'directory.term'`);
    expect(audits).toHaveLength(2);
  });
});
