// Alert detection runs as a job (ADR 0025): by button, recorded with the person, and on a schedule,
// recorded as the system — both in the job list of the administration and in the audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { alertDetectionJob } from './detect-job.ts';

let db: Db;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  api = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('alert detection as a job', () => {
  it('the button runs a job recorded with the person who pressed it', async () => {
    const res = await api({ method: 'POST', url: '/api/alerts/detect', payload: {} });
    expect(res.statusCode).toBe(200);
    const jobs = (await api('/api/jobs?kind=alerts.detect')).json();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      kind: 'alerts.detect',
      status: 'succeeded',
      error: null,
      result: { raised: res.json().raised, heldBack: res.json().heldBack },
    });
    expect(jobs[0].startedBy).not.toBe('system');
  });

  it('the schedule runs detection as the system, audited like the button', async () => {
    const ctx = testContext(db);
    app.sozialraumJobs.schedule(alertDetectionJob(app, ctx, { retries: 2 }), 30, {});
    let jobs: { startedBy: string; status: string }[] = [];
    for (let i = 0; i < 200; i++) {
      jobs = (await api('/api/jobs?kind=alerts.detect')).json();
      if (jobs.some((j) => j.startedBy === 'system' && j.status === 'succeeded')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(jobs.some((j) => j.startedBy === 'system' && j.status === 'succeeded')).toBe(true);
    const audit = await db.query<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE tenant_id = 'berlin' AND action = 'alerts.detect' ORDER BY id`,
    );
    expect(audit.map((a) => a.actor)).toContain('system');
  });

  it('is not listed for people without the administration permission', async () => {
    const planner = await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['sozialplanung'], departmentId: 'sozialplanung' }),
    );
    const res = await app.inject({ url: '/api/jobs', headers: planner });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/Berechtigung|darf|fehlt/i);
  });
});
