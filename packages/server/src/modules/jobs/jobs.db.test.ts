// The job runner on a real database (PGlite): the record of what ran, progress events, bounded
// retries, schedules, and restart safety — a runner stopped in the middle of an import (as a process
// that ends), then a new runner on the same database: the import changed nothing and its job is
// marked failed in German; a resumable job is run again.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { insertFixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { importJob, runTableImport } from '../imports/index.ts';
import {
  INTERRUPTED_BY_RESTART,
  JobInterrupted,
  JobRunner,
  type JobEvent,
  type JobKind,
} from './service.ts';
import { getJob, listJobs } from './store.ts';

let db: Db;
let dir: string;
const T = 'berlin';
const who = { startedBy: 'erika@stadt.de', userId: null };

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dir = await mkdtemp(path.join(tmpdir(), 'sz-jobs-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

class Flaky extends Error {}

/** A kind that fails `failures` times with a retryable error, then returns 'ok'. */
function flaky(
  failures: number,
  retries: number,
): JobKind<{ n: number }, string> & { calls: number } {
  const k = {
    kind: 'test.flaky',
    resumable: false,
    retries,
    calls: 0,
    retryable: (err: unknown) => err instanceof Flaky,
    run: async () => {
      k.calls++;
      if (k.calls <= failures) throw new Flaky(`Versuch ${k.calls} ging schief`);
      return 'ok';
    },
  };
  return k;
}

describe('job runner', () => {
  it('records who started what with which parameters, progress, result and times', async () => {
    const runner = new JobRunner(db);
    const events: JobEvent[] = [];
    const kind: JobKind<{ city: string }, { counted: number }> = {
      kind: 'test.count',
      resumable: false,
      retries: 0,
      run: async (ctx) => {
        ctx.progress({ phase: 'zählen', done: 1 });
        ctx.progress({ phase: 'zählen', done: 2 }); // same phase within 200 ms: not told again
        ctx.progress({ phase: 'schreiben', done: 2 });
        return { counted: ctx.params.city.length };
      },
    };
    const job = await runner.start(T, kind, { city: 'Berlin' }, who, 'upload-1');
    const off = runner.subscribe(T, job.id, (e) => events.push(e));
    const bySubject: JobEvent[] = [];
    runner.subscribeSubject(T, 'upload-1', (e) => bySubject.push(e));
    expect(await job.done).toEqual({ counted: 6 });
    off();
    const row = (await getJob(db, T, job.id))!;
    expect(row).toMatchObject({
      kind: 'test.count',
      subject: 'upload-1',
      params: { city: 'Berlin' },
      status: 'succeeded',
      attempts: 1,
      result: { counted: 6 },
      error: null,
      started_by: 'erika@stadt.de',
      progress: { phase: 'schreiben', done: 2 },
    });
    expect(row.started_at).toBeTruthy();
    expect(new Date(row.finished_at!).getTime()).toBeGreaterThanOrEqual(
      new Date(row.started_at!).getTime(),
    );
    expect(events.map((e) => [e.progress?.phase, e.status, e.done])).toEqual([
      ['zählen', 'running', false],
      ['schreiben', 'running', false],
      ['schreiben', 'succeeded', true],
    ]);
    expect(bySubject).toEqual(events);
    // another tenant never sees it
    expect(await getJob(db, 'leipzig', job.id)).toBeUndefined();
  });

  it('retries work that is safe to retry, at most `retries` times', async () => {
    const runner = new JobRunner(db, { retryDelayMs: 1 });
    const twice = flaky(2, 2);
    const ok = await runner.start(T, twice, { n: 1 }, who);
    expect(await ok.done).toBe('ok');
    expect(twice.calls).toBe(3);
    expect(await getJob(db, T, ok.id)).toMatchObject({ status: 'succeeded', attempts: 3 });

    const always = flaky(99, 1);
    const bad = await runner.start(T, always, { n: 2 }, who);
    await expect(bad.done).rejects.toThrow('Versuch 2 ging schief');
    expect(always.calls).toBe(2);
    expect(await getJob(db, T, bad.id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: 'Versuch 2 ging schief',
    });
  });

  it('does not retry an error the kind does not call retryable', async () => {
    const runner = new JobRunner(db, { retryDelayMs: 1 });
    const k = flaky(0, 3);
    const kind = { ...k, run: async () => Promise.reject(new Error('Datei fehlt')) };
    const job = await runner.start(T, kind, { n: 3 }, who);
    await expect(job.done).rejects.toThrow('Datei fehlt');
    expect(await getJob(db, T, job.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'Datei fehlt',
    });
  });

  it('marks a job failed when its outcome says so, keeping the summary', async () => {
    const runner = new JobRunner(db);
    const job = await runner.start(
      T,
      {
        kind: 'test.judge',
        resumable: false,
        retries: 0,
        run: async () => 3,
        outcome: (n: number) => ({ summary: { errors: n }, failure: `${n} Fehler gefunden` }),
      },
      {},
      who,
    );
    expect(await job.done).toBe(3);
    expect(await getJob(db, T, job.id)).toMatchObject({
      status: 'failed',
      error: '3 Fehler gefunden',
      result: { errors: 3 },
    });
  });

  it('refuses new jobs once stopped', async () => {
    const runner = new JobRunner(db);
    await runner.stop();
    await expect(runner.start(T, flaky(0, 0), { n: 0 }, who)).rejects.toBeInstanceOf(
      JobInterrupted,
    );
  });
});

const CSV = [
  'PLR;Stichtag;Einwohner',
  '01100101;31.12.2025;1.234',
  '01100102;31.12.2025;567',
  '02100101;31.12.2025;89',
  '02100102;31.12.2025;10',
].join('\r\n');

describe('restart safety', () => {
  it('an import cut off by a restart changes nothing; the next start marks its job failed', async () => {
    const p = path.join(dir, 'einwohner.csv');
    await writeFile(p, Buffer.from(CSV, 'latin1'));
    const upload = {
      id: 'restart',
      dir,
      files: [{ name: 'einwohner.csv', path: p, bytes: (await stat(p)).size }],
    };
    const count = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM observation WHERE tenant_id = $1 AND ref_date = '2025-12-31'`,
          [T],
        )
      )[0]!.n;
    const runsBefore = (await db.query('SELECT id FROM import_run')).length;
    expect(await count()).toBe(0);

    const first = new JobRunner(db);
    const kind = importJob('table', (onProgress) =>
      runTableImport(
        db,
        T,
        upload,
        {
          dryRun: false,
          systemId: 'lor2021',
          levelId: 'plr',
          mapping: {
            layout: 'wide',
            areaColumn: 'PLR',
            areaKey: 'code',
            date: { column: 'Stichtag' },
            indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
          },
        },
        onProgress,
      ),
    );
    const job = await first.start(T, kind, { uploadId: 'restart' }, who, 'restart');
    const phases: string[] = [];
    let stopping: Promise<void> | undefined;
    first.subscribe(T, job.id, (e) => {
      phases.push(String(e.progress?.phase));
      // 'berechnen' comes after the values were written, inside the import's transaction:
      // the process "ends" right there
      if (e.progress?.phase === 'berechnen') stopping ??= first.stop();
    });
    await expect(job.done).rejects.toBeInstanceOf(JobInterrupted);
    await stopping;
    expect(phases).toContain('schreiben');
    expect(phases).toContain('berechnen');
    // as after a crash: the record still says running, and nothing of the import is there
    expect((await getJob(db, T, job.id))!.status).toBe('running');
    expect(await count()).toBe(0);
    expect((await db.query('SELECT id FROM import_run')).length).toBe(runsBefore);

    const second = new JobRunner(db);
    expect(await second.recover()).toEqual({ resumed: 0, failed: 1 });
    const after = (await getJob(db, T, job.id))!;
    expect(after).toMatchObject({ status: 'failed', error: INTERRUPTED_BY_RESTART });
    expect(after.error).toMatch(/neu gestartet/);
    expect(after.finished_at).toBeTruthy();
    expect(await count()).toBe(0);
    // a second start finds nothing left to do
    expect(await new JobRunner(db).recover()).toEqual({ resumed: 0, failed: 0 });
  });

  it('work that returned while the runner stops is recorded as done, not as interrupted', async () => {
    const runner = new JobRunner(db);
    let stopping: Promise<void> | undefined;
    const job = await runner.start(
      T,
      {
        kind: 'test.late',
        resumable: false,
        retries: 0,
        run: async () => {
          stopping = runner.stop(); // the shutdown begins just as the (committed) work returns
          return 'geschafft';
        },
      },
      {},
      who,
    );
    expect(await job.done).toBe('geschafft');
    await stopping;
    expect(await getJob(db, T, job.id)).toMatchObject({ status: 'succeeded', result: 'geschafft' });
  });

  it('a resumable job left running is run again by the next runner', async () => {
    let runs = 0;
    const kind: JobKind<{ days: number }, string> = {
      kind: 'test.resume',
      resumable: true,
      retries: 0,
      run: async (ctx) => {
        runs++;
        if (runs === 1)
          // the first process never finishes: it waits until it is stopped
          await new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => reject(new JobInterrupted())),
          );
        return `fertig nach ${ctx.params.days} Tagen`;
      },
    };
    const first = new JobRunner(db);
    const job = await first.start(T, kind, { days: 7 }, who);
    await new Promise((r) => setTimeout(r, 20));
    await first.stop();
    await expect(job.done).rejects.toBeInstanceOf(JobInterrupted);
    expect((await getJob(db, T, job.id))!.status).toBe('running');

    const second = new JobRunner(db);
    second.define(kind);
    expect(await second.recover()).toEqual({ resumed: 1, failed: 0 });
    for (let i = 0; i < 100 && (await getJob(db, T, job.id))!.status !== 'succeeded'; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await getJob(db, T, job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      result: 'fertig nach 7 Tagen',
      params: { days: 7 },
    });
    expect(runs).toBe(2);
  });
});

describe('schedule', () => {
  it('runs a scheduled kind for every tenant as the system', async () => {
    const runner = new JobRunner(db);
    let runs = 0;
    runner.schedule(
      {
        kind: 'test.tick',
        resumable: true,
        retries: 0,
        run: async () => ++runs,
      },
      30,
      {},
    );
    for (let i = 0; i < 200 && runs < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    const jobs = await listJobs(db, T, { kind: 'test.tick', limit: 10 });
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    expect(jobs.every((j) => j.started_by === 'system' && j.status === 'succeeded')).toBe(true);
  });
});
