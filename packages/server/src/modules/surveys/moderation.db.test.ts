// Moderation of survey free text over HTTP (issue 13, ADR 0041): a planner lists the free-text
// answers, hides one with a reason — it leaves the export, the response still counts — and shows it
// again; each step is audited without the text; others may not, and ids of other surveys are refused.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let surveyId: number;
let otherSurveyId: number;
let responseIds: number[];

const DEFINITION = {
  questions: [
    { id: 'note', type: 'scale', label: 'Note', scale: { min: 1, max: 5 } },
    { id: 'meinung', type: 'text', label: 'Ihre Meinung' },
  ],
};

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  admin = injectAs(app, await adminHeaders(db));
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
  const ids = await db.query<{ id: number }>(
    `INSERT INTO survey (tenant_id, title, status, definition)
     VALUES ('berlin', 'Spielplätze', 'closed', $1::jsonb), ('berlin', 'Andere', 'closed', $1::jsonb)
     RETURNING id`,
    [JSON.stringify(DEFINITION)],
  );
  [surveyId, otherSurveyId] = [ids[0]!.id, ids[1]!.id];
  const rows = await db.query<{ id: number }>(
    `INSERT INTO survey_response (tenant_id, survey_id, answers, submitted_on) VALUES
       ('berlin', $1, '{"note": 4, "meinung": "Mehr Schatten bitte"}', '2026-11-03'),
       ('berlin', $1, '{"note": 1, "meinung": "Herr Beispiel aus Nr. 5 ist schuld"}', '2026-11-04'),
       ('berlin', $1, '{"note": 3}', '2026-11-05')
     RETURNING id`,
    [surveyId],
  );
  responseIds = rows.map((r) => r.id);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const moderate = (body: Record<string, unknown>, id = surveyId) =>
  admin({ method: 'POST', url: `/api/surveys/${id}/free-text/moderation`, payload: body });

describe('moderating survey free text', () => {
  it('lists the free-text answers with month only, for planners', async () => {
    const res = await admin(`/api/surveys/${surveyId}/free-text`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        responseId: responseIds[0],
        questionId: 'meinung',
        text: 'Mehr Schatten bitte',
        month: '2026-11',
        hidden: false,
        hiddenReason: null,
      },
      expect.objectContaining({ responseId: responseIds[1], hidden: false }),
    ]);
    expect((await viewer(`/api/surveys/${surveyId}/free-text`)).statusCode).toBe(403);
    expect((await app.inject(`/api/surveys/${surveyId}/free-text`)).statusCode).toBe(401);
  });

  it('hides an answer with a reason: gone from the export, the response still counted', async () => {
    const res = await moderate({
      responseId: responseIds[1],
      questionId: 'meinung',
      action: 'hide',
      reason: 'Nennt eine Person',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ hidden: boolean; hiddenReason: string | null }[]>()[1]).toMatchObject({
      hidden: true,
      hiddenReason: 'Nennt eine Person',
    });
    const csv = await admin(`/api/surveys/${surveyId}/export.csv?freeText=true`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Mehr Schatten bitte');
    expect(csv.body).not.toContain('Herr Beispiel');
    // three responses, the second one's score still there
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('2;2026-11;1;');
    const audit = await db.query<{ action: string; detail: unknown }>(
      `SELECT action, detail FROM audit_log WHERE action LIKE 'surveys.answer_%'`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Herr Beispiel');
  });

  it('shows it again, audited', async () => {
    const res = await moderate({
      responseId: responseIds[1],
      questionId: 'meinung',
      action: 'show',
      reason: 'Doch kein Name',
    });
    expect(res.json<{ hidden: boolean }[]>()[1]!.hidden).toBe(false);
    const csv = await admin(`/api/surveys/${surveyId}/export.csv?freeText=true`);
    expect(csv.body).toContain('Herr Beispiel');
  });

  it('refuses a response of another survey (404), a non-text question and no text (400), and viewers (403)', async () => {
    const other = await moderate(
      { responseId: responseIds[0], questionId: 'meinung', action: 'hide', reason: 'Test' },
      otherSurveyId,
    );
    expect(other.statusCode).toBe(404);
    const scale = await moderate({
      responseId: responseIds[0],
      questionId: 'note',
      action: 'hide',
      reason: 'Test',
    });
    expect(scale.statusCode).toBe(400);
    const empty = await moderate({
      responseId: responseIds[2],
      questionId: 'meinung',
      action: 'hide',
      reason: 'Test',
    });
    expect(empty.statusCode).toBe(400);
    const denied = await viewer({
      method: 'POST',
      url: `/api/surveys/${surveyId}/free-text/moderation`,
      payload: {
        responseId: responseIds[0],
        questionId: 'meinung',
        action: 'hide',
        reason: 'x y z',
      },
    });
    expect(denied.statusCode).toBe(403);
  });
});
