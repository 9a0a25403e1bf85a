// A service's own opening hours and cost options in the service body, and its Verlauf (issue 12
// § 1, ADR 0055): round trip, 400 naming the field, another organisation's provider 403; the
// history for the people who maintain the service and for audit readers, 403 for others.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { insertTwoProviders, type TwoProviders } from './fixtures/two-providers.ts';

let db: Db;
let app: FastifyInstance;
let areaId = 0;
let org: TwoProviders['org'];
let loc: TwoProviders['loc'];
let svc: TwoProviders['svc'];

beforeAll(async () => {
  db = await createTestDb();
  areaId = (await insertFixture(db)).areaId['01100101']!;
  ({ org, loc, svc } = await insertTwoProviders(db));
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const as = async (roles: string[], departmentId: string | null = null) =>
  injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));

const HOURS = [
  { weekday: 3, opens: '14:00', closes: '18:00', notes: 'offene Sprechstunde' },
  { weekday: 1, opens: '09:00', closes: '12:00' },
];
const COSTS = [
  { option: 'Mittagessen', amount: 12.5, amountDescription: 'je Monat', validFrom: '2026-01-01' },
  { option: 'Betreuung', amount: 0 },
];

const body = (key: 'kinderwelt' | 'sonnenschein', over: Record<string, unknown> = {}) => ({
  organisationId: org[key],
  serviceType: 'kita',
  name: key === 'kinderwelt' ? 'Kita Regenbogen' : 'Kita Sonnenschein',
  locations: [{ id: loc[key], name: 'Standort', city: 'Berlin', lon: 13.05, lat: 52.05 }],
  serviceSchedules: HOURS,
  costOptions: COSTS,
  ...over,
});

const put = (
  who: Awaited<ReturnType<typeof as>>,
  key: 'kinderwelt' | 'sonnenschein',
  over: Record<string, unknown> = {},
) => who({ method: 'PUT', url: `/api/directory/services/${svc[key]}`, payload: body(key, over) });

describe('a service’s own opening hours and cost options', () => {
  it('stores them with the service, in weekday order, EUR by default, audited before/after', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const res = await put(provider, 'kinderwelt');
    expect(res.statusCode).toBe(200);
    const again = (await provider(`/api/directory/services/${svc.kinderwelt}`)).json();
    expect(again.serviceSchedules).toEqual([
      { weekday: 1, opens: '09:00', closes: '12:00', notes: null },
      { weekday: 3, opens: '14:00', closes: '18:00', notes: 'offene Sprechstunde' },
    ]);
    expect(again.costOptions).toHaveLength(2);
    expect(again.costOptions).toEqual(
      expect.arrayContaining([
        {
          option: 'Mittagessen',
          amount: 12.5,
          currency: 'EUR',
          amountDescription: 'je Monat',
          validFrom: '2026-01-01',
          validTo: null,
        },
        {
          option: 'Betreuung',
          amount: 0,
          currency: 'EUR',
          amountDescription: null,
          validFrom: null,
          validTo: null,
        },
      ]),
    );
    const [audit] = await db.query<{
      detail: { before: { costOptions: unknown[] }; after: { serviceSchedules: unknown[] } };
    }>(
      `SELECT detail FROM audit_log WHERE tenant_id = 'berlin' AND entity_id = $1
          AND action = 'directory.service_update' ORDER BY id DESC LIMIT 1`,
      [svc.kinderwelt],
    );
    expect(audit!.detail.before.costOptions).toEqual([]);
    expect(audit!.detail.after.serviceSchedules).toHaveLength(2);
    // a second save replaces (one hour row, no costs)
    const second = await put(provider, 'kinderwelt', {
      serviceSchedules: [HOURS[1]],
      costOptions: [],
    });
    expect(second.json().serviceSchedules).toHaveLength(1);
    expect(second.json().costOptions).toEqual([]);
    // a body without the fields (an API client that does not know them) leaves them as they are
    const { serviceSchedules: _h, costOptions: _c, ...without } = body('kinderwelt');
    const third = await provider({
      method: 'PUT',
      url: `/api/directory/services/${svc.kinderwelt}`,
      payload: without,
    });
    expect(third.statusCode).toBe(200);
    expect(third.json().serviceSchedules).toEqual(second.json().serviceSchedules);
  });

  it('refuses bad hours and costs with 400 naming the field, writing nothing', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    const before = (await provider(`/api/directory/services/${svc.kinderwelt}`)).json();
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          serviceSchedules: [
            { weekday: 2, opens: '08:00', closes: '12:00' },
            { weekday: 2, opens: '11:00', closes: '13:00' },
          ],
        },
        'serviceSchedules.1',
      ],
      [
        { serviceSchedules: [{ weekday: 4, opens: '18:00', closes: '09:00' }] },
        'serviceSchedules.0',
      ],
      [
        { serviceSchedules: [{ weekday: 8, opens: '08:00', closes: '09:00' }] },
        'serviceSchedules.0.weekday',
      ],
      [{ costOptions: [{ option: 'Essen', amount: -1 }] }, 'costOptions.0.amount'],
      [
        { costOptions: [{ option: 'Essen', amount: 3, currency: 'EURO' }] },
        'costOptions.0.currency',
      ],
      [
        { costOptions: [{ option: 'Essen', validFrom: '2026-02-01', validTo: '2026-01-01' }] },
        'costOptions.0.validTo',
      ],
    ];
    for (const [over, field] of cases) {
      const res = await put(provider, 'kinderwelt', over);
      expect(res.statusCode, field).toBe(400);
      const fields = (res.json().error.details as { field: string }[]).map((d) => d.field);
      expect(fields, JSON.stringify(res.json())).toContain(field);
    }
    const after = (await provider(`/api/directory/services/${svc.kinderwelt}`)).json();
    expect(after.serviceSchedules).toEqual(before.serviceSchedules);
    expect(after.costOptions).toEqual(before.costOptions);
  });

  it('refuses a provider of another organisation (403) and writes nothing', async () => {
    const other = await as(['provider'], 'sonnenschein');
    const res = await put(other, 'kinderwelt', { organisationId: org.sonnenschein });
    expect(res.statusCode).toBe(403);
    const rows = await db.query(
      `SELECT 1 FROM directory_cost_option WHERE tenant_id = 'berlin' AND service_id = $1`,
      [svc.kinderwelt],
    );
    expect(rows).toEqual([]);
  });
});

describe('the Verlauf of a service', () => {
  it('shows the maintainers what changed, newest first: fields, own hours, costs, place hours, work areas', async () => {
    const provider = await as(['provider'], 'kinderwelt');
    await put(provider, 'kinderwelt', { costOptions: [COSTS[0]] });
    const detail = (await provider(`/api/directory/services/${svc.kinderwelt}`)).json();
    const sal = detail.places[0].serviceAtLocationId;
    const hours = await provider({
      method: 'PUT',
      url: `/api/directory/service-at-locations/${sal}/schedules`,
      payload: { intervals: [{ weekday: 5, opens: '07:00', closes: '17:00' }] },
    });
    expect(hours.statusCode).toBe(200);
    const areas = await provider({
      method: 'PUT',
      url: `/api/network/organisations/${org.kinderwelt}/areas`,
      payload: { areaIds: [areaId] },
    });
    expect(areas.statusCode).toBe(200);
    const withAreas = (await provider(`/api/directory/services/${svc.kinderwelt}/history`)).json();
    // the organisation's work areas are in it, the area named rather than numbered
    expect(withAreas.entries[0]).toMatchObject({
      action: 'network.work_areas',
      changes: [{ field: 'workAreas', before: [], after: [expect.any(String)] }],
    });
    await provider({
      method: 'PUT',
      url: `/api/network/organisations/${org.kinderwelt}/areas`,
      payload: { areaIds: [] },
    });
    const res = await provider(`/api/directory/services/${svc.kinderwelt}/history`);
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h.name).toBe('Kita Regenbogen');
    const ids = h.entries.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(h.entries[0].action).toBe('network.work_areas');
    expect(h.entries[2]).toMatchObject({
      action: 'directory.schedules',
      entity: 'service_at_location',
      entityId: sal,
      changes: [{ field: 'schedules', before: [], after: [{ weekday: 5, opens: '07:00' }] }],
    });
    expect(h.entries[2].actor).toMatch(/@/);
    const update = h.entries[3];
    expect(update.action).toBe('directory.service_update');
    const costs = update.changes.find((c: { field: string }) => c.field === 'costOptions');
    expect(costs.before).toEqual([]);
    expect(costs.after).toEqual([expect.objectContaining({ option: 'Mittagessen', amount: 12.5 })]);
    // no entries of the other organisation's service
    expect(JSON.stringify(h)).not.toContain(svc.sonnenschein);
  });

  it('is readable by data stewards and audit readers; 403 for others, 401 for visitors, 404 unknown', async () => {
    const url = `/api/directory/services/${svc.kinderwelt}/history`;
    expect((await (await as(['data_steward']))(url)).statusCode).toBe(200);
    expect((await (await as(['department_planner'], 'sozialplanung'))(url)).statusCode).toBe(200);
    const other = await (await as(['provider'], 'sonnenschein'))(url);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain('Kinderwelt');
    expect((await (await as(['viewer']))(url)).statusCode).toBe(403);
    expect((await app.inject(url)).statusCode).toBe(401);
    const unknown = await (
      await as(['data_steward'])
    )('/api/directory/services/00000000-0000-5000-8000-000000000000/history');
    expect(unknown.statusCode).toBe(404);
  });
});
