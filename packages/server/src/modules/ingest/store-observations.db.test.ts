// The two write paths give the same rows: the first load (values COPY straight into a table without
// indexes, aggregates and shares as plain INSERTs, indexes built afterwards) and the upsert path of
// every later import. And a recomputation bounded to dates touches exactly those dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import {
  areaIdsByCode,
  dropObservationIndexesWhenEmpty,
  ensureTenant,
  insertObservations,
  recomputeAggregates,
  recomputeDerived,
  restoreObservationIndexes,
  upsertAreaSystem,
  upsertAreas,
  upsertIndicators,
  upsertObservations,
  upsertSources,
  type IndicatorInput,
  type ObservationInput,
} from './store.ts';
import { copyNewObservations, deleteAreaObservations } from './store-observations.ts';
import { NewValues } from './new-values.ts';

const DATES = ['2022-12-31', '2023-12-31', '2024-12-31'];
const PARENTS = ['A', 'B'];
const CHILDREN = PARENTS.flatMap((p) => [1, 2, 3].map((i) => ({ code: `${p}${i}`, parent: p })));

const indicator = (id: string, kind: 'count' | 'share', extra: Partial<IndicatorInput> = {}) => ({
  id,
  nameDe: id,
  nameEn: id,
  definitionDe: 'd',
  unit: kind === 'share' ? 'percent' : 'count',
  kind,
  scale: kind === 'share' ? 100 : 1,
  dimension: 'demography',
  polarity: 'neutral' as const,
  department: 'sozialplanung',
  sourceId: 's',
  ...extra,
});

async function setUp(tx: Sql) {
  await ensureTenant(tx, 't', '12345678', 'Teststadt');
  await upsertSources(tx, 't', [
    { id: 's', title: 'T', publisher: 'T', licence: 'CC0', attribution: 'T' },
  ]);
  await upsertAreaSystem(tx, 't', {
    id: 'sys',
    name: 'Sys',
    levels: [
      { id: 'top', nameDe: 'Oben', nameEn: 'Top', depth: 0 },
      { id: 'low', nameDe: 'Unten', nameEn: 'Low', depth: 1 },
    ],
  });
  await upsertAreas(tx, 't', 'sys', [
    ...PARENTS.map((code) => ({ levelId: 'top', code, name: code })),
    ...CHILDREN.map((c) => ({
      levelId: 'low',
      code: c.code,
      name: c.code,
      parentLevelId: 'top',
      parentCode: c.parent,
    })),
  ]);
  await upsertIndicators(tx, 't', [
    indicator('n', 'count'),
    indicator('m', 'count'),
    indicator('r', 'share', { numeratorIndicatorId: 'm', denominatorIndicatorId: 'n' }),
  ]);
  const low = await areaIdsByCode(tx, 't', 'sys', 'low');
  const top = await areaIdsByCode(tx, 't', 'sys', 'top');
  const rows: ObservationInput[] = [];
  DATES.forEach((refDate, d) =>
    CHILDREN.forEach((c, k) => {
      // one gap (B2 on the first date): parent B is withheld as incomplete there
      rows.push({
        indicatorId: 'n',
        areaId: low.get(c.code)!,
        refDate,
        value: d === 0 && c.code === 'B2' ? null : 100 + k * 11 + d,
      });
      rows.push({
        indicatorId: 'm',
        areaId: low.get(c.code)!,
        refDate,
        value: k === 4 ? 0 : k + d,
      });
    }),
  );
  // a value imported for a parent directly: no path may overwrite it
  rows.push({ indicatorId: 'm', areaId: top.get('A')!, refDate: DATES[2]!, value: 999 });
  return { rows, low, top };
}

type Row = Record<string, unknown>;
const allRows = (db: Sql) =>
  db.query<Row>(
    `SELECT a.code, o.indicator_id, o.ref_date, o.value, o.numerator, o.denominator, o.flag,
            o.flag_reason, o.origin
       FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = 't' ORDER BY a.code, o.indicator_id, o.ref_date`,
  );

let upserted: Db;
let firstLoad: Db;
let copied: Db;
let packed: Db;
let counts: { upsert: number[]; insert: number[]; copy: number[]; pack: number[] };

beforeAll(async () => {
  [upserted, firstLoad, copied, packed] = await Promise.all([
    createTestDb(),
    createTestDb(),
    createTestDb(),
    createTestDb(),
  ]);
  counts = { upsert: [], insert: [], copy: [], pack: [] };
  await upserted.transaction(async (tx) => {
    const { rows } = await setUp(tx);
    counts.upsert.push(await upsertObservations(tx, 't', rows, null));
    counts.upsert.push(await recomputeAggregates(tx, 't'));
    counts.upsert.push(await recomputeDerived(tx, 't'));
  });
  await firstLoad.transaction(async (tx) => {
    const { rows } = await setUp(tx);
    const rebuild = await dropObservationIndexesWhenEmpty(tx);
    expect(rebuild).not.toBeNull();
    counts.insert.push(await insertObservations(tx, 't', rows, null));
    counts.insert.push(await recomputeAggregates(tx, 't', undefined, { insertOnly: true }));
    counts.insert.push(await recomputeDerived(tx, 't', undefined, { insertOnly: true }));
    await restoreObservationIndexes(tx, rebuild);
  });
  // the path of an import into indicators it created itself: COPY straight into observation
  await copied.transaction(async (tx) => {
    const { rows } = await setUp(tx);
    const checked = { areas: new Set<number>(), indicators: new Set<string>() };
    counts.copy.push(await copyNewObservations(tx, 't', null, rows.slice(0, 20), checked));
    counts.copy.push(await copyNewObservations(tx, 't', null, rows.slice(20), checked));
    counts.copy.push(await recomputeAggregates(tx, 't'));
    counts.copy.push(await recomputeDerived(tx, 't'));
  });
  // the path of an import's new indicators as packs (ADR 0063), aggregates computed in core
  await packed.transaction(async (tx) => {
    const { rows } = await setUp(tx);
    // packs from one value on; the roll-up in steps of one date or so (three steps)
    const created = new NewValues(1, 10);
    for (const r of rows) created.add(r);
    counts.pack.push(await created.write(tx, 't', null));
    counts.pack.push(await recomputeDerived(tx, 't'));
  });
});

afterAll(async () => {
  await Promise.all([upserted?.close(), firstLoad?.close(), copied?.close(), packed?.close()]);
});

describe('first load without indexes', () => {
  it('stores exactly the rows of the upsert path, with the same counts', async () => {
    const a = await allRows(upserted);
    const b = await allRows(firstLoad);
    // 6 children × 2 counts × 3 dates + 1 parent value; 2 parents × 2 counts × 3 dates, less the
    // one imported parent value; shares on 8 areas × 3 dates
    expect(a.length).toBe(37 + 11 + 24);
    expect(b).toEqual(a);
    expect(counts.insert).toEqual(counts.upsert);
    expect(counts.upsert).toEqual([37, 11, 24]);
  });

  it('keeps the value imported for a parent, and withholds the incomplete parent', async () => {
    const rows = await allRows(firstLoad);
    expect(rows).toContainEqual(
      expect.objectContaining({ code: 'A', indicator_id: 'm', ref_date: DATES[2], value: 999 }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        code: 'B',
        indicator_id: 'n',
        ref_date: DATES[0],
        value: null,
        flag: 'invalid',
        origin: 'aggregated',
      }),
    );
  });

  it('has its primary key and index again afterwards', async () => {
    const ix = await firstLoad.query<{ name: string }>(
      "SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'observation_row'::regclass ORDER BY 1",
    );
    expect(ix.map((i) => i.name)).toEqual(['observation_area_idx', 'observation_pkey']);
  });

  it('refuses values for an area the tenant does not have before copying anything', async () => {
    const fresh = await createTestDb();
    try {
      await expect(
        fresh.transaction(async (tx) => {
          const { rows } = await setUp(tx);
          await dropObservationIndexesWhenEmpty(tx);
          await insertObservations(tx, 't', [...rows, { ...rows[0]!, areaId: 999_999 }], null);
        }),
      ).rejects.toThrow(/unbekannte Gebiete \(id 999999\)/);
    } finally {
      await fresh.close();
    }
  });
});

describe('values of a new indicator copied straight into observation', () => {
  it('stores exactly the rows of the upsert path', async () => {
    expect(await allRows(copied)).toEqual(await allRows(upserted));
    expect(counts.copy[0]! + counts.copy[1]!).toBe(counts.upsert[0]);
  });

  it('refuses an area the tenant does not have, and a key twice, writing nothing', async () => {
    const [a1] = await copied.query<{ id: number }>(
      "SELECT id FROM area WHERE tenant_id = 't' AND code = 'A1'",
    );
    await upsertIndicators(copied, 't', [indicator('neu', 'count')]);
    const row = { indicatorId: 'neu', areaId: a1!.id, refDate: '2021-12-31', value: 1 };
    const fresh = () => ({ areas: new Set<number>(), indicators: new Set<string>() });
    await expect(
      copied.transaction((tx) =>
        copyNewObservations(tx, 't', null, [row, { ...row, areaId: 987_654 }], fresh()),
      ),
    ).rejects.toThrow(/unbekannte Gebiete \(id 987654\)/);
    await expect(
      copied.transaction((tx) => copyNewObservations(tx, 't', null, [row, row], fresh())),
    ).rejects.toThrow();
    const stored = await copied.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation WHERE indicator_id = 'neu'",
    );
    expect(stored[0]?.n).toBe(0);
  });
});

describe('recomputation bounded to dates', () => {
  it('recomputes the given dates and leaves the others as they were', async () => {
    const rollback = new Error('rollback');
    await expect(
      upserted.transaction(async (tx) => {
        const low = await areaIdsByCode(tx, 't', 'sys', 'low');
        const top = await areaIdsByCode(tx, 't', 'sys', 'top');
        const changed = DATES.slice(1).map((refDate) => ({
          indicatorId: 'n',
          areaId: low.get('A1')!,
          refDate,
          value: 5000,
        }));
        await upsertObservations(tx, 't', changed, null);
        const parentN = async () =>
          (
            await tx.query<{ ref_date: string; value: number }>(
              "SELECT ref_date, value FROM observation WHERE tenant_id = 't' AND indicator_id = 'n' AND area_id = $1 ORDER BY ref_date",
              [top.get('A')],
            )
          ).map((r) => r.value);
        const before = await parentN();
        // one date: its parent and its derived share change, nothing else
        expect(await recomputeAggregates(tx, 't', ['n'], { dates: [DATES[1]!] })).toBe(1);
        expect(await recomputeDerived(tx, 't', ['r'], { dates: [DATES[1]!] })).toBe(2);
        const mid = await parentN();
        expect(mid[0]).toBe(before[0]);
        expect(mid[1]).toBe(before[1]! - 101 + 5000);
        expect(mid[2]).toBe(before[2]);
        expect(await recomputeAggregates(tx, 't', ['n'], { dates: [DATES[2]!] })).toBe(1);
        expect((await parentN())[2]).toBe(before[2]! - 102 + 5000);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});

describe('values of new indicators as packs (ADR 0063)', () => {
  const packCount = async (db: Sql) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation_pack'))[0]!.n;
  const rollback = new Error('rollback');

  it('reads exactly the rows of the upsert path through the view', async () => {
    expect(await allRows(packed)).toEqual(await allRows(upserted));
    expect(counts.pack).toEqual([counts.upsert[0], counts.upsert[2]]);
    // two counts × three dates on the lower level, the parent value, and the complete aggregates
    expect(await packCount(packed)).toBeGreaterThanOrEqual(6);
    // a value without a number and a withheld aggregate stay rows
    const rowsOf = await packed.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation_row WHERE indicator_id IN ('n', 'm')",
    );
    expect(rowsOf[0]!.n).toBe(2);
  });

  it('turns an indicator back into rows before a row is written to it', async () => {
    await expect(
      packed.transaction(async (tx) => {
        const before = await allRows(tx);
        const [a1] = await tx.query<{ id: number }>("SELECT id FROM area WHERE code = 'A1'");
        // the same value again: nothing changes but where the values of n are kept
        const [kept] = await tx.query<{ value: number }>(
          "SELECT value FROM observation WHERE indicator_id = 'n' AND area_id = $1 AND ref_date = $2",
          [a1!.id, DATES[1]],
        );
        const row = { indicatorId: 'n', areaId: a1!.id, refDate: DATES[1]!, value: kept!.value };
        expect(await upsertObservations(tx, 't', [row], null)).toBe(0);
        expect(await recomputeAggregates(tx, 't')).toBe(0);
        expect(await allRows(tx)).toEqual(before);
        expect(await packCount(tx)).toBe(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it("deletes an area's values from packs, keeping the others", async () => {
    await expect(
      packed.transaction(async (tx) => {
        const before = await allRows(tx);
        const [a1] = await tx.query<{ id: number }>("SELECT id FROM area WHERE code = 'A1'");
        await deleteAreaObservations(tx, 't', [a1!.id]);
        expect(await allRows(tx)).toEqual(before.filter((r) => r.code !== 'A1'));
        const layouts = await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM observation_layout_area WHERE area_id = $1',
          [a1!.id],
        );
        expect(layouts[0]!.n).toBe(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('rolls up more dates than core takes in one call (4,096), a step at a time', async () => {
    await expect(
      packed.transaction(async (tx) => {
        const [a1] = await tx.query<{ id: number }>("SELECT id FROM area WHERE code = 'A1'");
        await upsertIndicators(tx, 't', [indicator('taeglich', 'count')]);
        const created = new NewValues();
        const day0 = Date.UTC(2000, 0, 1);
        for (let d = 0; d < 5000; d++) {
          const refDate = new Date(day0 + d * 86_400_000).toISOString().slice(0, 10);
          created.add({ indicatorId: 'taeglich', areaId: a1!.id, refDate, value: d });
        }
        expect(await created.write(tx, 't', null)).toBe(5000);
        // parent A lacks A2 and A3 on every date: withheld 5,000 times, as rows
        const rows = await tx.query<{ origin: string; flag: string | null; n: number }>(
          `SELECT origin, flag, count(*)::int AS n FROM observation WHERE indicator_id = 'taeglich'
            GROUP BY 1, 2 ORDER BY 1`,
        );
        expect(rows).toEqual([
          { origin: 'aggregated', flag: 'invalid', n: 5000 },
          { origin: 'imported', flag: null, n: 5000 },
        ]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('refuses a key given twice, writing nothing', async () => {
    const [a1] = await packed.query<{ id: number }>("SELECT id FROM area WHERE code = 'A1'");
    await upsertIndicators(packed, 't', [indicator('zwei', 'count')]);
    const created = new NewValues(1);
    const row = { indicatorId: 'zwei', areaId: a1!.id, refDate: '2021-12-31', value: 1 };
    created.add(row);
    created.add({ ...row, value: 2 });
    await expect(packed.transaction((tx) => created.write(tx, 't', null))).rejects.toThrow(
      /Doppelter Wert: Indikator zwei/,
    );
    expect(await packed.query("SELECT 1 FROM observation WHERE indicator_id = 'zwei'")).toEqual([]);
  });
});
