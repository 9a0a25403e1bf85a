// The Berlin demo loaded from demo-data/berlin, checked against the same files read independently
// of the loader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { readCsvRecords } from './read-csv.ts';
import { hasData } from './load-berlin.ts';
import { loadBerlinDemo } from './two-phase.ts';
import { recomputeAggregates, recomputeDerived } from '../../modules/ingest/index.ts';

const BERLIN = path.join(import.meta.dirname, '../../../../../demo-data/berlin');
let db: Db;

// ~25 s on a calm machine; 240 s measured on 2 cores shared at load 13–25 (ADR 0048)
beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinDemo(db);
}, 900_000);
afterAll(async () => {
  await db.close();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params))[0]!;

describe('Berlin demo', () => {
  it('has all four LOR 2021 levels and the LOR 2006 Planungsräume with the documented ID fix', async () => {
    const levels = await db.query<{ system_id: string; level_id: string; n: number }>(
      "SELECT system_id, level_id, count(*)::int AS n FROM area WHERE tenant_id = 'berlin' GROUP BY 1, 2 ORDER BY 1, 2",
    );
    expect(levels).toEqual([
      { system_id: 'lor2006', level_id: 'bez', n: 12 },
      { system_id: 'lor2006', level_id: 'plr', n: 448 },
      { system_id: 'lor2021', level_id: 'bez', n: 12 },
      { system_id: 'lor2021', level_id: 'bzr', n: 143 },
      { system_id: 'lor2021', level_id: 'pgr', n: 58 },
      { system_id: 'lor2021', level_id: 'plr', n: 542 },
    ]);
    const fixed = await one<{ name: string; parent: string }>(
      "SELECT a.name, p.code AS parent FROM area a JOIN area p ON p.id = a.parent_id WHERE a.system_id = 'lor2006' AND a.code = '04030417'",
    );
    expect(fixed).toEqual({ name: 'Schloßstraße', parent: '04' });
    // every LOR 2021 Planungsraum hangs under Bezirksregion → Prognoseraum → Bezirk by its code
    const orphans = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM area a JOIN area b ON b.id = a.parent_id JOIN area g ON g.id = b.parent_id JOIN area z ON z.id = g.parent_id
       WHERE a.system_id = 'lor2021' AND a.level_id = 'plr' AND NOT (left(a.code, 6) = b.code AND left(a.code, 4) = g.code AND left(a.code, 2) = z.code)`,
    );
    expect(orphans.n).toBe(0);
  });

  it('keeps population counts for all 20 reference dates, summing to the Berlin total on every level', async () => {
    const dates = await db.query<{ ref_date: string }>(
      "SELECT DISTINCT ref_date FROM observation WHERE indicator_id = 'ewr_inhabitants' ORDER BY 1",
    );
    expect(dates).toHaveLength(20);
    const sums = await db.query<{ level_id: string; s: number }>(
      `SELECT a.level_id, sum(o.value) AS s FROM observation o JOIN area a ON a.id = o.area_id
       WHERE o.indicator_id = 'ewr_inhabitants' AND o.ref_date = '2024-12-31' GROUP BY 1 ORDER BY 1`,
    );
    // the original file, summed independently
    const t2 = readCsvRecords(
      readFileSync(path.join(BERLIN, 'population/ewr_plr_t2_age_groups.csv'), 'utf8'),
    );
    const total = t2.records
      .filter((r) => r.fields[0] === '2024-12-31')
      .reduce((s, r) => s + Number(r.fields[4]), 0);
    expect(total).toBe(3897145);
    expect(sums).toEqual(['bez', 'bzr', 'pgr', 'plr'].map((level_id) => ({ level_id, s: total })));
  });

  it('names the register total as the residents in total (catalogue.json ageBands.total, ADR 0058)', async () => {
    expect(await db.query('SELECT tenant_id, indicator_id FROM supply_residents')).toEqual([
      { tenant_id: 'berlin', indicator_id: 'ewr_inhabitants' },
    ]);
  });

  it('derives shares from counts (not copied) and recomputes them from sums on upper levels', async () => {
    const plr = await one<{
      value: number;
      numerator: number;
      denominator: number;
      origin: string;
    }>(
      `SELECT o.value, o.numerator, o.denominator, o.origin FROM observation o JOIN area a ON a.id = o.area_id
       WHERE o.indicator_id = 'ewr_share_age_below_6' AND o.ref_date = '2024-12-31' AND a.system_id = 'lor2021' AND a.code = '01100101'`,
    );
    const t2 = readCsvRecords(
      readFileSync(path.join(BERLIN, 'population/ewr_plr_t2_age_groups.csv'), 'utf8'),
    );
    const row = t2.records.find(
      (r) => r.fields[0] === '2024-12-31' && r.fields[3] === '01100101',
    )!.fields;
    expect(plr).toEqual({
      value: (Number(row[5]) / Number(row[4])) * 100,
      numerator: Number(row[5]),
      denominator: Number(row[4]),
      origin: 'derived',
    });
    const bez = await one<{ value: number; numerator: number; denominator: number }>(
      `SELECT o.value, o.numerator, o.denominator FROM observation o JOIN area a ON a.id = o.area_id
       WHERE o.indicator_id = 'ewr_share_age_above_65' AND o.ref_date = '2024-12-31' AND a.system_id = 'lor2021' AND a.level_id = 'bez' AND a.code = '03'`,
    );
    expect(bez.value).toBeCloseTo((bez.numerator / bez.denominator) * 100, 12);
  });

  it('stores the official MSS 2021 classes for exactly the 536 valid Planungsräume and flags the others with the reason', async () => {
    const src = readCsvRecords(
      readFileSync(path.join(BERLIN, 'mss/mss2021_indices_plr542.csv'), 'utf8'),
    );
    const expected = new Map<string, number>();
    for (const r of src.records)
      if (r.fields[12] === 'gültig') expected.set(r.fields[1]!, Number(r.fields[5]));
    expect(expected.size).toBe(536);
    const rows = await db.query<{ code: string; value: number }>(
      `SELECT a.code, o.value FROM observation o JOIN area a ON a.id = o.area_id WHERE o.indicator_id = 'mss_status_class' AND o.ref_date = '2020-12-31'`,
    );
    expect(new Map(rows.map((r) => [r.code, r.value]))).toEqual(expected);
    const outlier = await one<{ value: number | null; flag: string; flag_reason: string }>(
      `SELECT o.value, o.flag, o.flag_reason FROM observation o JOIN area a ON a.id = o.area_id
       WHERE o.indicator_id = 'mss_s1_unemployment' AND o.ref_date = '2020-12-31' AND a.system_id = 'lor2021' AND a.code = '10100205'`,
    );
    expect(outlier).toEqual({
      value: null,
      flag: 'invalid',
      flag_reason: 'MSS 2021: ungültig (Ausreißer)',
    });
  });

  it('keeps MSS 2013–2019 on LOR 2006 at 31.12. of the year before, unscored areas without a value', async () => {
    const n = await db.query<{ ref_date: string; valid: number; invalid: number }>(
      `SELECT o.ref_date, count(o.value)::int AS valid, count(o.flag)::int AS invalid FROM observation o JOIN area a ON a.id = o.area_id
       WHERE o.indicator_id = 'mss_s3_transfer' AND a.system_id = 'lor2006' GROUP BY 1 ORDER BY 1`,
    );
    expect(n).toEqual([
      { ref_date: '2012-12-31', valid: 434, invalid: 13 },
      { ref_date: '2016-12-31', valid: 436, invalid: 11 },
      { ref_date: '2018-12-31', valid: 436, invalid: 11 },
    ]);
  });

  it('traces every indicator to a source with licence and attribution, and every imported value to its file', async () => {
    const missing = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM indicator i JOIN source s ON s.tenant_id = i.tenant_id AND s.id = i.source_id WHERE s.licence = '' OR s.attribution = ''",
    );
    expect(missing.n).toBe(0);
    const untraced = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation WHERE origin = 'imported' AND import_id IS NULL",
    );
    expect(untraced.n).toBe(0);
    const files = await db.query<{ file_name: string }>(
      "SELECT file_name FROM import_run WHERE file_sha256 !~ '^[0-9a-f]{64}$'",
    );
    expect(files).toEqual([]);
    // every run of the demo load ends (the area files stayed 'running' without an end time)
    const open = await db.query<{ file_name: string }>(
      "SELECT file_name FROM import_run WHERE status <> 'succeeded' OR finished_at IS NULL",
    );
    expect(open).toEqual([]);
    // each file's run has its own start and end on the clock, though the load is one transaction
    const [clock] = await db.query<{ runs: number; starts: number; longest: number; load: number }>(
      `SELECT count(*)::int AS runs, count(DISTINCT started_at)::int AS starts,
              max(extract(epoch FROM finished_at - started_at))::float AS longest,
              extract(epoch FROM max(finished_at) - min(started_at))::float AS load
         FROM import_run`,
    );
    expect(clock!.starts).toBe(clock!.runs);
    expect(clock!.longest).toBeLessThan(clock!.load);
    // the file as a person would name it, not a path of this machine (issue 9 § 5)
    const withPath = await db.query<{ file_name: string }>(
      "SELECT file_name FROM import_run WHERE strpos(file_name, '/') > 0",
    );
    expect(withPath).toEqual([]);
    const names = await db.query<{ file_name: string }>('SELECT file_name FROM import_run');
    expect(names.length).toBeGreaterThan(0);
  });

  it('stores the service locations as points and says the database is no longer empty', async () => {
    const points = await db.query<{ dataset: string; n: number }>(
      'SELECT dataset, count(*)::int AS n FROM point_feature GROUP BY 1 ORDER BY 1',
    );
    expect(points).toEqual([
      { dataset: 'apotheken', n: 732 },
      { dataset: 'jugendfreizeiteinrichtungen', n: 407 },
      { dataset: 'kitas', n: 2880 },
      { dataset: 'pflegeeinrichtungen', n: 274 },
      { dataset: 'schulen', n: 902 },
    ]);
    expect(await hasData(db, 'berlin')).toBe(true);
  });

  it('ends with the indexes of the migrations on observation (dropped for the first load, built again)', async () => {
    const indexes = await db.query<{ definition: string }>(
      "SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = 'observation_row'::regclass ORDER BY 1",
    );
    expect(indexes.map((i) => i.definition)).toEqual([
      'CREATE INDEX observation_area_idx ON public.observation_row USING btree (area_id, indicator_id)',
      'CREATE UNIQUE INDEX observation_pkey ON public.observation_row USING btree (indicator_id, ref_date, area_id, tenant_id)',
    ]);
    const [pk] = await db.query<{ contype: string }>(
      "SELECT contype FROM pg_constraint WHERE conrelid = 'observation_row'::regclass AND conname = 'observation_pkey'",
    );
    expect(pk).toEqual({ contype: 'p' });
  });

  it('writes the aggregates and shares computed in core exactly as the SQL recomputation would (ADR 0048)', async () => {
    // every aggregated and derived row, digested in key order
    const computed = async (q: Sql) =>
      (
        await q.query<{ n: number; md5: string }>(
          `SELECT count(*)::int AS n, md5(string_agg(t::text, E'\\n' ORDER BY t.indicator_id, t.area_id, t.ref_date)) AS md5
           FROM (SELECT indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason, origin
                 FROM observation WHERE origin <> 'imported') t`,
        )
      )[0];
    const fromCore = await computed(db);
    expect(fromCore?.n).toBe(97_944 + 161_728);
    const rollback = new Error('rollback');
    await expect(
      db.transaction(async (tx) => {
        await tx.query("DELETE FROM observation_row WHERE origin <> 'imported'");
        expect(await recomputeAggregates(tx, 'berlin')).toBe(97_944);
        expect(await recomputeDerived(tx, 'berlin')).toBe(161_728);
        expect(await computed(tx)).toEqual(fromCore);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await computed(db)).toEqual(fromCore);
  });

  it('loads into a table that already has rows with every index in place, keeping all-or-nothing', async () => {
    // a second load on top finds rows: nothing is dropped, and a failure rolls everything back
    const before = await one<{ n: number }>('SELECT count(*)::int AS n FROM observation');
    await expect(
      loadBerlinDemo(db, () => undefined, path.join(BERLIN, 'gibt-es-nicht')),
    ).rejects.toThrow();
    expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM observation')).toEqual(before);
    expect(
      (await db.query("SELECT 1 FROM pg_index WHERE indrelid = 'observation_row'::regclass"))
        .length,
    ).toBe(2);
  });
});
