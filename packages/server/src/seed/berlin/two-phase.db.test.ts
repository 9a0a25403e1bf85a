// The Berlin demo in two phases (ADR 0053): after phase 1 and after every interruption of phase 2
// each indicator's date is either complete on every level or absent; phase 2 resumes after being
// stopped between steps and after its job runner was stopped (a server shutdown), and ends with
// exactly the data of the one-transaction load (the md5 of bench/demo-digest.ts, ADR 0048).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { buildApp } from '../../app.ts';
import { JobRunner } from '../../modules/jobs/index.ts';
import { testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import {
  berlinDemoJob,
  berlinSecondPhasePending,
  loadBerlinFirstPhase,
  loadBerlinSecondPhase,
} from './two-phase.ts';

let db: Db;

// phase 1 ~5 s, phase 2 ~20 s on a calm machine; minutes on a shared one
beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinFirstPhase(db);
}, 900_000);
afterAll(async () => {
  await db.close();
});

/** Rows per indicator and date (all levels, all origins), as "indicator date" → count. */
async function rowsPerIndicatorDate(): Promise<Map<string, number>> {
  const rows = await db.query<{ k: string; n: number }>(
    `SELECT indicator_id || ' ' || ref_date::text AS k, count(*)::int AS n
       FROM observation WHERE tenant_id = 'berlin' GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.k, r.n]));
}

const snapshots: Map<string, number>[] = [];

// the observation digest of bench/demo-digest.ts, as the one-transaction load wrote it (ADR 0048)
const ONE_TRANSACTION_MD5 = '0b2f3a1fce62c8e90d1a8e74d299e99e';
const DIGEST = `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY n), '')) AS md5
  FROM (SELECT t, row_number() OVER () AS n FROM (
    SELECT o.indicator_id, a.system_id, a.level_id, a.code, o.ref_date, o.value, o.numerator,
      o.denominator, o.flag, o.flag_reason, o.origin, r.file_name
    FROM observation o JOIN area a ON a.id = o.area_id LEFT JOIN import_run r ON r.id = o.import_id
    ORDER BY o.indicator_id, a.system_id, a.level_id, a.code, o.ref_date) t) x`;

describe('Berlin demo in two phases', () => {
  it('holds after phase 1 the newest two population dates, each on every level', async () => {
    const dates = await db.query<{ d: string }>(
      "SELECT DISTINCT ref_date::text AS d FROM observation WHERE indicator_id = 'ewr_inhabitants' ORDER BY 1",
    );
    expect(dates.map((r) => r.d)).toEqual(['2024-06-30', '2024-12-31']);
    // the city total on the Bezirk level equals the sum of the Planungsräume (no partial roll-up)
    const totals = await db.query<{ level_id: string; s: number }>(
      `SELECT a.level_id, sum(o.value)::float AS s FROM observation o JOIN area a ON a.id = o.area_id
        WHERE o.indicator_id = 'ewr_inhabitants' AND o.ref_date = '2024-12-31' GROUP BY 1 ORDER BY 1`,
    );
    expect(totals.map((t) => t.level_id)).toEqual(['bez', 'bzr', 'pgr', 'plr']);
    expect(new Set(totals.map((t) => t.s)).size).toBe(1);
    // the map's start view: the share of under-18s on the Planungsräume, derived, at both dates
    const share = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM observation o JOIN area a ON a.id = o.area_id
        WHERE o.indicator_id = 'ewr_share_age_below_18' AND a.level_id = 'plr' AND o.origin = 'derived'`,
    );
    expect(share[0]!.n).toBe(2 * 542);
    expect(await db.query("SELECT 1 FROM point_feature WHERE tenant_id = 'berlin'")).toEqual([]);
    expect(await berlinSecondPhasePending(db, 'berlin')).toBe(true);
    snapshots.push(await rowsPerIndicatorDate());
  });

  it('leaves no half step when phase 2 stops between steps, and resumes after them', async () => {
    // progress is reported after every step and every part: the twelfth report falls after the
    // first new date's ~7–8 steps, around the start of the second
    let reports = 0;
    const stop = new Error('Halt nach dem zwölften Bericht');
    await expect(
      loadBerlinSecondPhase(db, 'berlin', undefined, undefined, () => {
        if (++reports === 12) throw stop;
      }),
    ).rejects.toBe(stop);
    const after = await rowsPerIndicatorDate();
    const dates = new Set([...after.keys()].map((k) => k.split(' ')[1]));
    expect(dates.size).toBeGreaterThanOrEqual(3);
    expect(after.size).toBeGreaterThan(snapshots[0]!.size);
    snapshots.push(after);
    expect(await berlinSecondPhasePending(db, 'berlin')).toBe(true);
  }, 900_000);

  it('tells its progress in /api/health, resumes after the server stopped, and ends equal to the one-transaction load', async () => {
    // the app's own runner, so GET /api/health can tell while the job runs
    const app = await buildApp(testContext(db), { validateResponses: true });
    const first = app.sozialraumJobs;
    const kind = first.define(berlinDemoJob());
    const { id, done } = await first.start(
      'berlin',
      kind,
      {},
      { startedBy: 'system', userId: null },
    );
    let health: Promise<unknown> | undefined;
    let stopping: Promise<void> | undefined;
    first.subscribe('berlin', id, (e) => {
      const percent = Number(e.progress?.percent ?? 0);
      if (!health && percent >= 20)
        health = app.inject('/api/health').then((r) => r.json<{ demoLoading: unknown }>());
      if (!stopping && percent >= 40) stopping = first.stop();
    });
    await expect(done).rejects.toThrow(/beendet/);
    await stopping;
    const during = (await health) as { demoLoading: { percent: number } | null };
    expect(during.demoLoading?.percent).toBeGreaterThanOrEqual(20);
    expect(during.demoLoading?.percent).toBeLessThan(100);
    expect((await app.inject('/api/health')).json()).toMatchObject({ demoLoading: null });
    await app.close();
    const [record] = await db.query<{ status: string }>(
      "SELECT status FROM job WHERE tenant_id = 'berlin' AND id = $1",
      [id],
    );
    expect(record?.status).toBe('running'); // as after a crash; recover() decides
    snapshots.push(await rowsPerIndicatorDate());
    expect(await berlinSecondPhasePending(db, 'berlin')).toBe(true);

    const second = new JobRunner(db);
    second.define(berlinDemoJob());
    expect(await second.recover()).toEqual({ resumed: 1, failed: 0 });
    await second.runningOf('berlin', 'seed.berlin')?.done;
    expect(await berlinSecondPhasePending(db, 'berlin')).toBe(false);

    // every indicator's date seen at an interruption had then exactly the rows it has in the end
    const final = await rowsPerIndicatorDate();
    for (const snapshot of snapshots)
      for (const [k, n] of snapshot) expect([k, final.get(k)]).toEqual([k, n]);
    const [digest] = await db.query<{ rows: number; md5: string }>(DIGEST);
    expect(digest).toEqual({ rows: 800_925, md5: ONE_TRANSACTION_MD5 });
    const open = await db.query("SELECT 1 FROM import_run WHERE status <> 'succeeded'");
    expect(open).toEqual([]);
  }, 900_000);
});
