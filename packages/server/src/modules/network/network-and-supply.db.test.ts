// The actor network and supply against need over HTTP on a real database (issue 12 §§ 2–3):
// cooperations recorded only for one's own organisation (every id in the body checked, audited),
// "who is active here" with Kitas near an area, the graph with filters and its GraphML/CSV exports,
// and supply ratios, gaps and reachability on hand-checked numbers.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let planner: ReturnType<typeof injectAs>;
let provider: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

const ORG = {
  a: 'a0000000-0000-5000-8000-000000000001',
  b: 'b0000000-0000-5000-8000-000000000002',
  c: 'c0000000-0000-5000-8000-000000000003',
};

/**
 * Kitas in the fixture's 0.1° squares (PLR 01100101 = 13.0–13.1° E, 01100102 = 13.1–13.2,
 * 02100101 = 13.2–13.3, 02100102 = 13.3–13.4; all 52.0–52.1° N):
 * K1 (A, 100 places) and K2 (B, 50) in 01100101, K3 (B, 30) in 02100101, K4 (C, internal, 40) and
 * K5 (A, 20; 0.005° ≈ 343 m east of the 02100101 edge) in 02100102. Children under 6: 200/100/100/100.
 */
async function insertNetworkFixture(): Promise<void> {
  const tax = '55555555-5555-5555-8555-555555555555';
  await db.exec(`
    INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description, dimensions, target_min_age, target_max_age)
    VALUES ('berlin', '77777777-7777-5777-8777-777777777777', '${tax}', 'kita', 'Kindertagesstätte', 'Kitas', '{education,demography}', 0, 6);
    INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key, department_id, public) VALUES
      ('berlin', '${ORG.a}', 'Kita-Verbund Nord e.V.', 'verein', 'a', NULL, true),
      ('berlin', '${ORG.b}', 'Gesundheitsträger gGmbH', 'frei_gemeinnuetzig', 'b', 'gesundheit', true),
      ('berlin', '${ORG.c}', 'Interner Träger', 'verein', 'c', NULL, false);
    INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key)
    VALUES ('berlin', 'ewr_age_below_6', 'Einwohnende unter 6 Jahren', 'Residents under 6', 'Einwohnende unter 6',
            'count', 'count', 1, 'demography', 'neutral', 'sozialplanung', 'afs', 0, 'public', 10);
    INSERT INTO supply_target (tenant_id, service_type, indicator_ids) VALUES ('berlin', 'kita', '{ewr_age_below_6}');
  `);
  const kitas: [string, string, number, number, number][] = [
    ['1', ORG.a, 13.05, 100, fx.areaId['01100101']!],
    ['2', ORG.b, 13.06, 50, fx.areaId['01100101']!],
    ['3', ORG.b, 13.25, 30, fx.areaId['02100101']!],
    ['4', ORG.c, 13.35, 40, fx.areaId['02100102']!],
    ['5', ORG.a, 13.305, 20, fx.areaId['02100102']!],
  ];
  for (const [n, org, lon, places, areaId] of kitas) {
    const sid = `5e000000-0000-5000-8000-00000000000${n}`;
    const lid = `10000000-0000-5000-8000-00000000000${n}`;
    await db.query(
      `INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name, public)
       VALUES ('berlin', $1, $2, 'kita', $3, $4)`,
      [sid, org, `Kita ${n}`, org !== ORG.c],
    );
    await db.query(
      `INSERT INTO directory_location (tenant_id, id, organization_id, name, city, lon, lat)
       VALUES ('berlin', $1, $2, $3, 'Berlin', $4, 52.05)`,
      [lid, org, `Kita ${n}`, lon],
    );
    await db.query(
      `INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id)
       VALUES ('berlin', $1, $2, $3)`,
      [`5a000000-0000-5000-8000-00000000000${n}`, sid, lid],
    );
    await db.query(
      `INSERT INTO directory_capacity (tenant_id, service_id, kind, ref_date, value)
       VALUES ('berlin', $1, 'places', '2024-03-01', $2)`,
      [sid, places],
    );
    await db.query(
      `INSERT INTO directory_location_area (tenant_id, location_id, area_id) VALUES ('berlin', $1, $2)`,
      [lid, areaId],
    );
  }
  const children: [string, number][] = [
    ['01100101', 200],
    ['01100102', 100],
    ['02100101', 100],
    ['02100102', 100],
  ];
  for (const [code, value] of children)
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value)
       VALUES ('berlin', 'ewr_age_below_6', $1, '2023-12-31', $2)`,
      [fx.areaId[code], value],
    );
  const [body] = await db.query<{ id: number }>(
    `INSERT INTO conference_body (tenant_id, kind, name) VALUES ('berlin', 'ag78', 'AG 78 Kita') RETURNING id`,
  );
  await db.query(
    `INSERT INTO conference_member (tenant_id, body_id, organisation_id, valid_from) VALUES ('berlin', $1, $2, '2024-01-01')`,
    [body!.id, ORG.a],
  );
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  await insertNetworkFixture();
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  planner = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['sozialplanung'] })),
  );
  provider = injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['provider'], departmentId: 'gesundheit' }),
    ),
  );
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('cooperation links', () => {
  const url = '/api/network/links';
  const body = {
    organisationA: ORG.b,
    organisationB: ORG.a,
    kind: 'projekt',
    dimensions: ['education'],
    validFrom: '2024-01-01',
  };

  it('refuses visitors and people without a network right', async () => {
    expect((await app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await viewer({ method: 'POST', url, payload: body })).statusCode).toBe(403);
  });

  it('lets a provider record a cooperation of its own organisation (audited), stored as one pair', async () => {
    const res = await provider({ method: 'POST', url, payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json().organisationA.id).toBe(ORG.a);
    expect(res.json().organisationB.id).toBe(ORG.b);
    expect(res.headers.location).toBe(`/api/network/links/${res.json().id}`);
    const audit = await db.query(
      `SELECT 1 FROM audit_log WHERE action = 'network.link_create' AND entity_id = $1`,
      [String(res.json().id)],
    );
    expect(audit).toHaveLength(1);
    const again = await provider({
      method: 'POST',
      url,
      payload: { ...body, organisationA: ORG.a, organisationB: ORG.b },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a provider naming two organisations that are not its own, and names unknown ids', async () => {
    const foreign = await provider({
      method: 'POST',
      url,
      payload: { ...body, organisationA: ORG.a, organisationB: ORG.c },
    });
    expect(foreign.statusCode).toBe(403);
    const unknown = await planner({
      method: 'POST',
      url,
      payload: { ...body, organisationB: 'gibt-es-nicht' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Diese Organisationen gibt es nicht: gibt-es-nicht.');
    const self = await planner({ method: 'POST', url, payload: { ...body, organisationB: ORG.b } });
    expect(self.statusCode).toBe(400);
    const period = await planner({
      method: 'POST',
      url,
      payload: { ...body, kind: 'fachaustausch', validFrom: '2025-01-01', validTo: '2024-01-01' },
    });
    expect(period.statusCode).toBe(400);
  });

  it('hides links to internal organisations from visitors', async () => {
    const res = await planner({
      method: 'POST',
      url,
      payload: { ...body, organisationA: ORG.c, kind: 'verweisung' },
    });
    expect(res.statusCode).toBe(201);
    const open = (await app.inject(url)).json() as unknown[];
    const inside = (await viewer({ url })).json() as unknown[];
    expect(open).toHaveLength(1);
    expect(inside).toHaveLength(2);
    const del = await provider({ method: 'DELETE', url: `${url}/${res.json().id}` });
    expect(del.statusCode).toBe(403);
    expect((await planner({ method: 'DELETE', url: `${url}/${res.json().id}` })).statusCode).toBe(
      200,
    );
    expect((await planner({ method: 'DELETE', url: `${url}/${res.json().id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('work areas and who is active here', () => {
  it('sets the areas an organisation works in (audited), refusing unknown areas and foreign organisations', async () => {
    const url = `/api/network/organisations/${ORG.a}/areas`;
    const bad = await planner({ method: 'PUT', url, payload: { areaIds: [987654] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Diese Gebiete gibt es nicht: 987654.');
    expect((await provider({ method: 'PUT', url, payload: { areaIds: [] } })).statusCode).toBe(403);
    const ok = await planner({ method: 'PUT', url, payload: { areaIds: [fx.areaId['01100102']] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().areas.map((a: { code: string }) => a.code)).toEqual(['01100102']);
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'network.work_areas'`);
    expect(audit).toHaveLength(1);
    const actors = (await app.inject(`/api/network/areas/${fx.areaId['01100102']}/actors`)).json();
    expect(actors.actors).toEqual([
      expect.objectContaining({ id: ORG.a, reasons: ['arbeitsgebiet'], services: [] }),
    ]);
  });

  it('lists the Kitas located in an area, and those within the distance of its edge as near', async () => {
    const area = fx.areaId['02100101'];
    const inside = (await app.inject(`/api/network/areas/${area}/actors?serviceType=kita`)).json();
    expect(
      inside.actors.flatMap((a: { services: { name: string }[] }) => a.services.map((s) => s.name)),
    ).toEqual(['Kita 3']);
    const near = (
      await app.inject(`/api/network/areas/${area}/actors?serviceType=kita&nearM=500`)
    ).json();
    const services = near.actors.flatMap(
      (a: { services: { name: string; inArea: boolean; places: number }[] }) => a.services,
    );
    const seen = services.map((s: { name: string; inArea: boolean }) => `${s.name}:${s.inArea}`);
    expect(seen.sort()).toEqual(['Kita 3:true', 'Kita 5:false']);
    expect(near.area.code).toBe('02100101');
  });

  it('answers 404 for an unknown area', async () => {
    expect((await app.inject('/api/network/areas/987654/actors')).statusCode).toBe(404);
  });
});

describe('network graph and exports', () => {
  it('returns organisations and bodies with cooperation and membership edges', async () => {
    const g = (await app.inject('/api/network/graph')).json();
    expect(g.nodes.map((n: { label: string }) => n.label).sort()).toEqual([
      'AG 78 Kita',
      'Gesundheitsträger gGmbH',
      'Kita-Verbund Nord e.V.',
    ]);
    expect(g.edges.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'mitgliedschaft',
      'projekt',
    ]);
  });

  it('filters by Lebenslage and by area', async () => {
    const health = (await app.inject('/api/network/graph?dimension=health')).json();
    expect(health.edges).toEqual([]);
    const education = (await app.inject('/api/network/graph?dimension=education')).json();
    expect(education.edges).toHaveLength(2);
    // Only B is active in 02100101 (Kita 3): its cooperation with A, not A's membership.
    const area = (await app.inject(`/api/network/graph?area=${fx.areaId['02100101']}`)).json();
    expect(area.edges.map((e: { kind: string }) => e.kind)).toEqual(['projekt']);
    expect((await app.inject('/api/network/graph?area=987654')).statusCode).toBe(400);
    expect((await app.inject('/api/network/graph?dimension=erfunden')).statusCode).toBe(400);
  });

  it('exports GraphML in the GraphML namespace and a CSV edge list', async () => {
    const xml = await app.inject('/api/network/graph.graphml');
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('application/graphml+xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml.body).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    expect(xml.body.match(/<node /g)).toHaveLength(3);
    expect(xml.body.match(/<edge /g)).toHaveLength(2);
    const csv = await app.inject('/api/network/graph.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('source,target,source_label,target_label,kind,valid_from,valid_to');
    expect(lines).toHaveLength(3);
  });
});

describe('supply against need', () => {
  type Row = {
    code: string;
    ratio: number | null;
    gap: number | null;
    gapRank: number | null;
    reachShare: number | null;
    places: number | null;
  };

  it('computes Kita places per 100 children under 6, the city ratio and the gaps (public entries)', async () => {
    const res = await app.inject('/api/supply?serviceType=kita');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.serviceType).toMatchObject({ code: 'kita', measure: 'places', per: 100 });
    expect(s.refDate).toBe('2023-12-31');
    expect(s.levelId).toBe('plr');
    // public places 150 / 0 / 30 / 20 over 200 / 100 / 100 / 100 children: city 200 / 500 × 100 = 40
    expect(s.cityRatio).toBe(40);
    const by = new Map((s.rows as Row[]).map((r) => [r.code, r]));
    expect(by.get('01100101')).toMatchObject({ places: 150, ratio: 75, gap: -70, gapRank: 4 });
    expect(by.get('01100102')).toMatchObject({ places: 0, ratio: 0, gap: 40, gapRank: 1 });
    expect(by.get('02100101')).toMatchObject({ ratio: 30, gap: 10, gapRank: 3 });
    expect(by.get('02100102')).toMatchObject({ ratio: 20, gap: 20, gapRank: 2 });
    expect(s.largestGaps.map((r: Row) => r.code)).toEqual(['01100102', '02100102', '02100101']);
    expect(s.provenance).toBe(
      'aus dem Angebotsverzeichnis, Stand 01.03.2024; Bevölkerung: „Einwohnende unter 6 Jahren“, Stichtag 31.12.2023',
    );
    expect(s.method).toBe('area-centroid');
  });

  it('reaches an area whose centroid lies within 500 m of a Kita, not one 6 km away', async () => {
    const s = (await app.inject('/api/supply?serviceType=kita&distance=500')).json();
    const by = new Map((s.rows as Row[]).map((r) => [r.code, r]));
    expect(by.get('01100101')!.reachShare).toBe(1);
    expect(by.get('01100102')!.reachShare).toBe(0);
  });

  it('counts internal entries for signed-in people and follows new places of a provider at once', async () => {
    const inside = (await viewer({ url: '/api/supply?serviceType=kita' })).json();
    expect(inside.cityRatio).toBe(48); // (200 + 40) / 500 × 100
    const put = await provider({
      method: 'PUT',
      url: '/api/directory/services/5e000000-0000-5000-8000-000000000003/capacities',
      payload: { kind: 'places', value: 80, refDate: '2024-09-01' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().capacities[0]).toEqual({ kind: 'places', value: 80, refDate: '2024-09-01' });
    const after = (await app.inject('/api/supply?serviceType=kita')).json();
    expect(after.cityRatio).toBe(50); // (150 + 80 + 20) / 500 × 100
    expect(after.directoryStand).toBe('2024-09-01');
    const [audit] = await db.query<{ detail: { value: unknown } }>(
      `SELECT detail FROM audit_log WHERE action = 'directory.capacity' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.detail.value).toEqual({ before: null, after: 80 });
  });

  it('computes an answer once per data version: a change behind the write path stays unseen, a directory write shows', async () => {
    const url = '/api/supply?serviceType=kita&distance=1000';
    const first = await app.inject(url);
    expect(first.headers.etag).toBeTruthy();
    expect(
      (await app.inject({ url, headers: { 'if-none-match': first.headers.etag! } })).statusCode,
    ).toBe(304);
    // written around the write path (no version move): the prepared answer is served unchanged
    await db.query(
      `UPDATE directory_capacity SET value = 130 WHERE tenant_id = 'berlin'
          AND service_id = '5e000000-0000-5000-8000-000000000003' AND ref_date = '2024-09-01'`,
    );
    expect((await app.inject(url)).headers.etag).toBe(first.headers.etag);
    // a write through the directory moves the version: the next answer counts the new places
    const put = await provider({
      method: 'PUT',
      url: '/api/directory/services/5e000000-0000-5000-8000-000000000003/capacities',
      payload: { kind: 'places', value: 30, refDate: '2024-09-02' },
    });
    expect(put.statusCode).toBe(200);
    const fresh = await app.inject(url);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    expect(fresh.json().cityRatio).toBe(40); // (150 + 30 + 20) / 500 × 100
  });

  it('lets a provider record places only of its own services, and refuses bad bodies with 400', async () => {
    const foreign = await provider({
      method: 'PUT',
      url: '/api/directory/services/5e000000-0000-5000-8000-000000000001/capacities',
      payload: { kind: 'places', value: 10, refDate: '2024-09-01' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('Kita-Verbund Nord e.V.');
    const unknown = await provider({
      method: 'PUT',
      url: '/api/directory/services/unbekannt/capacities',
      payload: { kind: 'places', value: 10, refDate: '2024-09-01' },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await provider({
      method: 'PUT',
      url: '/api/directory/services/5e000000-0000-5000-8000-000000000003/capacities',
      payload: { kind: 'places', value: -1, refDate: '2024-13-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await viewer({
          method: 'PUT',
          url: '/api/directory/services/5e000000-0000-5000-8000-000000000003/capacities',
          payload: { kind: 'places', value: 10, refDate: '2024-09-01' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses an unknown type and a type without a target population, with a clear message', async () => {
    const unknown = await app.inject('/api/supply?serviceType=erfunden');
    expect(unknown.statusCode).toBe(400);
    const noTarget = await app.inject('/api/supply?serviceType=familienzentrum');
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.message).toContain(
      'Für „Familienzentrum“ ist keine Zielbevölkerung festgelegt',
    );
    expect((await app.inject('/api/supply?serviceType=kita&distance=10')).statusCode).toBe(400);
  });

  it('takes the target population from the tenant’s data: set, checked (400 naming the indicator), audited', async () => {
    const put = (serviceType: string, indicatorIds: string[], as = planner) =>
      as({ method: 'PUT', url: `/api/supply/targets/${serviceType}`, payload: { indicatorIds } });
    expect((await put('familienzentrum', ['ewr_age_below_6'], viewer)).statusCode).toBe(403);
    expect((await put('erfunden', ['ewr_age_below_6'])).statusCode).toBe(404);
    const unknown = await put('familienzentrum', ['ewr_age_below_6', 'gibt_es_nicht']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('„indicatorIds[1]“');
    expect(unknown.json().error.message).toContain('Den Indikator „gibt_es_nicht“ gibt es nicht.');
    const ok = await put('familienzentrum', ['ewr_age_below_6']);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      serviceType: 'familienzentrum',
      indicatorIds: ['ewr_age_below_6'],
    });
    const s = await app.inject('/api/supply?serviceType=familienzentrum');
    expect(s.statusCode).toBe(200);
    expect(s.json().populationIndicators).toEqual(['ewr_age_below_6']);
    const targets = (await app.inject('/api/supply/targets')).json() as {
      serviceType: string;
      indicatorIds: string[];
    }[];
    expect(targets.find((t) => t.serviceType === 'familienzentrum')?.indicatorIds).toEqual([
      'ewr_age_below_6',
    ]);
    const [audit] = await db.query<{ detail: unknown }>(
      `SELECT detail FROM audit_log WHERE action = 'supply.target' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.detail).toEqual({ indicatorIds: { before: [], after: ['ewr_age_below_6'] } });
    expect((await put('familienzentrum', [])).json().indicatorIds).toEqual([]);
    expect((await app.inject('/api/supply?serviceType=familienzentrum')).statusCode).toBe(400);
  });

  it('lists the types with whether their target population is available', async () => {
    const types = (await app.inject('/api/supply/types')).json() as {
      code: string;
      available: boolean;
    }[];
    expect(types.find((t) => t.code === 'kita')?.available).toBe(true);
    expect(types.find((t) => t.code === 'familienzentrum')?.available).toBe(false);
  });
});

describe('supply ratios as indicators', () => {
  it('stores Kita places per 100 children under 6 as a public indicator with its source, audited, and refreshes it', async () => {
    const steward = injectAs(
      app,
      await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['data_steward'], departmentId: 'sozialplanung' }),
      ),
    );
    const url = '/api/supply/indicators/kita';
    expect((await viewer({ method: 'PUT', url, payload: {} })).statusCode).toBe(403);
    expect(
      (await steward({ method: 'PUT', url: '/api/supply/indicators/erfunden', payload: {} }))
        .statusCode,
    ).toBe(404);
    const bad = await steward({ method: 'PUT', url, payload: { department: 'gibt-es-nicht' } });
    expect(bad.statusCode).toBe(400);
    const res = await steward({ method: 'PUT', url, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      indicatorId: 'versorgung_kita',
      name: 'Kindertagesstätte: Plätze je 100 Personen von 0 bis unter 6 Jahren',
      refDate: '2023-12-31',
      observations: 4, // population only on the Planungsräume of the fixture
    });
    const ind = (await app.inject('/api/indicators/versorgung_kita')).json();
    expect(ind).toMatchObject({ unit: 'per_100', kind: 'value', department: 'sozialplanung' });
    const values = async () =>
      new Map(
        (
          await db.query<{ code: string; value: number; numerator: number; denominator: number }>(
            `SELECT a.code, o.value, o.numerator, o.denominator FROM observation o
               JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
              WHERE o.tenant_id = 'berlin' AND o.indicator_id = 'versorgung_kita' AND o.ref_date = '2023-12-31'`,
          )
        ).map((r) => [r.code, [Number(r.value), Number(r.numerator), Number(r.denominator)]]),
      );
    // public places: 150 / 0 / 30 (the provider's latest count) / 20 over 200 / 100 / 100 / 100 children
    expect(await values()).toEqual(
      new Map([
        ['01100101', [75, 150, 200]],
        ['01100102', [0, 0, 100]],
        ['02100101', [30, 30, 100]],
        ['02100102', [20, 20, 100]],
      ]),
    );
    const [source] = await db.query<{ attribution: string }>(
      `SELECT attribution FROM source WHERE tenant_id = 'berlin' AND id = 'versorgung-kita'`,
    );
    expect(source?.attribution).toContain('aus dem Angebotsverzeichnis, Stand 02.09.2024');
    // new places: the stored indicator follows by itself (a coalesced refresh job, ADR 0044) —
    // the same date's values change, nothing is added, nobody presses a button
    await provider({
      method: 'PUT',
      url: '/api/directory/services/5e000000-0000-5000-8000-000000000003/capacities',
      payload: { kind: 'places', value: 60, refDate: '2024-10-01' },
    });
    await expect
      .poll(async () => (await values()).get('02100101'), { timeout: 20_000, interval: 200 })
      .toEqual([60, 60, 100]);
    expect((await values()).size).toBe(4);
    const [job] = await db.query<{ kind: string; status: string; started_by: string }>(
      `SELECT kind, status, started_by FROM job WHERE tenant_id = 'berlin' AND kind = 'supply.refresh' ORDER BY id DESC LIMIT 1`,
    );
    expect(job).toMatchObject({
      kind: 'supply.refresh',
      started_by: 'System (Versorgung aktualisieren)',
    });
    // computing on request still works and gives the same
    expect((await steward({ method: 'PUT', url, payload: {} })).statusCode).toBe(200);
    expect((await values()).get('02100101')).toEqual([60, 60, 100]);
    const list = (await app.inject('/api/supply/indicators')).json();
    expect(list).toMatchObject([
      {
        serviceType: 'kita',
        indicatorId: 'versorgung_kita',
        refDate: '2023-12-31',
        directoryStand: '2024-10-01',
      },
    ]);
    const audits = await db.query<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE action = 'supply.indicator' ORDER BY id`,
    );
    expect(audits.map((a) => a.actor)).toContain('system:supply.refresh');
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });
});
