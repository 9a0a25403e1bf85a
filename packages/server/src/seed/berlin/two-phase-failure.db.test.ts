// A failed second phase of the Berlin demo (ADR 0062): the job's failure in Aufträge names the step
// and the reason and says that the app works with phase 1's data; the population files' import runs
// wait (not "running") between the phases and after the failure; the app still answers with phase
// 1's values. The broken file is a copy of the demo's population folder with one row of an older
// date twice (the demo-data folder itself stays untouched): phase 1 writes only the newest two
// dates and succeeds, phase 2's first step meets the duplicate.
import { copyFile, mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { buildApp } from '../../app.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { DEMO_DIR } from './load-berlin.ts';
import { populationFileNames } from './population.ts';
import {
  berlinDemoJob,
  berlinSecondPhasePending,
  DemoStepFailed,
  loadBerlinFirstPhase,
} from './two-phase.ts';

const BROKEN_FILE = 'ewr_plr_t1_migration_background.csv';
const BROKEN_DATE = '2023-12-31'; // the third newest: the first date phase 2 writes

/** A demo folder: geo, mss and services linked to the real ones, population copied, one row twice. */
async function brokenDemoDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-broken-demo-'));
  for (const sub of ['geo', 'mss', 'services'])
    await symlink(path.join(DEMO_DIR, sub), path.join(dir, sub));
  await mkdir(path.join(dir, 'population'));
  for (const file of populationFileNames()) {
    const from = path.join(DEMO_DIR, 'population', file);
    const to = path.join(dir, 'population', file);
    if (file !== BROKEN_FILE) {
      await copyFile(from, to);
      continue;
    }
    const text = await readFile(from, 'utf8');
    const row = text.split('\n').find((l) => l.startsWith(`${BROKEN_DATE},`));
    if (!row) throw new Error(`${BROKEN_FILE}: keine Zeile vom ${BROKEN_DATE}`);
    await writeFile(to, `${text.trimEnd()}\n${row}\n`);
  }
  return dir;
}

let db: Db;
let dir: string;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;

beforeAll(async () => {
  dir = await brokenDemoDir();
  db = await createTestDb();
  await loadBerlinFirstPhase(db, undefined, dir);
  app = await buildApp(testContext(db), { validateResponses: true });
  api = injectAs(app, await adminHeaders(db));
}, 900_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Run {
  fileName: string;
  status: string;
  rowsRead: number;
  rowsWritten: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

/** The population files' runs as the import history (GET /api/imports) shows them. */
async function populationRuns(): Promise<Run[]> {
  const res = await api({ url: '/api/imports' });
  expect(res.statusCode).toBe(200);
  const names = new Set(populationFileNames());
  return res.json<Run[]>().filter((r) => names.has(r.fileName));
}

describe('Berlin demo: a failed second phase', () => {
  it('shows the population runs as waiting between the phases, not running', async () => {
    const runs = await populationRuns();
    expect(runs.map((r) => r.status)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
    expect(runs.every((r) => r.finishedAt === null && r.durationMs === null)).toBe(true);
    // what phase 1 wrote of each file: the records and values of the newest two dates
    for (const r of runs) {
      expect(r.rowsRead).toBe(2 * 542);
      expect(r.rowsWritten % (2 * 542)).toBe(0);
      expect(r.rowsWritten).toBeGreaterThan(r.rowsRead);
    }
  });

  it('fails with a job error that names the step, the reason and that phase 1 works', async () => {
    const jobs = app.sozialraumJobs;
    const kind = jobs.define(berlinDemoJob(undefined, dir));
    const { id, done } = await jobs.start(
      'berlin',
      kind,
      {},
      { startedBy: 'system', userId: null },
    );
    const err = await done.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DemoStepFailed);
    expect((err as DemoStepFailed).step).toMatch(/^Einwohnerregister, Stichtag 31\.12\.2023/);
    // as Aufträge (GET /api/jobs) shows it
    const list = await api({ url: '/api/jobs?kind=seed.berlin' });
    expect(list.statusCode).toBe(200);
    const job = list
      .json<{ id: number; status: string; error: string | null }[]>()
      .find((j) => j.id === id);
    expect(job?.status).toBe('failed');
    // which step, the reason (the duplicate row's key), and what the app does meanwhile
    expect(job?.error).toMatch(
      /^Berlin-Demo, zweite Stufe: „Einwohnerregister, Stichtag 31\.12\.2023, Teil 1 von \d+“ ist fehlgeschlagen – /,
    );
    expect(job?.error).toMatch(/duplicate key|doppelt/i);
    expect(job?.error).toContain('arbeitet mit den Daten der ersten Stufe');
    expect(job?.error).toContain('Beim nächsten Start setzt der Server das Laden fort.');
    expect(await berlinSecondPhasePending(db, 'berlin')).toBe(true);
  }, 900_000);

  it('leaves the population runs waiting and the app answering with phase 1', async () => {
    const runs = await populationRuns();
    expect(runs.map((r) => r.status)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
    expect((await app.inject('/api/health')).json()).toMatchObject({ demoLoading: null });
    const res = await api({
      url: '/api/values?indicator=ewr_share_age_below_18&system=lor2021&level=plr&date=2024-12-31',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ date: string; values: { value: number | null }[] }>();
    expect(body.date).toBe('2024-12-31');
    expect(body.values.filter((v) => v.value !== null).length).toBeGreaterThan(500);
    // the date phase 2 failed on is absent, not partial
    const [n] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation WHERE tenant_id = 'berlin' AND ref_date = $1",
      [BROKEN_DATE],
    );
    expect(n?.n).toBe(0);
  });
});
