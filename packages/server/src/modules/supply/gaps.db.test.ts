// The gaps view (issue 12 § 2, ADR 0055): areas with high need and no service of the type there —
// by place or work area —, top quintile by default or a threshold, with the nearest service.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';
import { setResidents as setResidentsAs } from '../../testing/residents.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const ORG = {
  a: 'a0000000-0000-5000-8000-00000000000a',
  b: 'b0000000-0000-5000-8000-00000000000b',
};

/**
 * Fixture squares: PLR 01100101 = 13.0–13.1° E, 01100102 = 13.1–13.2, 02100101 = 13.2–13.3,
 * 02100102 = 13.3–13.4 (52.0–52.1° N). Residents 100/200/300/400, children under 6 200/100/100/100:
 * shares 2.0, 0.5, 0.333, 0.25. Kita 1 (A) in 01100101 at 13.05°, Kita 3 (B) in 02100101 at 13.26°.
 */
beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  const tax = '55555555-5555-5555-8555-555555555555';
  await db.exec(`
    INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description, dimensions)
    VALUES ('berlin', '77777777-7777-5777-8777-777777777777', '${tax}', 'kita', 'Kindertagesstätte', 'Kitas', '{education}');
    INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key, public) VALUES
      ('berlin', '${ORG.a}', 'Kita-Verbund Nord e.V.', 'verein', 'a', true),
      ('berlin', '${ORG.b}', 'Kita-Träger Süd gGmbH', 'verein', 'b', true);
    INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key)
    VALUES ('berlin', 'ewr_age_below_6', 'Einwohnende unter 6 Jahren', 'Residents under 6', 'unter 6',
            'count', 'count', 1, 'demography', 'neutral', 'sozialplanung', 'afs', 0, 'public', 10);
    INSERT INTO supply_target (tenant_id, service_type, indicator_ids) VALUES ('berlin', 'kita', '{ewr_age_below_6}');
  `);
  for (const [n, org, lon, code] of [
    ['1', ORG.a, 13.05, '01100101'],
    ['3', ORG.b, 13.26, '02100101'],
  ] as const) {
    const sid = `5e000000-0000-5000-8000-00000000000${n}`;
    const lid = `10000000-0000-5000-8000-00000000000${n}`;
    await db.query(
      `INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name) VALUES ('berlin', $1, $2, 'kita', $3)`,
      [sid, org, `Kita ${n}`],
    );
    await db.query(
      `INSERT INTO directory_location (tenant_id, id, organization_id, name, city, lon, lat) VALUES ('berlin', $1, $2, $3, 'Berlin', $4, 52.05)`,
      [lid, org, `Kita ${n}`, lon],
    );
    await db.query(
      `INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id) VALUES ('berlin', $1, $2, $3)`,
      [`5a000000-0000-5000-8000-00000000000${n}`, sid, lid],
    );
    await db.query(
      `INSERT INTO directory_location_area (tenant_id, location_id, area_id) VALUES ('berlin', $1, $2)`,
      [lid, fx.areaId[code]],
    );
  }
  for (const [code, value] of [
    ['01100101', 200],
    ['01100102', 100],
    ['02100101', 100],
    ['02100102', 100],
  ] as const)
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', 'ewr_age_below_6', $1, '2023-12-31', $2)`,
      [fx.areaId[code], value],
    );
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const gaps = (query: string) =>
  app.inject(`/api/supply/gaps?serviceType=kita&system=lor2021&level=plr${query}`);

describe('areas with high need and no service of the type', () => {
  it('takes the top quintile by default: the one area of highest need has a Kita, so no gap', async () => {
    const res = await gaps('');
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g).toMatchObject({
      threshold: 2,
      thresholdRule: 'top-quintile',
      considered: 4,
      highNeed: 1,
      rows: [],
      need: { measure: 'target-share', unit: 'share', date: '2023-12-31' },
    });
    expect(g.need.indicators).toEqual(['ewr_age_below_6', 'ewr_total']);
    expect(g.provenance).toContain('Stichtag 31.12.2023');
    expect(g.provenance).toContain('Angebotsverzeichnis');
  });

  it('lists an area above a threshold without a Kita, with the nearest Kita and its distance', async () => {
    const g = (await gaps('&threshold=0.3')).json();
    expect(g.highNeed).toBe(3);
    expect(g.rows).toHaveLength(1);
    const [row] = g.rows;
    expect(row).toMatchObject({ code: '01100102', need: 0.5, needClass: null });
    // centroid 13.15° E → Kita 1 at 13.05° (0.1° of longitude at 52.05° N ≈ 6.85 km), Kita 3 at 13.26°
    expect(row.nearest.name).toBe('Kita 1');
    expect(row.nearest.distanceM).toBeGreaterThan(6800);
    expect(row.nearest.distanceM).toBeLessThan(6900);
  });

  it('counts a work area of a Kita’s organisation (here the Bezirk containing the area) as served', async () => {
    await db.query(
      `INSERT INTO network_organization_area (tenant_id, organization_id, area_id) VALUES ('berlin', $1, $2)`,
      [ORG.b, fx.areaId['01']],
    );
    try {
      const g = (await gaps('&threshold=0.3')).json();
      expect(g.highNeed).toBe(3);
      expect(g.rows).toEqual([]);
    } finally {
      await db.query(`DELETE FROM network_organization_area WHERE tenant_id = 'berlin'`);
    }
  });

  it('refuses an unknown type, a type without target population and a missing status index with 400', async () => {
    const unknown = await app.inject('/api/supply/gaps?serviceType=erfunden');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('erfunden');
    const noTarget = await app.inject('/api/supply/gaps?serviceType=familienzentrum');
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.message).toContain('Zielbevölkerung');
    const index = await gaps('&need=status-index');
    expect(index.statusCode).toBe(400);
    expect(index.json().error.message).toContain('Statusindex');
    expect((await gaps('&need=erfunden')).statusCode).toBe(400);
  });

  it('refuses a threshold out of range or no number with 400 naming the field and its range', async () => {
    const reasons = async (query: string) => {
      const res = await gaps(query);
      expect(res.statusCode).toBe(400);
      return res.json().error;
    };
    const text = await reasons('&threshold=abc');
    expect(text.message).toBe(
      'Ungültige Anfrage – Abfrageparameter „threshold“ (Schwelle): eine Zahl von -100 bis 100 erwartet, erhalten „abc“',
    );
    expect(text.details).toEqual([
      {
        in: 'querystring',
        field: 'threshold',
        label: 'Schwelle',
        reason: 'eine Zahl von -100 bis 100 erwartet, erhalten „abc“',
      },
    ]);
    expect((await reasons('&threshold=400')).details[0].reason).toBe(
      'eine Zahl von -100 bis 100 erwartet, erhalten „400“',
    );
    // a share above 1: said in the share's own range
    expect((await reasons('&threshold=30')).details[0].reason).toBe(
      'beim Bedarf „Anteil der Zielbevölkerung“ ein Anteil von 0 bis 1 erwartet (0,25 = 25 %), erhalten „30“',
    );
  });
});

/** Inserts indicators (one kind, dimension and unit) with their PLR values at 2023-12-31. */
async function insertIndicators(
  kind: 'count' | 'value',
  dimension: string,
  rows: Record<string, [number, number, number, number]>,
  sortKey: number,
): Promise<void> {
  for (const [i, [id, values]] of Object.entries(rows).entries()) {
    await db.query(
      `INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                             polarity, department, source_id, decimals, visibility, sort_key)
       VALUES ('berlin', $1, $2, $1, $2, $3, $3, 1, $4, 'neutral', 'sozialplanung', 'afs', 1, 'public', $5)`,
      [id, `Test ${id}`, kind, dimension, sortKey + i],
    );
    for (const [j, code] of ['01100101', '01100102', '02100101', '02100102'].entries())
      await db.query(
        `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', $1, $2, '2023-12-31', $3)`,
        [id, fx.areaId[code], values[j]],
      );
  }
  invalidateCatalogueCache();
}

const setResidents = (indicatorId: string | null) => setResidentsAs(app, db, indicatorId);

describe('the share of the target population over the tenant’s residents indicator (ADR 0058)', () => {
  it('divides by the indicator the tenant named, not by the first demography count of the catalogue', async () => {
    // households come first in the catalogue (sort key 0, before ewr_total), the residents under
    // another id last: einwohner_le 400/400/200/100 → shares 0.5, 0.25, 0.5, 1.0 (by households
    // 1000 each it would be 0.2, 0.1, 0.1, 0.1 and 01100101 — which has a Kita — the top area)
    await insertIndicators('count', 'demography', { haushalte: [1000, 1000, 1000, 1000] }, -1);
    await insertIndicators('count', 'demography', { einwohner_le: [400, 400, 200, 100] }, 90);
    await setResidents('einwohner_le');
    try {
      const g = (await gaps('')).json();
      expect(g.need.indicators).toEqual(['ewr_age_below_6', 'einwohner_le']);
      expect(g.need.label).toBe('Anteil „Einwohnende unter 6 Jahren“ an „Test einwohner_le“');
      expect(g.provenance).toContain('an „Test einwohner_le“');
      expect(g).toMatchObject({ threshold: 1, highNeed: 1, considered: 4 });
      expect(g.rows.map((r: { code: string; need: number }) => [r.code, r.need])).toEqual([
        ['02100102', 1],
      ]);
    } finally {
      await setResidents('ewr_total');
    }
  });

  it('answers 400 naming the setting when the tenant has no residents indicator', async () => {
    await setResidents(null);
    try {
      const res = await gaps('');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(
        'Für die Einwohnenden insgesamt ist kein Indikator festgelegt (Versorgung → Zielbevölkerung).',
      );
    } finally {
      await setResidents('ewr_total');
    }
    expect((await gaps('')).statusCode).toBe(200);
  });
});

describe('need as the status index of the MSS', () => {
  it('takes the index values of the latest edition on the level, with their classes', async () => {
    // MSS 2019/2021 inputs: status S1, S3, S4 highest in 02100102, then 02100101; the dynamics
    // vary a little (a z-score needs spread). The MSS publishes no index below 300 residents, so
    // 01100101 and 01100102 (ewr_total 100, 200) get none and only the two of 02 are considered.
    await insertIndicators(
      'value',
      'work',
      {
        mss_s1_unemployment: [5, 6, 10, 15],
        mss_s3_transfer: [10, 12, 20, 30],
        mss_s4_child_poverty: [20, 22, 40, 50],
        mss_d1_unemployment_change: [0.1, 0.2, 0.3, 0.4],
        mss_d3_transfer_change: [0.2, 0.1, 0.4, 0.3],
        mss_d4_child_poverty_change: [0.3, 0.4, 0.1, 0.2],
      },
      50,
    );
    const res = await gaps('&need=status-index');
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g.need).toMatchObject({ measure: 'status-index', unit: 'index', date: '2023-12-31' });
    expect(g.need.indicators).toContain('mss_s1_unemployment');
    // top quintile of the 2 areas with an index: the higher, 02100102, has no Kita
    expect(g).toMatchObject({ thresholdRule: 'top-quintile', considered: 2, highNeed: 1 });
    expect(g.rows).toHaveLength(1);
    expect(g.rows[0]).toMatchObject({ code: '02100102', need: g.threshold });
    expect(g.rows[0].needClass).toEqual(expect.any(String));
    // centroid 13.35° E → Kita 3 at 13.26°
    expect(g.rows[0].nearest.name).toBe('Kita 3');
    // both count from a threshold below all; 02100101 has Kita 3, so 02100102 stays the one gap
    const all = (await gaps('&need=status-index&threshold=-100')).json();
    expect(all).toMatchObject({ thresholdRule: 'value', considered: 2, highNeed: 2 });
    expect(all.rows.map((r: { code: string }) => r.code)).toEqual(['02100102']);
  });
});
