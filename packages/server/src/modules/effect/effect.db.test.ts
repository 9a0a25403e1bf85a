// The effect estimate over HTTP on a real database (issue 15 § 3): a synthetic level of 40 areas
// with 8 yearly values, 4 treated areas whose indicator drops by 2 points from 2020 on; the route
// recovers the drop inside its 95 % interval, names the comparison areas and why, refuses honestly
// with one pre period, answers 400 for foreign or mixed-level areas, and hides internal indicators.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededRandom, drawNormal } from '@sozialraum/core';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { estimateEffect } from './index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const ids: number[] = [];

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await db.exec(`
    INSERT INTO area_system (tenant_id, id, name, description, valid_from, valid_to, source_id)
    VALUES ('berlin', 'synth', 'Synthetisch', 'Testgebiete', '2015-01-01', NULL, 'afs');
    INSERT INTO area_level (tenant_id, system_id, id, name_de, name_en, depth)
    VALUES ('berlin', 'synth', 'q', 'Quartier', 'Quarter', 0);
    INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'kinderarmut', 'Kinderarmut', 'Child poverty', 'Anteil Kinder in Bedarfsgemeinschaften',
       'percent', 'value', 1, 'income', 'higher_is_worse', 'sozialplanung', 'afs', 1, 'public', 9),
      ('berlin', 'kinderarmut_intern', 'Kinderarmut intern', 'Child poverty internal', 'intern',
       'percent', 'value', 1, 'income', 'higher_is_worse', 'gesundheit', 'afs', 1, 'internal', 10);
  `);
  const random = createSeededRandom(42);
  for (let i = 0; i < 40; i++) {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name) VALUES ('berlin', 'synth', 'q', $1, $2) RETURNING id`,
      [`Q${String(i).padStart(2, '0')}`, `Quartier ${i}`],
    );
    ids.push(row!.id);
    const level = 25 + 6 * drawNormal(random);
    const trend = 0.3 * drawNormal(random);
    for (let y = 2016; y <= 2023; y++) {
      const v =
        level + trend * (y - 2016) + 0.3 * drawNormal(random) + (i < 4 && y >= 2020 ? -2 : 0);
      for (const ind of ['kinderarmut', 'kinderarmut_intern']) {
        await db.query(
          `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', $1, $2, $3, $4)`,
          [ind, row!.id, `${y}-12-31`, v],
        );
      }
    }
  }
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const treated = () => ids.slice(0, 4).join(',');

describe('GET /api/effect', () => {
  it('recovers a drop of 2 points inside its 95 % interval, with comparisons and a chart series', async () => {
    const res = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=${treated()}&start=2020-01-01`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.verdict).toBe('effect');
    expect(body.interval.lower).toBeLessThanOrEqual(-2);
    expect(body.interval.upper).toBeGreaterThanOrEqual(-2);
    expect(body.interval.upper).toBeLessThan(0);
    expect(body.levelId).toBe('q');
    expect(body.poolSize).toBe(36);
    expect(body.comparisons.length).toBeGreaterThanOrEqual(5);
    for (const c of body.comparisons) {
      expect(ids.slice(0, 4)).toContain(c.matchedTo);
      expect(ids.slice(0, 4)).not.toContain(c.areaId);
      expect(c.code).toMatch(/^Q\d\d$/);
    }
    expect(body.prePeriods).toEqual(['2016-12-31', '2017-12-31', '2018-12-31', '2019-12-31']);
    expect(body.series).toHaveLength(8);
    expect(body.preTrend.status).not.toBe('not-testable');
  });

  it('computes once per data version: the same question gets the same ETag and a 304', async () => {
    const url = `/api/effect?indicator=kinderarmut&areas=${ids.slice(0, 4).reverse().join(',')}&start=2020-01-01`;
    const first = await app.inject(url);
    expect(first.statusCode).toBe(200);
    const again = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=${treated()}&start=2020-01-01`,
    );
    expect(again.headers.etag).toBe(first.headers.etag);
    const unchanged = await app.inject({
      url,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(unchanged.statusCode).toBe(304);
    // new data moves the version: the next answer is computed afresh from it
    await db.query(
      `UPDATE observation_row SET value = value - 5 WHERE tenant_id = 'berlin' AND indicator_id = 'kinderarmut'
          AND area_id = ANY($1::int[]) AND ref_date >= '2020-12-31'`,
      [ids.slice(0, 4)],
    );
    invalidateCatalogueCache();
    const fresh = await app.inject(url);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    expect(fresh.json().estimate).toBeLessThan(first.json().estimate - 4);
  });

  it('says "nur 1 Zeitpunkt vor Beginn" when only one value lies before the start', async () => {
    const res = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=${treated()}&start=2017-01-01`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().verdict).toBe('not-measurable');
    expect(res.json().reasons[0].message).toBe('nicht messbar: nur 1 Zeitpunkt vor Beginn');
  });

  it('refuses with 400 areas of another level, unknown areas and a bad date', async () => {
    const mixed = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=${ids[0]},${fx.areaId['01100101']}&start=2020-01-01`,
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.message).toContain('verschiedenen Ebenen');
    const unknown = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=99999999&start=2020-01-01`,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Diese Gebiete gibt es nicht: 99999999.');
    const badDate = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=${ids[0]}&start=2020`,
    );
    expect(badDate.statusCode).toBe(400);
    const badLevel = await app.inject(
      `/api/effect?indicator=kinderarmut&areas=${ids[0]}&start=2020-01-01&level=plr`,
    );
    expect(badLevel.statusCode).toBe(400);
  });

  it('hides an internal indicator from visitors but estimates it for signed-in staff', async () => {
    const url = `/api/effect?indicator=kinderarmut_intern&areas=${treated()}&start=2020-01-01`;
    expect((await app.inject(url)).statusCode).toBe(404);
    const viewer = injectAs(
      app,
      await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })),
    );
    expect((await viewer(url)).statusCode).toBe(200);
  });

  it('offers the same estimate through the module door (for the measure page)', async () => {
    const principal = {
      kind: 'anonymous' as const,
      tenantId: 'berlin',
      userId: null,
      name: 'anonym',
      displayName: 'anonym',
      departmentId: null,
      roles: ['anonymous'],
      permissions: new Set(['effect.read', 'indicators.read']),
    };
    const r = await estimateEffect(db, 'berlin', principal, {
      indicatorId: 'kinderarmut',
      areaIds: ids.slice(0, 4),
      start: '2020-01-01',
    });
    expect(r.verdict).toBe('effect');
    await expect(
      estimateEffect(db, 'leipzig', principal, {
        indicatorId: 'kinderarmut',
        areaIds: ids,
        start: '2020-01-01',
      }),
    ).rejects.toThrow('eigenen Kommune');
  });
});
