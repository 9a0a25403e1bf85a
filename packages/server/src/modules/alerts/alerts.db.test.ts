import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
const ids: Record<string, number> = {};

// Synthetic child-poverty share on 22 extra Planungsräume, 2021-12-31 → 2023-12-31:
// 20 areas on base 1000 change by −0,2 … +0,2 pp; 'BIG' goes 200/2000 → 282/2000 (+4,1 pp, Wilson
// intervals 8,8–11,4 % and 12,6–15,6 % do not overlap); 'TINY' goes 5/49 → 7/49 (+4,08 pp, intervals
// overlap → noise). City-wide (n = 22): mean 0,3719 pp, population SD 1,1837 pp →
// z(BIG) = 3,149, z(TINY) = 3,134.
async function insertSynthetic(): Promise<void> {
  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'child_poverty', 'Kinder in Bedarfsgemeinschaften nach SGB II', 'Child poverty', 'Kinderarmut',
       'Kinder unter 15 in Bedarfsgemeinschaften je 100 Kinder unter 15', 'percent', 'share', 100, 'income',
       'higher_is_worse', 'sozialplanung', 'afs', 1, 'public', 5);
  `);
  const [bez] = await db.query<{ id: number }>(
    "SELECT id FROM area WHERE tenant_id = 'berlin' AND level_id = 'bez' AND code = '01'",
  );
  const rows: [string, number, number, number, number][] = [];
  for (let i = 0; i < 20; i++)
    rows.push([`0310${String(i).padStart(4, '0')}`, 100, 100 + ((i % 5) - 2), 1000, 1000]);
  rows.push(['03200001', 200, 282, 2000, 2000], ['03200002', 5, 7, 49, 49]);
  for (const [code, c0, c1, b0, b1] of rows) {
    const [a] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name, parent_id)
       VALUES ('berlin', 'lor2021', 'plr', $1, $2, $3) RETURNING id`,
      [code, `Gebiet ${code}`, bez!.id],
    );
    ids[code] = a!.id;
    for (const [date, c, b] of [
      ['2021-12-31', c0, b0],
      ['2023-12-31', c1, b1],
    ] as const)
      await db.query(
        `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator)
         VALUES ('berlin', 'child_poverty', $1, $2, $3, $4, $5)`,
        [a!.id, date, (c / b) * 100, c, b],
      );
  }
}

const auditCount = async () =>
  Number(
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'alerts.%'",
      )
    )[0]!.n,
  );

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  await insertSynthetic();
  app = await buildApp(testContext(db), { validateResponses: true });
  api = injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['administrator'], email: 'planung@berlin.example' }),
    ),
  );
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const RULE = {
  id: 'kinderarmut-anstieg',
  nameDe: 'Anstieg der Kinderarmut',
  department: 'sozialplanung',
  kind: 'indicator_change',
  params: { indicatorIds: ['child_poverty'] },
};

describe('alert rules', () => {
  it('stores a rule with defaults (2 SD, min base 100, increases) and one audit entry', async () => {
    const before = await auditCount();
    const res = await api({ method: 'POST', url: '/api/alert-rules', payload: RULE });
    expect(res.statusCode).toBe(201);
    expect(res.json().params).toEqual({
      indicatorIds: ['child_poverty'],
      sdThreshold: 2,
      minBase: 100,
      direction: 'increase',
    });
    expect(await auditCount()).toBe(before + 1);
    const list = (await api('/api/alert-rules')).json();
    expect(list.map((r: { id: string }) => r.id)).toEqual(['kinderarmut-anstieg']);
  });

  it('rejects an unknown indicator and a non-share indicator with a German message naming them', async () => {
    const unknown = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: { ...RULE, id: 'x', params: { indicatorIds: ['gibt_es_nicht'] } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Regel „x“: unbekannte Indikatoren: gibt_es_nicht.');
    const count = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: { ...RULE, id: 'y', params: { indicatorIds: ['ewr_total'] } },
    });
    expect(count.statusCode).toBe(400);
    expect(count.json().error.message).toContain('kein Anteil: ewr_total');
  });

  it('rejects a duplicate id with 409', async () => {
    const res = await api({ method: 'POST', url: '/api/alert-rules', payload: RULE });
    expect(res.statusCode).toBe(409);
  });
});

describe('detection', () => {
  it('raises the clear increase with a plain-German explanation and holds the tiny-base jump back as noise', async () => {
    const before = await auditCount();
    const res = await api({ method: 'POST', url: '/api/alerts/detect', payload: {} });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.raised).toBe(1);
    expect(body.heldBack).toBe(1);
    expect(body.existing).toBe(0);
    expect(body.rules[0].heldBackItems[0].areaId).toBe(ids['03200002']);
    expect(body.rules[0].heldBackItems[0].reason).toMatch(
      /^Nicht gemeldet: Konfidenzintervalle überschneiden sich/,
    );
    expect(await auditCount()).toBe(before + 1);

    const feed = (await api('/api/alerts')).json();
    expect(feed).toHaveLength(1);
    const a = feed[0];
    expect(a.area).toMatchObject({
      id: ids['03200001'],
      code: '03200001',
      system: 'lor2021',
      level: 'plr',
    });
    expect(a.indicator).toEqual({
      id: 'child_poverty',
      name: 'Kinder in Bedarfsgemeinschaften nach SGB II',
    });
    expect(a.refDate).toBe('2023-12-31');
    expect(a.previousDate).toBe('2021-12-31');
    expect(a.status).toBe('new');
    expect(a.explanation).toBe(
      'Kinderarmut +4,1 Prozentpunkte in zwei Jahren, 3,1 Standardabweichungen über der gesamtstädtischen Veränderung',
    );
    expect(a.details.z).toBeCloseTo(3.1494, 3);
    expect(a.links).toEqual({
      map: `/?system=lor2021&level=plr&indicator=child_poverty&date=2023-12-31&area=${ids['03200001']}`,
      profile: `/gebiete/${ids['03200001']}`,
    });
  });

  it('adds nothing when detection runs again', async () => {
    const body = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    expect(body.raised).toBe(0);
    expect(body.existing).toBe(1);
    expect((await api('/api/alerts')).json()).toHaveLength(1);
  });

  it('filters the feed by status, area and indicator', async () => {
    expect((await api('/api/alerts?status=closed')).json()).toHaveLength(0);
    expect((await api(`/api/alerts?area=${ids['03200002']}`)).json()).toHaveLength(0);
    expect((await api('/api/alerts?indicator=child_poverty&status=new')).json()).toHaveLength(1);
    expect((await api('/api/alerts?status=offen')).statusCode).toBe(400);
  });
});

describe('status flow', () => {
  it('goes new → seen → closed with a comment; closing without a comment is 400; one audit entry per change', async () => {
    const [a] = (await api('/api/alerts')).json();
    const url = `/api/alerts/${a.id}`;
    let before = await auditCount();
    const seen = await api({ method: 'PATCH', url, payload: { status: 'seen' } });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().status).toBe('seen');
    expect(await auditCount()).toBe(before + 1);

    before = await auditCount();
    const bad = await api({ method: 'PATCH', url, payload: { status: 'closed' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Zum Schließen ist ein Kommentar nötig');
    expect(await auditCount()).toBe(before);

    const closed = await api({
      method: 'PATCH',
      url,
      payload: { status: 'closed', comment: 'Im Stadtteilgremium besprochen' },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      statusComment: 'Im Stadtteilgremium besprochen',
    });
    expect(await auditCount()).toBe(before + 1);
    const [entry] = await db.query<{ actor: string; detail: unknown }>(
      "SELECT actor, detail FROM audit_log WHERE action = 'alerts.status' ORDER BY id DESC LIMIT 1",
    );
    expect(entry!.actor).toBe('planung@berlin.example');
    expect(entry!.detail).toEqual({
      from: 'seen',
      to: 'closed',
      comment: 'Im Stadtteilgremium besprochen',
    });
  });

  it('reopens a closed alert to seen only with a comment, and refuses other backward moves in German', async () => {
    const [a] = (await api('/api/alerts')).json();
    expect(a.status).toBe('closed');
    const url = `/api/alerts/${a.id}`;
    const before = await auditCount();
    const toNew = await api({
      method: 'PATCH',
      url,
      payload: { status: 'new', comment: 'x' },
    });
    expect(toNew.statusCode).toBe(400);
    expect(toNew.json().error.message).toBe(
      `Frühwarnung ${a.id} ist geschlossen: Sie kann nur mit Kommentar wieder auf „gesehen“ gesetzt werden, nicht auf „neu“.`,
    );
    const toDiscussed = await api({
      method: 'PATCH',
      url,
      payload: { status: 'discussed', comment: 'x' },
    });
    expect(toDiscussed.statusCode).toBe(400);
    const noComment = await api({ method: 'PATCH', url, payload: { status: 'seen' } });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.message).toContain('Zum Wiederöffnen ist ein Kommentar nötig');
    expect(await auditCount()).toBe(before);

    const reopened = await api({
      method: 'PATCH',
      url,
      payload: { status: 'seen', comment: 'Neue Zahlen des Jugendamts' },
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'seen',
      statusComment: 'Neue Zahlen des Jugendamts',
    });
    expect(await auditCount()).toBe(before + 1);

    const discussed = await api({ method: 'PATCH', url, payload: { status: 'discussed' } });
    expect(discussed.statusCode).toBe(200);
    expect(discussed.json().status).toBe('discussed');

    const back = await api({ method: 'PATCH', url, payload: { status: 'seen' } });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toBe(
      `Frühwarnung ${a.id}: Der Status kann nicht von „besprochen“ zurück auf „gesehen“ gesetzt werden.`,
    );
    const same = await api({ method: 'PATCH', url, payload: { status: 'discussed' } });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toBe(`Frühwarnung ${a.id} ist schon „besprochen“.`);

    const closedAgain = await api({
      method: 'PATCH',
      url,
      payload: { status: 'closed', comment: 'Maßnahme beschlossen' },
    });
    expect(closedAgain.statusCode).toBe(200);
    expect(await auditCount()).toBe(before + 3);
  });

  it('answers 404 for an unknown alert', async () => {
    const res = await api({
      method: 'PATCH',
      url: '/api/alerts/99999',
      payload: { status: 'seen' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('class changes', () => {
  it('raises class changes towards the unfavourable side of a stored index and adds nothing on a second run', async () => {
    const def = {
      id: 'kinderarmut-index',
      label: 'Kinderarmut-Index',
      status: {
        label: 'Status-Index',
        inputs: [
          { indicatorId: 'child_poverty', label: 'Kinderarmut', direction: 'higher_is_worse' },
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
    };
    const saved = await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: def },
    });
    expect(saved.statusCode).toBe(201);
    const rule = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        id: 'klassenwechsel',
        nameDe: 'Klassenwechsel Kinderarmut-Index',
        department: 'sozialplanung',
        kind: 'class_change',
        params: { indexId: 'kinderarmut-index', system: 'lor2021', level: 'plr' },
      },
    });
    expect(rule.statusCode).toBe(201);
    const body = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    const outcome = body.rules.find((r: { ruleId: string }) => r.ruleId === 'klassenwechsel');
    // BIG moves from 'mittel' (z ≈ −0,2 in 2021) to 'ungünstig' (z ≈ 3,1 in 2023); TINY was
    // already 'ungünstig' in 2021 (z = 4,6 at 10,2 % against 10,0 %), so it does not change class.
    expect(outcome).toMatchObject({ raised: 1, heldBack: 0, existing: 0, notes: [] });
    const feed = (await api('/api/alerts')).json();
    const mine = feed.filter((a: { ruleId: string }) => a.ruleId === 'klassenwechsel');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'class_change_status',
      indicator: null,
      indexId: 'kinderarmut-index',
      area: { code: '03200001' },
      explanation:
        "Status-Index: von 'mittel' (Stand 31.12.2021) nach 'ungünstig' (Stand 31.12.2023)",
    });
    const again = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    expect(again.raised).toBe(0);
  });
});

describe('subscriptions', () => {
  it('creates, lists and deletes a subscription, each with one audit entry', async () => {
    const before = await auditCount();
    const res = await api({
      method: 'POST',
      url: '/api/alert-subscriptions',
      payload: { email: 'planung@bezirk.example', indicatorId: 'child_poverty' },
    });
    expect(res.statusCode).toBe(201);
    const sub = res.json();
    expect(sub).toMatchObject({
      email: 'planung@bezirk.example',
      areaId: null,
      indicatorId: 'child_poverty',
    });
    expect((await api('/api/alert-subscriptions')).json()).toHaveLength(1);
    const del = await api({ method: 'DELETE', url: `/api/alert-subscriptions/${sub.id}` });
    expect(del.statusCode).toBe(200);
    expect((await api('/api/alert-subscriptions')).json()).toHaveLength(0);
    expect(await auditCount()).toBe(before + 2);
  });

  it('rejects an invalid e-mail address', async () => {
    const res = await api({
      method: 'POST',
      url: '/api/alert-subscriptions',
      payload: { email: 'keine-adresse' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('repeated negative dynamics', () => {
  it("raises one alert per area whose dynamics is 'negativ' in both editions, and none on a second run", async () => {
    // dynamics indicator: change of child poverty in pp; 0 everywhere except BIG (5 in both years)
    // and TINY (5 only in 2023). z-scores (population SD): 2021 BIG 4,58, others −0,22;
    // 2023 BIG and TINY 3,16, others −0,32 → 'negativ' (z > 1) twice only for BIG.
    await db.exec(`
      INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                             polarity, department, source_id, decimals, visibility, sort_key) VALUES
        ('berlin', 'child_poverty_dyn', 'Veränderung der Kinderarmut', 'Change of child poverty', 'Dyn. Kinderarmut',
         'Veränderung des Anteils in Prozentpunkten über zwei Jahre', 'pp', 'value', 1, 'income',
         'higher_is_worse', 'sozialplanung', 'afs', 1, 'public', 6);
    `);
    for (const [code, id] of Object.entries(ids)) {
      for (const date of ['2021-12-31', '2023-12-31']) {
        const v = code === '03200001' || (code === '03200002' && date === '2023-12-31') ? 5 : 0;
        await db.query(
          `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value)
           VALUES ('berlin', 'child_poverty_dyn', $1, $2, $3)`,
          [id, date, v],
        );
      }
    }
    const twoClasses = (low: string, high: string) => ({
      kind: 'fixed',
      boundaries: [{ value: 1, onBoundary: 'lower' }],
      classes: [
        { code: 'a', label: low },
        { code: 'b', label: high },
      ],
    });
    const def = {
      id: 'kinderarmut-dynamik',
      label: 'Kinderarmut mit Dynamik',
      status: {
        label: 'Status-Index',
        inputs: [
          { indicatorId: 'child_poverty', label: 'Kinderarmut', direction: 'higher_is_worse' },
        ],
        standardisation: 'zscore',
        combination: 'sum',
        restandardise: false,
        classes: twoClasses('unauffällig', 'ungünstig'),
      },
      dynamics: {
        label: 'Dynamik-Index',
        periodYears: 2,
        inputs: [
          {
            indicatorId: 'child_poverty_dyn',
            label: 'Dyn. Kinderarmut',
            direction: 'higher_is_worse',
          },
        ],
        standardisation: 'zscore',
        combination: 'sum',
        restandardise: false,
        classes: twoClasses('stabil', 'negativ'),
      },
      validity: { exclusions: [] },
    };
    const saved = await api({
      method: 'POST',
      url: '/api/indices',
      payload: { definition: def },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const rule = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        id: 'dynamik-negativ',
        nameDe: 'Zweimal negative Dynamik',
        department: 'sozialplanung',
        kind: 'repeated_negative_dynamics',
        params: { indexId: 'kinderarmut-dynamik', system: 'lor2021', level: 'plr' },
      },
    });
    expect(rule.statusCode).toBe(201);
    const body = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    const outcome = body.rules.find((r: { ruleId: string }) => r.ruleId === 'dynamik-negativ');
    expect(outcome).toMatchObject({ raised: 1, heldBack: 0, existing: 0, notes: [] });
    const mine = (await api('/api/alerts'))
      .json()
      .filter((a: { ruleId: string }) => a.ruleId === 'dynamik-negativ');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'repeated_negative_dynamics',
      severity: 2,
      indicator: null,
      indexId: 'kinderarmut-dynamik',
      area: { code: '03200001' },
      refDate: '2023-12-31',
      previousDate: '2021-12-31',
      explanation: "Dynamik zweimal in Folge 'negativ' (Stand 31.12.2021, Stand 31.12.2023)",
    });
    const again = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    expect(
      again.rules.find((r: { ruleId: string }) => r.ruleId === 'dynamik-negativ'),
    ).toMatchObject({ raised: 0, existing: 1 });
  });
});

describe('editing rules', () => {
  it('answers 404 for an unknown rule and 400 for params that do not fit the kind', async () => {
    const unknown = await api({
      method: 'PATCH',
      url: '/api/alert-rules/gibt-es-nicht',
      payload: { active: false },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('Regel „gibt-es-nicht“ gibt es nicht.');
    const before = await auditCount();
    const negative = await api({
      method: 'PATCH',
      url: '/api/alert-rules/kinderarmut-anstieg',
      payload: { params: { indicatorIds: ['child_poverty'], sdThreshold: -1 } },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toContain('ungültige Parameter – sdThreshold');
    const indexParams = await api({
      method: 'PATCH',
      url: '/api/alert-rules/kinderarmut-anstieg',
      payload: { params: { indexId: 'kinderarmut-index', system: 'lor2021', level: 'plr' } },
    });
    expect(indexParams.statusCode).toBe(400);
    const nothing = await api({
      method: 'PATCH',
      url: '/api/alert-rules/kinderarmut-anstieg',
      payload: {},
    });
    expect(nothing.statusCode).toBe(400);
    expect(await auditCount()).toBe(before);
  });

  it('changes name and params with one audit entry holding before and after', async () => {
    const before = await auditCount();
    const res = await api({
      method: 'PATCH',
      url: '/api/alert-rules/kinderarmut-anstieg',
      payload: {
        nameDe: 'Kinderarmut: starker Anstieg',
        params: { indicatorIds: ['child_poverty'], sdThreshold: 2.5 },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'kinderarmut-anstieg',
      nameDe: 'Kinderarmut: starker Anstieg',
      active: true,
      params: {
        indicatorIds: ['child_poverty'],
        sdThreshold: 2.5,
        minBase: 100,
        direction: 'increase',
      },
    });
    expect(await auditCount()).toBe(before + 1);
    const [entry] = await db.query<{ actor: string; detail: { before: unknown; after: unknown } }>(
      "SELECT actor, detail FROM audit_log WHERE action = 'alerts.rule_update' ORDER BY id DESC LIMIT 1",
    );
    expect(entry!.actor).toBe('planung@berlin.example');
    expect(entry!.detail.before).toMatchObject({ nameDe: 'Anstieg der Kinderarmut' });
    expect(entry!.detail.after).toMatchObject({ nameDe: 'Kinderarmut: starker Anstieg' });
  });

  it('skips inactive rules in detection and runs them again once switched on', async () => {
    const created = await api({
      method: 'POST',
      url: '/api/alert-rules',
      payload: {
        ...RULE,
        id: 'kinderarmut-beide',
        params: { indicatorIds: ['child_poverty'], direction: 'both' },
      },
    });
    expect(created.statusCode).toBe(201);
    for (const id of [
      'kinderarmut-anstieg',
      'klassenwechsel',
      'dynamik-negativ',
      'kinderarmut-beide',
    ]) {
      const off = await api({
        method: 'PATCH',
        url: `/api/alert-rules/${id}`,
        payload: { active: false },
      });
      expect(off.statusCode).toBe(200);
      expect(off.json().active).toBe(false);
    }
    const idle = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    expect(idle).toMatchObject({ raised: 0, existing: 0, rules: [] });

    await api({
      method: 'PATCH',
      url: '/api/alert-rules/kinderarmut-beide',
      payload: { active: true },
    });
    const run = (await api({ method: 'POST', url: '/api/alerts/detect', payload: {} })).json();
    expect(run.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual(['kinderarmut-beide']);
    expect(run.raised).toBe(1); // BIG again, now under the new rule
  });
});
