// The measures module's later gaps (issue 14, ADR 0040) over HTTP on a real database: a measure is
// deleted (audited) but refused while money is booked on it or it has sub-measures; a point or
// line must lie inside the measure's areas and is served as such for the map; a city-wide measure
// has no areas and says so; a measure created from an alert traces back to it, and an alert the
// caller may not read is refused; the signals of overdue and off-target measures reach the feed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MeasureDetail,
  MeasureSignalItem,
  MeasureSummary,
} from '@sozialraum/contracts/measures';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let planner: ReturnType<typeof injectAs>;
let healthPlanner: ReturnType<typeof injectAs>;
let alertId: number;
let secretAlertId: number;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'dept_secret', 'Abteilungsgeheim', 'Department only', NULL, 'nur Gesundheit', 'count', 'count', 1,
       'health', 'neutral', 'gesundheit', 'afs', 0, 'department', 9);
    INSERT INTO alert_rule (tenant_id, id, name_de, department, kind, params) VALUES
      ('berlin', 'ewr-anstieg', 'Anstieg Einwohner', 'sozialplanung', 'indicator_change',
       '{"indicatorIds": ["ewr_total"], "sdThreshold": 2}'),
      ('berlin', 'geheim', 'Geheim', 'gesundheit', 'indicator_change',
       '{"indicatorIds": ["dept_secret"], "sdThreshold": 2}');
  `);
  const insertAlert = async (rule: string, indicator: string) =>
    (
      await db.query<{ id: number }>(
        `INSERT INTO alert (tenant_id, rule_id, area_id, indicator_id, ref_date, previous_date, kind, severity, explanation_de)
         VALUES ('berlin', $1, $2, $3, '2023-12-31', '2022-12-31', 'indicator_change', 2.5, 'Auffällig.') RETURNING id`,
        [rule, fx.areaId['01100101'], indicator],
      )
    )[0]!.id;
  alertId = await insertAlert('ewr-anstieg', 'ewr_total');
  secretAlertId = await insertAlert('geheim', 'dept_secret');
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  const as = async (roles: string[], departmentId: string | null) =>
    injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));
  planner = await as(['department_planner'], 'sozialplanung');
  healthPlanner = await as(['department_planner'], 'gesundheit');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  title: 'Spielstraße Stülerstraße',
  visibility: 'public',
  departmentId: 'sozialplanung',
  areaIds: [fx.areaId['01100101']],
  ...over,
});

async function create(payload: unknown): Promise<string> {
  const res = await planner({ method: 'POST', url: '/api/measures', payload: payload as object });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: number }>(sql, params))[0]!.n);

describe('deleting a measure', () => {
  it('refuses while money is booked on it, deletes and audits once it is gone', async () => {
    const id = await create(body({ milestones: [{ title: 'Schilder' }] }));
    await db.query(
      `INSERT INTO funding_entry (tenant_id, programme_id, area_id, year, kind, source, amount, measure_id)
       VALUES ('berlin', 'x', $1, 2025, 'approved', 'land', 1000, $2)`,
      [fx.areaId['01100101'], Number(id)],
    );
    const refused = await planner({ method: 'DELETE', url: `/api/measures/${id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain(
      'auf ihr ist Geld gebucht (1 Eintrag, 2025)',
    );
    expect((await planner(`/api/measures/${id}`)).statusCode).toBe(200);

    await db.query(`DELETE FROM funding_entry WHERE measure_id = $1`, [Number(id)]);
    const other = await healthPlanner({ method: 'DELETE', url: `/api/measures/${id}` });
    expect(other.statusCode).toBe(403);
    const audits = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const done = await planner({ method: 'DELETE', url: `/api/measures/${id}` });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ deleted: id });
    expect((await planner(`/api/measures/${id}`)).statusCode).toBe(404);
    expect(
      await count(`SELECT count(*)::int AS n FROM measure_milestone WHERE measure_id = $1`, [
        Number(id),
      ]),
    ).toBe(0);
    const [entry] = await db.query<{ action: string; detail: { title: string } }>(
      `SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(audits + 1);
    expect(entry).toMatchObject({
      action: 'measures.delete',
      detail: { title: 'Spielstraße Stülerstraße' },
    });
    expect((await planner({ method: 'DELETE', url: `/api/measures/${id}` })).statusCode).toBe(404);
  });

  it('refuses a measure with sub-measures, and unknown or huge ids without a 5xx', async () => {
    const parent = await create(body({ title: 'Programm' }));
    await create(body({ title: 'Teil', parentId: parent }));
    const refused = await planner({ method: 'DELETE', url: `/api/measures/${parent}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('Teilmaßnahme');
    expect((await planner({ method: 'DELETE', url: '/api/measures/999999' })).statusCode).toBe(404);
    expect((await planner({ method: 'DELETE', url: '/api/measures/99999999999' })).statusCode).toBe(
      400,
    );
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/measures/${parent}` })).statusCode,
    ).toBe(401);
  });
});

describe('a measure’s location on the map', () => {
  it('takes a point and a line inside its areas and serves them for the map', async () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [13.02, 52.05],
        [13.08, 52.06],
      ],
    };
    const id = await create(body({ title: 'Radweg', geometry: line }));
    const list = (await planner('/api/measures')).json<MeasureSummary[]>();
    const item = list.find((m) => m.id === id)!;
    expect(item.geometry).toEqual(line);
    expect(item.marker).toEqual([13.02, 52.05]);
  });

  it('refuses a point outside the measure’s areas with the area named, writing nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM measure`);
    const res = await planner({
      method: 'POST',
      url: '/api/measures',
      payload: body({ geometry: { type: 'Point', coordinates: [13.35, 52.05] } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(
      'außerhalb ihrer Gebiete (Stülerstraße)',
    );
    const bad = await planner({
      method: 'POST',
      url: '/api/measures',
      payload: body({ geometry: { type: 'LineString', coordinates: [[13.02, 52.05]] } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM measure`)).toBe(before);
  });
});

describe('city-wide measures', () => {
  it('allows a measure without areas when it is marked „gesamtstädtisch“', async () => {
    const id = await create(body({ title: 'Kinderarmut senken', areaIds: [], citywide: true }));
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail).toMatchObject({ citywide: true, areas: [], marker: null });
    const none = await planner({
      method: 'POST',
      url: '/api/measures',
      payload: body({ areaIds: [] }),
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('gesamtstädtisch');
    const both = await planner({
      method: 'POST',
      url: '/api/measures',
      payload: body({ citywide: true }),
    });
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('hat keine Gebiete');
  });

  it('takes goals on any area of the city and lists them apart (?citywide=true)', async () => {
    const goal = { indicatorId: 'ewr_total', targetValue: 120, targetDate: '2027-12-31' };
    const id = await create(
      body({
        title: 'Mehr Kitaplätze stadtweit',
        areaIds: [],
        citywide: true,
        goals: [
          { ...goal, areaId: fx.areaId['01100101'] },
          { ...goal, areaId: fx.areaId['02100102'] },
        ],
      }),
    );
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail.goals.map((g) => [g.areaId, g.areaName])).toEqual([
      [fx.areaId['01100101'], 'Stülerstraße'],
      [fx.areaId['02100102'], 'Mehringplatz'],
    ]);
    const unknown = await planner({
      method: 'POST',
      url: '/api/measures',
      payload: body({
        areaIds: [],
        citywide: true,
        goals: [{ ...goal, areaId: 99_999 }],
      }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Das Gebiet 99999 des Ziels');
    const citywide = (await planner('/api/measures?citywide=true')).json<MeasureSummary[]>();
    expect(citywide.map((m) => m.id)).toContain(id);
    expect(citywide.every((m) => m.citywide)).toBe(true);
    const local = (await planner('/api/measures?citywide=false')).json<MeasureSummary[]>();
    expect(local.map((m) => m.id)).not.toContain(id);
  });
});

describe('from an alert', () => {
  it('records the alert as origin and refuses one the caller may not read', async () => {
    const id = await create(body({ title: 'Antwort auf Zuzug', alertId: String(alertId) }));
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail.origin).toMatchObject({
      kind: 'alert',
      id: String(alertId),
      href: `/hinweise#hinweis-${alertId}`,
    });
    expect(detail.origin!.label).toContain('Stülerstraße');
    for (const unknown of [String(secretAlertId), '999999']) {
      const res = await planner({
        method: 'POST',
        url: '/api/measures',
        payload: body({ alertId: unknown }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toBe(
        `Die Frühwarnung ${unknown} gibt es nicht.`,
      );
    }
  });
});

describe('signals for the alert feed', () => {
  it('lists overdue and off-target measures the reader may read, with links', async () => {
    const id = await create(
      body({
        title: 'Überfällig',
        status: 'in_progress',
        end: '2020-12-31',
        start: '2020-01-01',
        visibility: 'internal',
      }),
    );
    const signals = (await planner('/api/measures/signals')).json<MeasureSignalItem[]>();
    expect(signals.filter((s) => s.measureId === id)).toEqual([
      expect.objectContaining({
        kind: 'overdue',
        href: `/massnahmen/${id}`,
        areas: [expect.objectContaining({ name: 'Stülerstraße' })],
      }),
    ]);
    // an internal measure's signal is not public
    const anon = (await app.inject({ url: '/api/measures/signals' })).json<MeasureSignalItem[]>();
    expect(anon.some((s) => s.measureId === id)).toBe(false);
  });
});
