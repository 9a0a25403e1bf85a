// The HSDS 3.0 import on a small fixture (issue 12 § 1 "HSDS … in"): dry run writes nothing; an
// import writes organisations, services, places, hours and capacity in one transaction with one
// audit entry; every problem names file, record, id and JSON path; one bad record refuses the
// whole upload; ids are checked against the caller's rights (a Träger only its own organisation);
// odd files (NUL, broken ZIP, deep JSON, not UTF-8) are 400s; the tabular data package is read too.
import type { FastifyInstance } from 'fastify';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { FIXTURE_DIRECTORY, insertFixture, testContext } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
type Inject = ReturnType<typeof injectAs>;
let admin: Inject;
let provider: Inject;

const ORG = 'aaaaaaaa-0000-4000-8000-000000000001';
const SERVICE = 'aaaaaaaa-0000-4000-8000-000000000002';
const LOCATION = 'aaaaaaaa-0000-4000-8000-000000000003';
const SAL = 'aaaaaaaa-0000-4000-8000-000000000004';
const SCHEDULE = 'aaaaaaaa-0000-4000-8000-000000000005';

/** One nested HSDS service (service.json shape) with its organisation, place and hours. */
function service(over: Record<string, unknown> = {}) {
  return {
    id: SERVICE,
    organization_id: ORG,
    name: 'Familientreff Wedding',
    description: 'Offener Treff für Familien. Kapazität: 25 Plätze (Stand 01.03.2025)',
    status: 'active',
    organization: {
      id: ORG,
      name: 'Nachbarschaft Wedding e.V.',
      description: 'Verein',
      legal_status: 'Verein',
    },
    languages: [{ id: 'aaaaaaaa-0000-4000-8000-000000000006', service_id: SERVICE, code: 'tr' }],
    attributes: [
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000007',
        link_id: SERVICE,
        link_type: 'service_type',
        link_entity: 'service',
        taxonomy_term_id: '66666666-6666-5666-8666-666666666666',
      },
    ],
    service_at_locations: [
      {
        id: SAL,
        service_id: SERVICE,
        location_id: LOCATION,
        location: {
          id: LOCATION,
          location_type: 'physical',
          organization_id: ORG,
          name: 'Treff Wedding',
          latitude: 52.05,
          longitude: 13.05,
          addresses: [
            {
              id: 'aaaaaaaa-0000-4000-8000-000000000008',
              location_id: LOCATION,
              address_1: 'Müllerstraße 1',
              city: 'Berlin',
              state_province: 'Berlin',
              postal_code: '13353',
              country: 'DE',
              address_type: 'physical',
            },
          ],
        },
        schedules: [
          {
            id: SCHEDULE,
            service_at_location_id: SAL,
            freq: 'WEEKLY',
            byday: 'MO',
            opens_at: '09:00',
            closes_at: '17:00',
          },
        ],
      },
    ],
    ...over,
  };
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const upload = (who: Inject, files: { name: string; content: Buffer }[], dryRun: boolean) =>
  who({
    method: 'POST',
    url: `/api/directory/hsds-import?dryRun=${dryRun}`,
    ...multipart(files),
  });
const countRows = async () =>
  (
    await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM directory_service WHERE tenant_id = 'berlin')
            + (SELECT count(*) FROM directory_organization WHERE tenant_id = 'berlin')
            + (SELECT count(*) FROM directory_schedule WHERE tenant_id = 'berlin') AS n`,
    )
  )[0]!.n;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  await db.exec(`INSERT INTO department (tenant_id, id, name, kind, org_type) VALUES
    ('berlin', 'fixture-traeger', 'Fixture-Träger e.V.', 'organisation', 'Träger')`);
  await db.query(
    `UPDATE directory_organization SET department_id = 'fixture-traeger' WHERE tenant_id = 'berlin' AND id = $1`,
    [FIXTURE_DIRECTORY.organisation],
  );
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
  admin = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['data_steward'] })),
  );
  provider = injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['provider'], departmentId: 'fixture-traeger' }),
    ),
  );
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('importing HSDS JSON', () => {
  it('checks in a dry run and writes nothing', async () => {
    const before = await countRows();
    const res = await upload(admin, [{ name: 'services.json', content: json([service()]) }], true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      records: 1,
      organisations: { created: 1, updated: 0 },
      services: { created: 1, updated: 0 },
      locations: { created: 1, updated: 0 },
      serviceAtLocations: { created: 1, updated: 0 },
      schedules: 1,
      capacities: 1,
    });
    expect(await countRows()).toBe(before);
  });

  it('imports the service with its place, hours, languages and places, audited once', async () => {
    const res = await upload(admin, [{ name: 'treff.json', content: json(service()) }], false);
    expect(res.statusCode, res.body).toBe(200);
    const d = (await admin(`/api/directory/services/${SERVICE}`)).json();
    expect(d).toMatchObject({
      name: 'Familientreff Wedding',
      serviceType: 'familienzentrum',
      description: 'Offener Treff für Familien',
      languages: ['tr'],
      capacity: { kind: 'places', value: 25, refDate: '2025-03-01' },
      organisation: { name: 'Nachbarschaft Wedding e.V.', kind: 'verein' },
    });
    expect(d.places[0].location.address).toBe('Müllerstraße 1, 13353 Berlin');
    expect(d.places[0].schedules).toEqual([
      { weekday: 1, opens: '09:00', closes: '17:00', notes: null },
    ]);
    const audit = await db.query<{ action: string; detail: { services: unknown } }>(
      `SELECT action, detail FROM audit_log WHERE tenant_id = 'berlin' AND action = 'directory.import'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail.services).toEqual({ created: 1, updated: 0 });
    // the export gives the same service again
    const exported = (await admin(`/hsds/services/${SERVICE}`)).json();
    expect(exported.description).toBe(service().description);
  });

  it('updates by id on a second import (hours replaced, no duplicates)', async () => {
    const s = service();
    s.service_at_locations[0]!.schedules[0]!.closes_at = '18:30';
    const res = await upload(admin, [{ name: 'services.json', content: json([s]) }], false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().services).toEqual({ created: 0, updated: 1 });
    const d = (await admin(`/api/directory/services/${SERVICE}`)).json();
    expect(d.places[0].schedules[0].closes).toBe('18:30');
  });

  it('shows both imports in the service’s Verlauf, with their files, and pages it by `before`', async () => {
    const history = (await admin(`/api/directory/services/${SERVICE}/history`)).json();
    const imports = history.entries.filter(
      (e: { action: string }) => e.action === 'directory.import',
    );
    // the second import changed one opening hour of the place: named by the place, old → new; the
    // first created the service, so it names only its files
    expect(imports.map((e: { changes: unknown }) => e.changes)).toEqual([
      [
        { field: 'hsdsFiles', before: null, after: ['services.json'] },
        {
          field: 'schedules:Treff Wedding',
          before: [{ weekday: 1, opens: '09:00', closes: '17:00', notes: null }],
          after: [{ weekday: 1, opens: '09:00', closes: '18:30', notes: null }],
        },
      ],
      [{ field: 'hsdsFiles', before: null, after: ['treff.json'] }],
    ]);
    expect(history.more).toBe(false);
    // the page before the newest entry holds the rest; a service the imports did not name has none
    const older = (
      await admin(`/api/directory/services/${SERVICE}/history?before=${history.entries[0].id}`)
    ).json();
    expect(older.entries.map((e: { id: number }) => e.id)).toEqual(
      history.entries.slice(1).map((e: { id: number }) => e.id),
    );
    const other = (
      await admin(`/api/directory/services/${FIXTURE_DIRECTORY.service}/history`)
    ).json();
    expect(other.entries.some((e: { action: string }) => e.action === 'directory.import')).toBe(
      false,
    );
    expect((await admin(`/api/directory/services/${SERVICE}/history?before=x`)).statusCode).toBe(
      400,
    );
  });

  it('records no field change for an import that changes nothing, and every changed field otherwise', async () => {
    const s = service();
    s.service_at_locations[0]!.schedules[0]!.closes_at = '18:30';
    const same = await upload(admin, [{ name: 'same.json', content: json([s]) }], false);
    expect(same.statusCode, same.body).toBe(200);
    const entry = async () =>
      (
        await db.query<{ detail: Record<string, unknown> }>(
          `SELECT detail FROM audit_log WHERE tenant_id = 'berlin' AND action = 'directory.import'
            ORDER BY seq DESC LIMIT 1`,
        )
      )[0]!.detail;
    const unchanged = await entry();
    expect(unchanged).toMatchObject({
      files: ['same.json'],
      serviceIds: [SERVICE],
      moreServices: 0,
    });
    expect(unchanged.serviceChanges).toEqual({});
    let history = (await admin(`/api/directory/services/${SERVICE}/history`)).json();
    expect(history.entries[0].changes).toEqual([
      { field: 'hsdsFiles', before: null, after: ['same.json'] },
    ]);
    // a new name and e-mail address: both fields, old → new
    const renamed = service({ name: 'Familientreff Wedding-Nord', email: 'treff@example.org' });
    renamed.service_at_locations[0]!.schedules[0]!.closes_at = '18:30';
    await upload(admin, [{ name: 'renamed.json', content: json([renamed]) }], false);
    expect((await entry()).serviceChanges).toEqual({
      [SERVICE]: {
        changes: {
          name: { before: 'Familientreff Wedding', after: 'Familientreff Wedding-Nord' },
          email: { before: null, after: 'treff@example.org' },
        },
        moreFields: 0,
      },
    });
    history = (await admin(`/api/directory/services/${SERVICE}/history`)).json();
    expect(history.entries[0].changes.map((c: { field: string }) => c.field)).toEqual([
      'hsdsFiles',
      'name',
      'email',
    ]);
    // back to the name the later tests expect
    const back = service();
    back.service_at_locations[0]!.schedules[0]!.closes_at = '18:30';
    await upload(admin, [{ name: 'back.json', content: json([back]) }], false);
  });

  it('imports the service’s own hours, contacts and cost options, replacing earlier ones', async () => {
    const extras = {
      schedules: [
        {
          id: 'aaaaaaaa-0000-4000-8000-0000000000a1',
          freq: 'WEEKLY',
          byday: 'WE',
          opens_at: '15:00',
          closes_at: '17:00',
          notes: 'Elterncafé',
        },
      ],
      contacts: [
        {
          id: 'aaaaaaaa-0000-4000-8000-0000000000a2',
          name: 'Jonas Weber',
          title: 'Koordination',
          email: 'weber@example.org',
          phones: [{ id: 'aaaaaaaa-0000-4000-8000-0000000000a3', number: '030 987654' }],
        },
      ],
      cost_options: [
        {
          id: 'aaaaaaaa-0000-4000-8000-0000000000a4',
          option: 'Kursgebühr',
          amount: 15,
          currency: 'EUR',
          amount_description: 'je Termin',
        },
      ],
    };
    const res = await upload(
      admin,
      [{ name: 'treff.json', content: json(service(extras)) }],
      false,
    );
    expect(res.statusCode, res.body).toBe(200);
    const d = (await admin(`/api/directory/services/${SERVICE}`)).json();
    expect(d.costOptions).toEqual([
      {
        option: 'Kursgebühr',
        amount: 15,
        currency: 'EUR',
        amountDescription: 'je Termin',
        validFrom: null,
        validTo: null,
      },
    ]);
    expect(d.serviceSchedules).toEqual([
      { weekday: 3, opens: '15:00', closes: '17:00', notes: 'Elterncafé' },
    ]);
    expect(d.contacts).toEqual([
      {
        name: 'Jonas Weber',
        title: 'Koordination',
        email: 'weber@example.org',
        phone: '030 987654',
      },
    ]);
    const exported = (await admin(`/hsds/services/${SERVICE}`)).json();
    expect(exported.schedules).toMatchObject([
      { byday: 'WE', opens_at: '15:00', notes: 'Elterncafé', service_id: SERVICE },
    ]);
    expect(exported.cost_options).toMatchObject([
      { option: 'Kursgebühr', amount: 15, currency: 'EUR' },
    ]);
    expect(exported.contacts[0].phones[0].number).toBe('030 987654');
    // a bad currency and an amount below 0: refused with the JSON path, nothing written
    const bad = service({
      ...extras,
      cost_options: [
        { id: 'aaaaaaaa-0000-4000-8000-0000000000a5', option: 'X', amount: -1, currency: 'EUR' },
        { id: 'aaaaaaaa-0000-4000-8000-0000000000a6', option: 'Y', amount: 3, currency: 'Euro' },
      ],
    });
    const refused = await upload(admin, [{ name: 'treff.json', content: json(bad) }], false);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('cost_options[0].amount');
    expect(refused.body).toContain('cost_options[1].currency');
    // importing the service without them takes them away (the upload is the service's whole entry)
    const plain = await upload(admin, [{ name: 'treff.json', content: json(service()) }], false);
    expect(plain.statusCode, plain.body).toBe(200);
    const after = (await admin(`/hsds/services/${SERVICE}`)).json();
    expect([after.schedules, after.contacts, after.cost_options]).toEqual([[], [], []]);
  });

  it('names file, record, id and JSON path of every schema problem, and imports nothing of the file', async () => {
    const before = await countRows();
    const good = service({
      id: 'bbbbbbbb-0000-4000-8000-000000000002',
      service_at_locations: [],
    });
    const bad = service({ id: 'bbbbbbbb-0000-4000-8000-000000000003', status: 'offen' });
    (bad.service_at_locations[0]!.location as Record<string, unknown>).latitude = 'Norden';
    const res = await upload(admin, [{ name: 'angebote.json', content: json([good, bad]) }], false);
    expect(res.statusCode).toBe(400);
    const body = res.json().error;
    expect(body.code).toBe('invalid_hsds');
    expect(body.message).toContain('angebote.json, Eintrag 2');
    const issues = body.details.issues as {
      file: string;
      index: number;
      id: string;
      path: string;
    }[];
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['$[1].status', '$[1].service_at_locations[0].location.latitude']),
    );
    expect(issues.every((i) => i.file === 'angebote.json' && i.index === 1)).toBe(true);
    expect(issues[0]!.id).toBe('bbbbbbbb-0000-4000-8000-000000000003');
    expect(await countRows()).toBe(before);
  });

  it('refuses references to records that exist nowhere, naming the path', async () => {
    const s = service({
      id: 'cccccccc-0000-4000-8000-000000000002',
      organization_id: 'cccccccc-0000-4000-8000-000000000009',
    });
    delete (s as Record<string, unknown>).organization;
    s.service_at_locations = [];
    const res = await upload(admin, [{ name: 'x.json', content: json(s) }], true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({
      path: '$.organization_id',
      id: 'cccccccc-0000-4000-8000-000000000002',
    });
  });
});

describe('rights of the ids an upload names', () => {
  it('lets a Träger change only its own organisation’s services', async () => {
    const own = service({
      id: FIXTURE_DIRECTORY.service,
      organization_id: FIXTURE_DIRECTORY.organisation,
      name: 'Familienzentrum Mitte',
      service_at_locations: [],
    });
    delete (own as Record<string, unknown>).organization;
    const ok = await upload(provider, [{ name: 'own.json', content: json(own) }], true);
    expect(ok.statusCode, ok.body).toBe(200);
    // the service imported above belongs to another organisation
    const foreign = await upload(provider, [{ name: 'f.json', content: json(service()) }], true);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.details.issues[0].message).toContain('Nachbarschaft Wedding e.V.');
    // moving its own service to that organisation is refused as well
    const moved = await upload(
      provider,
      [{ name: 'm.json', content: json({ ...own, organization_id: ORG }) }],
      true,
    );
    expect(moved.statusCode).toBe(403);
  });

  it('refuses new organisations to a Träger and the import to visitors', async () => {
    const s = service({
      id: 'dddddddd-0000-4000-8000-000000000002',
      organization_id: 'dddddddd-0000-4000-8000-000000000001',
      service_at_locations: [],
    });
    s.organization = {
      ...s.organization,
      id: 'dddddddd-0000-4000-8000-000000000001',
      name: 'Neuer Verein',
    };
    const res = await upload(provider, [{ name: 'n.json', content: json(s) }], true);
    expect(res.statusCode).toBe(403);
    const anon = await app.inject({
      method: 'POST',
      url: '/api/directory/hsds-import',
      ...multipart([{ name: 'n.json', content: json(s) }]),
    });
    expect(anon.statusCode).toBe(401);
  });
});

describe('odd files', () => {
  const refused = async (name: string, content: Buffer) => {
    const res = await upload(admin, [{ name, content }], true);
    expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
    return res.json().error.message as string;
  };

  it('answers 400 for NUL, broken JSON, deep JSON, non-UTF-8, broken ZIP and other formats', async () => {
    expect(await refused('nul.json', json(service({ name: 'A\u0000B' })))).toContain('NUL');
    expect(await refused('broken.json', Buffer.from('{"id": '))).toContain('kein gültiges JSON');
    expect(await refused('deep.json', Buffer.from('['.repeat(5000) + ']'.repeat(5000)))).toContain(
      'zu tief',
    );
    expect(await refused('latin1.json', Buffer.from([0x7b, 0x22, 0xe4, 0x22, 0x7d]))).toContain(
      'UTF-8',
    );
    expect(await refused('paket.zip', Buffer.from('PK\u0003\u0004kaputt'))).toContain('ZIP');
    expect(await refused('liste.xlsx', Buffer.from('x'))).toContain('.json');
    expect(await refused('leer.json', json([]))).toContain('keine HSDS-Einträge');
    expect(await refused('zahl.json', json(42))).toContain('kein HSDS-Objekt');
  });
});

describe('the tabular data package', () => {
  it('reads the CSV tables of a ZIP (organizations, services, locations, places, hours, attributes)', async () => {
    const o = 'eeeeeeee-0000-4000-8000-000000000001';
    const s = 'eeeeeeee-0000-4000-8000-000000000002';
    const l = 'eeeeeeee-0000-4000-8000-000000000003';
    const sal = 'eeeeeeee-0000-4000-8000-000000000004';
    const files = {
      'datapackage.json': strToU8('{"name":"hsds"}'),
      'organizations.csv': strToU8(
        `id,name,description,legal_status\n${o},Kiezladen e.V.,Stadtteilarbeit,Verein\n`,
      ),
      'services.csv': strToU8(
        `id,organization_id,name,status,minimum_age\n${s},${o},Kiezladen Beratung,active,16\n`,
      ),
      'locations.csv': strToU8(
        `id,organization_id,location_type,name,latitude,longitude\n${l},${o},physical,Kiezladen,52.05,13.15\n`,
      ),
      'service_at_locations.csv': strToU8(`id,service_id,location_id\n${sal},${s},${l}\n`),
      'schedules.csv': strToU8(
        `id,service_at_location_id,freq,byday,opens_at,closes_at\neeeeeeee-0000-4000-8000-000000000005,${sal},WEEKLY,TU,10:00,12:00\n`,
      ),
      'attributes.csv': strToU8(
        `id,link_id,link_type,link_entity,taxonomy_term_id\neeeeeeee-0000-4000-8000-000000000006,${s},service_type,service,66666666-6666-5666-8666-666666666666\n`,
      ),
    };
    const res = await upload(
      admin,
      [{ name: 'paket.zip', content: Buffer.from(zipSync(files)) }],
      false,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ records: 6, services: { created: 1 }, schedules: 1 });
    const d = (await admin(`/api/directory/services/${s}`)).json();
    expect(d).toMatchObject({ minimumAge: 16, serviceType: 'familienzentrum' });
    expect(d.places[0].schedules[0]).toMatchObject({ weekday: 2, opens: '10:00' });
  });

  it('names the CSV file and line of a bad cell', async () => {
    const res = await upload(
      admin,
      [
        {
          name: 'locations.csv',
          content: Buffer.from('id,location_type,latitude\nnicht-uuid,physical,viel\n'),
        },
      ],
      true,
    );
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { file: string; path: string }[];
    expect(issues[0]).toMatchObject({ file: 'locations.csv', path: 'Zeile 2.latitude' });
  });
});
