import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
let fx: Fixture;
beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
  api = injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['administrator'], email: 'planerin@berlin.example' }),
    ),
  );
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const FIXED = {
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
};

/** Unemployment share + residents (both "higher = worse"), summed, no re-standardisation. */
function definition(
  id: string,
  inputs: [string, 'higher_is_worse' | 'higher_is_better'][] = [
    ['share_unemployed', 'higher_is_worse'],
    ['ewr_total', 'higher_is_worse'],
  ],
  restandardise = false,
) {
  return {
    id,
    label: `Testindex ${id}`,
    status: {
      label: 'Status-Index',
      inputs: inputs.map(([indicatorId, direction]) => ({
        indicatorId,
        label: indicatorId,
        direction,
      })),
      standardisation: 'zscore',
      combination: 'sum',
      restandardise,
      classes: FIXED,
    },
    validity: { exclusions: [] },
  };
}
const KEY = 'system=lor2021&level=plr&date=2023-12-31';

describe('index definitions', () => {
  it('lists the MSS presets first, mapped onto the demo indicator ids', async () => {
    const res = await api('/api/indices');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([
      'mss-2019-2021',
      'mss-2013-2017',
    ]);
    expect(list[0].preset).toBe(true);
    expect(
      list[0].definition.status.inputs.map((i: { indicatorId: string }) => i.indicatorId),
    ).toEqual(['mss_s1_unemployment', 'mss_s3_transfer', 'mss_s4_child_poverty']);
    expect(list[0].definition.dynamics.changeOf).toEqual({
      mss_d1_unemployment_change: 'mss_s1_unemployment',
      mss_d3_transfer_change: 'mss_s3_transfer',
      mss_d4_child_poverty_change: 'mss_s4_child_poverty',
    });
  });

  it('refuses an unknown indicator with 400 naming the field, and writes nothing', async () => {
    const res = await api({
      method: 'POST',
      url: '/api/indices',
      payload: {
        definition: definition('bad', [
          ['share_unemployed', 'higher_is_worse'],
          ['gibt_es_nicht', 'higher_is_worse'],
        ]),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'unknown_indicator',
      message:
        'Indexdefinition, Feld status.inputs[1].indicatorId: Den Indikator „gibt_es_nicht“ gibt es nicht.',
    });
    expect(await db.query('SELECT 1 FROM index_definition')).toEqual([]);
    expect(await db.query(`SELECT 1 FROM audit_log WHERE entity = 'index_definition'`)).toEqual([]);
  });

  it('refuses a definition the core validator rejects, naming the field in German', async () => {
    const def = definition('bad2');
    (def.status as { standardisation: string }).standardisation = 'rang';
    const res = await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: def },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_definition');
    expect(res.json().error.message).toContain('Feld status.standardisation');
  });

  it('refuses an indicator without spread over the valid areas (zero variance) with 400 and the German reason', async () => {
    // income_median copied as a constant 1800 for every Planungsraum
    await db.query(`INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension, polarity, department, source_id, decimals, visibility, sort_key)
      SELECT tenant_id, 'income_flat', 'Einkommen konstant', 'Flat income', definition_de, unit, kind, scale, dimension, polarity, department, source_id, decimals, visibility, 99 FROM indicator WHERE id = 'income_median'`);
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) SELECT tenant_id, 'income_flat', area_id, ref_date, 1800 FROM observation WHERE indicator_id = 'income_median'`,
    );
    const def = definition('flat', [
      ['share_unemployed', 'higher_is_worse'],
      ['income_flat', 'higher_is_better'],
    ]);
    const res = await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: def, check: { system: 'lor2021', level: 'plr', date: '2023-12-31' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('zero_variance');
    expect(res.json().error.message).toContain('keine Streuung (alle Werte 1.800,00)');
    const preview = await api({
      method: 'POST',
      url: '/api/indices/preview',
      payload: { definition: def, system: 'lor2021', level: 'plr', date: '2023-12-31' },
    });
    expect(preview.statusCode).toBe(400);
    expect(preview.json().error.code).toBe('zero_variance');
    expect(await db.query('SELECT 1 FROM index_definition')).toEqual([]);
  });

  it('refuses to overwrite a preset', async () => {
    const res = await api({
      method: 'PUT',
      url: '/api/indices/mss-2019-2021',
      payload: { definition: definition('x') },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('preset_readonly');
  });

  it('stores version 1, PUT stores version 2 with an audit entry each, and lists the latest', async () => {
    const created = await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: definition('test-index') },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'test-index',
      version: 1,
      preset: false,
      createdBy: 'planerin@berlin.example',
    });
    const again = await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: definition('test-index') },
    });
    expect(again.statusCode).toBe(409);
    const def2 = { ...definition('ignored'), label: 'Testindex, zweite Fassung' };
    const updated = await api({
      method: 'PUT',
      url: '/api/indices/test-index',
      payload: { definition: def2 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      id: 'test-index',
      version: 2,
      label: 'Testindex, zweite Fassung',
    });
    expect(updated.json().definition.id).toBe('test-index');
    const versions = await db.query<{ version: number; name_de: string }>(
      `SELECT version, name_de FROM index_definition WHERE id = 'test-index' ORDER BY version`,
    );
    expect(versions).toEqual([
      { version: 1, name_de: 'Testindex test-index' },
      { version: 2, name_de: 'Testindex, zweite Fassung' },
    ]);
    const audit = await db.query<{ action: string; actor: string; detail: { version: number } }>(
      `SELECT action, actor, detail FROM audit_log WHERE entity = 'index_definition' AND entity_id = 'test-index' ORDER BY id`,
    );
    expect(audit.map((a) => [a.action, a.actor, a.detail.version])).toEqual([
      ['monitoring.index_created', 'planerin@berlin.example', 1],
      ['monitoring.index_updated', 'planerin@berlin.example', 2],
    ]);
    const list = (await api('/api/indices')).json();
    expect(
      list
        .filter((i: { id: string }) => i.id === 'test-index')
        .map((i: { version: number }) => i.version),
    ).toEqual([2]);
    const missing = await api({
      method: 'PUT',
      url: '/api/indices/nicht-da',
      payload: { definition: definition('x') },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('results and explanations', () => {
  it('scores the areas with complete values and gives the stored reason for the others (golden z-values)', async () => {
    await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: definition('res-index') },
    });
    const res = await api(`/api/indices/res-index/results?${KEY}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const by = Object.fromEntries(body.areas.map((a: { code: string }) => [a.code, a]));
    // unemployment 10/20/30 and residents 100/200/300: z = ∓√1,5 = ∓1,224745; sums ∓2,449490
    expect(by['01100101'].status.z.share_unemployed).toBeCloseTo(-1.224745, 6);
    expect(by['01100101'].status.sum).toBeCloseTo(-2.44949, 5);
    expect(by['01100101'].status.classLabel).toBe('günstig');
    expect(by['01100102'].status.classLabel).toBe('mittel');
    expect(by['02100101'].status).toMatchObject({ classCode: 'u', classLabel: 'ungünstig' });
    expect(by['02100102']).toMatchObject({
      scored: false,
      reason: 'weniger als 3 Fälle',
      status: null,
      areaId: fx.areaId['02100102'],
    });
    expect(body.counts).toMatchObject({
      scored: 3,
      unscored: 1,
      status: [
        { code: 'g', count: 1 },
        { code: 'm', count: 1 },
        { code: 'u', count: 1 },
      ],
    });
  });

  it('explains an area in German and answers 404 for an area of another level', async () => {
    const res = await api(`/api/indices/res-index/explain/${fx.areaId['02100101']}?${KEY}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toMatch(/^Status-Index 2,45 \(ungünstig\)/);
    expect(res.json().status.contributions).toHaveLength(2);
    const unscored = (
      await api(`/api/indices/res-index/explain/${fx.areaId['02100102']}?${KEY}`)
    ).json();
    expect(unscored.text).toBe('Nicht bewertet: weniger als 3 Fälle.');
    const other = await api(`/api/indices/res-index/explain/${fx.areaId['01']}?${KEY}`);
    expect(other.statusCode).toBe(404);
  });

  it('previews class counts without storing anything', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM index_definition');
    const res = await api({
      method: 'POST',
      url: '/api/indices/preview',
      payload: {
        definition: definition('pv'),
        system: 'lor2021',
        level: 'plr',
        date: '2023-12-31',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.status.map((c: { count: number }) => c.count)).toEqual([1, 1, 1]);
    expect(await db.query('SELECT count(*)::int AS n FROM index_definition')).toEqual(before);
  });

  it('recomputes after a new import run and not before (the latest import run is part of the cache key)', async () => {
    const url = `/api/indices/res-index/results?${KEY}`;
    const z = async () =>
      (await api(url)).json().areas.find((a: { code: string }) => a.code === '01100101').status.z
        .share_unemployed as number;
    expect(await z()).toBeCloseTo(-1.224745, 6);
    await db.query(
      `UPDATE observation_row SET value = 0 WHERE indicator_id = 'share_unemployed' AND area_id = $1 AND ref_date = '2023-12-31'`,
      [fx.areaId['01100101']],
    );
    expect(await z()).toBeCloseTo(-1.224745, 6);
    await db.query(
      `INSERT INTO import_run (tenant_id, kind, file_name, file_sha256, format, status) VALUES ('berlin', 'observations', 'neu.csv', 'x', 'csv', 'succeeded')`,
    );
    // unemployment 0/20/30: mean 16,67, SD 12,47 → z = −1,336306
    expect(await z()).toBeCloseTo(-1.336306, 6);
  });

  it('finds the most similar areas over the index indicators or chosen ones, with the largest differences', async () => {
    const res = await api(`/api/indices/res-index/similar/${fx.areaId['01100102']}?${KEY}&k=2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // after the cache test: unemployment 0/20/30, residents 100/200/300 over the 3 complete areas
    expect(body).toMatchObject({ code: '01100102', compared: 3, skipped: 1 });
    expect(body.similar.map((s: { code: string }) => s.code)).toEqual(['02100101', '01100101']);
    const chosen = (
      await api(
        `/api/indices/res-index/similar/${fx.areaId['01100101']}?${KEY}&indicators=income_median`,
      )
    ).json();
    expect(chosen.compared).toBe(4);
    expect(chosen.similar[0]).toMatchObject({
      code: '02100102',
      differences: [{ indicatorId: 'income_median', label: 'Medianeinkommen' }],
    });
    const bad = await api(
      `/api/indices/res-index/similar/${fx.areaId['01100101']}?${KEY}&indicators=nope`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Den Indikator „nope“ gibt es nicht.');
  });

  it('lists the editions where every input has values', async () => {
    const res = await api('/api/indices/res-index');
    expect(res.json().editions).toEqual([
      { system: 'lor2021', level: 'bez', date: '2023-12-31' },
      { system: 'lor2021', level: 'plr', date: '2023-12-31' },
    ]);
  });
});
