// Supply indicators follow a population import by themselves (issue 12 § 3: "recomputed when the
// directory or the population changes"): a table import of children under 6 over the imports API —
// the path municipalities load their population with — signals new observations, and the coalesced
// supply.refresh job recomputes the stored Kita ratio for the new date, without anyone pressing a button.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let planner: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  const org = 'a0000000-0000-5000-8000-0000000000a1';
  const sid = '5e000000-0000-5000-8000-0000000000a1';
  const lid = '10000000-0000-5000-8000-0000000000a1';
  await db.exec(`
    INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description, dimensions, target_min_age, target_max_age)
    VALUES ('berlin', '77777777-7777-5777-8777-777777777777', '55555555-5555-5555-8555-555555555555', 'kita', 'Kindertagesstätte', 'Kitas', '{education}', 0, 6);
    INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key) VALUES ('berlin', '${org}', 'Kita-Verbund e.V.', 'verein', 'kv');
    INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name) VALUES ('berlin', '${sid}', '${org}', 'kita', 'Kita 1');
    INSERT INTO directory_location (tenant_id, id, organization_id, name, city, lon, lat) VALUES ('berlin', '${lid}', '${org}', 'Kita 1', 'Berlin', 13.05, 52.05);
    INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id) VALUES ('berlin', '5a000000-0000-5000-8000-0000000000a1', '${sid}', '${lid}');
    INSERT INTO directory_capacity (tenant_id, service_id, kind, ref_date, value) VALUES ('berlin', '${sid}', 'places', '2024-03-01', 100);
    INSERT INTO directory_location_area (tenant_id, location_id, area_id) VALUES ('berlin', '${lid}', ${fx.areaId['01100101']});
    INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key)
    VALUES ('berlin', 'ewr_age_below_6', 'Einwohnende unter 6 Jahren', 'Residents under 6', 'Einwohnende unter 6',
            'count', 'count', 1, 'demography', 'neutral', 'sozialplanung', 'afs', 0, 'public', 10);
    INSERT INTO supply_target (tenant_id, service_type, indicator_ids) VALUES ('berlin', 'kita', '{ewr_age_below_6}');
  `);
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
  planner = injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['data_steward'], departmentId: 'sozialplanung' }),
    ),
  );
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Imports children under 6 per Planungsraum on a date through the imports API (upload, run). */
async function importChildren(date: string, values: number[]): Promise<void> {
  const codes = ['01100101', '01100102', '02100101', '02100102'];
  const csv = ['PLR;Stichtag;Kinder', ...codes.map((c, i) => `${c};${date};${values[i]}`)].join(
    '\r\n',
  );
  const body = multipart([{ name: 'kinder.csv', content: Buffer.from(csv, 'latin1') }]);
  const up = await planner({
    method: 'POST',
    url: '/api/imports/analyze',
    payload: body.payload,
    headers: body.headers,
  });
  expect(up.statusCode, up.body).toBe(200);
  const run = await planner({
    method: 'POST',
    url: `/api/imports/${up.json<{ uploadId: string }>().uploadId}/run`,
    payload: {
      kind: 'table',
      dryRun: false,
      systemId: 'lor2021',
      levelId: 'plr',
      mapping: {
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Kinder', indicatorId: 'ewr_age_below_6' }],
      },
    },
  });
  expect(run.statusCode, run.body).toBe(200);
  expect(run.json()).toMatchObject({ status: 'succeeded' });
}

const kitaRatio = async (date: string) =>
  (
    await db.query<{ value: number }>(
      `SELECT o.value FROM observation o WHERE o.tenant_id = 'berlin' AND o.indicator_id = 'versorgung_kita'
          AND o.area_id = $1 AND o.ref_date = $2`,
      [fx.areaId['01100101'], date],
    )
  ).map((r) => Number(r.value))[0] ?? null;

describe('a population import', () => {
  it('recomputes the stored supply indicator by itself (the coalesced supply.refresh job)', async () => {
    await importChildren('31.12.2023', [200, 100, 100, 100]);
    const stored = await planner({
      method: 'PUT',
      url: '/api/supply/indicators/kita',
      payload: {},
    });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({ refDate: '2023-12-31' });
    expect(await kitaRatio('2023-12-31')).toBe(50); // 100 places per 200 children × 100
    const jobsBefore = (
      await db.query(`SELECT id FROM job WHERE tenant_id = 'berlin' AND kind = 'supply.refresh'`)
    ).length;

    // twice the children a year later: no button, the ratio of the new date appears by itself
    await importChildren('31.12.2024', [400, 100, 100, 100]);
    await expect.poll(() => kitaRatio('2024-12-31'), { timeout: 30_000, interval: 250 }).toBe(25);
    const jobs = await db.query<{ status: string; started_by: string }>(
      `SELECT status, started_by FROM job WHERE tenant_id = 'berlin' AND kind = 'supply.refresh' ORDER BY id`,
    );
    expect(jobs.length).toBeGreaterThan(jobsBefore);
    expect(jobs.at(-1)!.started_by).toBe('System (Versorgung aktualisieren)');
    const [ind] = await db.query<{ ref_date: string }>(
      `SELECT to_char(ref_date, 'YYYY-MM-DD') AS ref_date FROM supply_indicator WHERE tenant_id = 'berlin' AND service_type = 'kita'`,
    );
    expect(ind!.ref_date).toBe('2024-12-31');
    const audits = await db.query<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE action = 'supply.indicator' ORDER BY id`,
    );
    expect(audits.at(-1)!.actor).toBe('system:supply.refresh');
  });
});
