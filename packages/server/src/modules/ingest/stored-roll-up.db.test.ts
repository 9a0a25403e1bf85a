// The roll-up and derived shares computed in core (rollUpStoredValues, deriveStoredShares; the first
// load of the demo, ADR 0048) give exactly the rows of the store's SQL recomputation, on this engine:
// three levels, an area that exists only from a later date, a gap, imported shares with and without
// their parts, a zero denominator, a value imported for a parent, and a share's value missing.
import { deriveStoredShares, rollUpStoredValues, type StoredValue } from '@sozialraum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Sql } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import {
  areaIdsByCode,
  dropObservationIndexesWhenEmpty,
  ensureTenant,
  insertComputedObservations,
  insertObservations,
  recomputeAggregates,
  recomputeDerived,
  restoreObservationIndexes,
  selectRollUpFrame,
  upsertAreaSystem,
  upsertAreas,
  upsertIndicators,
  upsertObservations,
  upsertSources,
  type ObservationInput,
} from './index.ts';

const DATES = ['2018-12-31', '2019-12-31', '2020-12-31'];
// city C → districts D1, D2 → blocks; block D2c exists only from 2019 on
const BLOCKS = [
  { code: 'D1a', parent: 'D1' },
  { code: 'D1b', parent: 'D1' },
  { code: 'D2a', parent: 'D2' },
  { code: 'D2b', parent: 'D2' },
  { code: 'D2c', parent: 'D2', validFrom: '2019-01-01' },
];

const ind = (id: string, kind: 'count' | 'share' | 'value', extra: object = {}) => ({
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

async function setUp(tx: Sql): Promise<ObservationInput[]> {
  await ensureTenant(tx, 't', '12345678', 'Teststadt');
  await upsertSources(tx, 't', [
    { id: 's', title: 'T', publisher: 'T', licence: 'CC0', attribution: 'T' },
  ]);
  await upsertAreaSystem(tx, 't', {
    id: 'sys',
    name: 'Sys',
    levels: [
      { id: 'city', nameDe: 'Stadt', nameEn: 'City', depth: 0 },
      { id: 'dist', nameDe: 'Bezirk', nameEn: 'District', depth: 1 },
      { id: 'block', nameDe: 'Block', nameEn: 'Block', depth: 2 },
    ],
  });
  await upsertAreas(tx, 't', 'sys', [
    { levelId: 'city', code: 'C', name: 'C' },
    ...['D1', 'D2'].map((code) => ({
      levelId: 'dist',
      code,
      name: code,
      parentLevelId: 'city',
      parentCode: 'C',
    })),
    ...BLOCKS.map((b) => ({
      levelId: 'block',
      code: b.code,
      name: b.code,
      parentLevelId: 'dist',
      parentCode: b.parent,
      validFrom: b.validFrom ?? null,
    })),
  ]);
  await upsertIndicators(tx, 't', [
    ind('pop', 'count'),
    ind('kids', 'count'),
    ind('kids_share', 'share', { numeratorIndicatorId: 'kids', denominatorIndicatorId: 'pop' }),
    ind('jobless', 'share'), // imported shares with their parts
    ind('rate', 'share'), // imported shares without parts (never summed)
    ind('index', 'value'), // not aggregated
  ]);
  const block = await areaIdsByCode(tx, 't', 'sys', 'block');
  const dist = await areaIdsByCode(tx, 't', 'sys', 'dist');
  const rows: ObservationInput[] = [];
  DATES.forEach((refDate, d) =>
    BLOCKS.forEach((b, k) => {
      if (b.validFrom && refDate < b.validFrom) return;
      const areaId = block.get(b.code)!;
      // D1b has no population on the first date; D2a has 0 inhabitants on the last
      const pop = d === 0 && b.code === 'D1b' ? null : d === 2 && b.code === 'D2a' ? 0 : 50 + k * 7;
      rows.push({ indicatorId: 'pop', areaId, refDate, value: pop });
      rows.push({ indicatorId: 'kids', areaId, refDate, value: pop === null ? 3 : k + d });
      const den = d === 2 && b.code === 'D2a' ? 0 : 20 + k;
      rows.push({
        indicatorId: 'jobless',
        areaId,
        refDate,
        value: den === 0 ? null : ((k + 1) / den) * 100,
        numerator: k + 1 - (den === 0 ? k + 1 : 0),
        denominator: d === 1 && b.code === 'D2b' ? null : den,
      });
      rows.push({ indicatorId: 'rate', areaId, refDate, value: 1.5 * k });
      rows.push({ indicatorId: 'index', areaId, refDate, value: k });
    }),
  );
  // imported for a district directly (wins over the roll-up), and a share's value without a count
  rows.push({ indicatorId: 'pop', areaId: dist.get('D2')!, refDate: DATES[1]!, value: 1000 });
  rows.push({ indicatorId: 'kids_share', areaId: dist.get('D1')!, refDate: DATES[2]!, value: 7 });
  return rows;
}

const dump = (db: Sql) =>
  db.query<Record<string, unknown>>(
    `SELECT a.code, o.indicator_id, o.ref_date, o.value, o.numerator, o.denominator, o.flag,
            o.flag_reason, o.origin
       FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = 't' ORDER BY a.code, o.indicator_id, o.ref_date`,
  );

let sqlPath: Db;
let corePath: Db;
const counts = { sql: [] as number[], core: [] as number[] };

beforeAll(async () => {
  [sqlPath, corePath] = await Promise.all([createTestDb(), createTestDb()]);
  await sqlPath.transaction(async (tx) => {
    counts.sql.push(await upsertObservations(tx, 't', await setUp(tx), null));
    counts.sql.push(await recomputeAggregates(tx, 't'));
    counts.sql.push(await recomputeDerived(tx, 't'));
  });
  await corePath.transaction(async (tx) => {
    const rows = await setUp(tx);
    const rebuild = await dropObservationIndexesWhenEmpty(tx);
    counts.core.push(await insertObservations(tx, 't', rows, null));
    const held: StoredValue[] = rows.map((o) => ({
      ...o,
      numerator: o.numerator ?? null,
      denominator: o.denominator ?? null,
    }));
    const { areas, levels, indicators } = await selectRollUpFrame(tx, 't');
    const aggregated = rollUpStoredValues(held, areas, levels, indicators);
    counts.core.push(await insertComputedObservations(tx, 't', aggregated, 'aggregated'));
    const derived = deriveStoredShares([...held, ...aggregated], indicators);
    counts.core.push(await insertComputedObservations(tx, 't', derived, 'derived'));
    await restoreObservationIndexes(tx, rebuild);
  });
});

afterAll(async () => {
  await Promise.all([sqlPath?.close(), corePath?.close()]);
});

describe('roll-up and shares computed in core', () => {
  it('writes exactly the rows of the SQL recomputation', async () => {
    const a = await dump(sqlPath);
    expect(await dump(corePath)).toEqual(a);
    expect(counts.core).toEqual(counts.sql);
    // the fixture reaches every rule: flagged aggregates, shares from parts, zero denominators
    const reasons = new Set(a.map((r) => r.flag_reason));
    expect([...reasons].sort()).toEqual(
      [
        null,
        'Nenner ist 0',
        'Zähler oder Nenner fehlt',
        'unvollständig: 1 von 2 Teilgebieten ohne Wert',
        'unvollständig: 1 von 2 Teilgebieten ohne Zähler/Nenner',
        'unvollständig: 1 von 3 Teilgebieten ohne Zähler/Nenner',
        'unvollständig: 2 von 2 Teilgebieten ohne Zähler/Nenner',
        'unvollständig: 3 von 3 Teilgebieten ohne Zähler/Nenner',
      ].sort(),
    );
  });

  it('leaves the values imported for a parent as they were', async () => {
    expect(await dump(corePath)).toContainEqual(
      expect.objectContaining({ code: 'D2', indicator_id: 'pop', value: 1000, origin: 'imported' }),
    );
  });

  it('is checked again by the SQL path: recomputing changes nothing', async () => {
    await corePath.transaction(async (tx) => {
      expect(await recomputeAggregates(tx, 't')).toBe(0);
      expect(await recomputeDerived(tx, 't')).toBe(0);
    });
  });
});
