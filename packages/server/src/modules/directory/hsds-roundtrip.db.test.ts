// Issue 12 § 1 "HSDS out and in", the round trip: the Berlin directory exported as HSDS 3.0, imported
// into an empty tenant, exported again — the same data. Compared without what is the tenant's own by
// construction: the export time, the name-based ids of child objects (phones, languages, addresses,
// accessibility notes, attributes; UUIDv5 of tenant and parent, docs in ids.ts) and the ids of the
// built-in taxonomy and its terms, which are compared by name and code instead.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { multipart } from '../../testing/multipart.ts';
import { testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { loadBerlinFacilities } from '../../seed/berlin/index.ts';

type Export = Record<string, unknown> & {
  taxonomies: { id: string; name: string }[];
  taxonomy_terms: { id: string; code: string }[];
};

let db: Db;
let app: FastifyInstance;
let extraService = '';

beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinFacilities(db);
  // service-level opening hours, a contact with a phone and cost options on two services (the
  // facility files have none): they too must survive export → import → export
  const [a, b] = await db.query<{ id: string }>(
    `SELECT id FROM directory_service WHERE tenant_id = 'berlin' AND public ORDER BY id LIMIT 2`,
  );
  await db.query(
    `INSERT INTO directory_schedule (tenant_id, id, service_id, weekday, opens_at, closes_at, notes) VALUES
       ('berlin', 'c0000000-0000-4000-8000-000000000001', $1, 2, '09:00', '12:00', 'Sprechstunde'),
       ('berlin', 'c0000000-0000-4000-8000-000000000002', $1, 4, '14:00', '18:00', NULL)`,
    [a!.id],
  );
  await db.query(
    `INSERT INTO directory_contact (tenant_id, id, service_id, name, title, email, phone) VALUES
       ('berlin', 'c0000000-0000-4000-8000-000000000003', $1, 'Ayşe Demir', 'Leitung', 'demir@example.org', '030 1234567')`,
    [a!.id],
  );
  await db.query(
    `INSERT INTO directory_cost_option (tenant_id, id, service_id, option, amount, currency, amount_description, valid_from, valid_to) VALUES
       ('berlin', 'c0000000-0000-4000-8000-000000000004', $1, 'Mittagessen', 23, 'EUR', 'je Monat', '2024-01-01', '2024-12-31'),
       ('berlin', 'c0000000-0000-4000-8000-000000000005', $2, 'Kurs', 12.5, 'EUR', NULL, NULL, NULL)`,
    [a!.id, b!.id],
  );
  extraService = a!.id;
  await db.exec("INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig')");
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
}, 300_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const CHILD_LISTS = new Set(['phones', 'languages', 'addresses', 'accessibility', 'attributes']);

/** The export with tenant-made ids replaced by what they stand for. */
function normalised(e: Export): unknown {
  const names = new Map<string, string>([
    ...e.taxonomies.map((t): [string, string] => [t.id, `taxonomy:${t.name}`]),
    ...e.taxonomy_terms.map((t): [string, string] => [t.id, `term:${t.code}`]),
  ]);
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return names.get(v) ?? v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== 'generated_at' && !(CHILD_LISTS.has(key) && k === 'id'))
          .map(([k, x]) => [k, walk(x, CHILD_LISTS.has(k) ? k : '')]),
      );
    return v;
  };
  return walk(e);
}

describe('HSDS round trip', () => {
  it('exports Berlin, imports it into an empty tenant, and exports the same again', async () => {
    const first = await app.inject('/hsds/export');
    expect(first.statusCode).toBe(200);
    const berlin = first.json<Export>();
    const admin = injectAs(app, await adminHeaders(db, 'leipzig'));
    const res = await admin({
      method: 'POST',
      url: '/api/directory/hsds-import?dryRun=false',
      ...multipart([{ name: 'berlin-export.json', content: Buffer.from(first.body) }]),
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    expect(res.json()).toMatchObject({
      organisations: { created: (berlin.organizations as unknown[]).length, updated: 0 },
      services: { created: (berlin.services as unknown[]).length, updated: 0 },
    });
    const again = (await app.inject('/hsds/export?tenant=leipzig')).json<Export>();
    expect((again.services as unknown[]).length).toBe((berlin.services as unknown[]).length);
    expect(normalised(again)).toEqual(normalised(berlin));
    // the service-level extras are in both exports
    const extras = (e: Export) =>
      (e.services as { id: string }[]).find((x) => x.id === extraService) as Record<
        string,
        unknown
      >;
    expect(extras(again).schedules).toMatchObject([
      {
        byday: 'TU',
        opens_at: '09:00',
        closes_at: '12:00',
        notes: 'Sprechstunde',
        service_id: extraService,
      },
      { byday: 'TH', opens_at: '14:00' },
    ]);
    expect(extras(again).contacts).toMatchObject([
      {
        name: 'Ayşe Demir',
        title: 'Leitung',
        email: 'demir@example.org',
        phones: [{ number: '030 1234567' }],
      },
    ]);
    expect(extras(again).cost_options).toMatchObject([
      {
        option: 'Mittagessen',
        amount: 23,
        currency: 'EUR',
        valid_from: '2024-01-01',
        valid_to: '2024-12-31',
      },
    ]);
  }, 300_000);
});
