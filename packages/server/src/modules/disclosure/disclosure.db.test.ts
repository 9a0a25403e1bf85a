import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { setResidents as setResidentsAs } from '../../testing/residents.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';
import { clearIndexCache } from '../monitoring/index.ts';
import { getDisclosureSettings, setDisclosureSettings } from './index.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const DATE = '2023-12-31';

// Extra data on top of the fixture (golden values):
// cases (count): PLR 2 / 10 / 7 / 0, Bezirke 12 / 7 → 01100101 primary (2); Bezirk 01 = 12 is
//   public, so 01100102 (10) is suppressed too (else 12 − 10 = 2).
// share_small (share, per 100): PLR 1/40, 10/50, 6/60, 9/90; Bezirke 11/90, 15/150 → 01100101
//   primary (numerator 1), 01100102 secondary (11 − 10 = 1).
// ewr_inhabitants: PLR 250 / 400 / 500 / 600 → 01100101 gets no index (< 300).
beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'cases', 'Fälle', 'Cases', 'Fälle', 'count', 'count', 1, 'health', 'neutral', 'sozialplanung', 'afs', 0, 'public', 10),
      ('berlin', 'share_small', 'Kleiner Anteil', 'Small share', 'Anteil', 'percent', 'share', 100, 'health', 'higher_is_worse', 'sozialplanung', 'afs', 1, 'public', 11),
      ('berlin', 'ewr_inhabitants', 'Einwohnende', 'Inhabitants', 'Einwohnende', 'count', 'count', 1, 'demography', 'neutral', 'sozialplanung', 'afs', 0, 'internal', 12);
  `);
  const rows: [string, string, number, number | null, number | null][] = [
    ['cases', '01100101', 2, null, null],
    ['cases', '01100102', 10, null, null],
    ['cases', '02100101', 7, null, null],
    ['cases', '02100102', 0, null, null],
    ['cases', '01', 12, null, null],
    ['cases', '02', 7, null, null],
    ['share_small', '01100101', 2.5, 1, 40],
    ['share_small', '01100102', 20, 10, 50],
    ['share_small', '02100101', 10, 6, 60],
    ['share_small', '02100102', 10, 9, 90],
    ['share_small', '01', (11 / 90) * 100, 11, 90],
    ['share_small', '02', 10, 15, 150],
    ['ewr_inhabitants', '01100101', 250, null, null],
    ['ewr_inhabitants', '01100102', 400, null, null],
    ['ewr_inhabitants', '02100101', 500, null, null],
    ['ewr_inhabitants', '02100102', 600, null, null],
  ];
  for (const [indicator, code, value, numerator, denominator] of rows) {
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator)
       VALUES ('berlin', $1, $2, $3, $4, $5, $6)`,
      [indicator, fx.areaId[code], DATE, value, numerator, denominator],
    );
  }
  // this file counts residents with ewr_inhabitants (the Berlin demo's id) on the default thresholds;
  // the fixture's own setting (ewr_total, indices from 50 residents) is replaced
  await db.exec(`
    UPDATE supply_residents SET indicator_id = 'ewr_inhabitants' WHERE tenant_id = 'berlin';
    DELETE FROM disclosure_setting WHERE tenant_id = 'berlin';
  `);
  invalidateCatalogueCache();
  app = await buildApp(testContext(db), { validateResponses: true });
});
afterAll(async () => {
  await setDisclosureSettings(db, 'berlin', { minCount: 3, enabled: true });
  invalidateCatalogueCache();
  clearIndexCache();
  await app.close();
  await db.close();
});

interface ValueRow {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: string | null;
  flagReason: string | null;
}

async function values(indicator: string, level: string): Promise<ValueRow[]> {
  const res = await app.inject(
    `/api/values?indicator=${indicator}&system=lor2021&level=${level}&date=${DATE}`,
  );
  expect(res.statusCode).toBe(200);
  return res.json().values;
}

describe('public values', () => {
  it('withholds a count of 2 with the reason and its sibling that the Bezirk total would reveal', async () => {
    const rows = await values('cases', 'plr');
    expect(rows.map((r) => [r.code, r.value, r.flag])).toEqual([
      ['01100101', null, 'suppressed'],
      ['01100102', null, 'suppressed'],
      ['02100101', 7, null],
      ['02100102', 0, null],
    ]);
    expect(rows[0]!.flagReason).toBe('Geheimhaltung: weniger als 3 Fälle');
    expect(rows[1]!.flagReason).toBe(
      'Geheimhaltung: sonst aus der Summe „Mitte“ und den übrigen Werten errechenbar',
    );
  });

  it('withholds a share with numerator 1 without numerator or denominator', async () => {
    const rows = await values('share_small', 'plr');
    expect(rows[0]).toMatchObject({
      code: '01100101',
      value: null,
      numerator: null,
      denominator: null,
      flag: 'suppressed',
      flagReason: 'Geheimhaltung: weniger als 3 Fälle',
    });
    expect(rows[1]).toMatchObject({ code: '01100102', value: null, numerator: null });
    expect(rows[2]).toMatchObject({ code: '02100101', value: 10, numerator: 6, denominator: 60 });
  });

  it('never lets a public Bezirk total minus its public Planungsräume reveal a withheld one', async () => {
    for (const indicator of ['cases', 'share_small', 'share_unemployed']) {
      const plr = await values(indicator, 'plr');
      const bez = await values(indicator, 'bez');
      for (const parent of bez) {
        const total = parent.numerator ?? parent.value;
        if (total === null) continue;
        const children = plr.filter((c) => c.code.startsWith(parent.code));
        const hidden = children.filter((c) => c.flag === 'suppressed');
        expect(hidden.length, `${indicator} ${parent.code}`).not.toBe(1);
      }
      // the same for the city value shown next to the level; a cell the source withheld without a
      // value is not in the city value (02100102 of share_unemployed), so only ours count here
      const ours = plr.filter((c) => c.flagReason?.startsWith('Geheimhaltung'));
      expect(ours.length, indicator).not.toBe(1);
    }
  });

  it('shows unsuppressed values to people with disclosure.unsuppressed, suppressed ones to viewers', async () => {
    const planner = await createTestUser(db, {
      roles: ['department_planner'],
      departmentId: 'sozialplanung',
    });
    const viewer = await createTestUser(db, { roles: ['viewer'] });
    const url = `/api/values?indicator=cases&system=lor2021&level=plr`;
    const asPlanner = (await injectAs(app, await tokenHeaders(db, planner))(url)).json();
    const asViewer = (await injectAs(app, await tokenHeaders(db, viewer))(url)).json();
    const anonymous = (await app.inject(url)).json();
    type V = { code: string; value: number | null; flag: string | null };
    const byCode = (b: { values: V[] }) => new Map(b.values.map((v) => [v.code, v]));
    const p = byCode(asPlanner);
    const v = byCode(asViewer);
    const a = byCode(anonymous);
    const withheld = [...a.values()].filter((x) => x.flag === 'suppressed').map((x) => x.code);
    expect(withheld.length).toBeGreaterThan(0);
    for (const code of withheld) {
      expect(p.get(code)!.value).not.toBeNull();
      expect(p.get(code)!.flag).toBeNull();
      expect(v.get(code)!.value).toBeNull();
    }
  });

  it('keeps the city value of the whole level (suppression leaves no single cell to derive)', async () => {
    const res = await app.inject(`/api/values?indicator=cases&system=lor2021&level=plr`);
    expect(res.json().city.value).toBe(19);
  });
});

describe('profile, series and OGC features', () => {
  it('shows the withheld count and share in the profile with reason, no numerator and no rank', async () => {
    const body = (await app.inject(`/api/areas/${fx.areaId['01100101']}/profile`)).json();
    const all = body.groups.flatMap(
      (g: { indicators: { indicator: { id: string } }[] }) => g.indicators,
    );
    const cases = all.find((e: { indicator: { id: string } }) => e.indicator.id === 'cases');
    const share = all.find((e: { indicator: { id: string } }) => e.indicator.id === 'share_small');
    expect(cases).toMatchObject({
      value: null,
      flag: 'suppressed',
      flagReason: 'Geheimhaltung: weniger als 3 Fälle',
      rank: null,
      series: [{ date: DATE, value: null }],
    });
    expect(share).toMatchObject({ value: null, numerator: null, denominator: null, rank: null });
  });

  it('withholds the value in the series of one indicator', async () => {
    const body = (
      await app.inject(`/api/areas/${fx.areaId['01100102']}/series?indicator=share_small`)
    ).json();
    expect(body).toEqual([
      { date: DATE, value: null, numerator: null, denominator: null, flag: 'suppressed' },
    ]);
  });

  it('gives null feature properties for withheld cells', async () => {
    const f = (await app.inject('/ogc/collections/lor2021-plr/items/01100101')).json();
    expect(f.properties).toMatchObject({ cases: null, share_small: null, ewr_total: 100 });
    const g = (await app.inject('/ogc/collections/lor2021-plr/items/02100101')).json();
    expect(g.properties).toMatchObject({ cases: 7, share_small: 10 });
  });
});

describe('index minimum population', () => {
  it('leaves an area under 300 inhabitants unscored with the reason', async () => {
    const created = await injectAs(
      app,
      await adminHeaders(db),
    )({
      method: 'POST',
      url: '/api/indices',
      payload: {
        definition: {
          id: 'sdc-index',
          label: 'SDC-Testindex',
          status: {
            label: 'Status-Index',
            inputs: [
              { indicatorId: 'income_median', label: 'Einkommen', direction: 'higher_is_better' },
              { indicatorId: 'ewr_total', label: 'Einwohnende', direction: 'higher_is_worse' },
            ],
            standardisation: 'zscore',
            combination: 'sum',
            restandardise: false,
            classes: {
              kind: 'fixed',
              boundaries: [
                { value: -1, onBoundary: 'upper' },
                { value: 1, onBoundary: 'lower' },
              ],
              classes: [
                { code: 'g', label: 'günstig' },
                { code: 'm', label: 'mittel' },
                { code: 'u', label: 'ungünstig' },
              ],
            },
          },
          validity: { exclusions: [] },
        },
      },
    });
    expect(created.statusCode).toBeLessThan(300);
    const body = (
      await app.inject(`/api/indices/sdc-index/results?system=lor2021&level=plr&date=${DATE}`)
    ).json();
    const by = Object.fromEntries(body.areas.map((a: { code: string }) => [a.code, a]));
    expect(by['01100101']).toMatchObject({
      scored: false,
      status: null,
      reason: 'Weniger als 300 Einwohnerinnen und Einwohner: Index wird nicht veröffentlicht',
    });
    expect(by['01100102'].scored).toBe(true);
    expect(body.counts.scored).toBe(3);
  });

  const results = async () => {
    const body = (
      await app.inject(`/api/indices/sdc-index/results?system=lor2021&level=plr&date=${DATE}`)
    ).json();
    return {
      scored: body.counts.scored as number,
      by: Object.fromEntries(
        body.areas.map((a: { code: string; scored: boolean; reason: string | null }) => [
          a.code,
          { scored: a.scored, reason: a.reason },
        ]),
      ),
    };
  };
  const setResidents = (indicatorId: string | null) => setResidentsAs(app, db, indicatorId);

  it('counts residents with the tenant’s own indicator, whatever its id (a Leipzig-like catalogue)', async () => {
    // einwohner_gesamt: PLR 1000 / 1000 / 290 / 1000 → now 02100101 gets no index, 01100101 (250
    // residents by ewr_inhabitants) gets one
    await db.exec(`
      INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                             polarity, department, source_id, decimals, visibility, sort_key) VALUES
        ('berlin', 'einwohner_gesamt', 'Einwohner gesamt', 'Residents', 'Einwohner', 'count', 'count', 1,
         'demography', 'neutral', 'sozialplanung', 'afs', 0, 'public', 13);
    `);
    for (const [code, value] of [
      ['01100101', 1000],
      ['01100102', 1000],
      ['02100101', 290],
      ['02100102', 1000],
    ] as const)
      await db.query(
        `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value)
         VALUES ('berlin', 'einwohner_gesamt', $1, $2, $3)`,
        [fx.areaId[code], DATE, value],
      );
    invalidateCatalogueCache();
    await setResidents('einwohner_gesamt');
    const r = await results();
    expect(r.by['02100101']).toEqual({
      scored: false,
      reason: 'Weniger als 300 Einwohnerinnen und Einwohner: Index wird nicht veröffentlicht',
    });
    expect(r.by['01100101']).toEqual({ scored: true, reason: null });
    expect(r.scored).toBe(3);
  });

  it('publishes no area’s index while no indicator counts the residents (ADR 0058)', async () => {
    await setResidents(null);
    const res = await app.inject(
      `/api/indices/sdc-index/results?system=lor2021&level=plr&date=${DATE}`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'Kein Gebiet erhält am 2023-12-31 auf der Ebene „plr“ (lor2021) einen Wert von „SDC-Testindex“ – Einwohnende insgesamt nicht festgelegt (Versorgung → Zielbevölkerung): Index wird nicht veröffentlicht.',
    );
    await setResidents('ewr_inhabitants');
    expect((await results()).scored).toBe(3);
  });
});

describe('per-tenant settings', () => {
  it('defaults to 3 cases and 300 inhabitants', async () => {
    expect(await getDisclosureSettings(db, 'berlin')).toEqual({
      minCount: 3,
      minPopulationIndex: 300,
      enabled: true,
    });
  });

  it('suppresses by the tenant threshold: with 11, the count 10 is withheld as a primary cell', async () => {
    await setDisclosureSettings(db, 'berlin', { minCount: 11 });
    invalidateCatalogueCache();
    const rows = await values('cases', 'plr');
    expect(rows[1]).toMatchObject({
      code: '01100102',
      value: null,
      flagReason: 'Geheimhaltung: weniger als 11 Fälle',
    });
    // 7 is below 11 too; 0 is always shown
    expect(rows.map((r) => r.value)).toEqual([null, null, null, 0]);
  });

  it('shows every value when the tenant switches suppression off', async () => {
    await setDisclosureSettings(db, 'berlin', { minCount: 3, enabled: false });
    invalidateCatalogueCache();
    expect((await values('cases', 'plr')).map((r) => r.value)).toEqual([2, 10, 7, 0]);
    await setDisclosureSettings(db, 'berlin', { enabled: true });
    invalidateCatalogueCache();
  });

  it('applies a lower tenant minimum population to indices', async () => {
    await setDisclosureSettings(db, 'berlin', { minPopulationIndex: 200 });
    clearIndexCache();
    const body = (
      await app.inject(`/api/indices/sdc-index/results?system=lor2021&level=plr&date=${DATE}`)
    ).json();
    expect(body.counts.scored).toBe(4);
    await setDisclosureSettings(db, 'berlin', { minPopulationIndex: 300 });
    clearIndexCache();
  });

  it('refuses a minimum count below 1 in German', async () => {
    await expect(setDisclosureSettings(db, 'berlin', { minCount: 0 })).rejects.toThrow(
      /Mindestfallzahl/,
    );
  });
});

describe('settings over HTTP', () => {
  it('anyone reads the thresholds; only disclosure.configure changes them, audited, effective at once', async () => {
    const read = await app.inject('/api/disclosure/settings');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ minCount: 3, enabled: true });
    const anonymous = await app.inject({
      method: 'PUT',
      url: '/api/disclosure/settings',
      payload: { minCount: 2 },
    });
    expect(anonymous.statusCode).toBe(401);
    const planner = await createTestUser(db, {
      roles: ['department_planner'],
      departmentId: 'sozialplanung',
    });
    const denied = await injectAs(
      app,
      await tokenHeaders(db, planner),
    )({
      method: 'PUT',
      url: '/api/disclosure/settings',
      payload: { minCount: 2 },
    });
    expect(denied.statusCode).toBe(403);
    const before = (
      await app.inject('/api/values?indicator=cases&system=lor2021&level=plr')
    ).json();
    const admin = injectAs(app, await adminHeaders(db));
    const changed = await admin({
      method: 'PUT',
      url: '/api/disclosure/settings',
      payload: { minCount: 1 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().minCount).toBe(1);
    const after = (await app.inject('/api/values?indicator=cases&system=lor2021&level=plr')).json();
    const flagged = (b: { values: { flag: string | null }[] }) =>
      b.values.filter((v) => v.flag === 'suppressed').length;
    expect(flagged(before)).toBeGreaterThan(0);
    expect(flagged(after)).toBe(0);
    const [entry] = await db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = 'disclosure.settings_updated' ORDER BY id DESC LIMIT 1",
    );
    expect(entry!.detail).toEqual({ minCount: { before: 3, after: 1 } });
    await admin({ method: 'PUT', url: '/api/disclosure/settings', payload: { minCount: 3 } });
  });
});
