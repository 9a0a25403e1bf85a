// Honest numbers (issue 9 § 5): the city value states its coverage and withholds an incomplete sum;
// values are rounded to the indicator's precision in the output only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { invalidateCatalogueCache } from './index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const insert = (indicator: string, code: string, date: string, value: number) =>
  db.query(
    `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', $1, $2, $3, $4)`,
    [indicator, fx.areaId[code], date, value],
  );

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  // ewr_total 2024: three of the four Planungsräume have a value
  await insert('ewr_total', '01100101', '2024-12-31', 110);
  await insert('ewr_total', '01100102', '2024-12-31', 210);
  await insert('ewr_total', '02100101', '2024-12-31', 310);
  // income_median 2024 with a float artefact, precision 1 decimal
  await insert('income_median', '01100101', '2024-12-31', 26.200000000000003);
  await insert('income_median', '01100102', '2024-12-31', 30.15);
  await insert('income_median', '02100101', '2024-12-31', 10);
  await db.query(`UPDATE indicator SET decimals = 1 WHERE id = 'income_median'`);
  invalidateCatalogueCache();
  app = await buildApp(testContext(db), { validateResponses: true });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('city value coverage', () => {
  it('withholds a sum over incomplete areas and says how many areas lack a value', async () => {
    const res = await app.inject(
      '/api/values?indicator=ewr_total&system=lor2021&level=plr&date=2024-12-31',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.values.filter((v: { value: number | null }) => v.value !== null)).toHaveLength(3);
    expect(body.city.value).toBeNull();
    expect(body.city.coverage).toEqual({ areasWithValue: 3, areasTotal: 4 });
    expect(body.city.note).toBe(
      'Kein Gesamtwert: 1 von 4 Gebieten ohne Wert (Summe von 3 der 4 Gebiete wäre unvollständig)',
    );
  });

  it('labels a median over the areas with data in the profile', async () => {
    const body = (
      await app.inject(`/api/areas/${fx.areaId['01100101']}/profile?date=2024-12-31`)
    ).json();
    const entries = body.groups.flatMap((g: { indicators: unknown[] }) => g.indicators);
    const median = entries.find(
      (e: { indicator: { id: string } }) => e.indicator.id === 'income_median',
    );
    expect(median.cityCoverage).toEqual({ areasWithValue: 3, areasTotal: 4 });
    expect(median.cityNote).toBe('Median von 3 der 4 Gebiete');
    const ewr = entries.find((e: { indicator: { id: string } }) => e.indicator.id === 'ewr_total');
    expect(ewr.cityValue).toBeNull();
    expect(ewr.cityNote).toMatch(/^Kein Gesamtwert: 1 von 4 Gebieten ohne Wert/);
  });
});

describe('rounding to the indicator precision (output only)', () => {
  it('serves 26.200000000000003 as 26.2 in /api/values and the profile', async () => {
    const values = (
      await app.inject(
        '/api/values?indicator=income_median&system=lor2021&level=plr&date=2024-12-31',
      )
    ).json();
    const raw = JSON.stringify(values);
    expect(raw).not.toContain('26.200000000000003');
    expect(values.values.find((v: { code: string }) => v.code === '01100101').value).toBe(26.2);
    expect(values.city.value).toBe(26.2); // median of 10, 26.2…, 30.15
    const profile = (
      await app.inject(`/api/areas/${fx.areaId['01100101']}/profile?date=2024-12-31`)
    ).json();
    expect(JSON.stringify(profile)).not.toContain('26.200000000000003');
    const entry = profile.groups
      .flatMap((g: { indicators: unknown[] }) => g.indicators)
      .find((e: { indicator: { id: string } }) => e.indicator.id === 'income_median');
    expect(entry.value).toBe(26.2);
    expect(entry.series.at(-1)).toEqual({ date: '2024-12-31', value: 26.2 });
    // the stored value stays exact
    const [stored] = await db.query<{ value: number }>(
      `SELECT value FROM observation WHERE indicator_id = 'income_median' AND ref_date = '2024-12-31' AND area_id = $1`,
      [fx.areaId['01100101']],
    );
    expect(stored!.value).toBe(26.200000000000003);
  });

  it('serves it rounded in OGC API – Features too', async () => {
    const res = await app.inject('/ogc/collections/lor2021-plr/items?limit=100');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('26.200000000000003');
    const feature = res
      .json()
      .features.find((f: { properties: Record<string, unknown> }) =>
        Object.values(f.properties).includes('01100101'),
      );
    expect(feature.properties.income_median).toBe(26.2);
  });
});

describe('provenance in the profile', () => {
  it('names the import (file, time) that wrote a value', async () => {
    const [run] = await db.query<{ id: number }>(
      `INSERT INTO import_run (tenant_id, kind, file_name, file_sha256, format, status, started_at, finished_at)
       VALUES ('berlin', 'observations', 'einwohner-2025.csv', 'abc', 'csv', 'succeeded', '2026-12-03T10:00:00Z', '2026-12-03T10:00:02Z')
       RETURNING id`,
    );
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, import_id)
       VALUES ('berlin', 'ewr_total', $1, '2025-12-31', 120, $2)`,
      [fx.areaId['01100101'], run!.id],
    );
    invalidateCatalogueCache();
    const body = (
      await app.inject(`/api/areas/${fx.areaId['01100101']}/profile?date=2025-12-31`)
    ).json();
    const entries = body.groups.flatMap((g: { indicators: unknown[] }) => g.indicators);
    const ewr = entries.find((e: { indicator: { id: string } }) => e.indicator.id === 'ewr_total');
    expect(ewr.value).toBe(120);
    expect(ewr.imported).toEqual({
      importRunId: run!.id,
      fileName: 'einwohner-2025.csv',
      importedAt: '2026-12-03T10:00:02.000Z',
    });
    const median = entries.find(
      (e: { indicator: { id: string } }) => e.indicator.id === 'income_median',
    );
    expect(median.imported).toBeNull(); // seeded without an import run
  });
});
