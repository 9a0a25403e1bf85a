// The bridge between area systems (ADR 0047, docs/methods/funding-allocation.md § Brücke): money
// booked on areas of a Fördergebiet system reaches the Planungsräume of LOR 2021 by overlap,
// area- or residents-weighted, with the share outside every Planungsraum stated apart — in the
// view and in the CSV.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;

const rect = (x0: number, x1: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, 52.0],
      [x1, 52.0],
      [x1, 52.1],
      [x0, 52.1],
      [x0, 52.0],
    ],
  ],
});

// Planungsräume (fixture): 01100101 x 13,0–13,1, 01100102 13,1–13,2, 02100101 13,2–13,3,
// 02100102 13,3–13,4, all y 52,0–52,1; residents 2023: 100 / 200 / 300 / 400.
// Fördergebiet FG1 x 13,05–13,25: a quarter in 01100101, half in 01100102, a quarter in 02100101.
// FG2 x 13,35–13,45: half in 02100102, half outside every Planungsraum.
beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  await db.exec(`
    INSERT INTO area_system (tenant_id, id, name, description, valid_from, valid_to, source_id)
    VALUES ('berlin', 'foerder', 'Fördergebiete', 'Gebiete des Programms Sozialer Zusammenhalt', '2020-01-01', NULL, 'afs');
    INSERT INTO area_level (tenant_id, system_id, id, name_de, name_en, depth)
    VALUES ('berlin', 'foerder', 'fg', 'Fördergebiet', 'Programme area', 0);
  `);
  for (const [code, x0, x1] of [
    ['FG1', 13.05, 13.25],
    ['FG2', 13.35, 13.45],
  ] as const) {
    const [a] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name, geometry)
       VALUES ('berlin', 'foerder', 'fg', $1, $1, $2::jsonb) RETURNING id`,
      [code, JSON.stringify(rect(x0, x1))],
    );
    await db.query(
      `INSERT INTO funding_entry (tenant_id, programme_id, area_id, year, kind, source, amount)
       VALUES ('berlin', 'sozialer-zusammenhalt', $1, 2023, 'approved', 'total', $2)`,
      [a!.id, code === 'FG1' ? 1000 : 400],
    );
  }
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  planner = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['sozialplanung'] })),
  );
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Area = { code: string; money: number };
const URL = '/api/funding/transparency?year=2023&system=lor2021&level=plr&need=income_median';

async function view(bridge: string) {
  const res = await planner(`${URL}&bridge=${bridge}`);
  expect(res.statusCode, res.body).toBe(200);
  const t = res.json();
  return { t, money: new Map((t.areas as Area[]).map((a) => [a.code, a.money])) };
}

describe('money on areas of another area system', () => {
  it('is bridged by area share; the share outside the Planungsräume stays apart', async () => {
    const { t, money } = await view('area');
    // rectangles: the scan lines measure the shares exactly (up to a cent of rounding)
    expect(money.get('01100101')).toBeCloseTo(250, 1);
    expect(money.get('01100102')).toBeCloseTo(500, 1);
    expect(money.get('02100101')).toBeCloseTo(250, 1);
    expect(money.get('02100102')).toBeCloseTo(200, 1);
    // cent-exact: what was bridged and what lies outside add up to the 1.400 booked
    expect(Math.round((t.allocation.bridged + t.allocation.outside) * 100)).toBe(140_000);
    expect(t.allocation.outside).toBeCloseTo(200, 1);
    expect(t.notOnLevel).toBe(0);
    expect(t.bridge).toMatchObject({ method: 'area', areas: 2, systems: ['foerder'] });
    expect(t.bridge.note).toContain('Flächenanteil');
    expect(t.provenance.method).toContain('Überschneidung');
  });

  // residents 100 / 200 / 300 spread evenly in equal Planungsräume: FG1 weighs
  // ¼·100 : ½·200 : ¼·300 = 25 : 100 : 75 → 125 / 500 / 375; FG2 as by area (one Planungsraum).
  it('is bridged by the residents living in each overlap when asked', async () => {
    const { t, money } = await view('residents');
    expect(money.get('01100101')).toBeCloseTo(125, 1);
    expect(money.get('01100102')).toBeCloseTo(500, 1);
    expect(money.get('02100101')).toBeCloseTo(375, 1);
    expect(money.get('02100102')).toBeCloseTo(200, 1);
    expect(t.bridge.method).toBe('residents');
    expect(t.bridge.note).toContain('Einwohneranteil');
  });

  it('states the method and the share not placed in the CSV', async () => {
    const csv = (await planner(URL.replace('transparency?', 'transparency.csv?'))).body;
    expect(csv).toContain('davon von Gebieten anderer Gebietssysteme übertragen;');
    expect(csv).toContain(
      'Mittel anderer Gebietssysteme außerhalb aller Gebiete der Ebene (nicht übertragen);',
    );
    expect(csv).toContain('Brücke zwischen Gebietssystemen (foerder);Flächenanteil');
  });

  it('refuses an unknown bridge method with 400', async () => {
    expect((await planner(`${URL}&bridge=erfunden`)).statusCode).toBe(400);
  });
});
