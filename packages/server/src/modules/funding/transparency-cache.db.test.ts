// The transparency view as a prepared answer (http/prepared.ts, ADR 0047): the same bytes and ETag
// within a data version, 304 on If-None-Match — and every change that alters the view gives a new
// answer at once: a funding import, new Fördergebiete, the public level of detail, an indicator
// import (residents), an area change; a measure change moves the data version too.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { currentDataVersion } from '../../http/prepared.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let planner: ReturnType<typeof injectAs>;
let admin: ReturnType<typeof injectAs>;

const URL = '/api/funding/transparency?year=2023&need=income_median';
type Area = { code: string; money: number; residents: number | null; bySource: unknown };

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  planner = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['sozialplanung'] })),
  );
  admin = injectAs(app, await adminHeaders(db));
  expect((await importMoney('BIWAQ;01100101;2023;bewilligt;Gesamt;1000\n')).statusCode).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

function importMoney(rows: string) {
  const upload = multipart([
    {
      name: 'haushalt.csv',
      content: Buffer.from(`Programm;Gebiet;Jahr;Art;Quelle;Betrag\n${rows}`),
    },
  ]);
  return planner({ method: 'POST', url: '/api/funding/entries/import', ...upload });
}

/** GET with the ETag of `before`: a change must give 200 with a new answer, never 304. */
async function fresh(before: { headers: Record<string, unknown> }, url = URL) {
  const res = await planner({ url, headers: { 'if-none-match': String(before.headers.etag) } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers.etag).not.toBe(before.headers.etag);
  return res;
}

const area = (res: { json: () => { areas: Area[] } }, code: string) =>
  res.json().areas.find((a) => a.code === code);

describe('the transparency view, prepared once per data version', () => {
  it('sends the same bytes and ETag twice, 304 on If-None-Match, gzip to browsers', async () => {
    const first = await planner(URL);
    expect(first.statusCode, first.body).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await planner(URL);
    expect(again.headers.etag).toBe(etag);
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const gz = await planner({ url: URL, headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const notModified = await planner({ url: URL, headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
  });

  it('keeps the public apart from staff (level of detail in the key)', async () => {
    const staff = await planner(URL);
    const pub = await app.inject(URL);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers.etag).not.toBe(staff.headers.etag);
    expect(area(pub, '01100101')!.bySource).toBeNull();
    expect(area(staff, '01100101')!.bySource).toEqual({ total: 1000 });
  });

  it('a funding import shows at once, in the view and in its CSV', async () => {
    const before = await planner(URL);
    expect(area(before, '01100102')!.money).toBe(0);
    expect((await importMoney('BIWAQ;01100102;2023;bewilligt;Gesamt;400\n')).statusCode).toBe(200);
    const after = await fresh(before);
    expect(area(after, '01100102')!.money).toBe(400);
    const csv = await planner(URL.replace('transparency?', 'transparency.csv?'));
    expect(csv.body).toContain('400');
  });

  it('new Fördergebiete show at once (money for the whole programme is spread over them)', async () => {
    expect((await importMoney('BIWAQ;alle;2023;bewilligt;Gesamt;300\n')).statusCode).toBe(200);
    const before = await planner(URL);
    expect(before.json().wholeProgramme).toBe(300);
    const put = await planner({
      method: 'PUT',
      url: '/api/funding/programmes/biwaq/areas',
      payload: { areas: [{ areaId: fx.areaId['02100101'] }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = await fresh(before);
    expect(after.json().wholeProgramme).toBe(0);
    expect(area(after, '02100101')!.money).toBe(300);
  });

  it('a change of the public level of detail shows at once', async () => {
    const before = await app.inject(URL);
    expect(before.json().detail).toBe('totals');
    const put = await planner({
      method: 'PUT',
      url: '/api/funding/settings',
      payload: { publicDetail: 'none' },
    });
    expect(put.statusCode).toBe(200);
    expect((await app.inject(URL)).statusCode).toBe(403);
    await planner({
      method: 'PUT',
      url: '/api/funding/settings',
      payload: { publicDetail: 'totals' },
    });
    expect((await app.inject(URL)).json().detail).toBe('totals');
  });

  it('an indicator import (new residents) shows at once', async () => {
    const before = await planner(URL);
    expect(area(before, '01100101')!.residents).toBe(100);
    const csv = Buffer.from('PLR;Stichtag;Einwohner\r\n01100101;31.12.2023;1.000\r\n', 'latin1');
    const upload = multipart([{ name: 'einwohner.csv', content: csv }]);
    const analysed = await admin({ method: 'POST', url: '/api/imports/analyze', ...upload });
    expect(analysed.statusCode, analysed.body).toBe(200);
    const run = await admin({
      method: 'POST',
      url: `/api/imports/${analysed.json().uploadId}/run`,
      payload: {
        kind: 'table',
        dryRun: false,
        systemId: 'lor2021',
        levelId: 'plr',
        mapping: {
          layout: 'wide',
          areaColumn: 'PLR',
          areaKey: 'code',
          date: { column: 'Stichtag' },
          indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
        },
      },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().status).toBe('succeeded');
    const after = await fresh(before);
    expect(area(after, '01100101')!.residents).toBe(1000);
  });

  it('an area retired before the year leaves the view at once', async () => {
    expect((await importMoney('BIWAQ;01100101;2024;bewilligt;Gesamt;10\n')).statusCode).toBe(200);
    const url = URL.replace('2023', '2024');
    const before = await planner(url);
    expect(area(before, '02100102')).toBeDefined();
    const retire = await admin({
      method: 'POST',
      url: `/api/areas/${fx.areaId['02100102']}/retire`,
      payload: { validTo: '2023-12-31' },
    });
    expect(retire.statusCode, retire.body).toBe(200);
    const after = await fresh(before, url);
    expect(area(after, '02100102')).toBeUndefined();
  });

  it('a measure change moves the data version (nothing prepared before it is served after)', async () => {
    const [m] = await db.query<{ id: number }>(
      `INSERT INTO measure (tenant_id, title, visibility, department_id, created_by)
       VALUES ('berlin', 'Kiezlotsen', 'public', 'sozialplanung', 'test') RETURNING id`,
    );
    const version = currentDataVersion();
    const del = await planner({ method: 'DELETE', url: `/api/measures/${m!.id}` });
    expect(del.statusCode, del.body).toBe(200);
    expect(currentDataVersion()).toBeGreaterThan(version);
  });
});
