// An index is as visible as its least visible input indicator (monitoring/policy.ts).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  const admin = injectAs(app, await adminHeaders(db));
  const res = await admin({
    method: 'POST',
    url: '/api/indices',
    payload: {
      definition: {
        id: 'mit-interner-kennzahl',
        label: 'Index mit interner Kennzahl',
        status: {
          label: 'Status',
          inputs: [
            { indicatorId: 'internal_note', label: 'Intern', direction: 'higher_is_worse' },
            { indicatorId: 'ewr_total', label: 'Einwohnende', direction: 'higher_is_worse' },
          ],
          standardisation: 'zscore',
          combination: 'sum',
          restandardise: false,
          classes: {
            kind: 'fixed',
            boundaries: [{ value: 0, onBoundary: 'upper' }],
            classes: [
              { code: '1', label: 'niedrig' },
              { code: '2', label: 'hoch' },
            ],
          },
        },
        validity: { exclusions: [] },
      },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('index visibility', () => {
  it('hides an index over an internal indicator from the public and shows it after sign-in', async () => {
    const ids = (r: { json(): { id: string }[] }) => r.json().map((i) => i.id);
    const anonymous = await app.inject('/api/indices');
    expect(ids(anonymous)).not.toContain('mit-interner-kennzahl');
    expect(ids(anonymous)).toContain('mss-2019-2021');
    expect((await app.inject('/api/indices/mit-interner-kennzahl')).statusCode).toBe(404);
    const viewer = injectAs(
      app,
      await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })),
    );
    expect(ids(await viewer('/api/indices'))).toContain('mit-interner-kennzahl');
    expect((await viewer('/api/indices/mit-interner-kennzahl')).statusCode).toBe(200);
  });
});
