// The assessments module over HTTP on a real database (issue 13 § 4): a person of an organisation
// records an assessment for her organisation; the area's numbers are stable within the Wilson noise
// rule, so the assessment "schlechter" disagrees; every id in the body is checked (area, organisation,
// Lebenslage) and a refused write changes nothing; only the author (or write_all) changes or withdraws;
// internal assessments stay with signed-in readers; changes are audited; the doors find disagreements.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaAssessments, Assessment } from '@sozialraum/contracts/assessments';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import {
  findDisagreeingAssessments,
  listDisagreeingAssessments,
  listNegativeAssessments,
} from './index.ts';
import { anonymousPrincipal } from '../access/index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let provider: ReturnType<typeof injectAs>;
let colleague: ReturnType<typeof injectAs>;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  // Stülerstraße's unemployed share 2022 → 2023: 4/50 → 5/50 (8 % → 10 %): Wilson intervals overlap.
  await db.exec(`
    INSERT INTO department (tenant_id, id, name, kind) VALUES ('berlin', 'qm-nord', 'Quartiersmanagement Nord', 'organisation');
    INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator)
    VALUES ('berlin', 'share_unemployed', ${fx.areaId['01100101']}, '2022-12-31', 8, 4, 50);
  `);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  const as = async (roles: string[], departmentId: string | null) =>
    injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));
  provider = await as(['provider'], 'qm-nord');
  colleague = await as(['provider'], 'qm-nord');
  planner = await as(['department_planner'], 'sozialplanung');
  viewer = await as(['viewer'], 'sozialplanung');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  areaId: fx.areaId['01100101'],
  dimension: 'work',
  observedDate: '2024-03-01',
  trend: 'worse',
  urgency: 3,
  text: 'Deutlich mehr junge Menschen ohne Ausbildungsplatz in der Beratung.',
  evidence: 'Beratungsstatistik Q1 2024',
  organisationId: 'qm-nord',
  ...over,
});
const count = async (table: string) =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

describe('assessments', () => {
  let id = 0;

  it('records an organisation person’s assessment, which disagrees with stable numbers', async () => {
    const res = await provider({ method: 'POST', url: '/api/assessments', payload: body() });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Assessment>();
    id = a.id;
    expect(a.organisation).toEqual({ id: 'qm-nord', name: 'Quartiersmanagement Nord' });
    expect(a.visibility).toBe('internal');
    expect(a.comparison.verdict).toBe('disagree');
    expect(a.comparison.sentence).toBe('Kennzahlen stabil, Einschätzung: verschlechtert');
    expect(a.comparison.movements.map((m) => m.indicatorId)).toEqual(['share_unemployed']);
    expect(a.mayEdit).toBe(true);
    const [audit] = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'assessment' AND entity_id = $1`,
      [String(id)],
    );
    expect(audit?.action).toBe('assessments.create');
  });

  it('refuses foreign organisations, unknown ids and the future, changing nothing', async () => {
    const before = [await count('assessment'), await count('audit_log')];
    const cases: [ReturnType<typeof injectAs>, Record<string, unknown>, number, RegExp][] = [
      [provider, { organisationId: 'sozialplanung' }, 403, /Sozialplanung/],
      [provider, { organisationId: 'gibt-es-nicht' }, 400, /Organisation/],
      [provider, { areaId: 999_999 }, 400, /Gebiet 999999/],
      [provider, { dimension: 'astrology' }, 400, /dimension/],
      [provider, { observedDate: '2999-01-01' }, 400, /Zukunft/],
      [provider, { urgency: 4 }, 400, /Dringlichkeit/],
      [viewer, {}, 403, /assessments\.write/],
    ];
    for (const [who, over, status, message] of cases) {
      const res = await who({ method: 'POST', url: '/api/assessments', payload: body(over) });
      expect(res.statusCode, `${JSON.stringify(over)}: ${res.body}`).toBe(status);
      expect(res.body).toMatch(message);
    }
    expect([await count('assessment'), await count('audit_log')]).toEqual(before);
  });

  it('lets a planner write for every organisation', async () => {
    const res = await planner({
      method: 'POST',
      url: '/api/assessments',
      payload: body({ dimension: 'income', trend: 'same', visibility: 'public', urgency: 1 }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Assessment>().comparison.verdict).toBe('no_numbers');
  });

  it('shows the area’s latest per Lebenslage to signed-in readers, public ones without names to all', async () => {
    const url = `/api/assessments/areas/${fx.areaId['01100101']}`;
    const signedIn = (await viewer(url)).json<AreaAssessments>();
    expect(signedIn.latest.map((a) => a.dimension).sort()).toEqual(['income', 'work']);
    expect(signedIn.mayWrite).toBe(false);
    expect(signedIn.signals.negativeAssessments).toBeGreaterThanOrEqual(0);
    const anon = (await app.inject({ url })).json<AreaAssessments>();
    expect(anon.latest.map((a) => a.dimension)).toEqual(['income']);
    expect(anon.latest[0]?.author).toBeNull();
    const own = (await provider(url)).json<AreaAssessments>();
    expect(own.organisations).toEqual([{ id: 'qm-nord', name: 'Quartiersmanagement Nord' }]);
    expect((await viewer('/api/assessments/areas/999999')).statusCode).toBe(404);
  });

  it('counts supports given and survey responses about the area in the signal line', async () => {
    const area = fx.areaId['01100102']!;
    const url = `/api/assessments/areas/${area}`;
    const before = (await viewer(url)).json<AreaAssessments>().signals;
    const [report] = await db.query<{ id: number }>(
      `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, area_id, delete_token_hash)
       VALUES ('berlin', 'hint', 'work', 'Ein Hinweis', 13.05, 52.05, $1, 'x') RETURNING id`,
      [area],
    );
    await db.query(
      `INSERT INTO participation_support (tenant_id, report_id, device_hash)
       SELECT 'berlin', $1::integer, md5(g::text) FROM generate_series(1, 3) g`,
      [report!.id],
    );
    const [survey] = await db.query<{ id: number }>(
      `INSERT INTO survey (tenant_id, title, area_id, status, definition)
       VALUES ('berlin', 'Umfrage', $1, 'open', '{"questions":[]}') RETURNING id`,
      [area],
    );
    await db.query(
      `INSERT INTO survey_response (tenant_id, survey_id, answers)
       SELECT 'berlin', $1::integer, '{}'::jsonb FROM generate_series(1, 2)`,
      [survey!.id],
    );
    const after = (await viewer(url)).json<AreaAssessments>().signals;
    expect(after.reports - before.reports).toBe(1);
    expect(after.supports - before.supports).toBe(3);
    expect(after.surveyResponses - before.surveyResponses).toBe(2);
  });

  it('lets only the author change and withdraw, audited, and keeps the history', async () => {
    const refused = await colleague({
      method: 'PUT',
      url: `/api/assessments/${id}`,
      payload: body({ urgency: 1 }),
    });
    expect(refused.statusCode).toBe(403);
    const changed = await provider({
      method: 'PUT',
      url: `/api/assessments/${id}`,
      payload: body({ urgency: 2 }),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Assessment>().urgency).toBe(2);
    // the replaced version is kept as revision 1 (migration 0035)
    const revisions = await db.query<{ revision: number; snapshot: { urgency: number } }>(
      `SELECT revision, snapshot FROM assessment_revision WHERE assessment_id = $1`,
      [id],
    );
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.revision).toBe(1);
    expect(revisions[0]!.snapshot.urgency).not.toBe(2);
    const withdrawn = await provider({ method: 'POST', url: `/api/assessments/${id}/withdraw` });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json<Assessment>().withdrawn).toBe(true);
    const again = await provider({ method: 'POST', url: `/api/assessments/${id}/withdraw` });
    expect(again.statusCode).toBe(400);
    const area = (
      await viewer(`/api/assessments/areas/${fx.areaId['01100101']}`)
    ).json<AreaAssessments>();
    expect(area.latest.map((a) => a.dimension)).toEqual(['income']);
    expect(area.history.map((a) => a.id)).toContain(id);
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'assessment' AND entity_id = $1 ORDER BY id`,
      [String(id)],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'assessments.create',
      'assessments.update',
      'assessments.withdraw',
    ]);
  });

  it('gives disagreeing and negative assessments through its doors', async () => {
    const res = await provider({
      method: 'POST',
      url: '/api/assessments',
      payload: body({ observedDate: '2024-04-01' }),
    });
    const newId = res.json<Assessment>().id;
    const found = await findDisagreeingAssessments(db, 'berlin', '2024-01-01');
    expect(found.map((d) => d.id)).toEqual([newId]);
    expect(found[0]?.sentence).toBe('Kennzahlen stabil, Einschätzung: verschlechtert');
    // internal: a visitor's agenda sees none
    const anon = anonymousPrincipal('berlin', new Set(['assessments.read']));
    expect(await listDisagreeingAssessments(db, anon, [fx.areaId['01100101']!], null)).toEqual([]);
    const negative = await listNegativeAssessments(db, 'berlin', '2024-01-01', '2024-12-31');
    expect(negative).toEqual([
      { areaId: fx.areaId['01100101'], dimension: 'work', date: '2024-04-01' },
    ]);
  });
});
