// Prepared answers (http/prepared.ts) of the map values, area profiles and OGC item pages: the
// same bytes and ETag within a data version, 304s, gzip, and — what matters most — every change
// that alters an answer gives a new one at once, and no reader gets another class's answer.
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import {
  adminHeaders,
  createTestUser,
  injectAs,
  sessionHeaders,
  tokenHeaders,
} from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let admin: ReturnType<typeof injectAs>;
const BROWSER = 'gzip, deflate, br, zstd';
const values = (indicator: string, date?: string) =>
  `/api/values?indicator=${indicator}&system=lor2021&level=plr${date ? `&date=${date}` : ''}`;
const profile = (code: string) => `/api/areas/${fx.areaId[code]}/profile`;
const OGC = '/ogc/collections/lor2021-plr/items?limit=100';

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  admin = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
const profileIds = (res: LightMyRequestResponse) =>
  res
    .json<{ groups: { indicators: { indicator: { id: string } }[] }[] }>()
    .groups.flatMap((g) => g.indicators.map((i) => i.indicator.id));
const ogcProps = (res: LightMyRequestResponse) =>
  res.json<{ features: { properties: Record<string, unknown> }[] }>().features[0]!.properties;

describe('prepared answers', () => {
  it.each([
    ['values', () => values('share_unemployed')],
    ['profile', () => profile('01100101')],
    ['OGC items', () => OGC],
  ])(
    '%s: same bytes and ETag within a data version, 304 on If-None-Match, gzip of the same JSON',
    async (_name, url) => {
      const first = await get(url());
      const again = await get(url());
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(again.headers.etag).toBe(etag);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(first.headers['content-encoding']).toBeUndefined();
      expect(first.headers['cache-control']).toBe('private, no-cache');

      const gz = await get(url(), { 'accept-encoding': BROWSER });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
      expect(gz.headers.etag).toBe(etag);
      expect(gunzipSync(gz.rawPayload).equals(first.rawPayload)).toBe(true);
      expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(first.json());

      for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
        const notModified = await get(url(), { 'if-none-match': inm, 'accept-encoding': BROWSER });
        expect(notModified.statusCode).toBe(304);
        expect(notModified.rawPayload.length).toBe(0);
        expect(notModified.headers.etag).toBe(etag);
      }
      expect((await get(url(), { 'if-none-match': '"other"' })).statusCode).toBe(200);
    },
  );

  it('a client that refuses gzip gets the JSON bytes; one that takes only br gets br', async () => {
    const plain = await get(values('ewr_total'));
    const refused = await get(values('ewr_total'), { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.rawPayload.equals(plain.rawPayload)).toBe(true);
    const br = await get(values('ewr_total'), { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(plain.headers.etag);
  });

  it('never serves a signed-in reader’s internal values to an anonymous caller', async () => {
    const viewer = await createTestUser(db, { roles: ['viewer'], departmentId: 'sozialplanung' });
    const session = await sessionHeaders(app, viewer);
    const signedIn = { cookie: session.cookie };
    // the signed-in reader asks first, so their answers are the ones prepared
    const internal = await get(values('internal_note', '2023-12-31'), signedIn);
    expect(internal.statusCode).toBe(200);
    expect(internal.json().values.find((v: { code: string }) => v.code === '01100101').value).toBe(
      7,
    );
    const ownProfile = await get(profile('01100101'), signedIn);
    expect(profileIds(ownProfile)).toContain('internal_note');
    const ownOgc = await get(OGC, signedIn);
    expect(ownOgc.json().features[0].properties).toHaveProperty('internal_note');

    const anonValues = await get(values('internal_note', '2023-12-31'));
    expect(anonValues.statusCode).toBe(404);
    expect(anonValues.body).not.toContain('"value":7');
    const anonProfile = await get(profile('01100101'));
    expect(profileIds(anonProfile)).not.toContain('internal_note');
    expect(anonProfile.headers.etag).not.toBe(ownProfile.headers.etag);
    expect(ogcProps(await get(OGC))).not.toHaveProperty('internal_note');
    // the signed-in reader's ETag does not earn the anonymous caller a 304
    const guessed = await get(profile('01100101'), {
      'if-none-match': ownProfile.headers.etag as string,
    });
    expect(guessed.statusCode).toBe(200);
    expect(profileIds(guessed)).not.toContain('internal_note');
  });

  it('keeps department-only indicators within the departments that may read them', async () => {
    await admin({
      method: 'PATCH',
      url: '/api/indicators/internal_note',
      payload: { visibility: 'department' },
    });
    try {
      const health = await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['viewer'], departmentId: 'gesundheit' }),
      );
      const planning = await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['viewer'], departmentId: 'sozialplanung' }),
      );
      expect(profileIds(await get(profile('01100101'), health))).toContain('internal_note');
      expect((await get(values('internal_note'), health)).statusCode).toBe(200);
      expect(profileIds(await get(profile('01100101'), planning))).not.toContain('internal_note');
      expect((await get(values('internal_note'), planning)).statusCode).toBe(404);
      expect(ogcProps(await get(OGC, planning))).not.toHaveProperty('internal_note');
    } finally {
      await admin({
        method: 'PATCH',
        url: '/api/indicators/internal_note',
        payload: { visibility: 'internal' },
      });
    }
  });

  it('an indicator PATCH of visibility changes the prepared answers at once', async () => {
    const before = await get(profile('01100101'));
    expect(profileIds(before)).toContain('income_median');
    expect((await get(values('income_median'))).statusCode).toBe(200);
    expect(ogcProps(await get(OGC))).toHaveProperty('income_median');
    const patched = await admin({
      method: 'PATCH',
      url: '/api/indicators/income_median',
      payload: { visibility: 'internal' },
    });
    expect(patched.statusCode).toBe(200);
    try {
      const after = await get(profile('01100101'), {
        'if-none-match': before.headers.etag as string,
      });
      expect(after.statusCode).toBe(200);
      expect(profileIds(after)).not.toContain('income_median');
      expect((await get(values('income_median'))).statusCode).toBe(404);
      expect(ogcProps(await get(OGC))).not.toHaveProperty('income_median');
    } finally {
      await admin({
        method: 'PATCH',
        url: '/api/indicators/income_median',
        payload: { visibility: 'public' },
      });
    }
    expect(profileIds(await get(profile('01100101')))).toContain('income_median');
  });

  it('a disclosure settings change withholds newly small counts at once', async () => {
    const cell = (res: LightMyRequestResponse) =>
      res
        .json<{ values: { code: string; value: number | null }[] }>()
        .values.find((v) => v.code === '01100101')!.value;
    const before = await get(values('share_unemployed'));
    expect(cell(before)).toBe(10); // 5 of 50: shown while the minimum count is 3
    expect(ogcProps(await get(OGC)).share_unemployed).toBe(10);
    const put = await admin({
      method: 'PUT',
      url: '/api/disclosure/settings',
      payload: { minCount: 10 },
    });
    expect(put.statusCode).toBe(200);
    try {
      const after = await get(values('share_unemployed'), {
        'if-none-match': before.headers.etag as string,
      });
      expect(after.statusCode).toBe(200);
      expect(cell(after)).toBeNull();
      expect(ogcProps(await get(OGC)).share_unemployed).toBeNull();
    } finally {
      await admin({ method: 'PUT', url: '/api/disclosure/settings', payload: { minCount: 3 } });
    }
    expect(cell(await get(values('share_unemployed')))).toBe(10);
  });

  it('a source PATCH shows in the prepared values at once', async () => {
    const before = await get(values('ewr_total'));
    const patched = await admin({
      method: 'PATCH',
      url: '/api/sources/afs',
      payload: { title: 'Statistischer Bericht (geändert)' },
    });
    expect(patched.statusCode).toBe(200);
    const after = await get(values('ewr_total'));
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().indicator.source.title).toBe('Statistischer Bericht (geändert)');
  });

  it('an import gives new values, profiles and OGC pages at once', async () => {
    const before = await get(values('ewr_total'));
    expect(before.json().date).toBe('2023-12-31');
    const profileBefore = await get(profile('01100101'));
    const ogcBefore = await get(OGC);
    expect(ogcProps(ogcBefore).ewr_total).toBe(100);

    const csv = Buffer.from(
      'PLR;Stichtag;Einwohner\r\n01100101;31.12.2025;1.234\r\n01100102;31.12.2025;567\r\n02100101;31.12.2025;89\r\n02100102;31.12.2025;10\r\n',
      'latin1',
    );
    const upload = multipart([{ name: 'einwohner.csv', content: csv }]);
    const analysed = await admin({
      method: 'POST',
      url: '/api/imports/analyze',
      payload: upload.payload,
      headers: upload.headers,
    });
    expect(analysed.statusCode).toBe(200);
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
    expect(run.statusCode).toBe(200);
    expect(run.json().status).toBe('succeeded');

    const after = await get(values('ewr_total'), {
      'if-none-match': before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().date).toBe('2025-12-31');
    const profileAfter = await get(profile('01100101'), {
      'if-none-match': profileBefore.headers.etag as string,
    });
    expect(profileAfter.statusCode).toBe(200);
    expect(profileAfter.json().date).toBe('2025-12-31');
    const ogcAfter = await get(OGC, { 'if-none-match': ogcBefore.headers.etag as string });
    expect(ogcAfter.statusCode).toBe(200);
    expect(ogcProps(ogcAfter).ewr_total).toBe(1234);
  });
});
