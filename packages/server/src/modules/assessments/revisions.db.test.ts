// Numbered revisions of an assessment over HTTP on a real database (issue 13 § 4, ADR 0045): the
// author edits her own assessment twice; GET …/revisions names who changed what when, newest first,
// with organisation names; signed-in colleagues and planners read them, the public gets 404 even for
// a public assessment; another person of the same organisation may not edit; a planner with
// write_all may, and her edit is a revision in her name.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, AssessmentRevisions } from '@sozialraum/contracts/assessments';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let author: ReturnType<typeof injectAs>;
let colleague: ReturnType<typeof injectAs>;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await db.exec(`
    INSERT INTO department (tenant_id, id, name, kind)
    VALUES ('berlin', 'qm-sued', 'Quartiersmanagement Süd', 'organisation');
  `);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  const as = async (roles: string[], departmentId: string | null, displayName?: string) =>
    injectAs(
      app,
      await tokenHeaders(db, await createTestUser(db, { roles, departmentId, displayName })),
    );
  author = await as(['provider'], 'qm-sued', 'Aylin Demir');
  colleague = await as(['provider'], 'qm-sued');
  planner = await as(['department_planner'], 'sozialplanung', 'Paula Plan');
  viewer = await as(['viewer'], 'sozialplanung');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  areaId: fx.areaId['01100101'],
  dimension: 'education',
  observedDate: '2024-05-02',
  trend: 'same',
  urgency: 1,
  text: 'Ruhig, die Hausaufgabenhilfe ist voll belegt.',
  evidence: '',
  organisationId: 'qm-sued',
  visibility: 'public',
  ...over,
});

describe('assessment revisions', () => {
  let id = 0;
  const revisionsUrl = () => `/api/assessments/${id}/revisions`;

  it('starts without revisions', async () => {
    const res = await author({ method: 'POST', url: '/api/assessments', payload: body() });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Assessment>();
    id = a.id;
    expect(a.revisions).toBe(0);
    const revs = (await viewer(revisionsUrl())).json<AssessmentRevisions>();
    expect(revs).toEqual({ assessmentId: id, revisions: [] });
  });

  it('numbers the author’s edits and says who changed what, newest first', async () => {
    const first = await author({
      method: 'PUT',
      url: `/api/assessments/${id}`,
      payload: body({ trend: 'worse', urgency: 3 }),
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await author({
      method: 'PUT',
      url: `/api/assessments/${id}`,
      payload: body({ trend: 'worse', urgency: 3, evidence: 'Warteliste: 14 Kinder' }),
    });
    expect(second.json<Assessment>().revisions).toBe(2);
    const res = await colleague(revisionsUrl());
    expect(res.statusCode, res.body).toBe(200);
    const revs = res.json<AssessmentRevisions>().revisions;
    expect(revs.map((r) => [r.revision, r.revisedBy])).toEqual([
      [2, 'Aylin Demir'],
      [1, 'Aylin Demir'],
    ]);
    expect(revs[0]!.changes).toEqual([
      {
        field: 'evidence',
        before: '',
        after: 'Warteliste: 14 Kinder',
        beforeLabel: null,
        afterLabel: null,
      },
    ]);
    expect(revs[1]!.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['trend', 'same', 'worse'],
      ['urgency', 1, 3],
    ]);
    expect(Date.parse(revs[0]!.revisedAt)).not.toBeNaN();
  });

  it('refuses a colleague’s edit, lets a planner edit (in her name) and names organisations', async () => {
    const refused = await colleague({
      method: 'PUT',
      url: `/api/assessments/${id}`,
      payload: body({ urgency: 2 }),
    });
    expect(refused.statusCode).toBe(403);
    await db.exec(`
      INSERT INTO department (tenant_id, id, name, kind)
      VALUES ('berlin', 'traeger-x', 'Träger X', 'organisation');
    `);
    const byPlanner = await planner({
      method: 'PUT',
      url: `/api/assessments/${id}`,
      payload: body({
        trend: 'worse',
        urgency: 3,
        evidence: 'Warteliste: 14 Kinder',
        organisationId: 'traeger-x',
      }),
    });
    expect(byPlanner.statusCode, byPlanner.body).toBe(200);
    const [latest] = (await planner(revisionsUrl())).json<AssessmentRevisions>().revisions;
    expect(latest).toMatchObject({ revision: 3, revisedBy: 'Paula Plan' });
    expect(latest!.changes).toEqual([
      {
        field: 'organisationId',
        before: 'qm-sued',
        after: 'traeger-x',
        beforeLabel: 'Quartiersmanagement Süd',
        afterLabel: 'Träger X',
      },
    ]);
  });

  it('keeps revisions from the public and answers 404 for unknown ids', async () => {
    expect((await app.inject(revisionsUrl())).statusCode).toBe(404);
    expect((await viewer('/api/assessments/999999/revisions')).statusCode).toBe(404);
    expect((await viewer('/api/assessments/abc/revisions')).statusCode).toBe(400);
  });
});
