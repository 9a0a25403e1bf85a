// The gaps view (issue 12 § 2, ADR 0055): areas with high need and no service of the type there —
// by place or work area —, top quintile by default or a threshold, with the nearest service.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

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
      `INSERT INTO observation (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', 'ewr_age_below_6', $1, '2023-12-31', $2)`,
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
});
