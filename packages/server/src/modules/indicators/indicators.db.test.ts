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
beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('GET /api/indicators', () => {
  it('lists public indicators in catalogue order with source and coverage per level', async () => {
    const res = await app.inject('/api/indicators');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.map((i: { id: string }) => i.id)).toEqual([
      'ewr_total',
      'share_unemployed',
      'income_median',
    ]);
    expect(list[0].coverage).toEqual([
      { systemId: 'lor2021', levelId: 'bez', dates: ['2022-12-31', '2023-12-31'] },
      { systemId: 'lor2021', levelId: 'plr', dates: ['2022-12-31', '2023-12-31'] },
    ]);
    expect(list[2].coverage).toEqual([
      { systemId: 'lor2021', levelId: 'plr', dates: ['2023-12-31'] },
    ]);
    expect(list[1]).toMatchObject({
      kind: 'share',
      scale: 100,
      dimension: 'work',
      polarity: 'higher_is_worse',
      unit: 'percent',
    });
    expect(list[1].source.attribution).toBe('Amt für Statistik Berlin-Brandenburg');
  });

  it('shows new coverage only after invalidateCatalogueCache()', async () => {
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', 'income_median', $1, '2024-12-31', 1600)`,
      [fx.areaId['01100101']],
    );
    try {
      const cached = (await app.inject('/api/indicators/income_median')).json();
      expect(cached.coverage[0].dates).toEqual(['2023-12-31']);
      invalidateCatalogueCache();
      const fresh = (await app.inject('/api/indicators/income_median')).json();
      expect(fresh.coverage[0].dates).toEqual(['2023-12-31', '2024-12-31']);
    } finally {
      await db.query(
        `DELETE FROM observation_row WHERE tenant_id = 'berlin' AND ref_date = '2024-12-31'`,
      );
      invalidateCatalogueCache();
    }
  });

  it('answers 404 in German for an unknown or internal indicator', async () => {
    for (const id of ['nope', 'internal_note']) {
      const res = await app.inject(`/api/indicators/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: { code: 'not_found', message: `Den Indikator „${id}“ gibt es nicht.` },
      });
    }
  });
});

describe('GET /api/values', () => {
  it('returns every area of the level at the latest date with the city sum when no date is given', async () => {
    const res = await app.inject('/api/values?indicator=ewr_total&system=lor2021&level=plr');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.date).toBe('2023-12-31');
    expect(body.values.map((v: { value: number }) => v.value)).toEqual([100, 200, 300, 400]);
    expect(body.city).toEqual({
      value: 1000,
      method: 'Summe aller Gebiete',
      coverage: { areasWithValue: 4, areasTotal: 4 },
      note: null,
    });
    expect(body.indicator.id).toBe('ewr_total');
  });

  it('computes a share city value from summed numerators and denominators and passes flags through', async () => {
    const body = (
      await app.inject(
        '/api/values?indicator=share_unemployed&system=lor2021&level=plr&date=2023-12-31',
      )
    ).json();
    expect(body.city.value).toBeCloseTo(22, 10); // 55 / 250 × 100
    expect(body.city.method).toBe('Quote aus den Summen von Zähler und Nenner');
    // Mehringplatz has no numerator: the share covers 3 of the 4 areas and says so
    expect(body.city.coverage).toEqual({ areasWithValue: 3, areasTotal: 4 });
    expect(body.city.note).toBe('Quote aus 3 der 4 Gebiete');
    expect(body.values[3]).toEqual({
      areaId: fx.areaId['02100102'],
      code: '02100102',
      name: 'Mehringplatz',
      value: null,
      numerator: null,
      denominator: 150,
      flag: 'suppressed',
      flagReason: 'weniger als 3 Fälle',
      reliability: null,
    });
    // 5 of 50 (Stülerstraße): Wilson 95 % 4,35 … 21,36 %, small base; 30 of 100: not small
    expect(body.values[0].reliability.smallBase).toBe(true);
    expect(body.values[0].reliability.lower).toBeCloseTo(4.3475, 3);
    expect(body.values[0].reliability.upper).toBeCloseTo(21.36, 2);
    expect(body.values[2].reliability.smallBase).toBe(false);
  });

  it('uses the median of the areas for value indicators', async () => {
    const body = (
      await app.inject('/api/values?indicator=income_median&system=lor2021&level=plr')
    ).json();
    expect(body.city).toEqual({
      value: 1900,
      method: 'Median der Gebiete',
      coverage: { areasWithValue: 4, areasTotal: 4 },
      note: null,
    });
  });

  it('reads stored upper-level observations for the Bezirk level', async () => {
    const body = (
      await app.inject('/api/values?indicator=ewr_total&system=lor2021&level=bez&date=2022-12-31')
    ).json();
    expect(body.values.map((v: { code: string; value: number }) => [v.code, v.value])).toEqual([
      ['01', 280],
      ['02', 680],
    ]);
    expect(body.city.value).toBe(960);
  });

  it('falls back to the latest date before the requested one and says which date it used', async () => {
    const body = (
      await app.inject('/api/values?indicator=ewr_total&system=lor2021&level=plr&date=2023-06-30')
    ).json();
    expect(body.date).toBe('2022-12-31');
    expect(body.values[0].value).toBe(90);
  });

  it('answers 404 when the level has no data for the indicator', async () => {
    const res = await app.inject('/api/values?indicator=income_median&system=lor2021&level=bez');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe(
      'Für den Indikator „Medianeinkommen“ (income_median) liegen auf der Ebene „Bezirk“ (bez) des Gebietssystems „lor2021“ keine Werte vor.',
    );
  });

  it('answers 404 for an unknown indicator and 400 naming the field for a bad date', async () => {
    const unknown = await app.inject('/api/values?indicator=nope&system=lor2021&level=plr');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('Den Indikator „nope“ gibt es nicht.');
    const bad = await app.inject(
      '/api/values?indicator=ewr_total&system=lor2021&level=plr&date=31.12.2023',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toEqual({
      code: 'validation_failed',
      message:
        'Ungültige Anfrage – Abfrageparameter „date“: erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2023-12-31',
      details: [
        {
          in: 'querystring',
          field: 'date',
          reason: 'erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2023-12-31',
        },
      ],
    });
  });
});

describe('GET /api/areas/{id}/profile', () => {
  it('groups indicators by dimension in the fixed order with value, city value, rank and series', async () => {
    const res = await app.inject(`/api/areas/${fx.areaId['02100101']}/profile`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.area.code).toBe('02100101');
    expect(body.date).toBe('2023-12-31');
    expect(body.groups.map((g: { dimension: string }) => g.dimension)).toEqual([
      'demography',
      'income',
      'work',
    ]);
    const [ewr] = body.groups[0].indicators;
    expect(ewr).toMatchObject({
      date: '2023-12-31',
      value: 300,
      cityValue: 1000,
      rank: 2,
      rankOf: 4,
      flag: null,
    });
    expect(ewr.series).toEqual([
      { date: '2022-12-31', value: 290 },
      { date: '2023-12-31', value: 300 },
    ]);
    const [income] = body.groups[1].indicators;
    expect(income).toMatchObject({ value: 2500, cityValue: 1900, rank: 1, rankOf: 4 });
    const [share] = body.groups[2].indicators;
    expect(share).toMatchObject({ value: 30, numerator: 30, denominator: 100, rank: 1, rankOf: 3 });
    expect(share.cityValue).toBeCloseTo(22, 10);
  });

  it('shows each indicator at its latest date on or before the requested date and leaves out later-only ones', async () => {
    const body = (
      await app.inject(`/api/areas/${fx.areaId['01100101']}/profile?date=2023-01-15`)
    ).json();
    expect(body.date).toBe('2023-01-15');
    expect(body.groups.map((g: { dimension: string }) => g.dimension)).toEqual(['demography']);
    expect(body.groups[0].indicators[0]).toMatchObject({
      date: '2022-12-31',
      value: 90,
      cityValue: 960,
      rank: 4,
    });
  });

  it('ranks a suppressed area as unranked', async () => {
    const body = (await app.inject(`/api/areas/${fx.areaId['02100102']}/profile`)).json();
    const share = body.groups.find((g: { dimension: string }) => g.dimension === 'work')
      .indicators[0];
    expect(share).toMatchObject({ value: null, flag: 'suppressed', rank: null, rankOf: 3 });
  });

  it('profiles an upper-level area among the areas of its own level', async () => {
    const body = (await app.inject(`/api/areas/${fx.areaId['02']}/profile`)).json();
    expect(body.groups.map((g: { dimension: string }) => g.dimension)).toEqual([
      'demography',
      'work',
    ]);
    expect(body.groups[0].indicators[0]).toMatchObject({
      value: 700,
      cityValue: 1000,
      rank: 1,
      rankOf: 2,
    });
    expect(body.area.children).toHaveLength(2);
  });

  it('answers 400 naming the field for a bad date and 404 for an unknown area', async () => {
    const bad = await app.inject(`/api/areas/${fx.areaId['01']}/profile?date=2023-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ in: 'querystring', field: 'date' });
    const missing = await app.inject('/api/areas/424242/profile');
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /api/areas/{id}/series', () => {
  it('returns the area series of one indicator in date order', async () => {
    const res = await app.inject(`/api/areas/${fx.areaId['01100102']}/series?indicator=ewr_total`);
    expect(res.json()).toEqual([
      { date: '2022-12-31', value: 190, numerator: null, denominator: null, flag: null },
      { date: '2023-12-31', value: 200, numerator: null, denominator: null, flag: null },
    ]);
  });

  it('answers 404 for an unknown indicator', async () => {
    const res = await app.inject(`/api/areas/${fx.areaId['01100102']}/series?indicator=nope`);
    expect(res.statusCode).toBe(404);
  });
});
