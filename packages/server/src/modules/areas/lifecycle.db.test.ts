// Area lifecycle outside a re-import (issue 9 § 3) over HTTP on the real database: retire (end date,
// values stay), removal preview with counts, removal only with the confirmed counts, refusals,
// upper-level sums computed again, one audit entry per change.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { recomputeAggregates } from '../ingest/index.ts';

let db: Db;
let fx: Fixture;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true });
  admin = injectAs(app, await adminHeaders(db));
  // the Bezirke's sums are the aggregation's, as an import leaves them (ADR 0005)
  await db.query(
    `UPDATE observation_row SET origin = 'aggregated' WHERE tenant_id = 'berlin' AND area_id = ANY($1::int[])`,
    [[fx.areaId['01'], fx.areaId['02']]],
  );
  // a Kita assigned to 01100101 on the PLR level, and a subscription for that area
  await db.query(
    `INSERT INTO point_area (tenant_id, dataset, feature_id, area_id) VALUES ('berlin', 'kitas', '0001', $1)`,
    [fx.areaId['01100101']],
  );
  await db.query(
    `INSERT INTO alert_subscription (tenant_id, email, area_id) VALUES ('berlin', 'abo@example.org', $1)`,
    [fx.areaId['01100101']],
  );
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const auditOf = (areaId: number) =>
  db.query<{ action: string; permission: string; detail: Record<string, unknown> }>(
    `SELECT action, permission, detail FROM audit_log WHERE entity = 'area' AND entity_id = $1 ORDER BY seq`,
    [String(areaId)],
  );
const valueOf = async (indicator: string, areaId: number, date: string) =>
  (
    await db.query<{ value: number | null }>(
      `SELECT value FROM observation WHERE tenant_id = 'berlin' AND indicator_id = $1 AND area_id = $2 AND ref_date = $3`,
      [indicator, areaId, date],
    )
  )[0]?.value;

describe('area removal', () => {
  it('refuses people without imports.areas (403) and unknown areas (404)', async () => {
    const viewer = injectAs(
      app,
      await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })),
    );
    const planner = injectAs(
      app,
      await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['department_planner'], departmentId: 'sozialplanung' }),
      ),
    );
    const id = fx.areaId['01100101']!;
    for (const api of [viewer, planner]) {
      expect((await api({ url: `/api/areas/${id}/removal` })).statusCode).toBe(403);
      const del = await api({
        method: 'DELETE',
        url: `/api/areas/${id}`,
        payload: { confirm: { values: 5, pointAssignments: 1, alerts: 0, subscriptions: 1 } },
      });
      expect(del.statusCode).toBe(403);
      expect(del.json().error.message).toContain('imports.areas');
      const retire = await api({
        method: 'POST',
        url: `/api/areas/${id}/retire`,
        payload: { validTo: '2024-12-31' },
      });
      expect(retire.statusCode).toBe(403);
    }
    expect((await admin({ url: '/api/areas/999999/removal' })).statusCode).toBe(404);
    // an area of another tenant is not found for Berlin's administration, whatever the id
    await db.exec(`
      INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig');
      INSERT INTO area_system (tenant_id, id, name) VALUES ('leipzig', 'ot', 'Ortsteile');
      INSERT INTO area_level (tenant_id, system_id, id, name_de, name_en, depth)
        VALUES ('leipzig', 'ot', 'ot', 'Ortsteil', 'District', 0);
    `);
    const [lz] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name) VALUES ('leipzig', 'ot', 'ot', '00', 'Zentrum') RETURNING id`,
    );
    expect((await admin({ url: `/api/areas/${lz!.id}/removal` })).statusCode).toBe(404);
    const foreign = await admin({
      method: 'DELETE',
      url: `/api/areas/${lz!.id}`,
      payload: { confirm: { values: 0, pointAssignments: 0, alerts: 0, subscriptions: 0 } },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignRetire = await admin({
      method: 'POST',
      url: `/api/areas/${lz!.id}/retire`,
      payload: { validTo: '2024-12-31' },
    });
    expect(foreignRetire.statusCode).toBe(404);
    expect(await db.query(`SELECT valid_to FROM area WHERE id = $1`, [lz!.id])).toEqual([
      { valid_to: null },
    ]);
    expect(await auditOf(id)).toEqual([]);
  });

  it('previews exactly what goes with the area, and refuses a parent with children', async () => {
    const res = await admin({ url: `/api/areas/${fx.areaId['01100101']}/removal` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      area: { code: '01100101', name: 'Stülerstraße', levelId: 'plr' },
      counts: { values: 5, pointAssignments: 1, alerts: 0, subscriptions: 1, synonyms: 0 },
      children: 0,
      removable: true,
    });
    expect(res.json().message).toBe(
      'Entfernt würden das Gebiet 01100101 Stülerstraße mit 5 Werten, 1 Standort-Zuordnung, 0 Frühwarnungen und 1 Abo.',
    );
    expect(res.json().indicators.map((i: { id: string }) => i.id)).toEqual([
      'ewr_total',
      'income_median',
      'internal_note',
      'share_unemployed',
    ]);
    const parent = await admin({ url: `/api/areas/${fx.areaId['01']}/removal` });
    expect(parent.json()).toMatchObject({ children: 2, removable: false });
    expect(parent.json().message).toContain('2 Gebiete einer unteren Ebene gehören zu ihm');
    const del = await admin({
      method: 'DELETE',
      url: `/api/areas/${fx.areaId['01']}`,
      payload: { confirm: parent.json().counts },
    });
    expect(del.statusCode).toBe(409);
    expect(await valueOf('ewr_total', fx.areaId['01']!, '2023-12-31')).toBe(300);
  });

  it('refuses a confirmation without counts (400) or with counts that differ (409), removing nothing', async () => {
    const id = fx.areaId['01100101']!;
    const none = await admin({ method: 'DELETE', url: `/api/areas/${id}`, payload: {} });
    expect(none.statusCode).toBe(400);
    const stale = await admin({
      method: 'DELETE',
      url: `/api/areas/${id}`,
      payload: { confirm: { values: 4, pointAssignments: 1, alerts: 0, subscriptions: 1 } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('Werte: bestätigt 4, jetzt 5');
    expect(stale.json().error.details.counts.values).toBe(5);
    expect(await db.query(`SELECT 1 FROM area WHERE id = $1`, [id])).toHaveLength(1);
    expect(await auditOf(id)).toEqual([]);
  });

  it('removes the area with values, point assignments and subscriptions; the parent is summed again; audited', async () => {
    const id = fx.areaId['01100101']!;
    // links of newer modules go with the area, the things themselves stay (migration 0028)
    const [body] = await db.query<{ id: number }>(
      `INSERT INTO conference_body (tenant_id, kind, name) VALUES ('berlin', 'stadtteilrunde', 'Runde') RETURNING id`,
    );
    await db.query(
      `INSERT INTO conference_body_area (tenant_id, body_id, area_id) VALUES ('berlin', $1, $2)`,
      [body!.id, id],
    );
    await db.query(
      `INSERT INTO funding_programme_area (tenant_id, programme_id, area_id) VALUES ('berlin', 'sozialer-zusammenhalt', $1)`,
      [id],
    );
    const [report] = await db.query<{ id: number }>(
      `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, area_id, delete_token_hash)
       VALUES ('berlin', 'hint', 'housing', 'Ein Hinweis im Gebiet', 13.05, 0.15, $1, 'x') RETURNING id`,
      [id],
    );
    const res = await admin({
      method: 'DELETE',
      url: `/api/areas/${id}`,
      payload: { confirm: { values: 5, pointAssignments: 1, alerts: 0, subscriptions: 1 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message).toMatch(/^Entfernt: das Gebiet 01100101 Stülerstraße mit 5 Werten/);
    expect(await db.query(`SELECT 1 FROM area WHERE id = $1`, [id])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM observation WHERE area_id = $1`, [id])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM point_area WHERE area_id = $1`, [id])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM alert_subscription WHERE area_id = $1`, [id])).toEqual([]);
    // the Kita itself stays (it is a point of the dataset, now in no PLR)
    expect(await db.query(`SELECT 1 FROM point_feature WHERE id = '0001'`)).toHaveLength(1);
    // Mitte's sum: only 01100102 is left (200), no longer 100 + 200
    expect(await valueOf('ewr_total', fx.areaId['01']!, '2023-12-31')).toBe(200);
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'areas.remove',
      permission: 'imports.areas',
      detail: {
        code: '01100101',
        removed: { values: 5, pointAssignments: 1, subscriptions: 1 },
      },
    });
    expect((await admin({ url: `/api/areas/${id}/removal` })).statusCode).toBe(404);
    expect(await db.query(`SELECT 1 FROM conference_body WHERE id = $1`, [body!.id])).toHaveLength(
      1,
    );
    expect(await db.query(`SELECT 1 FROM conference_body_area WHERE area_id = $1`, [id])).toEqual(
      [],
    );
    expect(await db.query(`SELECT 1 FROM funding_programme_area WHERE area_id = $1`, [id])).toEqual(
      [],
    );
    expect(
      await db.query(`SELECT area_id FROM participation_report WHERE id = $1`, [report!.id]),
    ).toEqual([{ area_id: null }]);
  });

  it('refuses with 409, changing nothing, to remove an area that money is booked on', async () => {
    const id = fx.areaId['01100102']!;
    await db.query(
      `INSERT INTO funding_entry (tenant_id, programme_id, area_id, year, kind, source, amount)
       VALUES ('berlin', 'sozialer-zusammenhalt', $1, 2024, 'approved', 'total', 100000)`,
      [id],
    );
    const preview = (await admin({ url: `/api/areas/${id}/removal` })).json<{
      counts: Record<string, number>;
    }>();
    const res = await admin({
      method: 'DELETE',
      url: `/api/areas/${id}`,
      payload: { confirm: preview.counts },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(
      /^Entfernen nicht möglich \(Das Gebiet 01100102\): Förderbeträge/,
    );
    expect(await db.query(`SELECT 1 FROM area WHERE id = $1`, [id])).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM observation WHERE area_id = $1`, [id])).not.toEqual([]);
  });
});

describe('retiring an area', () => {
  it('refuses an end date before values the area still has, and a malformed date', async () => {
    const id = fx.areaId['02100102']!;
    const early = await admin({
      method: 'POST',
      url: `/api/areas/${id}/retire`,
      payload: { validTo: '2022-12-31' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      '02100102 Mehringplatz hat 3 Werte nach dem 31.12.2022 (zuletzt 31.12.2023). Bitte ein späteres Enddatum wählen oder das Gebiet entfernen.',
    );
    const bad = await admin({
      method: 'POST',
      url: `/api/areas/${id}/retire`,
      payload: { validTo: '31.12.2024' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('JJJJ-MM-TT');
    const parent = await admin({
      method: 'POST',
      url: `/api/areas/${fx.areaId['02']}/retire`,
      payload: { validTo: '2024-12-31' },
    });
    expect(parent.statusCode).toBe(409);
    expect(parent.json().error.message).toContain('2 untergeordnete Gebiete');
  });

  it('keeps the values, sets the end date, lists it as aufgelöst and completes the parent sum; audited', async () => {
    const id = fx.areaId['02100102']!;
    // a 2024 value only for the sibling: the Bezirk's sum waits for 02100102 (withheld)
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value) VALUES ('berlin', 'ewr_total', $1, '2024-12-31', 310)`,
      [fx.areaId['02100101']],
    );
    await db.transaction((tx) => recomputeAggregates(tx, 'berlin', ['ewr_total']));
    expect(await valueOf('ewr_total', fx.areaId['02']!, '2024-12-31')).toBeNull();

    const res = await admin({
      method: 'POST',
      url: `/api/areas/${id}/retire`,
      payload: { validTo: '2023-12-31' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      area: { code: '02100102', validTo: '2023-12-31' },
      message: '02100102 Mehringplatz ist aufgelöst zum 31.12.2023; seine Werte bleiben erhalten.',
    });
    expect(await valueOf('ewr_total', id, '2023-12-31')).toBe(400);
    expect(await valueOf('ewr_total', fx.areaId['02']!, '2024-12-31')).toBe(310);
    const list = await admin({ url: '/api/areas?system=lor2021&level=plr' });
    expect(list.json().find((a: { id: number }) => a.id === id)).toMatchObject({
      validTo: '2023-12-31',
    });
    const detail = await admin({ url: `/api/areas/${id}` });
    expect(detail.json()).toMatchObject({ validTo: '2023-12-31' });
    // the parent lists it as a retired child (the profile shows it greyed)
    const parent = await admin({ url: `/api/areas/${fx.areaId['02']}` });
    expect(parent.json().children).toEqual([
      expect.objectContaining({ code: '02100101', validTo: null }),
      expect.objectContaining({ code: '02100102', validTo: '2023-12-31' }),
    ]);
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'areas.retire',
      permission: 'imports.areas',
      detail: { before: { validTo: null }, after: { validTo: '2023-12-31' } },
    });
    const again = await admin({
      method: 'POST',
      url: `/api/areas/${id}/retire`,
      payload: { validTo: '2024-12-31' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('bereits aufgelöst (seit 31.12.2023)');
    expect(await auditOf(id)).toHaveLength(1);
  });
});
