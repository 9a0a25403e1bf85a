// Comments on reports over HTTP on a real database (issue 13 § 1–2): off until the tenant switches
// them on; then anyone comments with a solved proof of work, the text comes back verbatim as plain
// text (the web renders text), flags hide a comment at the threshold, a moderator shows or hides it
// with a reason, and a flood from one address is limited (429).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { COMMENTS_PER_IP } from './comment-routes.ts';
import { forgetPlaces } from './place.ts';
import { solveChallenge } from './pow.ts';

let db: Db;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let moderator: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let reportId: number;
let ip = 0;
const nextIp = () => `10.7.${(++ip >> 8) & 255}.${ip & 255}`;

const settings = (commentsEnabled: boolean) =>
  admin({
    method: 'PUT',
    url: '/api/participation/settings',
    payload: { flagThreshold: 2, powDifficulty: 4, privacyNotice: null, commentsEnabled },
  });

async function pow() {
  const { challenge } = (await app.inject('/api/participation/challenge')).json<{
    challenge: string;
  }>();
  return { challenge, nonce: solveChallenge(challenge) };
}

async function comment(text: string, remoteAddress = nextIp()): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/participation/reports/${reportId}/comments`,
    payload: { text, pow: await pow() },
    remoteAddress,
  });
}

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  forgetPlaces();
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  admin = injectAs(app, await adminHeaders(db));
  moderator = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['moderator'] })),
  );
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
  expect((await settings(false)).statusCode).toBe(200);
  const res = await app.inject({
    method: 'POST',
    url: '/api/participation/reports',
    payload: {
      kind: 'idea',
      topic: 'meeting',
      text: 'Ein Nachbarschaftscafé am Platz wäre schön.',
      lon: 13.15,
      lat: 52.05,
      pow: await pow(),
    },
  });
  expect(res.statusCode).toBe(201);
  reportId = res.json<{ report: { id: number } }>().report.id;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('comments on a report', () => {
  it('are refused while the tenant has not switched them on (409)', async () => {
    const res = await comment('Gute Idee!');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(
      'nicht eingeschaltet',
    );
    expect((await app.inject('/api/participation/config')).json()).toMatchObject({
      commentsEnabled: false,
    });
  });

  it('are stored verbatim as plain text once switched on, and listed oldest first', async () => {
    expect((await settings(true)).statusCode).toBe(200);
    // a client that does not know the switch (older screens, scripts) leaves it as it is
    const without = await admin({
      method: 'PUT',
      url: '/api/participation/settings',
      payload: { flagThreshold: 2, powDifficulty: 4, privacyNotice: null },
    });
    expect(without.statusCode).toBe(200);
    expect(without.json<{ commentsEnabled: boolean }>().commentsEnabled).toBe(true);
    const xss = 'Ja! <img src=x onerror=alert(1)><script>alert(2)</script>';
    const first = await comment(xss);
    expect(first.statusCode).toBe(201);
    expect(first.json<{ text: string }>().text).toBe(xss);
    expect((await comment('Bitte auch mit Spielecke.')).statusCode).toBe(201);
    const list = await app.inject(`/api/participation/reports/${reportId}/comments`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('application/json');
    expect(list.json<{ text: string }[]>().map((c) => c.text)).toEqual([
      xss,
      'Bitte auch mit Spielecke.',
    ]);
    const audit = await db.query<{ actor: string; detail: unknown; ip: string | null }>(
      `SELECT actor, detail, ip FROM audit_log WHERE action = 'participation.comment'`,
    );
    expect(audit).toHaveLength(2);
    // no text and no address of the anonymous writer in the audit log
    expect(audit[0]).toMatchObject({ actor: 'anonym', ip: null });
    expect(JSON.stringify(audit)).not.toContain('onerror');
  });

  it('refuses an empty text, a missing proof of work and an unknown report with 400/404', async () => {
    expect((await comment(' ')).statusCode).toBe(400);
    const noPow = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${reportId}/comments`,
      payload: { text: 'Ohne Aufgabe' },
      remoteAddress: nextIp(),
    });
    expect(noPow.statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/participation/reports/999999/comments',
      payload: { text: 'Wohin?', pow: await pow() },
      remoteAddress: nextIp(),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('hides a comment after enough flags, and a moderator decides with a reason', async () => {
    const id = (await comment('Werbung: billige Uhren')).json<{ id: number }>().id;
    const flag = (deviceId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/participation/comments/${id}/flags`,
        payload: { deviceId, reason: 'Werbung' },
        remoteAddress: nextIp(),
      });
    expect((await flag('geraet-aaaaaaaa-1')).json()).toEqual({ counted: true, hidden: false });
    expect((await flag('geraet-aaaaaaaa-1')).json()).toEqual({ counted: false, hidden: false });
    expect((await flag('geraet-bbbbbbbb-2')).json()).toEqual({ counted: true, hidden: true });
    const listed = await app.inject(`/api/participation/reports/${reportId}/comments`);
    expect(listed.json<{ id: number }[]>().map((c) => c.id)).not.toContain(id);

    expect((await viewer('/api/participation/moderation/comments')).statusCode).toBe(403);
    const queue = await moderator('/api/participation/moderation/comments');
    expect(queue.json<{ id: number; hidden: boolean; flagReasons: string[] }[]>()[0]).toMatchObject(
      { id, hidden: true, flagReasons: ['Werbung', 'Werbung'] },
    );
    const show = await moderator({
      method: 'POST',
      url: `/api/participation/comments/${id}/moderation`,
      payload: { action: 'show', reason: 'Geprüft, bleibt stehen' },
    });
    expect(show.statusCode).toBe(200);
    expect(show.json()).toMatchObject({ hidden: false, reviewed: true });
    // reviewed: further flags no longer hide it
    expect((await flag('geraet-cccccccc-3')).json()).toEqual({ counted: true, hidden: false });
    const hide = await moderator({
      method: 'POST',
      url: `/api/participation/comments/${id}/moderation`,
      payload: { action: 'hide', reason: 'Doch Werbung', note: 'intern' },
    });
    expect(hide.json()).toMatchObject({ hidden: true, hiddenReason: 'Doch Werbung' });
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'participation_comment' AND entity_id = $1
        ORDER BY seq`,
      [String(id)],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'participation.comment',
      'participation.comment_flag',
      'participation.comment_flag',
      'participation.comment_auto_hide',
      'participation.comment_show',
      'participation.comment_flag',
      'participation.comment_hide',
    ]);
  });

  it('lists no comments of a hidden report (404)', async () => {
    await moderator({
      method: 'POST',
      url: `/api/participation/reports/${reportId}/moderation`,
      payload: { action: 'hide', reason: 'Prüfung' },
    });
    expect((await app.inject(`/api/participation/reports/${reportId}/comments`)).statusCode).toBe(
      404,
    );
    expect((await comment('Noch da?')).statusCode).toBe(404);
    await moderator({
      method: 'POST',
      url: `/api/participation/reports/${reportId}/moderation`,
      payload: { action: 'show', reason: 'Geprüft' },
    });
  });

  it('limits a flood of comments from one address (429)', async () => {
    const from = '10.8.0.1';
    const codes: number[] = [];
    for (let i = 0; i <= COMMENTS_PER_IP.limit; i++)
      codes.push((await comment(`Kommentar ${i}`, from)).statusCode);
    expect(codes.filter((c) => c === 201).length).toBeLessThanOrEqual(COMMENTS_PER_IP.limit);
    expect(codes.at(-1)).toBe(429);
  });
});
