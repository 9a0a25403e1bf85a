// The files service: size limits per kind (nothing of a refused file stays), lifetimes per kind,
// orphaned folders of an interrupted write, and the scheduled cleanup as a recorded job.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { HttpError } from '../../http/errors.ts';
import { insertFixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { JobRunner, getJob } from '../jobs/index.ts';
import { fileCleanupJob } from './cleanup-job.ts';
import { FileStore, filePolicies, ORPHAN_AFTER_MS } from './service.ts';

let db: Db;
let dataDir: string;
let store: FileStore;
const DAY = 24 * 3_600_000;
/** 1,5 MB for uploads in this test */
const LIMIT = 1.5 * 1024 * 1024;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-files-'));
  store = new FileStore(dataDir, filePolicies(LIMIT));
});
afterAll(async () => {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

const bytes = (n: number) => Readable.from([Buffer.alloc(n, 0x41)]);

/** A file folder as the store writes it, created `ageMs` ago. */
async function planted(root: string, ageMs: number, withMeta = true): Promise<string> {
  const id = Math.random().toString(16).slice(2).padEnd(24, '0').slice(0, 24);
  const dir = path.join(root, id);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'a.txt'), 'x');
  if (withMeta)
    await writeFile(
      path.join(dir, 'meta.json'),
      JSON.stringify({ createdAt: new Date(Date.now() - ageMs).toISOString() }),
    );
  else {
    const t = new Date(Date.now() - ageMs);
    await utimes(dir, t, t);
  }
  return dir;
}

describe('files service', () => {
  it('keeps uploads where the imports keep them, reports and photos beside them', () => {
    expect(store.root('upload')).toBe(path.join(dataDir, 'uploads'));
    expect(store.root('report')).toBe(path.join(dataDir, 'files', 'reports'));
    expect(store.root('photo')).toBe(path.join(dataDir, 'files', 'photos'));
  });

  it('stores a file within its kind’s limit under a safe name', async () => {
    const f = await store.save('upload', 'C:\\Daten\\Einwohner 2024.csv', bytes(1000));
    expect(f).toMatchObject({ kind: 'upload', name: 'Einwohner 2024.csv', bytes: 1000 });
    expect(path.dirname(path.dirname(f.path))).toBe(store.root('upload'));
    expect(existsSync(f.path)).toBe(true);
    expect(await store.remove('upload', f.id)).toBe(true);
    expect(existsSync(path.dirname(f.path))).toBe(false);
    expect(await store.remove('upload', f.id)).toBe(false);
  });

  it('refuses a file past its kind’s limit with 413 in German and leaves nothing behind', async () => {
    const before = await readdir(store.root('upload')).catch(() => []);
    const err = await store.save('upload', 'gross.csv', bytes(LIMIT + 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).statusCode).toBe(413);
    expect((err as HttpError).message).toBe('gross.csv: die Datei ist größer als 1,5 MB.');
    expect(await readdir(store.root('upload'))).toEqual(before);
    // a photo has its own, larger limit
    const photo = await store.save('photo', 'kita.jpg', bytes(LIMIT + 1));
    expect(photo.bytes).toBe(LIMIT + 1);
  });

  it('sweeps expired files per kind and orphaned folders, keeps the rest', async () => {
    const oldUpload = await planted(store.root('upload'), 2 * DAY);
    const freshUpload = await planted(store.root('upload'), 3_600_000);
    const oldReport = await planted(store.root('report'), 31 * DAY);
    const youngReport = await planted(store.root('report'), 29 * DAY);
    const oldPhoto = await planted(store.root('photo'), 400 * DAY);
    const orphan = await planted(store.root('report'), ORPHAN_AFTER_MS + 60_000, false);
    const writing = await planted(store.root('report'), 60_000, false);
    const removed = await store.sweep();
    expect(removed).toEqual({ upload: 1, report: 2, photo: 0 });
    for (const gone of [oldUpload, oldReport, orphan]) expect(existsSync(gone)).toBe(false);
    for (const kept of [freshUpload, youngReport, oldPhoto, writing])
      expect(existsSync(kept)).toBe(true);
  });

  it('runs the cleanup as a recorded job', async () => {
    await planted(store.root('report'), 40 * DAY);
    const runner = new JobRunner(db);
    const job = await runner.start(
      'berlin',
      fileCleanupJob(store),
      {},
      { startedBy: 'system', userId: null },
    );
    expect((await job.done).report).toBe(1);
    expect(await getJob(db, 'berlin', job.id)).toMatchObject({
      kind: 'files.cleanup',
      status: 'succeeded',
      started_by: 'system',
      result: { removed: { upload: 0, report: 1, photo: 0 } },
    });
  });
});
