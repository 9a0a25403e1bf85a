// Photos on reports over HTTP on a real database (issue 13 § 1): the author adds photos with her
// deletion code — a JPEG with a GPS position comes back without any EXIF —, at most three, odd
// input is refused with 400; hiding the report hides its photos from everyone but the
// moderators; the author's deletion removes the files too.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
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

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sozialraum-photos-'));
  db = await createTestDb();
  await insertFixture(db);
  forgetPlaces();
  app = await buildApp(testContext(db, { dataDir }), { validateResponses: true, logger: false });
  const admin = injectAs(app, await adminHeaders(db));
  moderator = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['moderator'] })),
  );
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
      topic: 'children_youth',
      text: 'Am Spielplatz fehlt seit Wochen die Schaukel.',
      lon: 13.15,
      lat: 52.05,
      pow: { challenge, nonce: solveChallenge(challenge) },
    },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json<{ report: { id: number }; deleteToken: string }>();
  return { id: body.report.id, code: body.deleteToken };
}

async function gpsJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Testkamera' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1', GPSLongitudeRef: 'E' },
    })
    .toBuffer();
}

function upload(id: number, code: string | null, content: Buffer): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipart([{ name: 'IMG_0001.jpg', content }]);
  return app.inject({
    method: 'POST',
    url: `/api/participation/reports/${id}/photos`,
    payload,
    headers: { ...headers, ...(code ? { 'x-report-code': code } : {}) },
  });
}

const photoFolders = () =>
  readdir(path.join(dataDir, 'files', 'photos')).then(
    (names) => names.filter((n) => /^[a-f0-9]{24}$/.test(n)),
    () => [] as string[],
  );

describe('photos on a report', () => {
  let report: { id: number; code: string };
  let photoId: number;

  beforeAll(async () => {
    report = await submitReport();
  });

  it('stores a photo of the author without EXIF and GPS and shows it with the report', async () => {
    const input = await gpsJpeg();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const res = await upload(report.id, report.code, input);
    expect(res.statusCode).toBe(201);
    const added = res.json<{ id: number; width: number; height: number; photoCount: number }>();
    photoId = added.id;
    expect(added).toMatchObject({ width: 300, height: 200, photoCount: 1 });
    expect(res.headers.location).toBe(`/api/participation/reports/${report.id}/photos/${photoId}`);

    const file = await app.inject(`/api/participation/reports/${report.id}/photos/${photoId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from('Testkamera'))).toBe(false);

    const pub = await app.inject(`/api/participation/reports/${report.id}`);
    expect(pub.json<{ photos: unknown[] }>().photos).toEqual([
      { id: photoId, width: 300, height: 200 },
    ]);
  });

  it('takes at most three photos per report (409)', async () => {
    const png = await sharp({
      create: { width: 20, height: 20, channels: 4, background: '#00f8' },
    })
      .png()
      .toBuffer();
    expect((await upload(report.id, report.code, png)).statusCode).toBe(201);
    expect((await upload(report.id, report.code, png)).statusCode).toBe(201);
    const fourth = await upload(report.id, report.code, png);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json<{ error: { message: string } }>().error.message).toContain('3 Fotos');
    expect(await photoFolders()).toHaveLength(3);
  });

  it('refuses a wrong or missing code (404/400) and odd files (400), keeping no file', async () => {
    const other = await submitReport();
    const before = await photoFolders();
    const wrong = await upload(other.id, report.code, await gpsJpeg());
    expect(wrong.statusCode).toBe(404);
    expect((await upload(other.id, null, await gpsJpeg())).statusCode).toBe(400);
    const text = await upload(other.id, other.code, Buffer.from('<script>alert(1)</script>'));
    expect(text.statusCode).toBe(400);
    expect(text.json<{ error: { message: string } }>().error.message).toContain('JPEG, PNG');
    const json = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${other.id}/photos`,
      payload: { file: 'x' },
      headers: { 'x-report-code': other.code },
    });
    expect(json.statusCode).toBe(400);
    const none = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${other.id}/photos`,
      payload: multipart([]).payload,
      headers: { ...multipart([]).headers, 'x-report-code': other.code },
    });
    expect(none.statusCode).toBe(400);
    expect(await photoFolders()).toEqual(before);
  });

  it('hides the photos with the report, except for moderators, and lists them in the queue', async () => {
    const hide = await moderator({
      method: 'POST',
      url: `/api/participation/reports/${report.id}/moderation`,
      payload: { action: 'hide', reason: 'Auf dem Foto ist ein Gesicht zu erkennen.' },
    });
    expect(hide.statusCode).toBe(200);
    expect(hide.json<{ photos: unknown[] }>().photos).toHaveLength(3);
    const url = `/api/participation/reports/${report.id}/photos/${photoId}`;
    expect((await app.inject(url)).statusCode).toBe(404);
    expect((await moderator(url)).statusCode).toBe(200);
    const pub = await app.inject(`/api/participation/reports/${report.id}`);
    expect(pub.json<{ photos: unknown[] }>().photos).toEqual([]);
    const list = await app.inject('/api/participation/reports');
    expect(list.json<{ id: number }[]>().some((r) => r.id === report.id)).toBe(false);
    const queue = await moderator('/api/participation/moderation');
    const item = queue.json<{ id: number; photos: unknown[] }[]>().find((r) => r.id === report.id);
    expect(item?.photos).toHaveLength(3);
  });

  it('removes the photo files with the report when the author deletes it', async () => {
    expect(await photoFolders()).toHaveLength(3);
    const del = await app.inject({
      method: 'POST',
      url: `/api/participation/reports/${report.id}/deletion`,
      payload: { token: report.code },
    });
    expect(del.statusCode).toBe(200);
    expect(await photoFolders()).toHaveLength(0);
    const audit = await db.query<{ action: string; detail: unknown }>(
      `SELECT action, detail FROM audit_log WHERE entity = 'participation_report' AND entity_id = $1
        ORDER BY seq`,
      [String(report.id)],
    );
    expect(audit.filter((a) => a.action === 'participation.photo_add')).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain('IMG_0001');
  });
});
