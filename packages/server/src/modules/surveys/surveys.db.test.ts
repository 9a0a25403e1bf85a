// The surveys module over HTTP on a real database (issue 13 § 3): a planner builds a questionnaire
// with an area question and conditions, opens it; residents answer without an account (proof of
// work, one response per browser); results per area show n and intervals and withhold small cells;
// the answers export as CSV and XLSX without free text; a result becomes an indicator flagged
// "Befragung, nicht repräsentativ"; every id in a body is checked and every change audited.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { solveChallenge } from '../participation/index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let admin: ReturnType<typeof injectAs>;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let surveyId: number;

const A = () => String(fx.areaId['01100101']);
const B = () => String(fx.areaId['01100102']);
const C = () => String(fx.areaId['02100101']);

const definition = {
  questions: [
    { id: 'wohnort', type: 'area', label: 'Wo wohnen Sie?', required: true },
    {
      id: 'kinder',
      type: 'single',
      label: 'Leben Kinder in Ihrem Haushalt?',
      required: true,
      options: [
        { id: 'ja', label: 'Ja' },
        { id: 'nein', label: 'Nein' },
      ],
    },
    {
      id: 'angebote',
      type: 'multiple',
      label: 'Welche Angebote nutzen Sie?',
      options: [
        { id: 'kita', label: 'Kita' },
        { id: 'spielplatz', label: 'Spielplatz' },
      ],
      showIf: { questionId: 'kinder', anyOf: ['ja'] },
    },
    {
      id: 'zufrieden',
      type: 'scale',
      label: 'Wie zufrieden sind Sie mit Ihrem Kiez?',
      required: true,
      scale: { min: 1, max: 5 },
    },
    { id: 'anmerkung', type: 'text', label: 'Was möchten Sie noch sagen?' },
  ],
};

const survey = (over: Record<string, unknown> = {}) => ({
  title: 'Familien im Kiez',
  intro: 'Ihre Meinung zählt.',
  areaId: null,
  pickerSystemId: 'lor2021',
  pickerLevelId: 'plr',
  closesOn: '2099-12-31',
  definition,
  ...over,
});

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  admin = injectAs(app, await adminHeaders(db));
  planner = injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['department_planner'], departmentId: 'sozialplanung' }),
    ),
  );
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
  const res = await admin({
    method: 'PUT',
    url: '/api/participation/settings',
    payload: { flagThreshold: 3, powDifficulty: 4, privacyNotice: null },
  });
  expect(res.statusCode).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function solved(): Promise<{ challenge: string; nonce: string }> {
  const { challenge } = (await app.inject('/api/participation/challenge')).json<{
    challenge: string;
  }>();
  return { challenge, nonce: solveChallenge(challenge) };
}

let tokenNo = 0;
async function answer(
  answers: Record<string, unknown>,
  token = `browser-token-${++tokenNo}-abcdefgh`,
  id = surveyId,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/responses`,
    payload: { token, answers, pow: await solved() },
  });
}

describe('building a survey', () => {
  it('creates a draft with a checked questionnaire (201, Location)', async () => {
    const res = await planner({ method: 'POST', url: '/api/surveys', payload: survey() });
    expect(res.statusCode).toBe(201);
    const s = res.json<{ id: number; status: string; responseCount: number }>();
    expect(res.headers.location).toBe(`/api/surveys/${s.id}`);
    expect(s).toMatchObject({ status: 'draft', responseCount: 0 });
    surveyId = s.id;
  });

  it('refuses a condition on a later question, naming it (400)', async () => {
    const bad = {
      questions: [
        { ...definition.questions[1], showIf: { questionId: 'zufrieden', min: 1 } },
        definition.questions[3],
      ],
    };
    const res = await planner({
      method: 'POST',
      url: '/api/surveys',
      payload: survey({ definition: bad, pickerSystemId: null, pickerLevelId: null }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(
      'Bedingung verweist auf die spätere Frage „zufrieden“',
    );
  });

  it('refuses an unknown area, an unknown picker level and a missing level (400)', async () => {
    for (const [over, text] of [
      [{ areaId: 987654 }, 'Gebiet 987654 gibt es in dieser Kommune nicht'],
      [{ pickerLevelId: 'ortsteil' }, 'Gebietsebene „lor2021/ortsteil“ gibt es'],
      [{ pickerLevelId: null }, 'Die Gebietsfrage braucht eine Gebietsebene'],
    ] as const) {
      const res = await planner({ method: 'POST', url: '/api/surveys', payload: survey(over) });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(text);
    }
  });

  it('lets only planners create and list surveys', async () => {
    expect(
      (await viewer({ method: 'POST', url: '/api/surveys', payload: survey() })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/surveys', payload: survey() })).statusCode,
    ).toBe(401);
    expect((await viewer('/api/surveys')).statusCode).toBe(403);
  });

  it('keeps a draft out of the public list and answers', async () => {
    expect((await app.inject('/api/surveys/public')).json()).toEqual([]);
    expect((await app.inject(`/api/surveys/public/${surveyId}`)).statusCode).toBe(404);
    expect((await answer({ wohnort: A(), kinder: 'nein', zufrieden: 3 })).statusCode).toBe(404);
  });

  it('opens the survey: residents see it with the Planungsräume to choose from', async () => {
    const res = await planner({
      method: 'POST',
      url: `/api/surveys/${surveyId}/status`,
      payload: { status: 'open' },
    });
    expect(res.statusCode).toBe(200);
    const list = (await app.inject('/api/surveys/public')).json<
      { id: number; pickerAreas: { id: string; name: string }[]; resultsAvailable: boolean }[]
    >();
    expect(list.map((s) => s.id)).toEqual([surveyId]);
    expect(list[0]!.pickerAreas).toHaveLength(4);
    expect(list[0]!.pickerAreas.map((a) => a.id)).toContain(A());
    expect(list[0]!.resultsAvailable).toBe(false);
  });
});

describe('answering without an account', () => {
  it('accepts answers, one response per browser', async () => {
    const first = await answer(
      { wohnort: A(), kinder: 'ja', angebote: ['kita'], zufrieden: 4 },
      'same-browser-token-123',
    );
    expect(first.statusCode).toBe(200);
    const again = await answer(
      { wohnort: A(), kinder: 'nein', zufrieden: 2 },
      'same-browser-token-123',
    );
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toContain(
      'schon teilgenommen',
    );
  });

  it('refuses answers that do not fit the questionnaire with clear messages (400)', async () => {
    const res = await answer({ wohnort: '987654', kinder: 'vielleicht', zufrieden: 9, extra: 'x' });
    expect(res.statusCode).toBe(400);
    const msg = res.json<{ error: { message: string } }>().error.message;
    expect(msg).toContain('unbekannte Frage „extra“');
    expect(msg).toContain('Frage „wohnort“: unbekanntes Gebiet');
    expect(msg).toContain('Frage „zufrieden“: bitte einen Wert von 1 bis 5 wählen');
  });

  it('refuses a reused proof of work', async () => {
    const pow = await solved();
    const body = (token: string) => ({
      token,
      answers: { wohnort: B(), kinder: 'nein', zufrieden: 3 },
      pow,
    });
    const url = `/api/surveys/${surveyId}/responses`;
    expect(
      (await app.inject({ method: 'POST', url, payload: body('pow-reuse-token-0001') })).statusCode,
    ).toBe(200);
    const res = await app.inject({ method: 'POST', url, payload: body('pow-reuse-token-0002') });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('schon verwendet');
  });

  it('stores the answers of shown questions only, with no token, IP or time', async () => {
    // 'angebote' is hidden for kinder = nein: its answer is dropped
    expect(
      (await answer({ wohnort: B(), kinder: 'nein', angebote: ['kita'], zufrieden: 5 })).statusCode,
    ).toBe(200);
    const rows = await db.query<{ answers: Record<string, unknown> }>(
      'SELECT answers FROM survey_response WHERE survey_id = $1 ORDER BY id DESC LIMIT 1',
      [surveyId],
    );
    expect(rows[0]!.answers).toEqual({ wohnort: B(), kinder: 'nein', zufrieden: 5 });
    const cols = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_response' ORDER BY column_name`,
    );
    expect(cols.map((c) => c.column_name)).toEqual([
      'answers',
      'id',
      'submitted_on',
      'survey_id',
      'tenant_id',
    ]);
    const audit = await db.query<{ actor: string; detail: unknown; ip: string | null }>(
      `SELECT actor, detail, ip FROM audit_log WHERE action = 'surveys.answer' LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({ actor: 'anonym', detail: {}, ip: null });
  });

  it('fills the survey: A 6, B 7 (with the two above), C 2 responses', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (
          await answer({
            wohnort: A(),
            kinder: i < 2 ? 'ja' : 'nein',
            ...(i < 2 ? { angebote: ['spielplatz'] } : {}),
            zufrieden: 2 + (i % 3),
            anmerkung: 'Mehr Bänke, Tel. 0170 1234567',
          })
        ).statusCode,
      ).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await answer({ wohnort: B(), kinder: 'nein', zufrieden: 3 })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++)
      expect(
        (await answer({ wohnort: C(), kinder: 'ja', angebote: ['kita'], zufrieden: 1 })).statusCode,
      ).toBe(200);
  });
});

interface Cell {
  questionId: string;
  n: number | null;
  withheld: string | null;
  options:
    { optionId: string; count: number; share: number; lower: number; upper: number }[] | null;
  mean: number | null;
  lower: number | null;
  upper: number | null;
}
interface Results {
  total: { responses: number | null; questions: Cell[] };
  areas: {
    areaId: string;
    areaName: string;
    responses: number | null;
    withheld: string | null;
    questions: Cell[];
  }[];
}

describe('results', () => {
  it('are not public while the survey runs, but planners see them', async () => {
    expect((await app.inject(`/api/surveys/${surveyId}/results`)).statusCode).toBe(403);
    const res = await planner(`/api/surveys/${surveyId}/results`);
    expect(res.statusCode).toBe(200);
    const r = res.json<Results>();
    expect(r.total.responses).toBe(15);
    const byId = new Map(r.areas.map((a) => [a.areaId, a]));
    // C has 2 responses: withheld; A (6) is withheld too, else 15 − 7 − 2 would reveal C
    expect(byId.get(C())).toMatchObject({ responses: null, withheld: 'small' });
    expect(byId.get(A())).toMatchObject({ responses: null, withheld: 'secondary' });
    const b = byId.get(B())!;
    expect(b.areaName).toBe('Großer Tiergarten');
    expect(b.responses).toBe(7);
    const kinder = b.questions.find((q) => q.questionId === 'kinder')!;
    expect(kinder.n).toBe(7);
    expect(kinder.options![1]).toMatchObject({ optionId: 'nein', count: 7, share: 1, upper: 1 });
    // Wilson 7/7, z = 1.96: lower = 7 / (7 + 1.96²) = 0.6457
    expect(kinder.options![1]!.lower).toBeCloseTo(0.6457, 4);
    const scale = b.questions.find((q) => q.questionId === 'zufrieden')!;
    expect(scale.n).toBe(7);
    // 3 (reused proof), 5, and five times 3 → 23 / 7
    expect(scale.mean).toBeCloseTo(23 / 7, 10);
  });

  it('close: results become public, and never show free text', async () => {
    await planner({
      method: 'POST',
      url: `/api/surveys/${surveyId}/status`,
      payload: { status: 'closed' },
    });
    const res = await app.inject(`/api/surveys/${surveyId}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Bänke');
    expect((await answer({ wohnort: B(), kinder: 'nein', zufrieden: 3 })).statusCode).toBe(409);
    expect((await app.inject('/api/surveys/public')).json()).toEqual([]);
  });
});

describe('exports', () => {
  it('CSV of anonymised answers without free text, planners only, audited', async () => {
    expect((await app.inject(`/api/surveys/${surveyId}/export.csv`)).statusCode).toBe(401);
    expect((await viewer(`/api/surveys/${surveyId}/export.csv`)).statusCode).toBe(403);
    const res = await planner(`/api/surveys/${surveyId}/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Nr;Monat;wohnort;kinder;angebote: Kita;angebote: Spielplatz;zufrieden');
    expect(lines).toHaveLength(16);
    expect(lines[1]).toMatch(/^1;\d{4}-\d{2};Stülerstraße;Ja;1;0;4$/);
    expect(res.body).not.toContain('Bänke');
    const withText = await planner(`/api/surveys/${surveyId}/export.csv?freeText=true`);
    expect(withText.body).toContain('Mehr Bänke');
    const audit = await db.query<{ detail: { freeText: boolean } }>(
      `SELECT detail FROM audit_log WHERE action = 'surveys.export' ORDER BY seq`,
    );
    expect(audit.map((a) => a.detail.freeText)).toEqual([false, true]);
  });

  it('XLSX with the same rows', async () => {
    const res = await planner(`/api/surveys/${surveyId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)).toHaveLength(16);
    expect(sheet).toContain('Stülerstraße');
    expect(sheet).not.toContain('Bänke');
  });
});

describe('results as indicators', () => {
  it('creates a share indicator per area flagged "Befragung, nicht repräsentativ, n = 15"', async () => {
    const res = await planner({
      method: 'POST',
      url: `/api/surveys/${surveyId}/indicators`,
      payload: { questionId: 'kinder', optionId: 'nein' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{
      indicatorId: string;
      observations: number;
      withheld: number;
      note: string;
    }>();
    expect(body).toMatchObject({
      observations: 3,
      withheld: 2,
      note: 'Befragung, nicht repräsentativ, n = 15',
    });
    const ind = await db.query<{ method_note: string; unit: string; department: string }>(
      'SELECT method_note, unit, department FROM indicator WHERE id = $1',
      [body.indicatorId],
    );
    expect(ind[0]).toMatchObject({ unit: 'percent', department: 'sozialplanung' });
    expect(ind[0]!.method_note).toContain('Befragung, nicht repräsentativ, n = 15');
    const obs = await db.query<{ area_id: number; value: number | null; flag: string | null }>(
      'SELECT area_id, value, flag FROM observation WHERE indicator_id = $1 ORDER BY area_id',
      [body.indicatorId],
    );
    expect(obs.find((o) => String(o.area_id) === B())).toMatchObject({ value: 100, flag: null });
    expect(obs.find((o) => String(o.area_id) === C())).toMatchObject({
      value: null,
      flag: 'suppressed',
    });
    const again = await planner({
      method: 'POST',
      url: `/api/surveys/${surveyId}/indicators`,
      payload: { questionId: 'kinder', optionId: 'nein' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('checks the question, option and department named in the body', async () => {
    const post = (payload: Record<string, unknown>) =>
      planner({ method: 'POST', url: `/api/surveys/${surveyId}/indicators`, payload });
    expect((await post({ questionId: 'gibtsnicht' })).statusCode).toBe(400);
    expect((await post({ questionId: 'kinder', optionId: 'vielleicht' })).statusCode).toBe(400);
    expect((await post({ questionId: 'anmerkung' })).statusCode).toBe(400);
    expect((await post({ questionId: 'zufrieden', department: 'gibtsnicht' })).statusCode).toBe(
      400,
    );
    // a department planner may not write another department's indicators
    expect((await post({ questionId: 'zufrieden', department: 'gesundheit' })).statusCode).toBe(
      403,
    );
    expect((await post({ questionId: 'zufrieden' })).statusCode).toBe(201);
  });
});

describe('rights and tenants', () => {
  it('refuses anonymous answers to a survey for signed-in people, accepts a signed-in one once', async () => {
    const created = await planner({
      method: 'POST',
      url: '/api/surveys',
      payload: survey({ access: 'signed_in', title: 'Nur angemeldet' }),
    });
    const id = created.json<{ id: number }>().id;
    await planner({
      method: 'POST',
      url: `/api/surveys/${id}/status`,
      payload: { status: 'open' },
    });
    const res = await answer({ wohnort: A(), kinder: 'nein', zufrieden: 3 }, undefined, id);
    expect(res.statusCode).toBe(403);
    const payload = async (token: string) => ({
      token,
      answers: { wohnort: A(), kinder: 'nein', zufrieden: 3 },
      pow: await solved(),
    });
    const url = `/api/surveys/${id}/responses`;
    expect(
      (await viewer({ method: 'POST', url, payload: await payload('viewer-browser-1-xxxx') }))
        .statusCode,
    ).toBe(200);
    // another browser of the same account still counts as the same person
    expect(
      (await viewer({ method: 'POST', url, payload: await payload('viewer-browser-2-xxxx') }))
        .statusCode,
    ).toBe(409);
  });

  it('does not find another tenant’s survey', async () => {
    await db.exec(`INSERT INTO tenant (id, ags, name) VALUES ('hamburg', '02000000', 'Hamburg')`);
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO survey (tenant_id, title, status, definition) VALUES ('hamburg', 'Fremd', 'open', $1::jsonb) RETURNING id`,
      [JSON.stringify(definition)],
    );
    expect((await planner(`/api/surveys/${row!.id}`)).statusCode).toBe(404);
    expect((await app.inject(`/api/surveys/public/${row!.id}`)).statusCode).toBe(404);
    expect(
      (
        await planner({
          method: 'POST',
          url: `/api/surveys/${row!.id}/status`,
          payload: { status: 'closed' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('fixes the questions once answers exist (409) but lets the texts change', async () => {
    const put = (over: Record<string, unknown>) =>
      planner({ method: 'PUT', url: `/api/surveys/${surveyId}`, payload: survey(over) });
    expect((await put({ title: 'Familien im Kiez 2026' })).statusCode).toBe(200);
    const changed = { questions: definition.questions.slice(0, 2) };
    expect((await put({ definition: changed })).statusCode).toBe(409);
  });
});
