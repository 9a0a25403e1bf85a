// The rule kind participation_signal on a real database (issue 13 § 5): reports and negative
// assessments per area and quarter against the area's own quarters and the other areas (the hand-
// checked numbers of core's detectSignalSurges test, docs/methods/participation-signals.md); the
// surge is raised once, the noisy area held back, a disagreeing assessment raises its own alert, and
// both appear in the alert feed with their evidence. Params are validated like the other kinds.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { signalPeriods } from './participation-signal.ts';
import { detectAlerts } from './service.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let api: ReturnType<typeof injectAs>;

/** Inserts n reports (topic work) into an area on a day. */
async function reports(code: string, day: string, n: number): Promise<void> {
  if (n === 0) return;
  await db.query(
    `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, area_id, delete_token_hash, created_at, support_count)
     SELECT 'berlin', 'hint', 'work', 'Zu wenig Ausbildungsplätze', 13.05, 52.05, $1, md5(g::text), $2::timestamptz, 2
       FROM generate_series(1, $3) g`,
    [fx.areaId[code], `${day}T10:00:00Z`, n],
  );
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  api = injectAs(app, await adminHeaders(db));
  // quarters Q4 2025 … Q3 2026 (history) and Q4 2026 (current); one negative assessment in Q4 2026
  const history: Record<string, number[]> = {
    '01100101': [1, 2, 3, 2],
    '01100102': [3, 5, 4, 4],
    '02100101': [1, 1, 1, 1],
    '02100102': [0, 0, 0, 0],
  };
  const current: Record<string, number> = {
    '01100101': 15,
    '01100102': 8,
    '02100101': 2,
    '02100102': 3,
  };
  const days = ['2025-11-15', '2026-02-15', '2026-05-15', '2026-08-15'];
  for (const [code, list] of Object.entries(history))
    for (let i = 0; i < 4; i++) await reports(code, days[i]!, list[i]!);
  for (const [code, n] of Object.entries(current)) await reports(code, '2026-10-15', n);
  await reports('01100101', '2027-01-05', 9); // the next quarter: not counted
  await db.exec(`
    INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator)
    VALUES ('berlin', 'share_unemployed', ${fx.areaId['01100101']}, '2022-12-31', 8, 4, 50);
    INSERT INTO assessment (tenant_id, area_id, dimension, observed_date, trend, urgency, body, organisation_id, author_name)
    VALUES ('berlin', ${fx.areaId['01100101']}, 'work', '2026-11-01', 'worse', 3, 'Mehr Jugendliche ohne Ausbildung', 'sozialplanung', 'Test');
  `);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('participation_signal rules', () => {
  it('cuts calendar quarters around the day of the run', () => {
    expect(signalPeriods('2026-11-20', 3, 2)).toEqual([
      { start: '2026-10-01', end: '2027-01-01' },
      { start: '2026-07-01', end: '2026-10-01' },
      { start: '2026-04-01', end: '2026-07-01' },
    ]);
    expect(signalPeriods('2026-01-31', 12, 1)[1]).toEqual({
      start: '2025-01-01',
      end: '2026-01-01',
    });
  });

  it('validates the params like the other kinds', async () => {
    const bad = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        id: 'signale-falsch',
        nameDe: 'Falsch',
        department: 'sozialplanung',
        kind: 'participation_signal',
        params: { periodMonths: 5 },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/Zeitraum: 1, 3, 6 oder 12 Monate/);
    const ok = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        id: 'viele-hinweise',
        nameDe: 'Ungewöhnlich viele Hinweise/negative Einschätzungen',
        department: 'sozialplanung',
        kind: 'participation_signal',
        params: {},
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().params).toEqual({
      dimension: null,
      periodMonths: 3,
      historyPeriods: 4,
      minCount: 5,
      sources: ['reports', 'supports', 'negative_assessments', 'survey_responses'],
      disagreements: true,
    });
  });

  it('raises the surge and the disagreement once, holds back the noise, and shows them in the feed', async () => {
    const first = await detectAlerts(db, 'berlin', 'test', undefined, { today: '2026-11-20' });
    const rule = first.rules.find((r) => r.ruleId === 'viele-hinweise')!;
    expect(rule.raised).toBe(2);
    expect(rule.heldBackItems.map((h) => h.areaId)).toEqual([fx.areaId['01100102']]);
    // a signal has no indicator, change or z-score: null, and the count it was held back at
    expect(rule.heldBackItems[0]).toMatchObject({
      indicatorId: null,
      changePp: null,
      z: null,
      count: 8,
    });
    const again = await detectAlerts(db, 'berlin', 'test', undefined, { today: '2026-11-21' });
    expect(again.rules.find((r) => r.ruleId === 'viele-hinweise')).toMatchObject({
      raised: 0,
      existing: 2,
    });
    const feed = (await api(`/api/alerts?area=${fx.areaId['01100101']}`)).json() as {
      kind: string;
      explanation: string;
      details: Record<string, unknown>;
      refDate: string;
      previousDate: string;
    }[];
    const surge = feed.find((a) => a.kind === 'participation_signal')!;
    // 15 reports + 1 negative assessment; own 8 in 4 quarters, the others 8 + 2 + 3 = 13 in 3 areas
    expect(surge.explanation).toBe(
      '16 Hinweise, Unterstützungen, negative Einschätzungen und Befragungsantworten im Zeitraum, sonst 2,0 je Zeitraum (eigene Vorgeschichte) und 4,3 im Mittel der übrigen Gebiete (01.10.2026–31.12.2026)',
    );
    expect(surge).toMatchObject({ previousDate: '2026-10-01', refDate: '2026-12-31' });
    // supports count when they are given (none here: support_count alone is no dated signal)
    expect(surge.details).toMatchObject({
      count: 16,
      supports: 0,
      bySource: { reports: 15, negative_assessments: 1 },
    });
    const disagreement = feed.find((a) => a.kind === 'assessment_disagrees')!;
    expect(disagreement.explanation).toBe(
      'Kennzahlen stabil, Einschätzung: verschlechtert (Sozialplanung, Dringlichkeit 3 von 3)',
    );
  });

  it('counts supports on the day they are given and survey responses per area, when chosen', async () => {
    const area = fx.areaId['02100102']!;
    const [report] = await db.query<{ id: number }>(
      `SELECT id FROM participation_report WHERE area_id = $1 ORDER BY id LIMIT 1`,
      [area],
    );
    await db.query(
      `INSERT INTO participation_support (tenant_id, report_id, device_hash, created_at)
       SELECT 'berlin', $1, md5('u' || g), '2026-10-20T10:00:00Z' FROM generate_series(1, 10) g`,
      [report!.id],
    );
    // a survey about this area (8 responses) and a city-wide one whose area question names it (4)
    await db.query(
      `INSERT INTO survey (tenant_id, title, area_id, status, definition)
       VALUES ('berlin', 'Im Gebiet', $1, 'open', '{"questions":[]}'),
              ('berlin', 'Stadtweit', NULL, 'open',
               '{"questions":[{"id":"wo","type":"area","label":"Wo?"}]}')`,
      [area],
    );
    const surveys = await db.query<{ id: number; title: string }>(
      `SELECT id, title FROM survey WHERE tenant_id = 'berlin' ORDER BY id`,
    );
    const local = surveys.find((x) => x.title === 'Im Gebiet')!.id;
    const city = surveys.find((x) => x.title === 'Stadtweit')!.id;
    await db.query(
      `INSERT INTO survey_response (tenant_id, survey_id, answers, submitted_on)
       SELECT 'berlin', $1::integer, '{}'::jsonb, '2026-10-21'::date FROM generate_series(1, 8)
       UNION ALL
       SELECT 'berlin', $2::integer, jsonb_build_object('wo', $3::text), '2026-10-22'::date FROM generate_series(1, 4)
       UNION ALL
       SELECT 'berlin', $2::integer, jsonb_build_object('wo', 'kein-gebiet'), '2026-10-22'::date`,
      [local, city, String(area)],
    );
    const res = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        id: 'viel-zuspruch',
        nameDe: 'Ungewöhnlich viel Zuspruch und Beteiligung',
        department: 'sozialplanung',
        kind: 'participation_signal',
        params: { sources: ['supports', 'survey_responses'], disagreements: false },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const bad = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        id: 'nichts',
        nameDe: 'Nichts',
        department: 'sozialplanung',
        kind: 'participation_signal',
        params: { sources: [] },
      },
    });
    expect(bad.statusCode).toBe(400);
    await detectAlerts(db, 'berlin', 'test', undefined, { today: '2026-11-20' });
    const feed = (await api(`/api/alerts?area=${area}`)).json() as {
      kind: string;
      explanation: string;
      details: Record<string, unknown>;
    }[];
    const alert = feed.find(
      (a) => a.kind === 'participation_signal' && a.explanation.startsWith('22 Unterstützungen'),
    );
    expect(alert?.explanation).toMatch(/^22 Unterstützungen und Befragungsantworten im Zeitraum/);
    expect(alert?.details).toMatchObject({
      count: 22,
      supports: 10,
      bySource: { supports: 10, survey_responses: 12 },
      sources: ['supports', 'survey_responses'],
    });
  });
});
