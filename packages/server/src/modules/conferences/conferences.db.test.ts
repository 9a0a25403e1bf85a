// Sozialraumkonferenzen over HTTP on a real database (issue 14 § 1): an organiser of the
// Sozialplanung sets up a Sozialraumkonferenz for Mitte, an alert and a much-supported report in a
// Planungsraum of Mitte become proposed agenda items with their evidence, the organiser accepts,
// orders, merges and adds her own item, records minutes and a decision with a task; approval turns
// the rest into "nicht behandelt" and publishes the minutes without private persons' names.
// Authorisation: organiser vs another department vs member vs the public (drafts are internal).
import ICAL from 'ical.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConferenceMeetingDetail } from '@sozialraum/contracts/conferences';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders, type TestUser } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let organiser: ReturnType<typeof injectAs>;
let otherDept: ReturnType<typeof injectAs>;
let member: ReturnType<typeof injectAs>;
let outsider: ReturnType<typeof injectAs>;
let memberUser: TestUser;
let bodyId: number;
let meetingId: number;
let alertId: number;
let reportId: number;

const publicCall = (opts: { method?: 'GET'; url: string }) =>
  app.inject({ method: opts.method ?? 'GET', url: opts.url });
const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);

const ok = <T = ConferenceMeetingDetail>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), {
    validateResponses: true,
    logger: { level: 'error' },
    warmCaches: false,
  });
  await app.ready();
  const as = async (roles: string[], departmentId: string | null) => {
    const user = await createTestUser(db, { roles, departmentId });
    return { user, api: injectAs(app, await tokenHeaders(db, user)) };
  };
  organiser = (await as(['department_planner'], 'sozialplanung')).api;
  otherDept = (await as(['department_planner'], 'gesundheit')).api;
  const m = await as(['viewer'], null);
  member = m.api;
  memberUser = m.user;
  outsider = (await as(['viewer'], null)).api;
  // an alert in a Planungsraum of Mitte, raised by a public indicator's rule
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
  const [report] = await db.query<{ id: number }>(
    `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, area_id, support_count, delete_token_hash)
     VALUES ('berlin', 'idea', 'children_youth', 'Mehr Bänke am Spielplatz Stülerstraße', 13.05, 52.05, $1, 14, 'x') RETURNING id`,
    [fx.areaId['01100101']],
  );
  reportId = report!.id;
  // a local assessment „schlechter“ while the unemployed share moved within the noise (4/50 → 5/50)
  await db.query(
    `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator)
     VALUES ('berlin', 'share_unemployed', $1, '2022-12-31', 8, 4, 50)`,
    [fx.areaId['01100101']],
  );
  await db.query(
    `INSERT INTO assessment (tenant_id, area_id, dimension, observed_date, trend, urgency, body, organisation_id, author_name)
     VALUES ('berlin', $1, 'work', '2024-03-01', 'worse', 2, 'Mehr Jugendliche ohne Ausbildung', 'sozialplanung', 'QM')`,
    [fx.areaId['01100101']],
  );
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('bodies and members', () => {
  it('lets an organiser create a body for her department; areas of another tenant or unknown are 400', async () => {
    const bad = await organiser({
      method: 'POST',
      url: '/api/conferences/bodies',
      payload: { kind: 'sozialraumkonferenz', name: 'X', areaIds: [999999] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Gebiete 999999/);
    const body = ok<{ id: number; organiserDepartmentId: string; canOrganise: boolean }>(
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
    expect(body.organiserDepartmentId).toBe('sozialplanung');
    expect(body.canOrganise).toBe(true);
    bodyId = body.id;
  });

  it('refuses a body for another department, and members for a body of another department', async () => {
    const res = await organiser({
      method: 'POST',
      url: '/api/conferences/bodies',
      payload: { kind: 'ag78', name: 'AG 78', organiserDepartmentId: 'gesundheit' },
    });
    expect(res.statusCode).toBe(403);
    const add = await otherDept({
      method: 'POST',
      url: `/api/conferences/bodies/${bodyId}/members`,
      payload: { userId: memberUser.id, validFrom: '2025-01-01' },
    });
    expect(add.statusCode).toBe(403);
    expect(add.json().error.message).toMatch(/conferences.organise_all/);
  });

  it('adds a person as member; an unknown person is 400; the public sees the body', async () => {
    const unknown = await organiser({
      method: 'POST',
      url: `/api/conferences/bodies/${bodyId}/members`,
      payload: { userId: 999999, validFrom: '2025-01-01' },
    });
    expect(unknown.statusCode).toBe(400);
    const both = await organiser({
      method: 'POST',
      url: `/api/conferences/bodies/${bodyId}/members`,
      payload: { userId: memberUser.id, organisationId: 'x', validFrom: '2025-01-01' },
    });
    expect(both.statusCode).toBe(400);
    const detail = ok<{ members: { name: string; role: string }[] }>(
      await organiser({
        method: 'POST',
        url: `/api/conferences/bodies/${bodyId}/members`,
        payload: { userId: memberUser.id, role: 'chair', validFrom: '2025-01-01' },
      }),
    );
    expect(detail.members).toHaveLength(1);
    const pub = ok<{ name: string; isMember: boolean }>(
      await publicCall({ url: `/api/conferences/bodies/${bodyId}` }),
    );
    expect(pub.name).toBe('Sozialraumkonferenz Mitte');
    expect(pub.isMember).toBe(false);
  });
});

describe('finding people and organisations to add', () => {
  it('finds them by a part of the name, for organisers only; % and _ are plain characters', async () => {
    await db.query(
      `UPDATE app_user SET display_name = 'Marta Kühn-Ilić' WHERE tenant_id = 'berlin' AND id = $1`,
      [memberUser.id],
    );
    await db.query(
      `INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key)
       VALUES ('berlin', 'org-kuehn', 'Kühne Nachbarschaftshilfe e. V.', 'frei_gemeinnuetzig', 'kuehne')`,
    );
    const found = ok<{ people: { id: number; name: string }[]; organisations: { id: string }[] }>(
      await organiser({ method: 'GET', url: '/api/conferences/member-candidates?q=k%C3%BChn' }),
    );
    expect(found.people.map((p) => p.id)).toEqual([memberUser.id]);
    expect(found.people[0]!.name).toBe('Marta Kühn-Ilić');
    expect(found.organisations.map((o) => o.id)).toEqual(['org-kuehn']);
    const wildcard = ok<{ people: unknown[]; organisations: unknown[] }>(
      await organiser({ method: 'GET', url: '/api/conferences/member-candidates?q=%25%25' }),
    );
    expect(wildcard).toEqual({ people: [], organisations: [] });
    expect(
      (await member({ method: 'GET', url: '/api/conferences/member-candidates?q=k%C3%BChn' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await organiser({ method: 'GET', url: '/api/conferences/member-candidates?q=k' }))
        .statusCode,
    ).toBe(400);
  });
});

describe('meetings and the agenda builder', () => {
  it('plans meetings in Berlin time across the DST switch', async () => {
    const first = ok<{ id: number; start: string }>(
      await organiser({
        method: 'POST',
        url: `/api/conferences/bodies/${bodyId}/meetings`,
        payload: {
          title: '1. Sitzung',
          start: '2026-03-26T18:00',
          end: '2026-03-26T20:00',
          place: 'Rathaus Tiergarten',
        },
      }),
      201,
    );
    expect(first.start).toBe('2026-03-26T17:00:00.000Z');
    const bad = await organiser({
      method: 'POST',
      url: `/api/conferences/bodies/${bodyId}/meetings`,
      payload: { title: 'x', start: '2026-03-30T18:00', end: '2026-03-30T17:00' },
    });
    expect(bad.statusCode).toBe(400);
    const second = ok<{ id: number; start: string }>(
      await organiser({
        method: 'POST',
        url: `/api/conferences/bodies/${bodyId}/meetings`,
        payload: {
          title: '2. Sitzung',
          start: '2026-03-30T18:00',
          end: '2026-03-30T20:00',
          onlineUrl: 'https://meet.example.org/mitte',
        },
      }),
      201,
    );
    meetingId = second.id;
  });

  it('proposes the alert and the report of a Planungsraum in Mitte with their evidence, once', async () => {
    const m = ok(
      await organiser({ method: 'POST', url: `/api/conferences/meetings/${meetingId}/proposals` }),
    );
    const alert = m.agenda.find((i) => i.source?.kind === 'alert');
    expect(alert).toMatchObject({
      status: 'proposed',
      source: { id: String(alertId) },
      reason: 'Frühwarnung',
    });
    expect(alert!.title).toContain('Stülerstraße');
    expect(alert!.evidence!.numbers[0]!.value).toBe(2.7);
    expect(alert!.evidence!.href).toMatch(/area=/);
    // a small static map of the area and its neighbours, no tiles (ADR 0040)
    const svg = alert!.evidence!.snippet!;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Lage: Stülerstraße und Nachbargebiete</title>');
    expect(svg).toContain('fill="#d5dbe3"'); // the neighbour Großer Tiergarten is drawn
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const report = m.agenda.find((i) => i.source?.kind === 'report');
    expect(report!.source!.id).toBe(String(reportId));
    expect(report!.evidence!.numbers[0]).toMatchObject({ label: 'Unterstützungen', value: 14 });
    const assessment = m.agenda.find((i) => i.source?.kind === 'assessment_disagrees');
    expect(assessment).toMatchObject({ reason: 'Lokale Einschätzung weicht ab' });
    expect(assessment!.title).toBe('Stülerstraße: Kennzahlen stabil, Einschätzung: verschlechtert');
    expect(assessment!.evidence!.numbers[0]).toMatchObject({ value: 2 });
    const again = ok(
      await organiser({ method: 'POST', url: `/api/conferences/meetings/${meetingId}/proposals` }),
    );
    expect(again.agenda).toHaveLength(m.agenda.length);
  });

  it('hides proposals and evidence from the public and from non-members, shows them to members', async () => {
    const pub = ok(await publicCall({ url: `/api/conferences/meetings/${meetingId}` }));
    expect(pub.internal).toBe(false);
    expect(pub.agenda).toHaveLength(0);
    const out = ok(
      await outsider({ method: 'GET', url: `/api/conferences/meetings/${meetingId}` }),
    );
    expect(out.agenda).toHaveLength(0);
    const mem = ok(await member({ method: 'GET', url: `/api/conferences/meetings/${meetingId}` }));
    expect(mem.internal).toBe(true);
    expect(mem.agenda.length).toBeGreaterThanOrEqual(2);
    expect(mem.canOrganise).toBe(false);
    const write = await member({
      method: 'POST',
      url: `/api/conferences/meetings/${meetingId}/proposals`,
    });
    expect(write.statusCode).toBe(403);
  });

  it('accepts, adds, orders and merges items; order must name exactly the accepted items', async () => {
    let m = ok(await organiser({ method: 'GET', url: `/api/conferences/meetings/${meetingId}` }));
    const alert = m.agenda.find((i) => i.source?.kind === 'alert')!;
    m = ok(
      await organiser({
        method: 'PATCH',
        url: `/api/conferences/agenda-items/${alert.id}`,
        payload: { status: 'accepted' },
      }),
    );
    m = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/meetings/${meetingId}/agenda-items`,
        payload: { title: 'Verschiedenes' },
      }),
    );
    m = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/meetings/${meetingId}/agenda-items`,
        payload: { title: 'Arbeitsmarkt' },
      }),
    );
    const own = m.agenda.filter((i) => i.source === null);
    const bad = await organiser({
      method: 'PUT',
      url: `/api/conferences/meetings/${meetingId}/agenda-order`,
      payload: { itemIds: [own[0]!.id] },
    });
    expect(bad.statusCode).toBe(400);
    m = ok(
      await organiser({
        method: 'PUT',
        url: `/api/conferences/meetings/${meetingId}/agenda-order`,
        payload: { itemIds: [own[1]!.id, alert.id, own[0]!.id] },
      }),
    );
    expect(m.agenda.filter((i) => i.status === 'accepted').map((i) => i.title)).toEqual([
      'Arbeitsmarkt',
      alert.title,
      'Verschiedenes',
    ]);
    m = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/agenda-items/${own[1]!.id}/merge`,
        payload: { intoId: alert.id },
      }),
    );
    const merged = m.agenda.find((i) => i.id === own[1]!.id)!;
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: alert.id });
    expect(m.agenda.find((i) => i.id === alert.id)!.description).toContain(
      'Zusammengeführt: Arbeitsmarkt',
    );
    const foreign = await organiser({
      method: 'POST',
      url: `/api/conferences/agenda-items/${alert.id}/merge`,
      payload: { intoId: 999999 },
    });
    expect(foreign.statusCode).toBe(400);
  });

  it('turns a task of a body without areas into a city-wide measure that traces back', async () => {
    const body = ok<{ id: number }>(
      await organiser({
        method: 'POST',
        url: '/api/conferences/bodies',
        payload: { kind: 'planungskonferenz', name: 'Planungskonferenz ohne Gebiete' },
      }),
      201,
    );
    const meeting = ok<{ id: number }>(
      await organiser({
        method: 'POST',
        url: `/api/conferences/bodies/${body.id}/meetings`,
        payload: { title: 'Sitzung', start: '2030-05-06T10:00', end: '2030-05-06T12:00' },
      }),
      201,
    );
    const added = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/meetings/${meeting.id}/agenda-items`,
        payload: { title: 'Familienzentren' },
      }),
    );
    const itemId = added.agenda[0]!.id;
    const m = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/agenda-items/${itemId}/decisions`,
        payload: { text: 'Ein Familienzentrum mehr', task: { title: 'Standort suchen' } },
      }),
    );
    const d = m.agenda[0]!.decisions[0]!;
    expect(d.task!.measureId).toMatch(/^\d+$/);
    const measure = ok<{
      citywide: boolean;
      areas: unknown[];
      origin: { kind: string; href: string | null } | null;
    }>(await organiser({ method: 'GET', url: `/api/measures/${d.task!.measureId}` }));
    expect(measure.citywide).toBe(true);
    expect(measure.areas).toEqual([]);
    expect(measure.origin).toMatchObject({
      kind: 'decision',
      href: `/konferenzen/sitzungen/${meeting.id}`,
    });
    expect(d.task!.measureDeletedAt).toBeNull();

    // the measure deleted: the decision says when (from the audit) instead of a dead link
    ok(await organiser({ method: 'DELETE', url: `/api/measures/${d.task!.measureId}` }));
    const after = ok(
      await organiser({ method: 'GET', url: `/api/conferences/meetings/${meeting.id}` }),
    );
    const task = after.agenda[0]!.decisions[0]!.task!;
    expect(task.measureId).toBe(d.task!.measureId);
    expect(Date.parse(task.measureDeletedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records minutes and a decision with a task; an unknown department in the task is 400', async () => {
    let m = ok(await organiser({ method: 'GET', url: `/api/conferences/meetings/${meetingId}` }));
    const alert = m.agenda.find((i) => i.source?.kind === 'alert')!;
    m = ok(
      await organiser({
        method: 'PUT',
        url: `/api/conferences/agenda-items/${alert.id}/minutes`,
        payload: {
          notes:
            'Anna Weber (Anwohnerin) berichtet von Kündigungen. Frau Weber bittet um Beratung. Herr Schulz (Jobcenter) sagt Sprechstunden zu.',
          speakers: [
            { name: 'Anna Weber', private: true },
            { name: 'Herr Schulz', private: false },
          ],
        },
      }),
    );
    const bad = await organiser({
      method: 'POST',
      url: `/api/conferences/agenda-items/${alert.id}/decisions`,
      payload: { text: 'x', task: { title: 'y', departmentId: 'gibt-es-nicht' } },
    });
    expect(bad.statusCode).toBe(400);
    m = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/agenda-items/${alert.id}/decisions`,
        payload: {
          text: 'Das Jobcenter bietet monatlich eine Sprechstunde im Stadtteilzentrum an.',
          vote: { yes: 9, no: 1, abstain: 2 },
          task: {
            title: 'Sprechstunde Jobcenter einrichten',
            departmentId: 'sozialplanung',
            dueDate: '2030-06-30',
          },
        },
      }),
    );
    const d = m.agenda.find((i) => i.id === alert.id)!.decisions[0]!;
    expect(d.vote).toEqual({ yes: 9, no: 1, abstain: 2 });
    expect(d.task).toMatchObject({
      title: 'Sprechstunde Jobcenter einrichten',
      dueDate: '2030-06-30',
    });
    // the task became a measure in the body's areas that says where it came from (trace both ways)
    expect(d.task!.measureId).toMatch(/^\d+$/);
    const measure = ok<{
      origin: { kind: string; href: string | null } | null;
      end: string | null;
      areas: { id: number }[];
      departmentId: string | null;
    }>(await organiser({ method: 'GET', url: `/api/measures/${d.task!.measureId}` }));
    expect(measure.origin).toMatchObject({
      kind: 'decision',
      href: `/konferenzen/sitzungen/${meetingId}`,
    });
    expect(measure).toMatchObject({ end: '2030-06-30', departmentId: 'sozialplanung' });
    expect(measure.areas.length).toBeGreaterThan(0);
    // drafts are internal
    const pub = ok(await publicCall({ url: `/api/conferences/meetings/${meetingId}` }));
    expect(pub.agenda.find((i) => i.id === alert.id)!.minutes).toBeNull();
    expect(pub.agenda.find((i) => i.id === alert.id)!.decisions).toEqual([]);
    expect(JSON.stringify(pub)).not.toContain('Weber');
  });

  it('approval marks open proposals "nicht behandelt" and publishes minutes without private names', async () => {
    const m = ok(
      await organiser({
        method: 'POST',
        url: `/api/conferences/meetings/${meetingId}/minutes-approval`,
      }),
    );
    expect(m.minutesApproved).toBe(true);
    const report = m.agenda.find((i) => i.source?.kind === 'report')!;
    expect(report.status).toBe('not_treated');
    const pub = ok(await publicCall({ url: `/api/conferences/meetings/${meetingId}` }));
    const item = pub.agenda.find((i) => i.source?.kind === 'alert')!;
    expect(item.minutes!.notes).toContain('[Name entfernt] (Anwohnerin)');
    expect(item.minutes!.notes).toContain('Herr Schulz (Jobcenter)');
    expect(item.minutes!.speakers).toEqual([{ name: 'Herr Schulz', private: false }]);
    expect(item.decisions).toHaveLength(1);
    expect(item.evidence).toBeNull();
    expect(JSON.stringify(pub)).not.toContain('Weber');
    expect(
      (
        await organiser({
          method: 'POST',
          url: `/api/conferences/meetings/${meetingId}/minutes-approval`,
        })
      ).statusCode,
    ).toBe(409);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'conferences.%' ORDER BY seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'conferences.body_create',
        'conferences.agenda_build',
        'conferences.decision_add',
        'conferences.minutes_approve',
      ]),
    );
  });
});

describe('registrations and calendars', () => {
  it('lets members register, refuses non-members', async () => {
    const m = ok(
      await member({ method: 'POST', url: `/api/conferences/meetings/${meetingId}/registration` }),
    );
    expect(m.registered).toBe(true);
    expect(
      (
        await outsider({
          method: 'POST',
          url: `/api/conferences/meetings/${meetingId}/registration`,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets the organiser record attendance (audited), refuses members and unknown people', async () => {
    const put = (call: typeof organiser, attended: number[]) =>
      call({
        method: 'PUT',
        url: `/api/conferences/meetings/${meetingId}/attendance`,
        payload: { attended },
      });
    const before = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const m = ok(await put(organiser, [memberUser.id]));
    expect(m.registrations.find((r) => r.userId === memberUser.id)).toMatchObject({
      attended: true,
    });
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(before + 1);
    expect((await put(member, [memberUser.id])).statusCode).toBe(403);
    expect((await put(organiser, [999_999])).statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(before + 1);
  });

  it('serves the body calendar and the personal feed, parsed back by ical.js at 18:00 Berlin time', async () => {
    const res = await publicCall({ url: `/api/conferences/bodies/${bodyId}/calendar.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const comp = new ICAL.Component(ICAL.parse(res.body));
    ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!));
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.hour)).toEqual([18, 18]);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-26T17:00:00.000Z');
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2026-03-30T16:00:00.000Z');
    const { url } = ok<{ url: string }>(
      await member({ method: 'POST', url: '/api/conferences/calendar-token' }),
    );
    const token = new URL(url).searchParams.get('token')!;
    const feed = await publicCall({ url: `/api/conferences/calendar.ics?token=${token}` });
    expect(feed.statusCode).toBe(200);
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    const none = await publicCall({ url: `/api/conferences/calendar.ics?token=${'x'.repeat(32)}` });
    expect(none.statusCode).toBe(401);
    const outsiderFeed = await outsider({ method: 'GET', url: '/api/conferences/calendar.ics' });
    expect(outsiderFeed.body).not.toContain('BEGIN:VEVENT');
  });
});
