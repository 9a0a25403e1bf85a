// A retired area keeps its past values but takes no new ones (issue 9 § 3): a table import with a
// value dated after the area's end date fails with the line, and changes nothing; values up to
// the end date still go in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let fx: Fixture;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
  api = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const mapping = {
  layout: 'wide',
  areaColumn: 'PLR',
  areaKey: 'code',
  date: { column: 'Stichtag' },
  indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
};

async function importCsv(text: string) {
  const up = await api({
    method: 'POST',
    url: '/api/imports/analyze',
    ...multipart([{ name: 'einwohner.csv', content: Buffer.from(text, 'latin1') }]),
  });
  expect(up.statusCode, up.body).toBe(200);
  return api({
    method: 'POST',
    url: `/api/imports/${up.json().uploadId}/run`,
    payload: { kind: 'table', dryRun: false, systemId: 'lor2021', levelId: 'plr', mapping },
  });
}

const count = async () =>
  Number(
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM observation WHERE tenant_id = 'berlin' AND indicator_id = 'ewr_total'`,
      )
    )[0]!.n,
  );

describe('values for a retired area', () => {
  it('refuses a value after the end date with its line, and imports values up to it', async () => {
    const retire = await api({
      method: 'POST',
      url: `/api/areas/${fx.areaId['02100102']}/retire`,
      payload: { validTo: '2024-12-31' },
    });
    expect(retire.statusCode, retire.body).toBe(200);
    const before = await count();

    const late = await importCsv(
      'PLR;Stichtag;Einwohner\r\n01100101;31.12.2025;1.234\r\n02100102;31.12.2025;10\r\n',
    );
    expect(late.json()).toMatchObject({ status: 'failed', rowsWritten: 0, errorCount: 1 });
    expect(late.json().errors[0]).toMatchObject({ line: 3 });
    expect(late.json().errors[0].message).toContain('seit 31.12.2024 aufgelöst');
    expect(late.json().errors[0].message).toContain('31.12.2025');
    expect(await count()).toBe(before);

    const early = await importCsv(
      'PLR;Stichtag;Einwohner\r\n01100101;31.12.2024;1.200\r\n02100102;31.12.2024;11\r\n',
    );
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json()).toMatchObject({ status: 'succeeded', errorCount: 0 });
  });
});
