// A moderator removes a single photo of a report (issue 13 § 2, ADR 0045): with a reason, audited,
// the photo answers 404 afterwards and its file is gone, the report keeps its other photos; people
// without participation.moderate are refused, odd input is 400, unknown photos 404. The author's
// deletion request still removes the report with all remaining photos, its audit keeping no text.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { forgetPlaces } from './place.ts';
import { solveChallenge } from './pow.ts';

let db: Db;
let app: FastifyInstance;
let dataDir: string;
let moderator: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

const TEXT = 'Die Bank am Teich ist umgestürzt, Frau Beispiel aus Nr. 5 hat es gesehen.';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sozialraum-photo-removal-'));
  db = await createTestDb();
  await insertFixture(db);
  forgetPlaces();
  app = await buildApp(testContext(db, { dataDir }), { validateResponses: true, logger: false });
  const as = async (roles: string[]) =>
    injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles })));
  moderator = await as(['moderator']);
  viewer = await as(['viewer']);
  const admin = injectAs(app, await adminHeaders(db));
  const res = await admin({
    method: 'PUT',
    url: '/api/participation/settings',
    payload: { flagThreshold: 3, powDifficulty: 4, privacyNotice: null },
  });
  expect(res.statusCode).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function submitReport(): Promise<{ id: number; code: string }> {
  const { challenge } = (await app.inject('/api/participation/challenge')).json<{
    challenge: string;
  }>();
  const res = await app.inject({
    method: 'POST',
    url: '/api/participation/reports',
    payload: {
      kind: 'hint',
      topic: 'environment',
      text: TEXT,
      lon: 13.15,
      lat: 52.05,
      pow: { challenge, nonce: solveChallenge(challenge) },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json<{ report: { id: number }; deleteToken: string }>();
  return { id: body.report.id, code: body.deleteToken };
}

async function addPhoto(id: number, code: string, colour: string): Promise<number> {
  const content = await sharp({
    create: { width: 64, height: 48, channels: 3, background: colour },
  })
    .jpeg()
    .toBuffer();
  const { payload, headers } = multipart([{ name: 'bank.jpg', content }]);
  const res = await app.inject({
    method: 'POST',
    url: `/api/participation/reports/${id}/photos`,
    payload,
    headers: { ...headers, 'x-report-code': code },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

const photoFolders = () =>
  readdir(path.join(dataDir, 'files', 'photos')).then(
    (names) => names.filter((n) => /^[a-f0-9]{24}$/.test(n)),
    () => [] as string[],
  );

const remove = (
  who: ReturnType<typeof injectAs> | null,
  reportId: number,
  photoId: number | string,
  payload: unknown,
) => {
  const req = {
    method: 'DELETE' as const,
    url: `/api/participation/reports/${reportId}/photos/${photoId}`,
    payload: payload as Record<string, unknown>,
  };
  return who ? who(req) : app.inject(req);
};

describe('removing a single photo', () => {
  let report: { id: number; code: string };
  let photos: number[] = [];

  beforeAll(async () => {
    report = await submitReport();
    photos = [
      await addPhoto(report.id, report.code, '#c33'),
      await addPhoto(report.id, report.code, '#3c3'),
      await addPhoto(report.id, report.code, '#33c'),
    ];
    expect(await photoFolders()).toHaveLength(3);
  });

  it('refuses people without the moderation right and odd input, changing nothing', async () => {
    const reason = { reason: 'Ein Kennzeichen ist lesbar.' };
    expect((await remove(null, report.id, photos[0]!, reason)).statusCode).toBe(401);
    expect((await remove(viewer, report.id, photos[0]!, reason)).statusCode).toBe(403);
    const short = await remove(moderator, report.id, photos[0]!, { reason: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Grund');
    expect((await remove(moderator, report.id, photos[0]!, {})).statusCode).toBe(400);
    expect((await remove(moderator, report.id, 'abc', reason)).statusCode).toBe(400);
    expect((await remove(moderator, report.id, 999_999, reason)).statusCode).toBe(404);
    const other = await submitReport();
    // a photo id of another report is not found under this one
    expect((await remove(moderator, other.id, photos[0]!, reason)).statusCode).toBe(404);
    expect(await photoFolders()).toHaveLength(3);
  });

  it('removes one photo with a reason: 404 afterwards, file gone, others kept, audited', async () => {
    const res = await remove(moderator, report.id, photos[1]!, {
      reason: 'Auf dem Foto ist ein Gesicht zu erkennen.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const moderated = res.json<{ id: number; photos: { id: number }[] }>();
    expect(moderated.photos.map((p) => p.id)).toEqual([photos[0], photos[2]]);
    const url = (id: number) => `/api/participation/reports/${report.id}/photos/${id}`;
    expect((await app.inject(url(photos[1]!))).statusCode).toBe(404);
    expect((await moderator(url(photos[1]!))).statusCode).toBe(404);
    expect((await app.inject(url(photos[0]!))).statusCode).toBe(200);
    expect((await app.inject(url(photos[2]!))).statusCode).toBe(200);
    const pub = (await app.inject(`/api/participation/reports/${report.id}`)).json<{
      photos: { id: number }[];
      text: string;
    }>();
    expect(pub.photos.map((p) => p.id)).toEqual([photos[0], photos[2]]);
    expect(pub.text).toBe(TEXT);
    expect(await photoFolders()).toHaveLength(2);
    const [audit] = await db.query<{ action: string; detail: Record<string, unknown> }>(
      `SELECT action, detail FROM audit_log
        WHERE entity = 'participation_report' AND entity_id = $1 AND action = 'participation.photo_remove'`,
      [String(report.id)],
    );
    expect(audit?.detail).toEqual({
      photoId: photos[1],
      reason: 'Auf dem Foto ist ein Gesicht zu erkennen.',
      photosLeft: 2,
    });
    // a second removal of the same photo: not found
    const again = await remove(moderator, report.id, photos[1]!, { reason: 'noch einmal' });
    expect(again.statusCode).toBe(404);
  });

  it('lets the author still delete the whole report with its remaining photos', async () => {
    const del = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${report.id}/deletion`,
      payload: { token: report.code },
    });
    expect(del.statusCode, del.body).toBe(200);
    expect((await app.inject(`/api/participation/reports/${report.id}`)).statusCode).toBe(404);
    expect(await photoFolders()).toHaveLength(0);
    const rows = await db.query<{ action: string; detail: unknown }>(
      `SELECT action, detail FROM audit_log WHERE entity = 'participation_report' AND entity_id = $1`,
      [String(report.id)],
    );
    const deletion = rows.find((r) => r.action === 'participation.delete');
    expect(deletion?.detail).toMatchObject({ by: 'author', personalDataKept: false, photos: 2 });
    // the audit keeps no personal data: neither the report's text nor the name it contains
    expect(JSON.stringify(rows)).not.toContain('Beispiel');
    expect(JSON.stringify(rows)).not.toContain('bank.jpg');
  });
});
