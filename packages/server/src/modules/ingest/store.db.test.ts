// The SQL roll-up (recomputeAggregates) gives the numbers of the core's aggregateObservations
// (docs/methods/aggregation.md): equal for complete parents, withheld with the reason for incomplete ones.
import { aggregateObservations } from '@sozialraum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import {
  ensureTenant,
  recomputeAggregates,
  recomputeDerived,
  recomputeDerivedFrom,
  upsertAreaSystem,
  upsertAreas,
  upsertIndicators,
  upsertObservations,
  upsertSources,
  areaIdsByCode,
} from './store.ts';

let db: Db;
let ids: Map<string, number>;
let parents: Map<string, number>;

// 3 parents × 5 children; a deterministic pattern with gaps (no randomness in tests)
const PARENTS = ['A', 'B', 'C'];
const children = PARENTS.flatMap((p) =>
  [1, 2, 3, 4, 5].map((i) => ({ code: `${p}${i}`, parent: p })),
);
const count = (k: number) => (k % 7 === 3 ? null : 100 + ((k * 37) % 211)); // k = 3 and 10 missing → A and B incomplete
const num = (k: number) => (k === 12 ? null : 5 + ((k * 13) % 29));

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction(async (tx) => {
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
      ...children.map((c) => ({
        levelId: 'low',
        code: c.code,
        name: c.code,
        parentLevelId: 'top',
        parentCode: c.parent,
      })),
    ]);
    await upsertIndicators(tx, 't', [
      {
        id: 'n',
        nameDe: 'Anzahl',
        nameEn: 'Count',
        definitionDe: 'd',
        unit: 'count',
        kind: 'count',
        dimension: 'demography',
        polarity: 'neutral',
        department: 'sozialplanung',
        sourceId: 's',
      },
      {
        id: 'q',
        nameDe: 'Quote',
        nameEn: 'Share',
        definitionDe: 'd',
        unit: 'percent',
        kind: 'share',
        scale: 100,
        dimension: 'work',
        polarity: 'higher_is_worse',
        department: 'sozialplanung',
        sourceId: 's',
      },
      {
        id: 'm',
        nameDe: 'Teil',
        nameEn: 'Part',
        definitionDe: 'd',
        unit: 'count',
        kind: 'count',
        dimension: 'demography',
        polarity: 'neutral',
        department: 'sozialplanung',
        sourceId: 's',
      },
      {
        id: 'r',
        nameDe: 'Anteil',
        nameEn: 'Ratio',
        definitionDe: 'd',
        unit: 'percent',
        kind: 'share',
        scale: 100,
        dimension: 'demography',
        polarity: 'neutral',
        department: 'sozialplanung',
        sourceId: 's',
        numeratorIndicatorId: 'm',
        denominatorIndicatorId: 'n',
      },
    ]);
    ids = await areaIdsByCode(tx, 't', 'sys', 'low');
    parents = await areaIdsByCode(tx, 't', 'sys', 'top');
    const rows = children.flatMap((c, k) => [
      { indicatorId: 'n', areaId: ids.get(c.code)!, refDate: '2024-12-31', value: count(k) },
      { indicatorId: 'm', areaId: ids.get(c.code)!, refDate: '2024-12-31', value: 3 + (k % 4) },
      {
        indicatorId: 'q',
        areaId: ids.get(c.code)!,
        refDate: '2024-12-31',
        value: num(k) === null ? null : (num(k)! / 80) * 100,
        numerator: num(k),
        denominator: 80 + k,
      },
    ]);
    await upsertObservations(tx, 't', rows, null);
    await recomputeAggregates(tx, 't');
    await recomputeDerived(tx, 't');
  });
});
afterAll(async () => {
  await db.close();
});

async function stored(indicator: string, parent: string) {
  const [row] = await db.query<{
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    flag: string | null;
    flag_reason: string | null;
  }>(
    "SELECT value, numerator, denominator, flag, flag_reason FROM observation WHERE tenant_id = 't' AND indicator_id = $1 AND area_id = $2",
    [indicator, parents.get(parent)],
  );
  return row!;
}

describe('roll-up in SQL', () => {
  for (const parent of PARENTS) {
    it(`gives parent ${parent} the core's sum and share, or withholds an incomplete one with its reason`, async () => {
      const kids = children.map((c, k) => ({ c, k })).filter((x) => x.c.parent === parent);
      const nCore = aggregateObservations(
        'count',
        1,
        kids.map(({ k }) => ({ value: count(k) })),
      );
      const qCore = aggregateObservations(
        'share',
        100,
        kids.map(({ k }) => ({ value: null, numerator: num(k), denominator: 80 + k })),
      );
      const n = await stored('n', parent);
      const q = await stored('q', parent);
      if (nCore.complete) expect(n).toMatchObject({ value: nCore.value, flag: null });
      else
        expect(n).toMatchObject({
          value: null,
          flag: 'invalid',
          flag_reason: `unvollständig: ${nCore.missingCount} von 5 Teilgebieten ohne Wert`,
        });
      if (qCore.complete) {
        expect(q.numerator).toBe(qCore.numerator);
        expect(q.denominator).toBe(qCore.denominator);
        expect(q.value).toBeCloseTo(qCore.value!, 12);
      } else expect(q).toMatchObject({ value: null, flag: 'invalid' });
    });
  }

  it('covers both outcomes: complete and incomplete parents exist in this data', async () => {
    const flags = await Promise.all(PARENTS.map(async (p) => (await stored('n', p)).flag));
    expect(flags).toContain(null);
    expect(flags).toContain('invalid');
  });

  it('derives a share on the parent level from the aggregated counts', async () => {
    const c = await stored('n', 'B');
    const m = await stored('m', 'B');
    const r = await stored('r', 'B');
    expect(c.value).not.toBeNull();
    expect(r).toMatchObject({ numerator: m.value, denominator: c.value });
    expect(r.value).toBeCloseTo((m.value! / c.value!) * 100, 12);
  });
});

describe('bulk write of observations', () => {
  const obs = (value: number | null, flagReason: string | null = null) => ({
    indicatorId: 'n',
    areaId: ids.get('C1')!,
    refDate: '2023-12-31',
    value,
    flag: flagReason ? ('invalid' as const) : null,
    flagReason,
  });
  const rollback = new Error('rollback');

  it('writes new and changed rows only: the same rows again write nothing', async () => {
    await expect(
      db.transaction(async (tx) => {
        expect(await upsertObservations(tx, 't', [obs(7, 'Tab\tund\nZeile')], null)).toBe(1);
        expect(await upsertObservations(tx, 't', [obs(7, 'Tab\tund\nZeile')], null)).toBe(0);
        expect(await upsertObservations(tx, 't', [obs(8)], null)).toBe(1);
        const [row] = await tx.query(
          "SELECT value, flag_reason FROM observation WHERE tenant_id = 't' AND indicator_id = 'n' AND ref_date = '2023-12-31'",
        );
        expect(row).toEqual({ value: 8, flag_reason: null });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('refuses rows whose area belongs to no area of the tenant, and writes none of them', async () => {
    const before = await db.query(
      "SELECT count(*)::int AS n FROM observation WHERE tenant_id = 't'",
    );
    await expect(
      db.transaction(async (tx) => {
        await upsertObservations(tx, 't', [obs(1), { ...obs(2), areaId: 999_999 }], null);
      }),
    ).rejects.toThrow(/unbekannte Gebiete \(id 999999\)/);
    await expect(
      db.transaction(async (tx) => {
        await upsertObservations(tx, 't', [{ ...obs(2), indicatorId: 'gibt_es_nicht' }], null);
      }),
    ).rejects.toThrow(/unbekannte Indikatoren \(gibt_es_nicht\)/);
    expect(
      await db.query("SELECT count(*)::int AS n FROM observation WHERE tenant_id = 't'"),
    ).toEqual(before);
  });

  it('relies on observation having no triggers of its own (PGlite switches row triggers off for the upsert)', async () => {
    const own = await db.query(
      "SELECT tgname FROM pg_trigger WHERE tgrelid = 'observation_row'::regclass AND NOT tgisinternal",
    );
    expect(own).toEqual([]);
  });

  it('derives again exactly the shares computed from the changed indicators', async () => {
    await expect(
      db.transaction(async (tx) => {
        const c1 = ids.get('C1')!;
        await upsertObservations(
          tx,
          't',
          [{ indicatorId: 'm', areaId: c1, refDate: '2024-12-31', value: 50 }],
          null,
        );
        // q feeds no derived share: nothing to do
        expect(await recomputeDerivedFrom(tx, 't', ['q'])).toBe(0);
        expect(await recomputeDerivedFrom(tx, 't', ['m'])).toBe(1);
        const [r] = await tx.query<{ value: number; numerator: number }>(
          "SELECT value, numerator FROM observation WHERE tenant_id = 't' AND indicator_id = 'r' AND area_id = $1",
          [c1],
        );
        expect(r?.numerator).toBe(50);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
