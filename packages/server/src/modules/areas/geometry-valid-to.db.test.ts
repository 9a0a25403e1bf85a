// The map geometry carries each area's end date (validTo), so the map can leave retired areas out
// after their end (ADR 0022); a retirement, also one written past the API, changes the ETag.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let fx: Fixture;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
  admin = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

interface Feature {
  id: number;
  properties: { code: string; validTo: string | null };
}
const geometry = async () => {
  const res = await admin({ url: '/api/area-systems/lor2021/levels/plr/geometry' });
  expect(res.statusCode, res.body).toBe(200);
  const features = (res.json() as { features: Feature[] }).features;
  return {
    etag: String(res.headers.etag),
    byCode: new Map(features.map((f) => [f.properties.code, f])),
  };
};

describe('map geometry and retired areas', () => {
  it('sends validTo per feature: null while valid, the end date once retired (new ETag)', async () => {
    const before = await geometry();
    expect(before.byCode.size).toBeGreaterThan(1);
    for (const f of before.byCode.values()) expect(f.properties.validTo).toBeNull();

    const id = fx.areaId['02100102']!;
    const res = await admin({
      method: 'POST',
      url: `/api/areas/${id}/retire`,
      payload: { validTo: '2023-12-31' },
    });
    expect(res.statusCode, res.body).toBe(200);

    const after = await geometry();
    expect(after.byCode.get('02100102')?.properties.validTo).toBe('2023-12-31');
    expect(after.byCode.get('02100101')?.properties.validTo).toBeNull();
    expect(after.etag).not.toBe(before.etag);
  });

  it('notices an end date written past the API (the cache stamp includes the end dates)', async () => {
    const before = await geometry();
    await db.query(
      `UPDATE area SET valid_to = '2022-06-30' WHERE tenant_id = 'berlin' AND id = $1`,
      [fx.areaId['02100101']],
    );
    const after = await geometry();
    expect(after.byCode.get('02100101')?.properties.validTo).toBe('2022-06-30');
    expect(after.etag).not.toBe(before.etag);
  });
});
