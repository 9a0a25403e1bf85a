// The participation module over HTTP on a real database (issue 13 §§ 1–2): an anonymous resident
// submits a report with a solved proof of work, others support and flag it, flags hide it, a
// moderator shows it again, the administration rejects it with a reason and the author — who
// confirmed her address through a real SMTP conversation with a local sink — is told; finally she
// deletes it with her code and the audit keeps no personal data.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { forgetPlaces } from './place.ts';
import { solutionProblem, solveChallenge } from './pow.ts';

let db: Db;
let app: FastifyInstance;
let fixture: Fixture;
let admin: ReturnType<typeof injectAs>;
let moderator: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let sink: SMTPServer;
const mails: { to: string; raw: string }[] = [];

/** The raw message with quoted-printable soft line breaks and =3D undone (enough for ASCII checks). */
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (ch: Buffer) => chunks.push(ch));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw: unfold(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as AddressInfo).port;
  db = await createTestDb();
  fixture = await insertFixture(db);
  forgetPlaces();
  app = await buildApp(testContext(db, { smtpUrl: `smtp://127.0.0.1:${port}` }), {
    validateResponses: true,
    logger: false,
  });
  admin = injectAs(app, await adminHeaders(db));
  moderator = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['moderator'] })),
  );
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
  const res = await admin({
    method: 'PUT',
    url: '/api/participation/settings',
    payload: {
      flagThreshold: 2,
      powDifficulty: 8,
      privacyNotice: 'Wir speichern nur, was Sie eingeben.',
    },
  });
  expect(res.statusCode).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

async function solved(): Promise<{ challenge: string; nonce: string }> {
  const res = await app.inject('/api/participation/challenge');
  expect(res.statusCode).toBe(200);
  const { challenge, difficulty } = res.json<{ challenge: string; difficulty: number }>();
  expect(difficulty).toBe(8);
  return { challenge, nonce: solveChallenge(challenge) };
}

const report = (over: Record<string, unknown> = {}) => ({
  kind: 'hint',
  topic: 'children_youth',
  text: 'Der Spielplatz <script>alert(1)</script> an der Ecke hat keine Schaukel mehr.',
  lon: 13.15,
  lat: 52.05,
  ...over,
});

async function submit(over: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/participation/reports',
    payload: { ...report(over), pow: await solved() },
  });
}

describe('submitting a report without an account', () => {
  it('stores a report inside the municipality and places it in its Planungsraum', async () => {
    const res = await submit();
    expect(res.statusCode).toBe(201);
    const body = res.json<{
      report: { id: number; areaName: string; text: string; status: string; dimension: string };
      deleteToken: string;
      emailConfirmation: string;
    }>();
    expect(res.headers.location).toBe(`/api/participation/reports/${body.report.id}`);
    expect(body.report.areaName).toBe('Großer Tiergarten');
    expect(body.report.status).toBe('received');
    expect(body.report.dimension).toBe('education');
    // plain text, stored and answered verbatim: the web app renders it as text (no HTML)
    expect(body.report.text).toContain('<script>alert(1)</script>');
    expect(body.emailConfirmation).toBe('not_requested');
    const list = await app.inject('/api/participation/reports');
    expect(list.json<{ id: number }[]>().map((r) => r.id)).toContain(body.report.id);
  });

  it('refuses a point outside the municipality with a German message naming the place', async () => {
    const res = await submit({ lon: 11.5, lat: 48.1 });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(
      /„lon“\/„lat“.*48,1|außerhalb des Gebiets der Kommune/,
    );
  });

  it('refuses a missing, wrong or reused proof of work', async () => {
    const missing = await app.inject({
      method: 'POST',
      url: '/api/participation/reports',
      payload: report(),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('pow');
    const pow = await solved();
    // a nonce that provably misses the difficulty (a random one meets 8 bits 1 time in 256 and
    // would then use up the challenge)
    let bad = 0;
    while (solutionProblem(pow.challenge.split('.')[0]!, pow.challenge, `x${bad}`) === null) bad++;
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/participation/reports',
      payload: { ...report(), pow: { challenge: pow.challenge, nonce: `x${bad}` } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { message: string } }>().error.message).toMatch(/nicht gelöst/);
    const forged = await app.inject({
      method: 'POST',
      url: '/api/participation/reports',
      payload: {
        ...report(),
        pow: { challenge: pow.challenge.replace(/^berlin/, 'leipzig'), nonce: pow.nonce },
      },
    });
    expect(forged.statusCode).toBe(400);
    const first = await app.inject({
      method: 'POST',
      url: '/api/participation/reports',
      payload: { ...report(), pow },
    });
    expect(first.statusCode).toBe(201);
    const replay = await app.inject({
      method: 'POST',
      url: '/api/participation/reports',
      payload: { ...report(), pow },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json<{ error: { message: string } }>().error.message).toMatch(/schon verwendet/);
  });

  it('refuses a too short text and an unknown topic with field names', async () => {
    const res = await submit({ text: 'kurz', topic: 'parking' });
    expect(res.statusCode).toBe(400);
    const msg = res.json<{ error: { message: string } }>().error.message;
    expect(msg).toContain('„text“');
    expect(msg).toContain('„topic“');
  });
});

describe('supports, flags and moderation', () => {
  let id: number;
  beforeAll(async () => {
    id = (await submit({ kind: 'idea', topic: 'meeting', lon: 13.35 })).json<{
      report: { id: number };
    }>().report.id;
  });

  it('counts one support per device', async () => {
    const support = (deviceId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/participation/reports/${id}/supports`,
        payload: { deviceId },
      });
    expect((await support('geraet-aaaaaaaaaaaaaa')).json()).toEqual({
      supportCount: 1,
      counted: true,
    });
    expect((await support('geraet-aaaaaaaaaaaaaa')).json()).toEqual({
      supportCount: 1,
      counted: false,
    });
    expect((await support('geraet-bbbbbbbbbbbbbb')).json()).toEqual({
      supportCount: 2,
      counted: true,
    });
  });

  it('hides a report automatically at the flag threshold and shows the public neither text nor reason', async () => {
    const flag = (deviceId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/participation/reports/${id}/flags`,
        payload: { deviceId, reason: 'beleidigend' },
      });
    expect((await flag('melder-aaaaaaaaaaaaaa')).json()).toEqual({ counted: true, hidden: false });
    expect((await flag('melder-aaaaaaaaaaaaaa')).json()).toEqual({ counted: false, hidden: false });
    expect((await flag('melder-bbbbbbbbbbbbbb')).json()).toEqual({ counted: true, hidden: true });
    const pub = (await app.inject(`/api/participation/reports/${id}`)).json<{
      text: string | null;
      hidden: boolean;
      hiddenReason: string | null;
    }>();
    expect(pub).toMatchObject({ text: null, hidden: true, hiddenReason: null });
    const queued = (await moderator('/api/participation/moderation')).json<
      { id: number; hiddenReason: string }[]
    >();
    expect(queued.find((r) => r.id === id)?.hiddenReason).toMatch(
      /Automatisch ausgeblendet: 2 Meldungen/,
    );
    const list = (await app.inject('/api/participation/reports')).json<{ id: number }[]>();
    expect(list.map((r) => r.id)).not.toContain(id);
  });

  it('lets only moderators see the queue and decide; a reviewed report is not hidden by flags again', async () => {
    expect((await app.inject('/api/participation/moderation')).statusCode).toBe(401);
    expect((await viewer('/api/participation/moderation')).statusCode).toBe(403);
    const queue = (await moderator('/api/participation/moderation')).json<
      { id: number; flagCount: number; flagReasons: string[] }[]
    >();
    expect(queue[0]).toMatchObject({
      id,
      flagCount: 2,
      flagReasons: ['beleidigend', 'beleidigend'],
    });
    const noReason = await moderator({
      method: 'POST',
      url: `/api/participation/reports/${id}/moderation`,
      payload: { action: 'show', reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const shown = await moderator({
      method: 'POST',
      url: `/api/participation/reports/${id}/moderation`,
      payload: { action: 'show', reason: 'Sachlich, keine Beleidigung', note: 'geprüft' },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ hidden: false, reviewed: true, moderatorNote: 'geprüft' });
    const again = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${id}/flags`,
      payload: { deviceId: 'melder-cccccccccccccc', reason: 'stört mich' },
    });
    expect(again.json()).toEqual({ counted: true, hidden: false });
    const audit = await db.query<{ action: string; actor: string; ip: string | null }>(
      `SELECT action, actor, ip FROM audit_log WHERE entity = 'participation_report' AND entity_id = $1 ORDER BY seq`,
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'participation.submit',
      'participation.support',
      'participation.support',
      'participation.flag',
      'participation.flag',
      'participation.auto_hide',
      'participation.show',
      'participation.flag',
    ]);
    // anonymous steps keep no IP address
    expect(audit.filter((a) => a.actor === 'anonym').every((a) => a.ip === null)).toBe(true);
  });
});

describe('answers, e-mail feedback and deletion', () => {
  it('confirms the address, informs the author of a rejection with reasons and deletes on request', async () => {
    const res = await submit({ email: 'anwohnerin@example.org', topic: 'environment' });
    expect(res.statusCode).toBe(201);
    const {
      report: r,
      deleteToken,
      emailConfirmation,
    } = res.json<{ report: { id: number }; deleteToken: string; emailConfirmation: string }>();
    expect(emailConfirmation).toBe('sent');
    const optIn = mails.find((m) => m.to === 'anwohnerin@example.org');
    const token = /bestaetigen\?token=([A-Za-z0-9_-]+)/.exec(optIn!.raw)?.[1];
    expect(token).toBeTruthy();

    // before confirming: an answer does not e-mail her
    const early = await admin({
      method: 'PATCH',
      url: `/api/participation/reports/${r.id}`,
      payload: { status: 'in_review' },
    });
    expect(early.json()).toMatchObject({ authorInformed: 'no_address' });
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/participation/email-confirmations',
      payload: { token },
    });
    expect(confirm.json()).toEqual({ reportId: r.id, confirmed: true });
    const twice = await app.inject({
      method: 'POST',
      url: '/api/participation/email-confirmations',
      payload: { token },
    });
    expect(twice.statusCode).toBe(404);

    const noReason = await admin({
      method: 'PATCH',
      url: `/api/participation/reports/${r.id}`,
      payload: { status: 'rejected' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { message: string } }>().error.message).toMatch(/Begründung/);
    expect(
      (
        await moderator({
          method: 'PATCH',
          url: `/api/participation/reports/${r.id}`,
          payload: { status: 'done' },
        })
      ).statusCode,
    ).toBe(403);
    const before = mails.length;
    const rejected = await admin({
      method: 'PATCH',
      url: `/api/participation/reports/${r.id}`,
      payload: {
        status: 'rejected',
        publicAnswer: 'Die Flaeche gehoert dem Land; wir haben es weitergegeben.',
      },
    });
    expect(rejected.json()).toMatchObject({
      authorInformed: 'sent',
      report: { status: 'rejected' },
    });
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.raw).toContain('Die Flaeche gehoert dem Land');

    // hidden by the moderation: the public sees neither text nor reason, the author both
    const hide = await moderator({
      method: 'POST',
      url: `/api/participation/reports/${r.id}/moderation`,
      payload: { action: 'hide', reason: 'Nennt eine Privatperson beim Namen' },
    });
    expect(hide.statusCode).toBe(200);
    expect(mails.length).toBe(before + 2);
    expect(mails.at(-1)!.to).toBe('anwohnerin@example.org');
    expect(mails.at(-1)!.raw).toContain('Nennt eine Privatperson beim Namen');
    const pub = (await app.inject(`/api/participation/reports/${r.id}`)).json();
    expect(pub).toMatchObject({ hidden: true, text: null, hiddenReason: null });
    const own = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${r.id}/author-view`,
      payload: { token: deleteToken },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      hidden: true,
      hiddenReason: 'Nennt eine Privatperson beim Namen',
      text: expect.stringContaining('Spielplatz'),
    });
    const notOwn = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${r.id}/author-view`,
      payload: { token: 'falscher-loeschcode' },
    });
    expect(notOwn.statusCode).toBe(404);

    const wrong = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${r.id}/deletion`,
      payload: { token: 'falscher-loeschcode' },
    });
    expect(wrong.statusCode).toBe(404);
    const del = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${r.id}/deletion`,
      payload: { token: deleteToken },
    });
    expect(del.json()).toEqual({ deleted: true });
    expect((await app.inject(`/api/participation/reports/${r.id}`)).statusCode).toBe(404);
    const audit = await db.query<{ detail: unknown; ip: string | null }>(
      `SELECT detail, ip FROM audit_log WHERE entity = 'participation_report' AND entity_id = $1`,
      [String(r.id)],
    );
    const text = JSON.stringify(audit);
    expect(text).not.toContain('anwohnerin@example.org');
    expect(text).not.toContain('Spielplatz');
    expect(audit.some((a) => JSON.stringify(a.detail).includes('"by":"author"'))).toBe(true);
  });

  it('gives the portal its topics, statuses, privacy notice and the municipality extent', async () => {
    const res = await app.inject('/api/participation/config');
    const cfg = res.json<{
      topics: unknown[];
      statuses: { id: string }[];
      privacyNotice: string;
      bbox: number[];
    }>();
    expect(cfg.topics).toHaveLength(8);
    expect(cfg.statuses.map((s) => s.id)).toContain('conference');
    expect(cfg.privacyNotice).toBe('Wir speichern nur, was Sie eingeben.');
    expect(cfg.bbox).toEqual([13, 52, 13.4, 52.1]);
    expect(fixture.areaId['01']).toBeGreaterThan(0);
  });
});
