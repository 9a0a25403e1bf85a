// Money per measure and the transparency view over HTTP on a real database (issue 15 § 2, ADR 0035):
// the import's measure column (id or exact title, only measures the importer may read), money per
// area and resident against need with the four quadrants (hand-checked below), the public level of
// detail as the tenant sets it, and the CSV/XLSX exports with attribution.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { setResidents } from '../../testing/residents.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { readXlsxRecords } from '../imports/index.ts';

let db: Db;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let measureId: number;
let foreignMeasureId: number;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  planner = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['sozialplanung'] })),
  );
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
  const [m] = await db.query<{ id: number }>(
    `INSERT INTO measure (tenant_id, title, visibility, department_id, created_by)
     VALUES ('berlin', 'Stadtteilmütter Mehringplatz', 'public', 'sozialplanung', 'test') RETURNING id`,
  );
  measureId = m!.id;
  await db.exec(`INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig')`);
  const [f] = await db.query<{ id: number }>(
    `INSERT INTO measure (tenant_id, title, visibility, created_by)
     VALUES ('leipzig', 'Fremde Maßnahme', 'public', 'test') RETURNING id`,
  );
  foreignMeasureId = f!.id;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const upload = (name: string, content: string) =>
  multipart([{ name, content: Buffer.from(content) }]);

const importCsv = (content: string, dryRun = false) =>
  planner({
    method: 'POST',
    url: `/api/funding/entries/import${dryRun ? '?dryRun=true' : ''}`,
    ...upload('haushalt.csv', content),
  });

describe('money per measure', () => {
  it('refuses unknown measures and measures of another tenant as row errors', async () => {
    const res = await importCsv(
      'Programm;Gebiet;Maßnahme;Jahr;Art;Quelle;Betrag\n' +
        `BIWAQ;02100101;${foreignMeasureId};2023;bewilligt;Gesamt;5\n` +
        'BIWAQ;02100101;Fremde Maßnahme;2023;bewilligt;Gesamt;5\n' +
        'BIWAQ;02100101;987654;2023;bewilligt;Gesamt;5\n',
      true,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().analysis.issues).toEqual([
      {
        file: 'haushalt.csv',
        line: 2,
        column: 3,
        message: `Maßnahme „${foreignMeasureId}“ gibt es nicht`,
      },
      {
        file: 'haushalt.csv',
        line: 3,
        column: 3,
        message: 'Maßnahme „Fremde Maßnahme“ gibt es nicht',
      },
      { file: 'haushalt.csv', line: 4, column: 3, message: 'Maßnahme „987654“ gibt es nicht' },
    ]);
  });

  it('books money on a measure named by title or id, keeping rows of different measures apart', async () => {
    const res = await importCsv(
      'Programm;Gebiet;Maßnahme;Jahr;Art;Quelle;Betrag\n' +
        'Sozialer Zusammenhalt;01100101;;2023;bewilligt;Bund;1.000,00\n' +
        'Sozialer Zusammenhalt;01100101;;2023;bewilligt;Kommune;1.000,00\n' +
        'BIWAQ;02100101;Stadtteilmütter Mehringplatz;2023;bewilligt;Gesamt;600,00\n' +
        `BIWAQ;02100101;${measureId};2022;verausgabt;Gesamt;300,00\n` +
        'BIWAQ;alle;;2023;bewilligt;Gesamt;500,00\n' +
        'Sozialer Zusammenhalt;01;;2023;bewilligt;Gesamt;50,00\n' +
        'Sozialer Zusammenhalt;01100101;;2024;geplant;Gesamt;9.999,00\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().analysis.written).toBe(7);
    const rows = await db.query<{ measure_id: number | null; year: number }>(
      `SELECT measure_id, year FROM funding_entry WHERE measure_id IS NOT NULL ORDER BY year`,
    );
    expect(rows).toEqual([
      { measure_id: measureId, year: 2022 },
      { measure_id: measureId, year: 2023 },
    ]);
    const [audit] = await db.query<{ detail: { measures: number[] } }>(
      `SELECT detail FROM audit_log WHERE action = 'funding.import' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit!.detail.measures).toEqual([measureId]);
  });
});

interface Area {
  code: string;
  residents: number | null;
  money: number;
  perResident: number | null;
  need: number | null;
  quadrant: string | null;
  bySource: Record<string, number> | null;
  byProgramme: Record<string, number> | null;
  series: { year: number; money: number }[];
}

describe('transparency view', () => {
  // Planungsräume 2023: residents 100/200/300/400 (ewr_total); money 2.000 (SZH, Bund + Kommune),
  // 0, 600 (BIWAQ on the measure), 0, plus the 50 € booked on Bezirk 01 spread by residents
  // 100 : 200 → 16,67 and 33,33 (the spare cent to the larger remainder). Per resident:
  // 20,1667 / 0,16665 / 2 / 0 → median (0,16665 + 2) / 2 = 1,083325.
  // Need: median income 1500/2000/2500/1800, higher is better → high need below the median 1900:
  // 01100101 and 02100102. BIWAQ's 500 for „alle“ stays apart: BIWAQ has no Fördergebiet yet.
  it('gives staff money per area and resident against need, in four quadrants (hand-checked)', async () => {
    const res = await planner('/api/funding/transparency?year=2023&need=income_median');
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t).toMatchObject({
      year: 2023,
      years: [2023],
      kind: 'approved',
      systemId: 'lor2021',
      levelId: 'plr',
      detail: 'staff',
      need: { id: 'income_median', kind: 'indicator', reversed: true, date: '2023-12-31' },
      residents: { indicatorId: 'ewr_total', date: '2023-12-31' },
      medians: { need: 1900, perResident: 1.083325 },
      notOnLevel: 0,
      wholeProgramme: 500,
      allocation: { own: 2600, rolledUp: 0, spread: 50, noProgrammeAreas: 500, noResidents: 0 },
    });
    const byCode = Object.fromEntries((t.areas as Area[]).map((a) => [a.code, a]));
    expect(byCode['01100101']).toMatchObject({
      residents: 100,
      money: 2016.67,
      perResident: expect.closeTo(20.1667, 6),
      need: 1500,
      quadrant: 'high_need_much_money',
      bySource: { bund: 1000, kommune: 1000, total: 16.67 },
      byProgramme: { 'sozialer-zusammenhalt': 2016.67 },
    });
    expect(byCode['01100102']).toMatchObject({
      money: 33.33,
      perResident: 0.16665,
      quadrant: 'low_need_little_money',
    });
    expect(byCode['02100101']).toMatchObject({
      money: 600,
      perResident: 2,
      quadrant: 'low_need_much_money',
      series: [{ year: 2023, money: 600 }],
    });
    expect(byCode['02100102']).toMatchObject({
      perResident: 0,
      quadrant: 'high_need_little_money',
    });
    expect(t.provenance.attribution).toContain('Amt für Statistik Berlin-Brandenburg');
    expect(t.provenance.method).toContain('Median');
  });

  it('divides by the tenant’s residents indicator, and guesses none when there is none (ADR 0058)', async () => {
    const url = '/api/funding/transparency?year=2023&need=income_median';
    await setResidents(app, db, null);
    try {
      const t = (await planner(url)).json();
      expect(t.residents).toBeNull();
      expect((t.areas as Area[]).every((a) => a.perResident === null)).toBe(true);
    } finally {
      await setResidents(app, db, 'ewr_total');
    }
    expect((await planner(url)).json().residents).toMatchObject({ indicatorId: 'ewr_total' });
  });

  it('leaves out values the public may not see (suppressed need → no quadrant)', async () => {
    const res = await app.inject('/api/funding/transparency?year=2023&need=share_unemployed');
    expect(res.statusCode).toBe(200);
    const area = (res.json().areas as Area[]).find((a) => a.code === '02100102')!;
    expect(area.need).toBeNull();
    expect(area.quadrant).toBeNull();
  });

  it('answers 404 for an indicator or index the caller may not read, 400 for an unknown level', async () => {
    expect((await app.inject('/api/funding/transparency?need=internal_note')).statusCode).toBe(404);
    expect((await planner('/api/funding/transparency?need=index:erfunden')).statusCode).toBe(404);
    const bad = await planner('/api/funding/transparency?level=erfunden');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Die Gebietsebene „erfunden“ gibt es nicht.');
  });

  it('says so when the index cannot be computed on the level', async () => {
    const t = (await planner('/api/funding/transparency?year=2023')).json();
    expect(t.need.kind).toBe('index');
    expect(t.needNote).toContain('nicht berechenbar');
    expect((t.areas as Area[]).every((a) => a.quadrant === null)).toBe(true);
  });
});

describe('public level of detail', () => {
  const url = '/api/funding/transparency?year=2023&need=income_median';

  it('shows the public totals by default, never planned money', async () => {
    const t = (await app.inject(url)).json();
    expect(t.detail).toBe('totals');
    const a = (t.areas as Area[]).find((x) => x.code === '01100101')!;
    expect(a.money).toBe(2016.67);
    expect(a.bySource).toBeNull();
    expect(a.byProgramme).toBeNull();
    const planned = await app.inject(`${url}&kind=planned`);
    expect(planned.statusCode).toBe(403);
    expect((await planner(`${url.replace('2023', '2024')}&kind=planned`)).statusCode).toBe(200);
  });

  it('lets Sozialplanung set the detail (audited); viewers may not', async () => {
    const put = (who: typeof planner, publicDetail: string) =>
      who({ method: 'PUT', url: '/api/funding/settings', payload: { publicDetail } });
    expect((await put(viewer, 'none')).statusCode).toBe(403);
    const ok = await put(planner, 'by_programme');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ publicDetail: 'by_programme', residentsIndicator: null });
    const a = ((await app.inject(url)).json().areas as Area[]).find((x) => x.code === '01100101')!;
    expect(a.bySource).toEqual({ bund: 1000, kommune: 1000, total: 16.67 });
    expect((await put(planner, 'none')).statusCode).toBe(200);
    const refused = await app.inject(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(
      'Diese Kommune veröffentlicht keine Fördermittel je Gebiet.',
    );
    // staff still see everything
    expect((await viewer(url)).json().detail).toBe('staff');
    const audits = await db.query(`SELECT 1 FROM audit_log WHERE action = 'funding.settings'`);
    expect(audits).toHaveLength(2);
    await put(planner, 'totals');
  });

  it('refuses a residents indicator that does not exist with 400', async () => {
    const res = await planner({
      method: 'PUT',
      url: '/api/funding/settings',
      payload: { residentsIndicator: 'erfunden' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Den Indikator „erfunden“ gibt es nicht.');
  });
});

describe('exports', () => {
  const q = '?year=2023&need=income_median';

  it('writes a German CSV with BOM, semicolons, decimal commas and the attribution', async () => {
    const res = await planner(`/api/funding/transparency.csv${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('foerdermittel-transparenz-2023.csv');
    const text = res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(
      /^Gebietsschlüssel;Gebiet;Einwohner\/innen \(2023-12-31\);Fördermittel 2023 \(EUR\);/,
    );
    expect(lines).toContain(
      '01100101;Stülerstraße;100;2016,67;20,17;1500;hoher Bedarf, viel Geld;;1000;;1000;;;16,67;;2016,67',
    );
    expect(text).toContain(
      'Quellen;"Fördermittel: Haushaltsdaten der Kommune (berlin); Amt für Statistik Berlin-Brandenburg (CC BY 3.0 DE)"',
    );
    expect(text).toContain(
      'Mittel nicht verteilt (Programm ohne Fördergebiet oder Gebiete ohne Einwohnerzahl);500',
    );
    expect(text).toContain('davon nach Einwohneranteil verteilt;50');
  });

  it('writes an XLSX the repository reader reads back, with the attribution', async () => {
    const res = await app.inject(`/api/funding/transparency.xlsx${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const dir = await mkdtemp(path.join(tmpdir(), 'transparenz-'));
    try {
      const file = path.join(dir, 't.xlsx');
      await writeFile(file, res.rawPayload);
      const records: string[][] = [];
      for await (const batch of readXlsxRecords(file)) records.push(...batch.map((r) => r.fields));
      expect(records[0]?.slice(0, 2)).toEqual(['Gebietsschlüssel', 'Gebiet']);
      const row = records.find((r) => r[0] === '02100101')!;
      expect(row.slice(0, 7)).toEqual([
        '02100101',
        'Askanischer Platz',
        '300',
        '600',
        '2',
        '2500',
        'geringer Bedarf, viel Geld',
      ]);
      expect(records.some((r) => r[0] === 'Quellen' && r[1]!.includes('Amt für Statistik'))).toBe(
        true,
      );
      // the public totals: no source columns
      expect(records[0]).toHaveLength(7);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps each tenant to its own money: Leipzig sees none of Berlin', async () => {
    const leipzig = injectAs(
      app,
      await tokenHeaders(
        db,
        await createTestUser(db, { tenantId: 'leipzig', roles: ['sozialplanung'] }),
      ),
    );
    const res = await leipzig('/api/funding/transparency');
    expect(res.statusCode).toBe(200);
    expect(res.json().years).toEqual([]);
    expect(res.json().areas).toEqual([]);
  });
});

describe('money of measures', () => {
  it('lists the funded measures on the programme page and the money on the measure (staff only)', async () => {
    const page = (await planner('/api/funding/programmes/biwaq')).json();
    expect(page.measures).toEqual([
      {
        id: measureId,
        title: 'Stadtteilmütter Mehringplatz',
        status: 'planned',
        years: [
          { year: 2022, planned: null, approved: null, spent: 300, spentOverApproved: true },
          { year: 2023, planned: null, approved: 600, spent: null, spentOverApproved: false },
        ],
        goals: [],
      },
    ]);
    expect((await app.inject('/api/funding/programmes/biwaq')).json().measures).toBeNull();
    const money = await planner(`/api/funding/measures/${measureId}/money`);
    expect(money.statusCode).toBe(200);
    expect(money.json().rows).toEqual([
      expect.objectContaining({
        year: 2022,
        programmeId: 'biwaq',
        kind: 'spent',
        source: 'total',
        amount: 300,
      }),
      expect.objectContaining({ year: 2023, kind: 'approved', amount: 600 }),
    ]);
    expect((await planner(`/api/funding/measures/${foreignMeasureId}/money`)).statusCode).toBe(404);
    expect((await app.inject(`/api/funding/measures/${measureId}/money`)).statusCode).toBe(401);
  });
});

describe('goals of funded measures', () => {
  // Goal of the measure: residents of 01100101 from 80 (2021) to 120 (2025). Values 90 (2022) and
  // 100 (2023): latest 100, last step +10 — rising, toward the target; the target line at the end
  // of 2023 is 80 + 40 · 730/1461 ≈ 99,99, so 100 is on course.
  it('shows each goal with baseline, latest value, target, trend and judgement', async () => {
    await db.query(
      `INSERT INTO measure_goal (tenant_id, measure_id, position, indicator_id, area_id,
         baseline_value, baseline_date, target_value, target_date)
       SELECT 'berlin', $1, 0, 'ewr_total', id, 80, '2021-12-31', 120, '2025-12-31'
         FROM area WHERE tenant_id = 'berlin' AND code = '01100101'`,
      [measureId],
    );
    const page = (await planner('/api/funding/programmes/biwaq')).json();
    expect(page.measures[0].goals).toEqual([
      expect.objectContaining({
        indicatorId: 'ewr_total',
        unit: 'count',
        decimals: 0,
        baseline: { date: '2021-12-31', value: 80 },
        target: { date: '2025-12-31', value: 120 },
        latest: { date: '2023-12-31', value: 100 },
        status: 'on_course',
        trend: { direction: 'up', towardTarget: true, change: 10 },
      }),
    ]);
    await db.query(`DELETE FROM measure_goal WHERE measure_id = $1`, [measureId]);
  });
});

describe('roll-up and spreading by residents (docs/methods/funding-allocation.md)', () => {
  // 2023, approved. Bezirk 01: SZH 2.000 from 01100101 + the 50 booked on the Bezirk itself = 2.050,
  // per resident with the Bezirk's own count 300 → 6,8333. Bezirk 02: 600 from 02100101, 700
  // residents → 0,857.
  it('sums Planungsräume up to the Bezirk and divides by the Bezirk’s residents', async () => {
    const res = await planner('/api/funding/transparency?year=2023&level=bez&need=income_median');
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.levelId).toBe('bez');
    const byCode = Object.fromEntries((t.areas as Area[]).map((a) => [a.code, a]));
    expect(byCode['01']).toMatchObject({ residents: 300, money: 2050 });
    expect(byCode['01']!.perResident).toBeCloseTo(6.8333, 4);
    expect(byCode['02']).toMatchObject({ residents: 700, money: 600 });
    expect(t.allocation).toEqual({
      own: 50,
      rolledUp: 2600,
      spread: 0,
      noProgrammeAreas: 500,
      noResidents: 0,
      bridged: 0,
      outside: 0,
    });
    expect(t.bridge).toBeNull();
    expect(t.provenance.method).toContain('nach dem Anteil der Einwohner/innen');
  });

  // BIWAQ's Fördergebiet becomes 02100101 + 02100102 (residents 300 : 400): the 500 for „alle“
  // → 214,2857 and 285,7143 → 214,29 and 285,71 (the spare cent to the larger remainder).
  it('spreads money for a whole Fördergebiet over its areas by residents, cent-exact', async () => {
    const ids = await db.query<{ id: number }>(
      `SELECT id FROM area WHERE code IN ('02100101', '02100102') ORDER BY code`,
    );
    const put = await planner({
      method: 'PUT',
      url: '/api/funding/programmes/biwaq/areas',
      payload: { areas: ids.map((a) => ({ areaId: a.id })) },
    });
    expect(put.statusCode, put.body).toBe(200);
    const plr = (await planner('/api/funding/transparency?year=2023&need=income_median')).json();
    const byCode = Object.fromEntries((plr.areas as Area[]).map((a) => [a.code, a]));
    expect(byCode['02100101']!.money).toBe(814.29);
    expect(byCode['02100102']!.money).toBe(285.71);
    expect(plr.wholeProgramme).toBe(0);
    expect(plr.allocation).toMatchObject({ spread: 550, noProgrammeAreas: 0 });
    const bez = (await planner('/api/funding/transparency?year=2023&level=bez')).json();
    expect((bez.areas as Area[]).find((a) => a.code === '02')!.money).toBe(1100);
    await planner({
      method: 'PUT',
      url: '/api/funding/programmes/biwaq/areas',
      payload: { areas: [] },
    });
  });
});

describe('the area profile card (GET /api/funding/areas/:areaId)', () => {
  // 01100101 in 2023 (approved): 2.000 own + 16,67 of the 50 on Bezirk 01 → 2.016,67, 100 residents.
  it('shows the programmes covering the area, its money as the transparency places it, and effects', async () => {
    const ids = Object.fromEntries(
      (
        await db.query<{ id: number; code: string }>(
          `SELECT id, code FROM area WHERE code IN ('01', '01100101', '02100102')`,
        )
      ).map((a) => [a.code, a.id]),
    );
    // Sozialer Zusammenhalt's Fördergebiet is Bezirk 01: it covers 01100101 („coarser“)
    const put = await planner({
      method: 'PUT',
      url: '/api/funding/programmes/sozialer-zusammenhalt/areas',
      payload: { areas: [{ areaId: ids['01'] }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    // the measure works in 01100101 since 2023 with a goal on the residents
    await db.query(
      `INSERT INTO measure_area (tenant_id, measure_id, area_id) VALUES ('berlin', $1, $2)`,
      [measureId, ids['01100101']],
    );
    await db.query(`UPDATE measure SET start_date = '2023-06-01' WHERE id = $1`, [measureId]);
    await db.query(
      `INSERT INTO measure_goal (tenant_id, measure_id, position, indicator_id, area_id,
         baseline_value, baseline_date, target_value, target_date)
       VALUES ('berlin', $1, 0, 'ewr_total', $2, 90, '2022-12-31', 120, '2025-12-31')`,
      [measureId, ids['01100101']],
    );
    const res = await planner(`/api/funding/areas/${ids['01100101']}`);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card.programmes).toEqual([
      expect.objectContaining({ id: 'sozialer-zusammenhalt', via: 'coarser' }),
    ]);
    expect(card.money).toMatchObject({
      detail: 'staff',
      year: 2023,
      total: 2016.67,
      residents: 100,
      years: [{ year: 2023, money: 2016.67 }],
      byProgramme: { 'sozialer-zusammenhalt': 2016.67 },
    });
    expect(card.effects).toHaveLength(1);
    expect(card.effects[0]).toMatchObject({ measureId, title: 'Stadtteilmütter Mehringplatz' });
    // the fixture has one value before the start: an honest „not measurable“, not an error
    expect(card.effects[0].estimate.verdict).toBe('not-measurable');
    expect(card.effectsOmitted).toBe(0);
    // the public sees totals only; another tenant's or an unknown area is 404
    const pub = (await app.inject(`/api/funding/areas/${ids['01100101']}`)).json();
    expect(pub.money).toMatchObject({ detail: 'totals', total: 2016.67, byProgramme: null });
    expect((await planner('/api/funding/areas/987654')).statusCode).toBe(404);
    await db.query(`DELETE FROM measure_goal WHERE measure_id = $1`, [measureId]);
    await db.query(`DELETE FROM measure_area WHERE measure_id = $1`, [measureId]);
  });
});

describe('each booking year weighed by its own residents (docs/methods/funding-allocation.md)', () => {
  // Bezirk 01: 50 in 2022 over its Planungsräume by the residents of 31.12.2022 (90 : 190)
  // → 16,07 / 33,93; 10 in 2021, when no count exists up to its end: the nearest, 31.12.2022,
  // stands in and is named → 3,21 / 6,79. 2023 stays with 100 : 200 (16,67 / 33,33).
  it('uses each year’s residents, names the date per year and the fallback, in the view and the CSV', async () => {
    const res = await importCsv(
      'Programm;Gebiet;Maßnahme;Jahr;Art;Quelle;Betrag\n' +
        'Sozialer Zusammenhalt;01;;2022;bewilligt;Gesamt;50,00\n' +
        'Sozialer Zusammenhalt;01;;2021;bewilligt;Gesamt;10,00\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    const t = (await planner('/api/funding/transparency?year=2023&need=income_median')).json();
    expect(t.residents.byYear).toEqual([
      { year: 2021, date: '2022-12-31', fallback: true },
      { year: 2022, date: '2022-12-31', fallback: false },
      { year: 2023, date: '2023-12-31', fallback: false },
    ]);
    const byCode = Object.fromEntries((t.areas as Area[]).map((a) => [a.code, a]));
    expect(byCode['01100101']!.series.slice(0, 2)).toEqual([
      { year: 2021, money: 3.21 },
      { year: 2022, money: 16.07 },
    ]);
    expect(byCode['01100102']!.series.slice(0, 2)).toEqual([
      { year: 2021, money: 6.79 },
      { year: 2022, money: 33.93 },
    ]);
    expect(byCode['01100102']!.money).toBe(33.33);
    const csv = (await planner('/api/funding/transparency.csv?year=2023&need=income_median')).body;
    expect(csv).toContain(
      'Einwohner/innen für 2021;Stichtag 31.12.2022 (kein Stichtag bis Ende 2021, nächstgelegener Stichtag)',
    );
    expect(csv).toContain('Einwohner/innen für 2023;Stichtag 31.12.2023');
  });
});
