// The audit log (issue 3): every changing route the server registers leaves exactly one entry when
// it succeeds (actor, permission, entity), a refused change leaves none, and the hash chain finds
// changed, deleted and smuggled-in entries — also through `sozialraum audit verify`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDb, type Db } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { createTestUser, TEST_PASSWORD, tokenHeaders, type TestUser } from '../../testing/auth.ts';
import { FIXTURE_DIRECTORY, insertFixture, testContext } from '../../testing/fixtures.ts';
import { responseStatuses } from '../../http/openapi.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { runAuditCli } from '../access/cli.ts';
import { newSecret, sha256 } from '../access/index.ts';
import { ensureTenant } from '../ingest/index.ts';
import { solveChallenge } from '../participation/index.ts';
import { verifyAuditChain, writeAudit } from './chain.ts';

let db: Db;
let app: FastifyInstance;
let dataDir: string;
let admin: TestUser;
let adminAuth: { authorization: string };
let planner: TestUser;
let plannerAuth: { authorization: string };

let ip = 0;
const nextIp = () => `10.2.${(++ip >> 8) & 255}.${ip & 255}`;

interface AuditRow {
  id: number;
  actor: string;
  permission: string | null;
  action: string;
  entity: string;
  entity_id: string;
  user_id: number | null;
}

// Entries of requests only: a change may start a job that writes its own entries a moment later
// (the supply refresh after a directory write, actor system:supply.refresh, ADR 0044); those land
// in whichever request's window is open then, so they are not counted per request.
const count = async () =>
  Number(
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE actor NOT LIKE 'system:%'",
      )
    )[0]!.n,
  );
const newest = (n: number) =>
  db.query<AuditRow>(
    `SELECT id, actor, permission, action, entity, entity_id, user_id FROM audit_log
      WHERE actor NOT LIKE 'system:%' ORDER BY id DESC LIMIT $1`,
    [n],
  );

function multipart(name: string, content: Buffer) {
  const boundary = '----sozialraum' + Math.random().toString(16).slice(2);
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const CSV = Buffer.from(
  'PLR;Stichtag;Einwohner\r\n01100101;31.12.2025;1.234\r\n01100102;31.12.2025;567\r\n02100101;31.12.2025;89\r\n02100102;31.12.2025;10\r\n',
  'latin1',
);
const MAPPING = {
  layout: 'wide',
  areaColumn: 'PLR',
  areaKey: 'code',
  date: { column: 'Stichtag' },
  indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
};

function analyzeRequest(headers: Record<string, string>): InjectOptions {
  const body = multipart('einwohner.csv', CSV);
  return {
    method: 'POST',
    url: '/api/imports/analyze',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  };
}

async function pointAnalyzeRequest(headers: Record<string, string>): Promise<InjectOptions> {
  const file = await readFile(
    path.join(import.meta.dirname, '..', 'points', 'fixtures', 'kitas.geojson'),
  );
  const body = multipart('kitas.geojson', file);
  return {
    method: 'POST',
    url: '/api/point-imports/analyze',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  };
}

async function upload(headers: Record<string, string>): Promise<string> {
  const res = await app.inject(analyzeRequest(headers));
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json<{ uploadId: string }>().uploadId;
}

function indexDefinition(id: string) {
  return {
    id,
    label: `Testindex ${id}`,
    status: {
      label: 'Status-Index',
      inputs: [
        { indicatorId: 'share_unemployed', label: 'Arbeitslose', direction: 'higher_is_worse' },
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
  };
}

let areaNo = 0;
/** A new Planungsraum without values, for the lifecycle routes (retire, remove). */
async function freshArea(): Promise<number> {
  const code = `9900${String(++areaNo).padStart(4, '0')}`;
  const [a] = await db.query<{ id: number }>(
    `INSERT INTO area (tenant_id, system_id, level_id, code, name)
     VALUES ('berlin', 'lor2021', 'plr', $1, $2) RETURNING id`,
    [code, `Audit-Gebiet ${code}`],
  );
  return a!.id;
}

/** What one changing route should leave in the log when it succeeds. */
interface AuditCase {
  /** Builds the request (may prepare data first; preparation may write audit entries itself). */
  request: () => Promise<InjectOptions>;
  /** New entries on success: 1, or 0 with the reason. */
  entries: 1 | { count: 0; reason: string };
  action?: string;
  entity?: string;
  /** Who is named; default the administrator. */
  actor?: () => string;
  /** Permission recorded; default the route's permission. */
  permission?: string | null;
}

async function signInCookie(user: TestUser, password = TEST_PASSWORD) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password },
    remoteAddress: nextIp(),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
}

let lastUser: TestUser;
const freshUser = async () => (lastUser = await createTestUser(db, { roles: ['viewer'] }));

/** A participation report inserted directly; its deletion and e-mail codes are given. */
async function participationReport(codes: { delete?: string; email?: string } = {}) {
  const [r] = await db.query<{ id: number }>(
    `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, email, email_token_hash, delete_token_hash)
     VALUES ('berlin', 'hint', 'housing', 'Hinweis für das Protokoll', 13.05, 52.05, $1, $2, $3) RETURNING id`,
    [
      codes.email ? 'autorin@example.org' : null,
      codes.email ? sha256(codes.email) : null,
      sha256(codes.delete ?? 'kein-loeschcode'),
    ],
  );
  return r!.id;
}

/** A comment on a directly inserted report, inserted directly. */
async function participationComment() {
  const [r] = await db.query<{ id: number }>(
    `INSERT INTO participation_comment (tenant_id, report_id, body) VALUES ('berlin', $1, 'Kommentar')
     RETURNING id`,
    [await participationReport()],
  );
  return r!.id;
}

const anonymousCase = (action: string, request: () => Promise<InjectOptions>): AuditCase => ({
  request: async () => ({ ...(await request()), remoteAddress: nextIp() }),
  entries: 1,
  action,
  entity: 'participation_report',
  actor: () => 'anonym',
});

/** A local assessment's body (assessments/): the administrator writes for every organisation. */
const assessmentBody = (areaId: number) => ({
  areaId,
  dimension: 'work',
  observedDate: '2024-01-01',
  trend: 'worse',
  urgency: 2,
  text: 'Protokollierte Einschätzung',
  organisationId: 'sozialplanung',
});

/** An area of the fixture tenant (measures name at least one). */
async function anyAreaId(): Promise<number> {
  const [a] = await db.query<{ id: number }>(
    `SELECT min(id)::int AS id FROM area WHERE tenant_id = 'berlin'`,
  );
  return a!.id;
}
/** A Sozialraumkonferenz of the Sozialplanung with the administrator as member, inserted directly. */
async function conferenceBody(): Promise<number> {
  const [b] = await db.query<{ id: number }>(
    `INSERT INTO conference_body (tenant_id, kind, name, organiser_department_id)
     VALUES ('berlin', 'sozialraumkonferenz', 'Audit-Konferenz', 'sozialplanung') RETURNING id`,
  );
  await db.query(
    `INSERT INTO conference_member (tenant_id, body_id, user_id, valid_from) VALUES ('berlin', $1, $2, '2020-01-01')`,
    [b!.id, admin.id],
  );
  // a Sozialraumkonferenz works for an area: a decision's task becomes a measure there
  await db.query(
    `INSERT INTO conference_body_area (tenant_id, body_id, area_id) VALUES ('berlin', $1, $2)`,
    [b!.id, await anyAreaId()],
  );
  return b!.id;
}
/** A meeting of a fresh body, inserted directly. */
async function conferenceMeeting(): Promise<number> {
  const [m] = await db.query<{ id: number }>(
    `INSERT INTO conference_meeting (tenant_id, body_id, title, starts_at, ends_at)
     VALUES ('berlin', $1, 'Audit-Sitzung', '2026-05-04T16:00Z', '2026-05-04T18:00Z') RETURNING id`,
    [await conferenceBody()],
  );
  return m!.id;
}
/** An accepted agenda item of a fresh meeting, inserted directly. */
async function conferenceItem(meetingId?: number): Promise<number> {
  const [i] = await db.query<{ id: number }>(
    `INSERT INTO conference_agenda_item (tenant_id, meeting_id, status, position, title)
     VALUES ('berlin', $1, 'accepted', 1, 'Audit-Punkt') RETURNING id`,
    [meetingId ?? (await conferenceMeeting())],
  );
  return i!.id;
}
const conferenceCase = (
  action: string,
  entity: string,
  request: () => Promise<Omit<InjectOptions, 'headers'>>,
): AuditCase => ({
  request: async () => ({ ...(await request()), headers: adminAuth }),
  entries: 1,
  action,
  entity,
});

/** A second organisation beside the fixture's, inserted directly (for network links). */
let networkOrgCount = 0;
async function networkOrganisation(): Promise<string> {
  const id = `eeeeeeee-0000-5000-8000-${String(++networkOrgCount).padStart(12, '0')}`;
  await db.query(
    `INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key)
     VALUES ('berlin', $1, $2, 'verein', $1)`,
    [id, `Netzwerk-Verein ${networkOrgCount}`],
  );
  return id;
}
/** A survey of the fixture tenant inserted directly (one scale question; closed ones answered 5 times). */
async function surveyRow(status: 'draft' | 'open' | 'closed'): Promise<number> {
  const [s] = await db.query<{ id: number }>(
    `INSERT INTO survey (tenant_id, title, status, area_id, definition)
     VALUES ('berlin', 'Audit-Befragung', $1, $2, $3::jsonb) RETURNING id`,
    [status, await anyAreaId(), JSON.stringify(SURVEY_DEFINITION)],
  );
  if (status === 'closed')
    for (let i = 0; i < 5; i++)
      await db.query(
        `INSERT INTO survey_response (tenant_id, survey_id, answers) VALUES ('berlin', $1, '{"q":3}')`,
        [s!.id],
      );
  return s!.id;
}
const SURVEY_DEFINITION = {
  questions: [{ id: 'q', type: 'scale', label: 'Wie zufrieden?', scale: { min: 1, max: 5 } }],
};
const surveyCase = (
  action: string,
  entity: string,
  request: () => Promise<Omit<InjectOptions, 'headers'>>,
): AuditCase => ({
  request: async () => ({ ...(await request()), headers: adminAuth }),
  entries: 1,
  action,
  entity,
});

/** A request for every changing route, keyed by operationId. */
const CASES: Record<string, AuditCase> = {
  answerSurvey: {
    ...anonymousCase('surveys.answer', async () => {
      const { challenge } = (await app.inject('/api/participation/challenge')).json<{
        challenge: string;
      }>();
      return {
        method: 'POST',
        url: `/api/surveys/${await surveyRow('open')}/responses`,
        payload: {
          token: 'audit-browser-token-0001',
          answers: { q: 4 },
          pow: { challenge, nonce: solveChallenge(challenge) },
        },
      };
    }),
    entity: 'survey',
  },
  createSurvey: surveyCase('surveys.create', 'survey', async () => ({
    method: 'POST',
    url: '/api/surveys',
    payload: { title: 'Neue Befragung', areaId: null, definition: SURVEY_DEFINITION },
  })),
  updateSurvey: surveyCase('surveys.update', 'survey', async () => ({
    method: 'PUT',
    url: `/api/surveys/${await surveyRow('draft')}`,
    payload: { title: 'Geänderte Befragung', areaId: null, definition: SURVEY_DEFINITION },
  })),
  setSurveyStatus: surveyCase('surveys.status', 'survey', async () => ({
    method: 'POST',
    url: `/api/surveys/${await surveyRow('draft')}/status`,
    payload: { status: 'open' },
  })),
  moderateSurveyFreeText: surveyCase('surveys.answer_hide', 'survey', async () => {
    const [s] = await db.query<{ id: number }>(
      `INSERT INTO survey (tenant_id, title, status, definition)
       VALUES ('berlin', 'Freitext', 'closed', '{"questions":[{"id":"t","type":"text","label":"T"}]}')
       RETURNING id`,
    );
    const [r] = await db.query<{ id: number }>(
      `INSERT INTO survey_response (tenant_id, survey_id, answers)
       VALUES ('berlin', $1, '{"t":"Ein Name"}') RETURNING id`,
      [s!.id],
    );
    return {
      method: 'POST',
      url: `/api/surveys/${s!.id}/free-text/moderation`,
      payload: { responseId: r!.id, questionId: 't', action: 'hide', reason: 'Nennt jemanden' },
    };
  }),
  createSurveyIndicator: surveyCase('surveys.indicator', 'indicator', async () => ({
    method: 'POST',
    url: `/api/surveys/${await surveyRow('closed')}/indicators`,
    payload: { questionId: 'q', department: 'sozialplanung' },
  })),
  createConferenceBody: conferenceCase('conferences.body_create', 'conference_body', async () => ({
    method: 'POST',
    url: '/api/conferences/bodies',
    payload: { kind: 'ag78', name: 'AG 78 Mitte', organiserDepartmentId: 'sozialplanung' },
  })),
  updateConferenceBody: conferenceCase('conferences.body_update', 'conference_body', async () => ({
    method: 'PUT',
    url: `/api/conferences/bodies/${await conferenceBody()}`,
    payload: { kind: 'stadtteilrunde', name: 'Stadtteilrunde' },
  })),
  addConferenceMember: conferenceCase('conferences.member_add', 'conference_member', async () => ({
    method: 'POST',
    url: `/api/conferences/bodies/${await conferenceBody()}/members`,
    payload: { userId: (await freshUser()).id, validFrom: '2026-01-01' },
  })),
  setConferenceMemberConsent: conferenceCase(
    'conferences.member_consent',
    'conference_member',
    async () => {
      const body = await conferenceBody();
      const [m] = await db.query<{ id: number }>(
        `INSERT INTO conference_member (tenant_id, body_id, user_id, valid_from)
         VALUES ('berlin', $1, $2, '2026-01-01') RETURNING id`,
        [body, (await freshUser()).id],
      );
      return {
        method: 'PATCH',
        url: `/api/conferences/bodies/${body}/members/${m!.id}`,
        payload: { namePublic: true },
      };
    },
  ),
  removeConferenceMember: conferenceCase(
    'conferences.member_remove',
    'conference_member',
    async () => {
      const body = await conferenceBody();
      const [m] = await db.query<{ id: number }>(
        `SELECT id FROM conference_member WHERE tenant_id = 'berlin' AND body_id = $1`,
        [body],
      );
      return { method: 'DELETE', url: `/api/conferences/bodies/${body}/members/${m!.id}` };
    },
  ),
  createConferenceMeeting: conferenceCase(
    'conferences.meeting_create',
    'conference_meeting',
    async () => ({
      method: 'POST',
      url: `/api/conferences/bodies/${await conferenceBody()}/meetings`,
      payload: { title: 'Sitzung', start: '2026-03-30T18:00', end: '2026-03-30T20:00' },
    }),
  ),
  updateConferenceMeeting: conferenceCase(
    'conferences.meeting_update',
    'conference_meeting',
    async () => ({
      method: 'PATCH',
      url: `/api/conferences/meetings/${await conferenceMeeting()}`,
      payload: { place: 'Rathaus' },
    }),
  ),
  inviteConferenceMeeting: conferenceCase('conferences.invite', 'conference_meeting', async () => ({
    method: 'POST',
    url: `/api/conferences/meetings/${await conferenceMeeting()}/invitation`,
  })),
  registerForConferenceMeeting: conferenceCase(
    'conferences.register',
    'conference_meeting',
    async () => ({
      method: 'POST',
      url: `/api/conferences/meetings/${await conferenceMeeting()}/registration`,
    }),
  ),
  unregisterFromConferenceMeeting: conferenceCase(
    'conferences.unregister',
    'conference_meeting',
    async () => ({
      method: 'DELETE',
      url: `/api/conferences/meetings/${await conferenceMeeting()}/registration`,
    }),
  ),
  setConferenceAttendance: conferenceCase(
    'conferences.attendance',
    'conference_meeting',
    async () => ({
      method: 'PUT',
      url: `/api/conferences/meetings/${await conferenceMeeting()}/attendance`,
      payload: { attended: [admin.id] },
    }),
  ),
  approveConferenceMinutes: conferenceCase(
    'conferences.minutes_approve',
    'conference_meeting',
    async () => ({
      method: 'POST',
      url: `/api/conferences/meetings/${await conferenceMeeting()}/minutes-approval`,
    }),
  ),
  buildConferenceAgenda: conferenceCase(
    'conferences.agenda_build',
    'conference_meeting',
    async () => ({
      method: 'POST',
      url: `/api/conferences/meetings/${await conferenceMeeting()}/proposals`,
    }),
  ),
  addConferenceAgendaItem: conferenceCase(
    'conferences.item_add',
    'conference_agenda_item',
    async () => ({
      method: 'POST',
      url: `/api/conferences/meetings/${await conferenceMeeting()}/agenda-items`,
      payload: { title: 'Verschiedenes' },
    }),
  ),
  orderConferenceAgenda: conferenceCase(
    'conferences.agenda_order',
    'conference_meeting',
    async () => {
      const meeting = await conferenceMeeting();
      const item = await conferenceItem(meeting);
      return {
        method: 'PUT',
        url: `/api/conferences/meetings/${meeting}/agenda-order`,
        payload: { itemIds: [item] },
      };
    },
  ),
  updateConferenceAgendaItem: conferenceCase(
    'conferences.item_update',
    'conference_agenda_item',
    async () => ({
      method: 'PATCH',
      url: `/api/conferences/agenda-items/${await conferenceItem()}`,
      payload: { status: 'not_treated' },
    }),
  ),
  mergeConferenceAgendaItem: conferenceCase(
    'conferences.item_merge',
    'conference_agenda_item',
    async () => {
      const meeting = await conferenceMeeting();
      const a = await conferenceItem(meeting);
      const b = await conferenceItem(meeting);
      return {
        method: 'POST',
        url: `/api/conferences/agenda-items/${a}/merge`,
        payload: { intoId: b },
      };
    },
  ),
  saveConferenceMinutes: conferenceCase(
    'conferences.minutes_save',
    'conference_agenda_item',
    async () => ({
      method: 'PUT',
      url: `/api/conferences/agenda-items/${await conferenceItem()}/minutes`,
      payload: { notes: 'Aussprache.' },
    }),
  ),
  addConferenceDecision: conferenceCase(
    'conferences.decision_add',
    'conference_decision',
    async () => ({
      method: 'POST',
      url: `/api/conferences/agenda-items/${await conferenceItem()}/decisions`,
      payload: { text: 'Beschlossen.' }, // with a task, the measure writes its own entry too
    }),
  ),
  issueConferenceCalendarToken: conferenceCase(
    'conferences.feed_token',
    'conference_feed_token',
    async () => ({ method: 'POST', url: '/api/conferences/calendar-token' }),
  ),
  submitParticipationReport: anonymousCase('participation.submit', async () => {
    const { challenge } = (await app.inject('/api/participation/challenge')).json<{
      challenge: string;
    }>();
    return {
      method: 'POST',
      url: '/api/participation/reports',
      payload: {
        kind: 'idea',
        topic: 'meeting',
        text: 'Ein Nachbarschaftscafé im Kiez wäre schön.',
        lon: 13.05,
        lat: 52.05,
        pow: { challenge, nonce: solveChallenge(challenge) },
      },
    };
  }),
  supportParticipationReport: anonymousCase('participation.support', async () => ({
    method: 'POST',
    url: `/api/participation/reports/${await participationReport()}/supports`,
    payload: { deviceId: 'protokoll-geraet-0001' },
  })),
  flagParticipationReport: anonymousCase('participation.flag', async () => ({
    method: 'POST',
    url: `/api/participation/reports/${await participationReport()}/flags`,
    payload: { deviceId: 'protokoll-geraet-0001', reason: 'Werbung' },
  })),
  confirmParticipationEmail: anonymousCase('participation.confirm_email', async () => {
    await participationReport({ email: 'bestaetigungs-code-1' });
    return {
      method: 'POST',
      url: '/api/participation/email-confirmations',
      payload: { token: 'bestaetigungs-code-1' },
    };
  }),
  deleteParticipationReport: anonymousCase('participation.delete', async () => ({
    method: 'POST',
    url: `/api/participation/reports/${await participationReport({ delete: 'loesch-code-0001' })}/deletion`,
    payload: { token: 'loesch-code-0001' },
  })),
  addParticipationPhoto: anonymousCase('participation.photo_add', async () => {
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#888' },
    })
      .png()
      .toBuffer();
    const body = multipart('foto.png', png);
    const id = await participationReport({ delete: 'loesch-code-0003' });
    return {
      method: 'POST',
      url: `/api/participation/reports/${id}/photos`,
      payload: body.payload,
      headers: { ...body.headers, 'x-report-code': 'loesch-code-0003' },
    };
  }),
  removeParticipationPhoto: {
    request: async () => {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#468' } })
        .png()
        .toBuffer();
      const body = multipart('bank.png', png);
      const id = await participationReport({ delete: 'loesch-code-0004' });
      const added = await app.inject({
        method: 'POST',
        url: `/api/participation/reports/${id}/photos`,
        payload: body.payload,
        headers: { ...body.headers, 'x-report-code': 'loesch-code-0004' },
        remoteAddress: nextIp(),
      });
      expect(added.statusCode, added.body).toBe(201);
      return {
        method: 'DELETE',
        url: `/api/participation/reports/${id}/photos/${added.json<{ id: number }>().id}`,
        headers: adminAuth,
        payload: { reason: 'Auf dem Foto ist ein Kennzeichen zu lesen.' },
      };
    },
    entries: 1,
    action: 'participation.photo_remove',
    entity: 'participation_report',
  },
  addParticipationComment: {
    ...anonymousCase('participation.comment', async () => {
      await db.exec(`INSERT INTO participation_settings (tenant_id, comments_enabled)
                     VALUES ('berlin', true)
                     ON CONFLICT (tenant_id) DO UPDATE SET comments_enabled = true`);
      const { challenge } = (await app.inject('/api/participation/challenge')).json<{
        challenge: string;
      }>();
      return {
        method: 'POST',
        url: `/api/participation/reports/${await participationReport()}/comments`,
        payload: {
          text: 'Sehe ich auch so.',
          pow: { challenge, nonce: solveChallenge(challenge) },
        },
      };
    }),
    entity: 'participation_comment',
  },
  flagParticipationComment: {
    ...anonymousCase('participation.comment_flag', async () => ({
      method: 'POST',
      url: `/api/participation/comments/${await participationComment()}/flags`,
      payload: { deviceId: 'protokoll-geraet-0001', reason: 'Werbung' },
    })),
    entity: 'participation_comment',
  },
  moderateParticipationComment: {
    request: async () => ({
      method: 'POST',
      url: `/api/participation/comments/${await participationComment()}/moderation`,
      headers: adminAuth,
      payload: { action: 'hide', reason: 'Enthält einen Namen' },
    }),
    entries: 1,
    action: 'participation.comment_hide',
    entity: 'participation_comment',
  },
  getOwnParticipationReport: {
    request: async () => ({
      method: 'POST',
      url: `/api/participation/reports/${await participationReport({ delete: 'loesch-code-0002' })}/author-view`,
      payload: { token: 'loesch-code-0002' },
      remoteAddress: nextIp(),
    }),
    entries: { count: 0, reason: 'zeigt der Autorin nur ihren eigenen Hinweis, ändert nichts' },
  },
  moderateParticipationReport: {
    request: async () => ({
      method: 'POST',
      url: `/api/participation/reports/${await participationReport()}/moderation`,
      headers: adminAuth,
      payload: { action: 'hide', reason: 'Enthält einen Namen' },
    }),
    entries: 1,
    action: 'participation.hide',
    entity: 'participation_report',
  },
  answerParticipationReport: {
    request: async () => ({
      method: 'PATCH',
      url: `/api/participation/reports/${await participationReport()}`,
      headers: adminAuth,
      payload: { status: 'in_review', publicAnswer: 'Wir prüfen das.' },
    }),
    entries: 1,
    action: 'participation.answer',
    entity: 'participation_report',
  },
  updateParticipationSettings: {
    request: async () => ({
      method: 'PUT',
      url: '/api/participation/settings',
      headers: adminAuth,
      payload: { flagThreshold: 4, powDifficulty: 16, privacyNotice: null },
    }),
    entries: 1,
    action: 'participation.configure',
  },
  replaceOpeningHours: {
    request: async () => ({
      method: 'PUT',
      url: `/api/directory/service-at-locations/${FIXTURE_DIRECTORY.serviceAtLocation}/schedules`,
      headers: adminAuth,
      payload: { intervals: [{ weekday: 1, opens: '09:00', closes: '17:00' }] },
    }),
    entries: 1,
    action: 'directory.schedules',
    entity: 'service_at_location',
  },
  removeDirectoryCapacity: {
    request: async () => {
      const put = await app.inject({
        method: 'PUT',
        url: `/api/directory/services/${FIXTURE_DIRECTORY.service}/capacities`,
        headers: adminAuth,
        payload: { kind: 'beds', value: 4, refDate: '2023-01-01' },
      });
      expect(put.statusCode, put.body).toBe(200);
      return {
        method: 'DELETE',
        url: `/api/directory/services/${FIXTURE_DIRECTORY.service}/capacities?kind=beds&refDate=2023-01-01`,
        headers: adminAuth,
      };
    },
    entries: 1,
    action: 'directory.capacity_removed',
    entity: 'directory_service',
  },
  importHsds: {
    request: async () => {
      const org = 'a1b2c3d4-0000-4000-8000-00000000a001';
      const service = {
        id: 'a1b2c3d4-0000-4000-8000-00000000a002',
        organization_id: org,
        name: 'Protokoll-Treff',
        description: 'Ein Treff, importiert für den Protokolltest.',
        status: 'active',
        organization: { id: org, name: 'Protokoll-Verein e.V.', description: 'Verein' },
        // the service type: a term of the fixture's taxonomy
        attributes: [
          {
            id: 'a1b2c3d4-0000-4000-8000-00000000a003',
            link_id: 'a1b2c3d4-0000-4000-8000-00000000a002',
            link_type: 'service_type',
            link_entity: 'service',
            taxonomy_term_id: '66666666-6666-5666-8666-666666666666',
          },
        ],
      };
      const body = multipart('services.json', Buffer.from(JSON.stringify([service])));
      return {
        method: 'POST',
        url: '/api/directory/hsds-import?dryRun=false',
        payload: body.payload,
        headers: { ...body.headers, ...adminAuth },
      };
    },
    entries: 1,
    action: 'directory.import',
    entity: 'directory',
  },
  addDirectoryTerm: {
    request: async () => ({
      method: 'POST',
      url: '/api/directory/taxonomy',
      headers: adminAuth,
      payload: { code: 'protokoll_art', name: 'Protokoll-Art', dimensions: ['education'] },
    }),
    entries: 1,
    action: 'directory.term',
    entity: 'directory_taxonomy_term',
  },
  changeDirectoryTerm: {
    request: async () => {
      const post = await app.inject({
        method: 'POST',
        url: '/api/directory/taxonomy',
        headers: adminAuth,
        payload: { code: 'protokoll_aenderung', name: 'Vorher' },
      });
      expect(post.statusCode, post.body).toBe(200);
      return {
        method: 'PUT',
        url: '/api/directory/taxonomy/protokoll_aenderung',
        headers: adminAuth,
        payload: { code: 'protokoll_aenderung', name: 'Nachher' },
      };
    },
    entries: 1,
    action: 'directory.term',
    entity: 'directory_taxonomy_term',
  },
  recordDirectoryCapacity: {
    request: async () => ({
      method: 'PUT',
      url: `/api/directory/services/${FIXTURE_DIRECTORY.service}/capacities`,
      headers: adminAuth,
      payload: { kind: 'places', value: 12, refDate: '2024-09-01' },
    }),
    entries: 1,
    action: 'directory.capacity',
    entity: 'directory_service',
  },
  setSupplyTarget: {
    request: async () => ({
      method: 'PUT',
      url: '/api/supply/targets/familienzentrum',
      headers: adminAuth,
      payload: { indicatorIds: ['ewr_total'] },
    }),
    entries: 1,
    action: 'supply.target',
    entity: 'supply_target',
  },
  setSupplyResidents: {
    request: async () => ({
      method: 'PUT',
      url: '/api/supply/residents',
      headers: adminAuth,
      payload: { indicatorId: 'ewr_total' },
    }),
    entries: 1,
    action: 'supply.residents',
    entity: 'supply_residents',
  },
  storeSupplyIndicator: {
    request: async () => {
      await db.query(
        `INSERT INTO supply_target (tenant_id, service_type, indicator_ids)
         VALUES ('berlin', 'familienzentrum', '{ewr_total}') ON CONFLICT DO NOTHING`,
      );
      return {
        method: 'PUT',
        url: '/api/supply/indicators/familienzentrum',
        headers: adminAuth,
        payload: { department: 'sozialplanung' },
      };
    },
    entries: 1,
    action: 'supply.indicator',
    entity: 'indicator',
  },
  updateDirectoryOrganisation: {
    request: async () => ({
      method: 'PATCH',
      url: `/api/directory/organisations/${FIXTURE_DIRECTORY.organisation}`,
      headers: adminAuth,
      payload: { public: false },
    }),
    entries: 1,
    action: 'directory.organisation',
    entity: 'directory_organization',
  },
  setFundingProgrammeAreas: {
    request: async () => {
      const [a] = await db.query<{ id: number }>(
        `SELECT id FROM area WHERE tenant_id = 'berlin' AND code = '02100102'`,
      );
      return {
        method: 'PUT',
        url: '/api/funding/programmes/sozialer-zusammenhalt/areas',
        headers: adminAuth,
        payload: { areas: [{ areaId: a!.id, validFrom: '2020-01-01' }] },
      };
    },
    entries: 1,
    action: 'funding.areas',
    entity: 'funding_programme_area',
  },
  createNetworkLink: {
    request: async () => ({
      method: 'POST',
      url: '/api/network/links',
      headers: adminAuth,
      payload: {
        organisationA: FIXTURE_DIRECTORY.organisation,
        organisationB: await networkOrganisation(),
        kind: 'projekt',
      },
    }),
    entries: 1,
    action: 'network.link_create',
    entity: 'network_link',
  },
  deleteNetworkLink: {
    request: async () => {
      const other = await networkOrganisation();
      const [a, b] = [FIXTURE_DIRECTORY.organisation, other].sort();
      const [l] = await db.query<{ id: number }>(
        `INSERT INTO network_link (tenant_id, organization_a_id, organization_b_id, kind)
         VALUES ('berlin', $1, $2, 'fachaustausch') RETURNING id`,
        [a, b],
      );
      return { method: 'DELETE', url: `/api/network/links/${l!.id}`, headers: adminAuth };
    },
    entries: 1,
    action: 'network.link_delete',
    entity: 'network_link',
  },
  createDirectoryService: {
    request: async () => ({
      method: 'POST',
      url: '/api/directory/services',
      headers: adminAuth,
      payload: {
        organisationId: FIXTURE_DIRECTORY.organisation,
        serviceType: 'familienzentrum',
        name: 'Protokoll-Angebot',
        locations: [{ name: 'Protokoll-Ort', city: 'Berlin', lon: 13.05, lat: 52.05 }],
      },
    }),
    entries: 1,
    action: 'directory.service_create',
    entity: 'directory_service',
  },
  replaceDirectoryService: {
    request: async () => ({
      method: 'PUT',
      url: `/api/directory/services/${FIXTURE_DIRECTORY.service}`,
      headers: adminAuth,
      payload: {
        organisationId: FIXTURE_DIRECTORY.organisation,
        serviceType: 'familienzentrum',
        name: 'Familienzentrum Mitte',
        locations: [{ id: FIXTURE_DIRECTORY.location, name: 'Familienzentrum Mitte' }],
      },
    }),
    entries: 1,
    action: 'directory.service_update',
    entity: 'directory_service',
  },
  setNetworkWorkAreas: {
    request: async () => ({
      method: 'PUT',
      url: `/api/network/organisations/${FIXTURE_DIRECTORY.organisation}/areas`,
      headers: adminAuth,
      payload: { areaIds: [await anyAreaId()] },
    }),
    entries: 1,
    action: 'network.work_areas',
    entity: 'network_organization_area',
  },
  importFundingEntries: {
    request: async () => {
      const body = multipart(
        'haushalt.csv',
        Buffer.from(
          'Programm;Gebiet;Jahr;Art;Quelle;Betrag\nBIWAQ;alle;2024;geplant;Bund;1.000,00\n',
        ),
      );
      return {
        method: 'POST',
        url: '/api/funding/entries/import',
        payload: body.payload,
        headers: { ...body.headers, ...adminAuth },
      };
    },
    entries: 1,
    action: 'funding.import',
    entity: 'funding_entry',
  },
  setFundingSettings: {
    request: async () => ({
      method: 'PUT',
      url: '/api/funding/settings',
      headers: adminAuth,
      payload: { publicDetail: 'by_programme' },
    }),
    entries: 1,
    action: 'funding.settings',
    entity: 'funding_settings',
  },
  createOpen311Key: {
    request: async () => ({
      method: 'POST',
      url: '/api/participation/open311-keys',
      headers: adminAuth,
      payload: { name: 'Protokoll-App' },
    }),
    entries: 1,
    action: 'participation.open311_key.create',
    entity: 'participation_api_key',
  },
  revokeOpen311Key: {
    request: async () => {
      const [k] = await db.query<{ id: number }>(
        `INSERT INTO participation_api_key (tenant_id, key_hash, name, prefix)
         VALUES ('berlin', $1, 'Widerruf-App', 'o311_abcd') RETURNING id`,
        [sha256(`widerruf-${++areaNo}`)],
      );
      return {
        method: 'DELETE',
        url: `/api/participation/open311-keys/${k!.id}`,
        headers: adminAuth,
      };
    },
    entries: 1,
    action: 'participation.open311_key.revoke',
    entity: 'participation_api_key',
  },
  createAssessment: {
    request: async () => ({
      method: 'POST',
      url: '/api/assessments',
      headers: adminAuth,
      payload: assessmentBody(await anyAreaId()),
    }),
    entries: 1,
    action: 'assessments.create',
    entity: 'assessment',
  },
  replaceAssessment: {
    request: async () => {
      const areaId = await anyAreaId();
      const created = await app.inject({
        method: 'POST',
        url: '/api/assessments',
        headers: adminAuth,
        payload: assessmentBody(areaId),
      });
      return {
        method: 'PUT',
        url: `/api/assessments/${created.json<{ id: number }>().id}`,
        headers: adminAuth,
        payload: { ...assessmentBody(areaId), urgency: 3 },
      };
    },
    entries: 1,
    action: 'assessments.update',
    entity: 'assessment',
  },
  withdrawAssessment: {
    request: async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/assessments',
        headers: adminAuth,
        payload: assessmentBody(await anyAreaId()),
      });
      return {
        method: 'POST',
        url: `/api/assessments/${created.json<{ id: number }>().id}/withdraw`,
        headers: adminAuth,
      };
    },
    entries: 1,
    action: 'assessments.withdraw',
    entity: 'assessment',
  },
  createMeasure: {
    request: async () => ({
      method: 'POST',
      url: '/api/measures',
      headers: adminAuth,
      payload: {
        title: 'Protokollierte Maßnahme',
        departmentId: 'sozialplanung',
        areaIds: [await anyAreaId()],
      },
    }),
    entries: 1,
    action: 'measures.create',
    entity: 'measure',
  },
  updateMeasure: {
    request: async () => {
      const areaIds = [await anyAreaId()];
      const created = await app.inject({
        method: 'POST',
        url: '/api/measures',
        headers: adminAuth,
        payload: { title: 'Zu ändern', departmentId: 'sozialplanung', areaIds },
      });
      return {
        method: 'PUT',
        url: `/api/measures/${created.json<{ id: string }>().id}`,
        headers: adminAuth,
        payload: { title: 'Geändert', departmentId: 'sozialplanung', areaIds, status: 'done' },
      };
    },
    entries: 1,
    action: 'measures.update',
    entity: 'measure',
  },
  deleteMeasure: {
    request: async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/measures',
        headers: adminAuth,
        payload: { title: 'Zu löschen', departmentId: 'sozialplanung', citywide: true },
      });
      return {
        method: 'DELETE',
        url: `/api/measures/${created.json<{ id: string }>().id}`,
        headers: adminAuth,
      };
    },
    entries: 1,
    action: 'measures.delete',
    entity: 'measure',
  },
  signIn: {
    request: async () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: (await freshUser()).email, password: TEST_PASSWORD },
      remoteAddress: nextIp(),
    }),
    entries: 1,
    action: 'access.sign_in',
    entity: 'user',
    actor: () => lastUser.email,
    permission: null,
  },
  signOut: {
    request: async () => ({
      method: 'POST',
      url: '/api/auth/logout',
      headers: await signInCookie(await freshUser()),
    }),
    entries: 1,
    action: 'access.sign_out',
    entity: 'user',
    actor: () => lastUser.email,
    permission: 'account.self',
  },
  changePassword: {
    request: async () => ({
      method: 'POST',
      url: '/api/auth/password',
      headers: await signInCookie(await freshUser()),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Protokolliert-Moabit-2026' },
    }),
    entries: 1,
    action: 'access.password_changed',
    entity: 'user',
    actor: () => lastUser.email,
  },
  requestPasswordReset: {
    request: async () => ({
      method: 'POST',
      url: '/api/auth/reset-request',
      payload: { email: (await freshUser()).email },
      remoteAddress: nextIp(),
    }),
    entries: 1,
    action: 'access.reset_requested',
    entity: 'user',
    actor: () => 'anonym',
  },
  resetPassword: {
    request: async () => {
      const user = await freshUser();
      const link = await app.inject({
        method: 'POST',
        url: `/api/admin/users/${user.id}/reset-link`,
        headers: adminAuth,
      });
      const token = /#token=(.+)$/.exec(link.json<{ url: string }>().url)![1]!;
      return {
        method: 'POST',
        url: '/api/auth/reset',
        payload: { token, newPassword: 'Neu-gesetzt-Karow-1234' },
        remoteAddress: nextIp(),
      };
    },
    entries: 1,
    action: 'access.password_reset',
    entity: 'user',
    actor: () => lastUser.email,
    permission: null,
  },
  setupFirstAdministrator: {
    // the first administrator of a tenant without people, from the one-time link of the first start
    request: async () => {
      await db.transaction((tx) => ensureTenant(tx, 'neustadt', '09999000', 'Neustadt'));
      const token = newSecret();
      app.sozialraumAccess.setupTokenHash = sha256(token);
      return {
        method: 'POST',
        url: '/api/auth/setup',
        headers: { 'x-sozialraum-tenant': 'neustadt' },
        payload: {
          token,
          email: 'erste@neustadt.example',
          displayName: 'Erste Administration',
          password: 'Neustadt-Einrichtung-2026',
        },
        remoteAddress: nextIp(),
      };
    },
    entries: 1,
    action: 'access.user_created',
    entity: 'user',
    actor: () => 'erste@neustadt.example',
    permission: null,
  },
  createOwnToken: {
    request: async () => ({
      method: 'POST',
      url: '/api/me/tokens',
      headers: adminAuth,
      payload: { name: 'Skript', scopes: ['indicators.read'] },
    }),
    entries: 1,
    action: 'access.token_created',
    entity: 'api_token',
  },
  revokeOwnToken: {
    request: async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: adminAuth,
        payload: { name: 'weg damit', scopes: ['indicators.read'] },
      });
      return {
        method: 'DELETE',
        url: `/api/me/tokens/${res.json<{ info: { id: number } }>().info.id}`,
        headers: adminAuth,
      };
    },
    entries: 1,
    action: 'access.token_revoked',
    entity: 'api_token',
  },
  createUser: {
    request: async () => ({
      method: 'POST',
      url: '/api/admin/users',
      headers: adminAuth,
      payload: {
        email: 'neu.protokoll@berlin.example',
        displayName: 'Neu',
        departmentId: 'gesundheit',
        roles: ['viewer'],
      },
    }),
    entries: 1,
    action: 'access.user_created',
    entity: 'user',
  },
  updateUser: {
    request: async () => ({
      method: 'PATCH',
      url: `/api/admin/users/${(await freshUser()).id}`,
      headers: adminAuth,
      payload: { displayName: 'Umbenannt', roles: ['viewer', 'provider'] },
    }),
    entries: 1,
    action: 'access.user_updated',
    entity: 'user',
  },
  issueResetLink: {
    request: async () => ({
      method: 'POST',
      url: `/api/admin/users/${(await freshUser()).id}/reset-link`,
      headers: adminAuth,
    }),
    entries: 1,
    action: 'access.reset_link_issued',
    entity: 'user',
  },
  createDepartment: {
    request: async () => ({
      method: 'POST',
      url: '/api/admin/departments',
      headers: adminAuth,
      payload: {
        id: 'traeger-x',
        name: 'Träger X',
        kind: 'organisation',
        orgType: 'freier Träger',
      },
    }),
    entries: 1,
    action: 'access.department_created',
    entity: 'department',
  },
  updateDepartment: {
    request: async () => ({
      method: 'PUT',
      url: '/api/admin/departments/wohnen',
      headers: adminAuth,
      payload: { name: 'Wohnen und Mieten' },
    }),
    entries: 1,
    action: 'access.department_updated',
    entity: 'department',
  },
  saveRole: {
    request: async () => ({
      method: 'PUT',
      url: '/api/admin/roles/quartiersmanagement',
      headers: adminAuth,
      payload: { nameDe: 'Quartiersmanagement', permissions: ['indicators.read', 'alerts.read'] },
    }),
    entries: 1,
    action: 'access.role_created',
    entity: 'role',
  },
  updateIndicator: {
    request: async () => ({
      method: 'PATCH',
      url: '/api/indicators/ewr_total',
      headers: plannerAuth,
      payload: { methodNote: 'Stichtag 31.12.', sharedWith: ['gesundheit'] },
    }),
    entries: 1,
    action: 'indicators.update',
    entity: 'indicator',
    actor: () => planner.email,
  },
  updateSource: {
    request: async () => ({
      method: 'PATCH',
      url: '/api/sources/afs',
      headers: adminAuth,
      payload: { notes: 'Lizenz geprüft' },
    }),
    entries: 1,
    action: 'sources.update',
    entity: 'source',
  },
  previewIndex: {
    request: async () => ({
      method: 'POST',
      url: '/api/indices/preview',
      headers: adminAuth,
      payload: {
        definition: indexDefinition('vorschau'),
        system: 'lor2021',
        level: 'plr',
        date: '2023-12-31',
      },
    }),
    entries: { count: 0, reason: 'berechnet nur eine Vorschau und speichert nichts' },
  },
  createIndex: {
    request: async () => ({
      method: 'POST',
      url: '/api/indices',
      headers: adminAuth,
      payload: { definition: indexDefinition('protokoll-index') },
    }),
    entries: 1,
    action: 'monitoring.index_created',
    entity: 'index_definition',
  },
  updateIndex: {
    request: async () => ({
      method: 'PUT',
      url: '/api/indices/protokoll-index',
      headers: adminAuth,
      payload: { definition: indexDefinition('protokoll-index') },
    }),
    entries: 1,
    action: 'monitoring.index_updated',
    entity: 'index_definition',
  },
  previewIndexBinding: {
    request: async () => ({
      method: 'POST',
      url: '/api/indices/protokoll-index/bind/preview',
      headers: adminAuth,
      payload: {
        id: 'protokoll-gebunden',
        bindings: { share_unemployed: 'income_median', ewr_total: 'internal_note' },
      },
    }),
    entries: { count: 0, reason: 'zeigt nur, welcher Index entstünde, und speichert nichts' },
  },
  bindIndex: {
    request: async () => ({
      method: 'POST',
      url: '/api/indices/protokoll-index/bind',
      headers: adminAuth,
      payload: {
        id: 'protokoll-gebunden',
        bindings: { share_unemployed: 'income_median', ewr_total: 'internal_note' },
      },
    }),
    entries: 1,
    action: 'monitoring.index_created',
    entity: 'index_definition',
  },
  createAlertRule: {
    request: async () => ({
      method: 'POST',
      url: '/api/alert-rules',
      headers: plannerAuth,
      payload: {
        id: 'protokoll-regel',
        nameDe: 'Anstieg Arbeitslosigkeit',
        department: 'sozialplanung',
        kind: 'indicator_change',
        params: { indicatorIds: ['share_unemployed'] },
      },
    }),
    entries: 1,
    action: 'alerts.rule_create',
    entity: 'alert_rule',
    actor: () => planner.email,
  },
  updateAlertRule: {
    request: async () => ({
      method: 'PATCH',
      url: '/api/alert-rules/protokoll-regel',
      headers: plannerAuth,
      payload: { active: false },
    }),
    entries: 1,
    entity: 'alert_rule',
    actor: () => planner.email,
  },
  detectAlerts: {
    // one summary entry per run (raised/held back per rule), not one per alert
    request: async () => ({
      method: 'POST',
      url: '/api/alerts/detect',
      headers: adminAuth,
      payload: {},
    }),
    entries: 1,
    action: 'alerts.detect',
    entity: 'alert',
  },
  updateAlertStatus: {
    request: async () => {
      const [a] = await db.query<{ id: number }>(
        `INSERT INTO alert (tenant_id, rule_id, area_id, ref_date, previous_date, kind, severity, explanation_de, indicator_id)
         SELECT 'berlin', 'protokoll-regel', id, '2023-12-31', '2022-12-31', 'indicator_change', 3, 'Test', 'share_unemployed'
           FROM area WHERE tenant_id = 'berlin' AND code = '01100101' RETURNING id`,
      );
      return {
        method: 'PATCH',
        url: `/api/alerts/${a!.id}`,
        headers: adminAuth,
        payload: { status: 'seen' },
      };
    },
    entries: 1,
    action: 'alerts.status',
    entity: 'alert',
  },
  createAlertSubscription: {
    request: async () => ({
      method: 'POST',
      url: '/api/alert-subscriptions',
      headers: adminAuth,
      payload: { email: admin.email, indicatorId: 'share_unemployed' },
    }),
    entries: 1,
    action: 'alerts.subscribe',
  },
  deleteAlertSubscription: {
    request: async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/alert-subscriptions',
        headers: adminAuth,
        payload: { email: admin.email },
      });
      return {
        method: 'DELETE',
        url: `/api/alert-subscriptions/${res.json<{ id: number }>().id}`,
        headers: adminAuth,
      };
    },
    entries: 1,
    action: 'alerts.unsubscribe',
  },
  updateDisclosureSettings: {
    request: async () => ({
      method: 'PUT',
      url: '/api/disclosure/settings',
      headers: adminAuth,
      payload: { minCount: 4 },
    }),
    entries: 1,
    action: 'disclosure.settings_updated',
    entity: 'disclosure_setting',
  },
  analyzeImport: {
    request: async () => analyzeRequest(adminAuth),
    entries: {
      count: 0,
      reason: 'legt die Datei nur im Upload-Verzeichnis ab; protokolliert wird der Importlauf',
    },
  },
  runImport: {
    // one entry per run (file, checksum, rows), however many values it writes
    request: async () => ({
      method: 'POST',
      url: `/api/imports/${await upload(plannerAuth)}/run`,
      headers: plannerAuth,
      payload: {
        kind: 'table',
        dryRun: false,
        systemId: 'lor2021',
        levelId: 'plr',
        mapping: MAPPING,
      },
    }),
    entries: 1,
    action: 'import.observations',
    entity: 'import_run',
    actor: () => planner.email,
  },
  analyzePointImport: {
    request: async () => pointAnalyzeRequest(adminAuth),
    entries: {
      count: 0,
      reason: 'legt die Datei nur im Upload-Verzeichnis ab; protokolliert wird der Importlauf',
    },
  },
  runPointImport: {
    // one entry per dataset import (file, points, indicators), however many points it writes
    request: async () => {
      const res = await app.inject(await pointAnalyzeRequest(adminAuth));
      if (res.statusCode !== 200) throw new Error(`point upload: ${res.statusCode} ${res.body}`);
      return {
        method: 'POST',
        url: `/api/point-imports/${res.json<{ uploadId: string }>().uploadId}/run`,
        headers: adminAuth,
        payload: {
          dryRun: false,
          datasetId: 'audit_kitas',
          nameDe: 'Kitas (Audit)',
          referenceDate: '2026-06-30',
          source: {
            title: 'Kitaverzeichnis Test',
            publisher: 'Testamt',
            licence: 'dl-de/by-2-0',
            attribution: 'Testamt',
          },
          nameColumn: 'name',
          countIndicator: { id: 'audit_kitas_anzahl', nameDe: 'Kitas' },
          departmentId: 'sozialplanung',
          dimension: 'education',
        },
      };
    },
    entries: 1,
    action: 'points.import',
    entity: 'point_dataset',
  },
  retireArea: {
    request: async () => ({
      method: 'POST',
      url: `/api/areas/${await freshArea()}/retire`,
      headers: adminAuth,
      payload: { validTo: '2025-12-31' },
    }),
    entries: 1,
    action: 'areas.retire',
    entity: 'area',
  },
  removeArea: {
    // the confirmation repeats the preview's counts; one entry names what went
    request: async () => {
      const id = await freshArea();
      const preview = await app.inject({ url: `/api/areas/${id}/removal`, headers: adminAuth });
      if (preview.statusCode !== 200) throw new Error(`preview: ${preview.statusCode}`);
      return {
        method: 'DELETE',
        url: `/api/areas/${id}`,
        headers: adminAuth,
        payload: { confirm: preview.json<{ counts: Record<string, number> }>().counts },
      };
    },
    entries: 1,
    action: 'areas.remove',
    entity: 'area',
  },
  discardUpload: {
    request: async () => ({
      method: 'DELETE',
      url: `/api/imports/${await upload(adminAuth)}`,
      headers: adminAuth,
    }),
    entries: {
      count: 0,
      reason: 'verwirft eine nicht importierte Datei; in der Datenbank ändert sich nichts',
    },
  },
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-audit-'));
  admin = await createTestUser(db, { roles: ['administrator'], departmentId: 'sozialplanung' });
  adminAuth = await tokenHeaders(db, admin);
  planner = await createTestUser(db, {
    roles: ['department_planner'],
    departmentId: 'sozialplanung',
  });
  plannerAuth = await tokenHeaders(db, planner);
  app = await buildApp(testContext(db, { dataDir }), {
    validateResponses: true,
    warmCaches: false,
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function changingRoutes() {
  return app.sozialraumOpenApi.routes.filter(
    (r) => !SAFE.has(r.method) && (r.url.startsWith('/api/') || r.url.startsWith('/ogc')),
  );
}

describe('every changing route writes the audit log', () => {
  it('has a request for every registered changing route (a new one must be added here)', () => {
    // routes outside defineRoute are caught by the authorization matrix test
    const missing = changingRoutes()
      .filter((r) => !(r.operationId in CASES))
      .map((r) => `${r.method} ${r.url} (${r.operationId})`);
    expect(missing).toEqual([]);
    const stale = Object.keys(CASES).filter(
      (id) => !changingRoutes().some((r) => r.operationId === id),
    );
    expect(stale).toEqual([]);
    expect(changingRoutes().length).toBeGreaterThan(20);
  });

  it('leaves exactly one entry per successful change, naming actor, permission and entity', async () => {
    const failures: string[] = [];
    for (const route of changingRoutes()) {
      const c = CASES[route.operationId];
      if (!c) continue;
      const req = await c.request();
      const before = await count();
      const res = await app.inject(req);
      const label = `${route.method} ${route.url} (${route.operationId})`;
      if (res.statusCode >= 300) {
        failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      // the success status the OpenAPI document states is the one answered (ADR 0013)
      const documented = Object.keys(responseStatuses(route)).filter((code) => Number(code) < 300);
      if (documented.join() !== String(res.statusCode))
        failures.push(`${label}: ${res.statusCode}, dokumentiert ${documented.join()}`);
      if (route.location && !res.headers.location) failures.push(`${label}: ohne Location`);
      const added = (await count()) - before;
      const expected = c.entries === 1 ? 1 : 0;
      if (added !== expected) {
        failures.push(`${label}: ${added} neue Einträge, erwartet ${expected}`);
        continue;
      }
      if (expected === 0) continue;
      const [e] = await newest(1);
      const actor = c.actor?.() ?? admin.email;
      const permission = c.permission === undefined ? route.permission : c.permission;
      if (e!.actor !== actor) failures.push(`${label}: actor ${e!.actor}, erwartet ${actor}`);
      if (e!.permission !== permission)
        failures.push(`${label}: permission ${e!.permission}, erwartet ${permission}`);
      if (c.action && e!.action !== c.action)
        failures.push(`${label}: action ${e!.action}, erwartet ${c.action}`);
      if (c.entity && e!.entity !== c.entity)
        failures.push(`${label}: entity ${e!.entity}, erwartet ${c.entity}`);
      if (!e!.entity_id) failures.push(`${label}: ohne entity_id`);
    }
    expect(failures).toEqual([]);
    // and the chain over all of it is intact
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('a refused change leaves no entry', async () => {
    const refused: [string, InjectOptions, number][] = [
      [
        'PATCH indicator with unknown department',
        {
          method: 'PATCH',
          url: '/api/indicators/ewr_total',
          headers: adminAuth,
          payload: { department: 'gibt-es-nicht' },
        },
        400,
      ],
      [
        'PATCH indicator of another department',
        {
          method: 'PATCH',
          url: '/api/indicators/internal_note',
          headers: plannerAuth,
          payload: { methodNote: 'x' },
        },
        403,
      ],
      [
        'user with unknown role',
        {
          method: 'POST',
          url: '/api/admin/users',
          headers: adminAuth,
          payload: { email: 'x@berlin.example', displayName: 'X', roles: ['kaiser'] },
        },
        400,
      ],
      [
        'built-in role',
        {
          method: 'PUT',
          url: '/api/admin/roles/viewer',
          headers: adminAuth,
          payload: { nameDe: 'Lesend', permissions: ['access.users'] },
        },
        403,
      ],
      [
        'alert rule of another department',
        {
          method: 'POST',
          url: '/api/alert-rules',
          headers: plannerAuth,
          payload: {
            id: 'fremd',
            nameDe: 'Fremd',
            department: 'gesundheit',
            kind: 'indicator_change',
            params: { indicatorIds: ['share_unemployed'] },
          },
        },
        403,
      ],
      [
        'index with unknown indicator',
        {
          method: 'POST',
          url: '/api/indices',
          headers: adminAuth,
          payload: {
            definition: {
              ...indexDefinition('kaputt'),
              status: {
                ...indexDefinition('kaputt').status,
                inputs: [
                  { indicatorId: 'gibt_es_nicht', label: 'x', direction: 'higher_is_worse' },
                ],
              },
            },
          },
        },
        400,
      ],
    ];
    for (const [what, req, status] of refused) {
      const before = await count();
      const res = await app.inject(req);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(await count(), what).toBe(before);
    }
  });

  it('an import into another department’s indicator is refused and writes nothing', async () => {
    const gesundheit = await tokenHeaders(
      db,
      await createTestUser(db, { roles: ['department_planner'], departmentId: 'gesundheit' }),
    );
    const id = await upload(gesundheit);
    const before = await count();
    const [{ n: values }] = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation WHERE indicator_id = 'ewr_total'",
    )) as [{ n: number }];
    const res = await app.inject({
      method: 'POST',
      url: `/api/imports/${id}/run`,
      headers: gesundheit,
      payload: {
        kind: 'table',
        dryRun: false,
        systemId: 'lor2021',
        levelId: 'plr',
        mapping: MAPPING,
      },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(200);
    if (res.statusCode === 200) expect(res.json().status).toBe('failed');
    else expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Keine Berechtigung');
    expect(await count()).toBe(before);
    const [{ n: after }] = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation WHERE indicator_id = 'ewr_total'",
    )) as [{ n: number }];
    expect(after).toBe(values);
  });

  it('a failed sign-in of an existing account is logged (security log), an unknown address is not', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const before = await count();
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'falsch-falsch-falsch' },
      remoteAddress: nextIp(),
    });
    expect(wrong.statusCode).toBe(401);
    expect(await count()).toBe(before + 1);
    expect((await newest(1))[0]).toMatchObject({
      action: 'access.sign_in_failed',
      actor: user.email,
      entity_id: String(user.id),
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'niemand@berlin.example', password: 'falsch-falsch-falsch' },
      remoteAddress: nextIp(),
    });
    expect(await count()).toBe(before + 1);
  });

  it('a request refused for a missing CSRF token leaves no entry', async () => {
    const s = await signInCookie(await freshUser());
    const before = await count();
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'x', scopes: ['indicators.read'] },
    });
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('changing the password with an API token is refused with 4xx, not 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: adminAuth,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Per-Token-geaendert-99' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// The hash chain

async function chainDb(): Promise<Db> {
  const d = await createTestDb();
  await d.exec("INSERT INTO tenant (id, ags, name) VALUES ('berlin', '11000000', 'Berlin')");
  for (let i = 1; i <= 5; i++)
    await d.transaction((tx) =>
      writeAudit(tx, 'berlin', {
        actor: { actor: 'planung@berlin.example', userId: null, permission: 'indicators.edit' },
        action: 'indicators.update',
        entity: 'indicator',
        entityId: `ind_${i}`,
        detail: { methodNote: { before: null, after: `Fassung ${i}` } },
      }),
    );
  return d;
}

describe('verifyAuditChain', () => {
  it('finds nothing in an untouched chain', async () => {
    const d = await chainDb();
    try {
      const report = await verifyAuditChain(d);
      expect(report.problems).toEqual([]);
      expect(report.tenants).toEqual([{ tenantId: 'berlin', entries: 5 }]);
    } finally {
      await d.close();
    }
  });

  it('finds a changed entry', async () => {
    const d = await chainDb();
    try {
      await d.query(
        `UPDATE audit_log SET detail = '{"methodNote": {"before": null, "after": "gefälscht"}}' WHERE seq = 3`,
      );
      const { problems } = await verifyAuditChain(d);
      expect(problems).toContainEqual(
        expect.objectContaining({
          seq: 3,
          problem: 'Inhalt passt nicht zum gespeicherten Hash (Eintrag wurde geändert).',
        }),
      );
      // the actor too
      await d.query(`UPDATE audit_log SET detail = '{}', actor = 'jemand' WHERE seq = 4`);
      expect((await verifyAuditChain(d)).problems.some((p) => p.seq === 4)).toBe(true);
    } finally {
      await d.close();
    }
  });

  it('finds a deleted entry in the middle', async () => {
    const d = await chainDb();
    try {
      await d.query('DELETE FROM audit_log WHERE seq = 3');
      const { problems } = await verifyAuditChain(d);
      expect(problems.map((p) => p.problem)).toContain('Einträge 3–3 fehlen (gelöscht).');
      expect(problems.some((p) => p.seq === 4 && p.problem.startsWith('Verweis'))).toBe(true);
    } finally {
      await d.close();
    }
  });

  it('finds a deleted last entry', async () => {
    const d = await chainDb();
    try {
      await d.query('DELETE FROM audit_log WHERE seq = 5');
      const { problems } = await verifyAuditChain(d);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.problem).toContain('Einträge am Ende gelöscht');
    } finally {
      await d.close();
    }
  });

  it('finds an entry inserted without writeAudit', async () => {
    const d = await chainDb();
    try {
      await d.query(
        `INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, detail)
         VALUES ('berlin', now(), 'planung@berlin.example', 'indicators.update', 'indicator', 'ind_x', '{}')`,
      );
      const { problems } = await verifyAuditChain(d);
      expect(problems).toEqual([
        expect.objectContaining({
          seq: null,
          problem: 'Eintrag ist nicht verkettet (an der Protokollfunktion vorbei eingefügt).',
        }),
      ]);
    } finally {
      await d.close();
    }
  });

  it('finds an entry forged with a made-up chain link (hash computed without the real predecessor)', async () => {
    const d = await chainDb();
    try {
      await d.query(
        `INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, detail, seq, prev_hash, hash)
         VALUES ('berlin', now(), 'x', 'indicators.update', 'indicator', 'ind_x', '{}', 6, repeat('0', 64), repeat('1', 64))`,
      );
      expect((await verifyAuditChain(d)).problems.length).toBeGreaterThan(0);
    } finally {
      await d.close();
    }
  });
});

describe('sozialraum audit verify', () => {
  /** A PGlite data directory on disk with a chain of 5 entries. */
  async function prepareDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'sz-audit-cli-'));
    // the CLI always runs on PGlite here; on the PostgreSQL project there is no PGlite template
    const file = inject('pgliteTemplate');
    const d = file
      ? await openDb({ dataDir: dir, loadDataDir: new Blob([await readFile(file)]) })
      : await openDb({ dataDir: dir });
    if (!file) await migrate(d);
    await d.exec("INSERT INTO tenant (id, ags, name) VALUES ('berlin', '11000000', 'Berlin')");
    for (let i = 1; i <= 5; i++)
      await d.transaction((tx) =>
        writeAudit(tx, 'berlin', {
          actor: 'planung@berlin.example',
          action: 'indicators.update',
          entity: 'indicator',
          entityId: `ind_${i}`,
          detail: { i },
        }),
      );
    await d.close();
    return dir;
  }

  async function withDir(dir: string, fn: (d: Db) => Promise<void>): Promise<void> {
    const d = await openDb({ dataDir: dir });
    try {
      await fn(d);
    } finally {
      await d.close();
    }
  }

  const cli = (dir: string) =>
    runAuditCli(['verify'], { ...loadConfig({}), databaseUrl: undefined, dataDir: dir });

  it('exits 0 on an intact chain and 1 on a changed entry', async () => {
    const dir = await prepareDir();
    try {
      expect(await cli(dir)).toBe(0);
      await withDir(dir, (d) =>
        d.query(`UPDATE audit_log SET detail = '{"i": 99}' WHERE seq = 2`).then(() => undefined),
      );
      expect(await cli(dir)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the command itself (node bin/sozialraum.mjs audit verify) exits 1 on a tampered database', async () => {
    const dir = await prepareDir();
    try {
      await withDir(dir, (d) =>
        d.query('DELETE FROM audit_log WHERE seq = 3').then(() => undefined),
      );
      const bin = fileURLToPath(new URL('../../../bin/sozialraum.mjs', import.meta.url));
      const r = spawnSync(process.execPath, [bin, 'audit', 'verify'], {
        env: { ...process.env, SOZIALRAUM_DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr + r.stdout).toBe(1);
      expect(r.stderr).toContain('fehlen (gelöscht)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 for an entry inserted without writeAudit', async () => {
    const dir = await prepareDir();
    try {
      await withDir(dir, (d) =>
        d
          .query(
            `INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, detail)
             VALUES ('berlin', now(), 'jemand', 'indicators.update', 'indicator', 'ind_x', '{}')`,
          )
          .then(() => undefined),
      );
      expect(await cli(dir)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
