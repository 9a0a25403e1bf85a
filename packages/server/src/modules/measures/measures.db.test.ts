// The measures module over HTTP on a real database (issue 14 § 2): a planner creates a measure with
// an area and a goal whose baseline comes from the data; the list filters; public and internal
// measures reach the right readers; every id named in a body is checked against the caller's rights
// (department, organisation, areas, indicators, parent) and a refused write changes nothing; progress
// rolls up from sub-measures; changes are audited and visible as history; the doors give signals,
// an area's measures and a measure for the effect analysis, and create a measure from a decision.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { anonymousPrincipal, type Principal } from '../access/index.ts';
import type { MeasureDetail, MeasureSummary } from '@sozialraum/contracts/measures';
import {
  createMeasure,
  getMeasureForEffect,
  listMeasureSignals,
  listMeasuresForArea,
} from './index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let planner: ReturnType<typeof injectAs>;
let healthPlanner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let lead: ReturnType<typeof injectAs>;

const anonymous = (url: string) => app.inject({ url });

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await db.exec(`
    INSERT INTO department (tenant_id, id, name, kind) VALUES ('berlin', 'traeger-a', 'Träger A e. V.', 'organisation');
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'dept_secret', 'Abteilungsgeheim', 'Department only', NULL, 'nur Gesundheit', 'count', 'count', 1,
       'health', 'neutral', 'gesundheit', 'afs', 0, 'department', 9);
  `);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  const as = async (roles: string[], departmentId: string | null) =>
    injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));
  planner = await as(['department_planner'], 'sozialplanung');
  healthPlanner = await as(['department_planner'], 'gesundheit');
  viewer = await as(['viewer'], 'sozialplanung');
  lead = await as(['sozialplanung'], 'sozialplanung');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  title: 'Familienzentrum Stülerstraße',
  description: 'Ein Treffpunkt für Familien',
  status: 'in_progress',
  visibility: 'public',
  departmentId: 'sozialplanung',
  organisationIds: ['traeger-a'],
  lebenslagen: ['demography', 'education'],
  targetGroups: ['Familien mit Kindern unter 6'],
  start: '2023-01-15',
  end: '2030-12-31',
  areaIds: [fx.areaId['01100101']],
  milestones: [
    { title: 'Räume gefunden', dueDate: '2023-06-30', weight: 1, done: true },
    { title: 'Eröffnung', dueDate: '2024-06-30', weight: 3, done: false },
  ],
  goals: [
    {
      indicatorId: 'ewr_total',
      areaId: fx.areaId['01100101'],
      targetValue: 120,
      targetDate: '2027-12-31',
    },
  ],
  ...over,
});

async function post(who: typeof planner, payload: unknown) {
  return who({ method: 'POST', url: '/api/measures', payload: payload as object });
}

const auditCount = async () =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n);
const measureCount = async () =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM measure`))[0]!.n);

describe('creating and reading a measure', () => {
  let id: string;

  it('creates a measure whose goal baseline is taken from the data', async () => {
    const res = await post(planner, body());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json<{ id: string }>().id;
    expect(res.headers.location).toBe(`/api/measures/${id}`);
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail.goals).toHaveLength(1);
    const goal = detail.goals[0]!;
    // the latest value at or before the start (2023-01-15) is 90 on 2022-12-31
    expect(goal.baseline).toEqual({ date: '2022-12-31', value: 90 });
    expect(goal.target).toEqual({ date: '2027-12-31', value: 120 });
    expect(goal.actual.map((a) => a.value)).toEqual([90, 100]);
    expect(goal.status).toBe('on_course'); // 100 is ahead of the line (≈ 96)
    expect(detail.progress).toBe(25); // milestones 1 of 4 weight done
    expect(detail.origin).toBeNull();
    expect(detail.organisations).toEqual([{ id: 'traeger-a', name: 'Träger A e. V.' }]);
    expect(detail.history).toEqual([
      expect.objectContaining({ action: 'measures.create', actor: expect.any(String) }),
    ]);
    expect(detail.canEdit).toBe(true);
    // the map's marker: the centre of the area's box [13.0, 52.0, 13.1, 52.1]
    expect(detail.marker![0]).toBeCloseTo(13.05);
    expect(detail.marker![1]).toBeCloseTo(52.05);
  });

  it('filters the list by area, Lebenslage, department and status', async () => {
    const ids = async (q: string) =>
      (await planner(`/api/measures${q}`)).json<MeasureSummary[]>().map((m) => m.id);
    expect(await ids(`?area=${fx.areaId['01100101']}`)).toContain(id);
    expect(await ids(`?area=${fx.areaId['02100102']}`)).not.toContain(id);
    expect(await ids('?lebenslage=education')).toContain(id);
    expect(await ids('?lebenslage=health')).not.toContain(id);
    expect(await ids('?department=sozialplanung')).toContain(id);
    expect(await ids('?department=gesundheit')).not.toContain(id);
    expect(await ids('?status=in_progress')).toContain(id);
    expect(await ids('?status=done')).not.toContain(id);
    expect((await planner('/api/measures?status=erledigt')).statusCode).toBe(400);
  });

  it('records a change with its fields and shows it as history; anonymous readers see no names', async () => {
    const res = await planner({
      method: 'PUT',
      url: `/api/measures/${id}`,
      payload: body({ status: 'paused' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail.status).toBe('paused');
    expect(detail.history[0]).toMatchObject({ action: 'measures.update', fields: ['status'] });
    // the stored baseline stays although it is re-derived from nothing new
    expect(detail.goals[0]!.baseline).toEqual({ date: '2022-12-31', value: 90 });
    const open = (await anonymous(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(open.history.every((h) => h.actor === null)).toBe(true);
    expect(open.canEdit).toBe(false);
  });

  it('shows internal measures only to signed-in people', async () => {
    const res = await post(planner, body({ title: 'Interne Prüfung', visibility: 'internal' }));
    const internalId = res.json<{ id: string }>().id;
    expect((await anonymous(`/api/measures/${internalId}`)).statusCode).toBe(404);
    const publicList = (await anonymous('/api/measures')).json<MeasureSummary[]>();
    expect(publicList.map((m) => m.id)).toContain(id);
    expect(publicList.map((m) => m.id)).not.toContain(internalId);
    expect((await viewer(`/api/measures/${internalId}`)).statusCode).toBe(200);
  });

  it('takes a point on the map instead of areas, and puts its marker there', async () => {
    const res = await post(
      planner,
      body({
        title: 'Bank am Platz',
        areaIds: [],
        goals: [],
        geometry: { type: 'Point', coordinates: [13.41, 52.52] },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const detail = (
      await planner(`/api/measures/${res.json<{ id: string }>().id}`)
    ).json<MeasureDetail>();
    expect(detail.geometry).toEqual({ type: 'Point', coordinates: [13.41, 52.52] });
    expect(detail.marker).toEqual([13.41, 52.52]);
    const far = await post(planner, body({ geometry: { type: 'Point', coordinates: [200, 52] } }));
    expect(far.statusCode).toBe(400);
  });

  it('answers 400 for ids beyond the database range and 404 for unknown ones, never 500', async () => {
    expect((await planner('/api/measures/99999999999')).statusCode).toBe(400);
    expect((await planner('/api/measures/999999')).statusCode).toBe(404);
  });
});

describe('rights on every record a body names', () => {
  it('refuses without measures.edit and for another department, writing nothing', async () => {
    const [a, m] = [await auditCount(), await measureCount()];
    expect((await post(viewer, body())).statusCode).toBe(403);
    const other = await post(planner, body({ departmentId: 'gesundheit' }));
    expect(other.statusCode).toBe(403);
    expect(other.json<{ error: { message: string } }>().error.message).toContain(
      'measures.edit_all',
    );
    expect((await post(planner, body({ departmentId: null }))).statusCode).toBe(403);
    expect([await auditCount(), await measureCount()]).toEqual([a, m]);
    // Sozialplanung (measures.edit_all) may act for every department
    expect((await post(lead, body({ departmentId: 'gesundheit' }))).statusCode).toBe(201);
  });

  it('refuses unknown departments, organisations, areas and indicators with 400', async () => {
    const [a, m] = [await auditCount(), await measureCount()];
    const cases: [Record<string, unknown>, string][] = [
      [{ departmentId: 'gibtsnicht' }, 'Abteilung'],
      [{ organisationIds: ['sozialplanung'] }, 'Organisation'],
      [{ areaIds: [999999] }, '999999'],
      [
        {
          goals: [
            {
              indicatorId: 'nope',
              areaId: fx.areaId['01100101'],
              targetValue: 1,
              targetDate: '2030-01-01',
            },
          ],
        },
        'nope',
      ],
      // an indicator of another department the planner may not read: the same words as unknown
      [
        {
          goals: [
            {
              indicatorId: 'dept_secret',
              areaId: fx.areaId['01100101'],
              targetValue: 1,
              targetDate: '2030-01-01',
            },
          ],
        },
        'gibt es nicht',
      ],
      [
        {
          goals: [
            {
              indicatorId: 'ewr_total',
              areaId: fx.areaId['02100102'],
              targetValue: 1,
              targetDate: '2030-01-01',
            },
          ],
        },
        'nicht zur Maßnahme',
      ],
      [
        {
          goals: [
            {
              indicatorId: 'ewr_total',
              areaId: fx.areaId['01100101'],
              baselineDate: '2020-12-31',
              targetValue: 1,
              targetDate: '2030-01-01',
            },
          ],
        },
        'keinen',
      ],
      [
        {
          goals: [
            {
              indicatorId: 'ewr_total',
              areaId: fx.areaId['01100101'],
              targetValue: 1,
              targetDate: '2020-01-01',
            },
          ],
        },
        'Zieldatum',
      ],
      [{ areaIds: [], geometry: null }, 'Gebiet'],
      [{ start: '2025-01-01', end: '2024-01-01' }, 'Ende'],
      [{ parentId: '999999' }, 'übergeordnete'],
    ];
    for (const [over, words] of cases) {
      const res = await post(planner, body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(words);
    }
    expect([await auditCount(), await measureCount()]).toEqual([a, m]);
  });

  it('refuses changing a measure of another department, and attaching to it', async () => {
    const res = await post(
      healthPlanner,
      body({ departmentId: 'gesundheit', title: 'Gesundheitslotsen' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const healthId = res.json<{ id: string }>().id;
    const [a, m] = [await auditCount(), await measureCount()];
    const put = await planner({ method: 'PUT', url: `/api/measures/${healthId}`, payload: body() });
    expect(put.statusCode).toBe(403);
    expect((await post(planner, body({ parentId: healthId }))).statusCode).toBe(403);
    expect([await auditCount(), await measureCount()]).toEqual([a, m]);
    const after = (await planner(`/api/measures/${healthId}`)).json<MeasureDetail>();
    expect(after.title).toBe('Gesundheitslotsen');
  });
});

describe('sub-measures', () => {
  it('rolls progress up weighted and refuses a cycle', async () => {
    const parent = (
      await post(planner, body({ title: 'Programm', milestones: [], goals: [], progress: 0 }))
    ).json<{ id: string }>().id;
    const child = async (title: string, weight: number, progress: number) =>
      (
        await post(
          planner,
          body({ title, parentId: parent, weight, progress, milestones: [], goals: [] }),
        )
      ).json<{ id: string }>().id;
    const a = await child('Teil A', 3, 100);
    await child('Teil B', 1, 0);
    const detail = (await planner(`/api/measures/${parent}`)).json<MeasureDetail>();
    expect(detail.progress).toBe(75);
    expect(detail.children.map((c) => c.title)).toEqual(['Teil A', 'Teil B']);
    const cycle = await planner({
      method: 'PUT',
      url: `/api/measures/${parent}`,
      payload: body({ title: 'Programm', parentId: a, milestones: [], goals: [] }),
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('eigenen Teilmaßnahmen');
  });
});

describe('removed areas', () => {
  it('drops the link and the goal in a removed area, keeping the measure', async () => {
    const [a] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name, parent_id)
       VALUES ('berlin', 'lor2021', 'plr', '09999999', 'Wird entfernt', NULL) RETURNING id`,
    );
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', 'ewr_total', $1, '2022-12-31', 5)`,
      [a!.id],
    );
    const res = await post(
      planner,
      body({
        title: 'Zwei Gebiete',
        areaIds: [fx.areaId['01100101'], a!.id],
        goals: [
          { indicatorId: 'ewr_total', areaId: a!.id, targetValue: 9, targetDate: '2029-12-31' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM observation_row WHERE area_id = $1', [a!.id]);
      await tx.query('DELETE FROM area WHERE id = $1', [a!.id]);
    });
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail.areas.map((x) => x.id)).toEqual([fx.areaId['01100101']]);
    expect(detail.goals).toEqual([]);
  });
});

describe('doors for other modules', () => {
  const staff = async (): Promise<Principal> => {
    const [user] = await db.query<{ id: number }>(
      `SELECT id FROM app_user WHERE tenant_id = 'berlin' AND department_id = 'sozialplanung' LIMIT 1`,
    );
    return {
      kind: 'session',
      tenantId: 'berlin',
      userId: user!.id,
      name: 'planerin@berlin.example',
      displayName: 'Planerin',
      departmentId: 'sozialplanung',
      roles: ['department_planner'],
      permissions: new Set(['measures.read', 'measures.edit', 'indicators.read']),
    };
  };

  it('creates a measure from a decision in the caller’s transaction, tracing its origin', async () => {
    const principal = await staff();
    const { id } = await db.transaction((tx) =>
      createMeasure(
        tx,
        { principal, actor: { actor: principal.name } },
        {
          title: 'Spielplatz sanieren',
          areaIds: [String(fx.areaId['01100102'])],
          dueDate: '2020-06-30',
          visibility: 'internal',
          origin: {
            kind: 'decision',
            id: 'b-17',
            label: 'Beschluss 17 der Stadtteilkonferenz',
            href: '/konferenzen/beschluesse/b-17',
          },
        },
      ),
    );
    const detail = (await planner(`/api/measures/${id}`)).json<MeasureDetail>();
    expect(detail.origin).toEqual({
      kind: 'decision',
      id: 'b-17',
      label: 'Beschluss 17 der Stadtteilkonferenz',
      href: '/konferenzen/beschluesse/b-17',
    });
    expect(detail.departmentId).toBe('sozialplanung');
    // its end date has passed and it is not done: overdue
    const signals = await listMeasureSignals(db, 'berlin', [String(fx.areaId['01100102'])], null);
    expect(signals).toEqual([
      expect.objectContaining({
        measureId: id,
        kind: 'overdue',
        since: '2020-06-30',
        href: `/massnahmen/${id}`,
      }),
    ]);
    expect(
      await listMeasureSignals(db, 'berlin', [String(fx.areaId['01100102'])], '2021-01-01'),
    ).toEqual([]);
    await expect(
      db.transaction((tx) =>
        createMeasure(
          tx,
          { principal, actor: { actor: principal.name } },
          {
            title: 'Anderswo',
            areaIds: ['999999'],
            visibility: 'internal',
            origin: { kind: 'decision', id: 'b-18', label: 'B 18', href: '/x' },
          },
        ),
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('flags a goal behind its target line as off target', async () => {
    const res = await post(
      planner,
      body({
        title: 'Zuzug fördern',
        goals: [
          {
            indicatorId: 'ewr_total',
            areaId: fx.areaId['01100101'],
            targetValue: 200,
            targetDate: '2024-06-30',
          },
        ],
      }),
    );
    const id = res.json<{ id: string }>().id;
    const signals = await listMeasureSignals(db, 'berlin', [], null);
    expect(signals.filter((s) => s.measureId === id)).toEqual([
      expect.objectContaining({ kind: 'off_target', since: '2023-12-31' }),
    ]);
  });

  it('lists an area’s measures by reader and gives a measure for the effect analysis', async () => {
    const area = String(fx.areaId['01100101']);
    const anon = anonymousPrincipal('berlin', new Set(['measures.read', 'indicators.read']));
    const open = await listMeasuresForArea(db, 'berlin', area, anon);
    const all = await listMeasuresForArea(db, 'berlin', area, await staff());
    expect(open.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(open.length); // the internal one
    expect(open[0]).toMatchObject({ href: `/massnahmen/${open[0]!.id}` });
    const effect = await getMeasureForEffect(db, 'berlin', open[0]!.id, anon);
    expect(effect).toMatchObject({ areaIds: [area], areaLevel: 'plr', start: '2023-01-15' });
    expect(effect!.goals[0]).toMatchObject({ indicatorId: 'ewr_total' });
    expect(await getMeasureForEffect(db, 'berlin', 'x', anon)).toBeNull();
  });
});
