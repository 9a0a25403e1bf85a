// Trace both ways over HTTP on a real database (issue 14 § 2): an alert in a Planungsraum of Mitte
// is proposed to two meetings of the Sozialraumkonferenz — „nicht behandelt“ in the first, accepted
// in the second, where a decision's task becomes a measure with an indicator goal; a second measure
// is made straight from the alert, a third without any meeting. From each record kind the answer
// names where it came from and what became of it; what a reader may not see keeps its kind and id
// but never its title: the public sees no alert, no proposal, no decision before the minutes are
// approved, no internal measure — and a viewer who is not a member sees that a proposal exists.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConferenceMeetingDetail } from '@sozialraum/contracts/conferences';
import type { AlertOutcomeList, Trace } from '@sozialraum/contracts/trace';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let organiser: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let alertId: number;
let firstItem: number;
let secondItem: number;
let meetingB: number;
let decisionId: number;
let decidedMeasure: string;
let alertMeasure: string;
let plainMeasure: string;

const anonymous = (url: string) => app.inject({ method: 'GET', url });
const ok = <T = Trace>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};

async function meeting(bodyId: number, title: string, day: string): Promise<number> {
  const m = ok<{ id: number }>(
    await organiser({
      method: 'POST',
      url: `/api/conferences/bodies/${bodyId}/meetings`,
      payload: { title, start: `${day}T18:00`, end: `${day}T20:00`, place: 'Rathaus Mitte' },
    }),
    201,
  );
  return m.id;
}

async function alertItemOf(meetingId: number): Promise<number> {
  const built = ok<ConferenceMeetingDetail>(
    await organiser({ method: 'POST', url: `/api/conferences/meetings/${meetingId}/proposals` }),
  );
  const item = built.agenda.find(
    (i) => i.source?.kind === 'alert' && i.source.id === String(alertId),
  );
  expect(item, 'the alert proposed').toBeDefined();
  return item!.id;
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), {
    validateResponses: true,
    logger: { level: 'error' },
    warmCaches: false,
  });
  await app.ready();
  const as = async (roles: string[], departmentId: string | null) =>
    injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));
  organiser = await as(['department_planner'], 'sozialplanung');
  viewer = await as(['viewer'], null);
  await db.exec(`
    INSERT INTO alert_rule (tenant_id, id, name_de, department, kind, params) VALUES
      ('berlin', 'arbeitslose-anstieg', 'Anstieg Arbeitslose', 'sozialplanung', 'indicator_change',
       '{"indicatorIds": ["share_unemployed"], "sdThreshold": 2}');
  `);
  const [alert] = await db.query<{ id: number }>(
    `INSERT INTO alert (tenant_id, rule_id, area_id, indicator_id, ref_date, previous_date, kind, severity, explanation_de)
     VALUES ('berlin', 'arbeitslose-anstieg', $1, 'share_unemployed', '2025-12-31', '2024-12-31', 'indicator_change', 2.7,
             'Der Anteil Arbeitsloser stieg von 7,5 % auf 9,8 %.') RETURNING id`,
    [fx.areaId['01100101']],
  );
  alertId = alert!.id;
  const body = ok<{ id: number }>(
    await organiser({
      method: 'POST',
      url: '/api/conferences/bodies',
      payload: {
        kind: 'sozialraumkonferenz',
        name: 'Sozialraumkonferenz Mitte',
        areaIds: [fx.areaId['01']],
      },
    }),
    201,
  );
  // the first meeting: proposed, approved without treating it → „nicht behandelt“
  const meetingA = await meeting(body.id, 'Frühjahrssitzung', '2026-03-10');
  firstItem = await alertItemOf(meetingA);
  ok(
    await organiser({
      method: 'POST',
      url: `/api/conferences/meetings/${meetingA}/minutes-approval`,
    }),
  );
  // the second: accepted, a decision whose task becomes a measure
  meetingB = await meeting(body.id, 'Herbstsitzung', '2026-09-15');
  secondItem = await alertItemOf(meetingB);
  ok(
    await organiser({
      method: 'PATCH',
      url: `/api/conferences/agenda-items/${secondItem}`,
      payload: { status: 'accepted' },
    }),
  );
  const decided = ok<ConferenceMeetingDetail>(
    await organiser({
      method: 'POST',
      url: `/api/conferences/agenda-items/${secondItem}/decisions`,
      payload: {
        text: 'Die Konferenz beauftragt eine Jobwerkstatt am Stülerplatz.',
        task: { title: 'Jobwerkstatt Stülerplatz', dueDate: '2027-06-30' },
      },
    }),
  );
  const d = decided.agenda.find((i) => i.id === secondItem)!.decisions[0]!;
  decisionId = d.id;
  decidedMeasure = d.task!.measureId!;
  // the measure's goal on the alert's indicator
  await db.query(
    `INSERT INTO measure_goal (tenant_id, measure_id, position, indicator_id, area_id, baseline_value,
       baseline_date, target_value, target_date)
     VALUES ('berlin', $1, 0, 'share_unemployed', $2, 9.8, '2025-12-31', 8, '2028-12-31')`,
    [Number(decidedMeasure), fx.areaId['01100101']],
  );
  // straight from the alert (public), and one without a meeting (public)
  const fromAlert = ok<{ id: string }>(
    await organiser({
      method: 'POST',
      url: '/api/measures',
      payload: {
        title: 'Beratung im Stadtteilzentrum',
        visibility: 'public',
        departmentId: 'sozialplanung',
        areaIds: [fx.areaId['01100101']],
        alertId: String(alertId),
      },
    }),
    201,
  );
  alertMeasure = fromAlert.id;
  const plain = ok<{ id: string }>(
    await organiser({
      method: 'POST',
      url: '/api/measures',
      payload: {
        title: 'Sommerferienprogramm',
        visibility: 'public',
        departmentId: 'sozialplanung',
        areaIds: [fx.areaId['01']],
      },
    }),
    201,
  );
  plainMeasure = plain.id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('what became of an alert', () => {
  it('names both meetings with date and status, the decision, its measure and goal, and the measure made from it', async () => {
    const t = ok(await organiser({ url: `/api/trace/alerts/${alertId}` }));
    expect(t.subject).toMatchObject({ kind: 'alert', id: String(alertId) });
    expect(t.subject.label).toMatch(/: Arbeitslose|: Anteil|Arbeitslos/);
    expect(t.subject.href).toBe(`/hinweise#hinweis-${alertId}`);
    expect(t.outcome.agendaItems.map((i) => [i.id, i.status, i.meeting?.title])).toEqual([
      [String(firstItem), 'not_treated', 'Frühjahrssitzung'],
      [String(secondItem), 'accepted', 'Herbstsitzung'],
    ]);
    const [, accepted] = t.outcome.agendaItems;
    expect(accepted!.href).toBe(`/konferenzen/sitzungen/${meetingB}#top-${secondItem}`);
    expect(accepted!.meeting!.start).toBe('2026-09-15T16:00:00.000Z');
    const decision = accepted!.decisions[0]!;
    expect(decision).toMatchObject({
      id: String(decisionId),
      label: 'Die Konferenz beauftragt eine Jobwerkstatt am Stülerplatz.',
      href: `/konferenzen/sitzungen/${meetingB}#beschluss-${decisionId}`,
    });
    expect(decision.measures).toHaveLength(1);
    expect(decision.measures[0]).toMatchObject({
      id: decidedMeasure,
      label: 'Jobwerkstatt Stülerplatz',
      href: `/massnahmen/${decidedMeasure}`,
    });
    expect(decision.measures[0]!.goals).toEqual([
      expect.objectContaining({
        indicatorId: 'share_unemployed',
        target: { date: '2028-12-31', value: 8 },
      }),
    ]);
    expect(t.outcome.measures.map((m) => [m.id, m.label])).toEqual([
      [alertMeasure, 'Beratung im Stadtteilzentrum'],
    ]);
  });

  it('lists the outcomes of every alert that became something, for the feed', async () => {
    const list = ok<AlertOutcomeList>(await organiser({ url: '/api/trace/alerts' }));
    expect(list.map((o) => o.alertId)).toEqual([alertId]);
    expect(list[0]!.agendaItems).toHaveLength(2);
    expect(list[0]!.measures.map((m) => m.id)).toEqual([alertMeasure]);
  });

  it('shows a viewer who is no member that a proposal exists, without its title', async () => {
    const t = ok(await viewer({ url: `/api/trace/alerts/${alertId}` }));
    const [notTreated, accepted] = t.outcome.agendaItems;
    expect(notTreated).toMatchObject({ status: 'not_treated', label: null, href: null });
    expect(notTreated!.meeting!.title).toBe('Frühjahrssitzung');
    expect(accepted!.label).not.toBeNull();
    // the minutes of the second meeting are not approved: its decision is not public yet
    expect(accepted!.decisions).toEqual([]);
  });

  it('is not for the public, and an unknown alert is 404', async () => {
    expect((await anonymous(`/api/trace/alerts/${alertId}`)).statusCode).toBe(401);
    expect((await organiser({ url: '/api/trace/alerts/999999' })).statusCode).toBe(404);
  });
});

describe('where a measure, a decision and an agenda item came from', () => {
  it('walks from the decided measure up to the alert, and names its goal', async () => {
    const t = ok(await organiser({ url: `/api/trace/measures/${decidedMeasure}` }));
    expect(t.withoutMeeting).toBe(false);
    expect(t.origin.map((s) => [s.kind, s.id])).toEqual([
      ['decision', String(decisionId)],
      ['agenda_item', String(secondItem)],
      ['alert', String(alertId)],
    ]);
    expect(t.origin[1]!.meeting).toMatchObject({ id: meetingB, title: 'Herbstsitzung' });
    expect(t.origin.every((s) => s.label && s.href)).toBe(true);
    expect(t.outcome.goals.map((g) => g.indicatorId)).toEqual(['share_unemployed']);
  });

  it('says so for a measure made without a meeting, and names the alert of one made from it', async () => {
    const plain = ok(await anonymous(`/api/trace/measures/${plainMeasure}`));
    expect(plain).toMatchObject({ origin: [], withoutMeeting: true });
    const fromAlert = ok(await organiser({ url: `/api/trace/measures/${alertMeasure}` }));
    expect(fromAlert.origin.map((s) => [s.kind, s.id])).toEqual([['alert', String(alertId)]]);
  });

  it('names the decision’s item, alert and measure; the item’s alert and decisions', async () => {
    const d = ok(await organiser({ url: `/api/trace/decisions/${decisionId}` }));
    expect(d.origin.map((s) => s.kind)).toEqual(['agenda_item', 'alert']);
    expect(d.outcome.measures.map((m) => m.id)).toEqual([decidedMeasure]);
    const i = ok(await organiser({ url: `/api/trace/agenda-items/${secondItem}` }));
    expect(i.origin.map((s) => [s.kind, s.id])).toEqual([['alert', String(alertId)]]);
    expect(i.outcome.decisions.map((x) => x.measures[0]!.id)).toEqual([decidedMeasure]);
  });
});

describe('what the public sees of the trace', () => {
  it('an accepted item with its alert unnamed; no proposal, no decision before approval, no internal measure', async () => {
    const i = ok(await anonymous(`/api/trace/agenda-items/${secondItem}`));
    expect(i.subject.label).not.toBeNull();
    expect(i.origin).toEqual([expect.objectContaining({ kind: 'alert', label: null, href: null })]);
    expect(i.outcome.decisions).toEqual([]);
    expect((await anonymous(`/api/trace/agenda-items/${firstItem}`)).statusCode).toBe(404);
    expect((await anonymous(`/api/trace/decisions/${decisionId}`)).statusCode).toBe(404);
    // the decided measure is internal (the task's default)
    expect((await anonymous(`/api/trace/measures/${decidedMeasure}`)).statusCode).toBe(404);
  });

  it('after approval: the decision, its internal measure kept without title', async () => {
    ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/meetings/${meetingB}/minutes-approval`,
      }),
    );
    const d = ok(await anonymous(`/api/trace/decisions/${decisionId}`));
    expect(d.subject.label).toBe('Die Konferenz beauftragt eine Jobwerkstatt am Stülerplatz.');
    expect(d.origin[1]).toMatchObject({ kind: 'alert', label: null, href: null });
    expect(d.outcome.measures).toEqual([
      expect.objectContaining({ id: decidedMeasure, label: null, href: null, goals: [] }),
    ]);
  });

  it('a public measure made from an alert names neither the alert nor a link into the feed', async () => {
    const t = ok(await anonymous(`/api/trace/measures/${alertMeasure}`));
    expect(t.origin).toEqual([expect.objectContaining({ kind: 'alert', label: null, href: null })]);
    const detail = ok<{ origin: { kind: string; label: string; href: string | null } }>(
      await anonymous(`/api/measures/${alertMeasure}`),
    );
    expect(detail.origin).toMatchObject({ kind: 'alert', label: 'verwaltungsintern', href: null });
    expect(detail.origin.label).not.toMatch(/Arbeitslos/);
  });
});
