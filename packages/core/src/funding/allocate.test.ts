// Golden tests of the roll-up and the spreading by residents' share (docs/methods/funding-allocation.md):
// every expected number is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  allocateToLevel,
  completeResidents,
  splitCents,
  type AllocationArea,
  type BridgeShares,
  type ProgrammeAreaRef,
} from './allocate.ts';
import type { FundingEntry } from './money.ts';
import { sumAreaByYear, sumMoneyByArea } from './transparency.ts';

// Bezirk B (depth 0) → Bezirksregionen R1, R2 (depth 1) → Planungsräume P1, P2 (in R1), P3 (in R2)
// (depth 2). P0 was retired in 2022 (validTo), so it gets nothing in 2024.
const areas: AllocationArea[] = [
  { id: 'B', parentId: null, depth: 0, validTo: null },
  { id: 'R1', parentId: 'B', depth: 1, validTo: null },
  { id: 'R2', parentId: 'B', depth: 1, validTo: null },
  { id: 'P0', parentId: 'R1', depth: 2, validTo: '2022-12-31' },
  { id: 'P1', parentId: 'R1', depth: 2, validTo: null },
  { id: 'P2', parentId: 'R1', depth: 2, validTo: null },
  { id: 'P3', parentId: 'R2', depth: 2, validTo: null },
];
// Residents: P1 100, P2 300, P3 600; R2 has its own count 650 (it wins over the sum 600);
// R1 none → 100 + 300 = 400; B none → 400 + 650 = 1.050.
const own = new Map([
  ['P0', 5],
  ['P1', 100],
  ['P2', 300],
  ['P3', 600],
  ['R2', 650],
]);

const e = (over: Partial<FundingEntry>): FundingEntry => ({
  programmeId: 'szh',
  areaKey: 'P1',
  year: 2024,
  kind: 'approved',
  source: 'total',
  amount: 0,
  ...over,
});

// Fördergebiet of szh: P1 (from 2025 only — not in 2024), P2, P3.
const programmeAreas: ProgrammeAreaRef[] = [
  { programmeId: 'szh', areaId: 'P1', validFrom: '2025-01-01', validTo: null },
  { programmeId: 'szh', areaId: 'P2', validFrom: null, validTo: null },
  { programmeId: 'szh', areaId: 'P3', validFrom: '2020-01-01', validTo: '2030-12-31' },
];

const entries: FundingEntry[] = [
  // P1: one booking of 300 as total + two shares (counted once), and a second booking (another
  // measure) of shares only, 100 + 100, which must not be swallowed by the first's total row.
  e({ measureKey: 'm1', amount: 300 }),
  e({ measureKey: 'm1', source: 'bund', amount: 150 }),
  e({ measureKey: 'm1', source: 'kommune', amount: 150 }),
  e({ measureKey: 'm2', source: 'bund', amount: 100 }),
  e({ measureKey: 'm2', source: 'land', amount: 100 }),
  // on the Bezirk: 1.000 (biwaq)
  e({ programmeId: 'biwaq', areaKey: 'B', amount: 1000 }),
  // on the whole szh Fördergebiet: 900 → P2 300, P3 600 (residents 300 : 600)
  e({ areaKey: '*', amount: 900 }),
  // on R2 itself: 50
  e({ areaKey: 'R2', amount: 50 }),
  // an area of another system, a programme without a Fördergebiet
  e({ areaKey: 'X9', amount: 7 }),
  e({ programmeId: 'esf', areaKey: '*', amount: 11 }),
  // another year (kept for the series)
  e({ year: 2023, areaKey: 'P2', amount: 40 }),
];

const residents = completeResidents(areas, own, 2024);

describe('completeResidents', () => {
  it('keeps own counts and sums children only when every valid child has one', () => {
    expect(Object.fromEntries(residents)).toEqual({
      B: 1050,
      R1: 400,
      R2: 650,
      P0: 5,
      P1: 100,
      P2: 300,
      P3: 600,
    });
    const holes = completeResidents(areas, new Map([['P1', 100]]), 2024);
    expect(holes.get('R1')).toBeUndefined();
    expect(holes.get('B')).toBeUndefined();
  });
});

describe('splitCents', () => {
  it('splits by the largest remainder so the parts add up exactly; ties to the earlier key', () => {
    expect(
      splitCents(10, [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 1 },
      ]),
    ).toEqual([
      { key: 'a', cents: 4 },
      { key: 'b', cents: 3 },
      { key: 'c', cents: 3 },
    ]);
    // 100.000 ct by 400 : 650 → 38.095,238 and 61.904,762 → the spare cent goes to the second
    expect(
      splitCents(100_000, [
        { key: 'R1', weight: 400 },
        { key: 'R2', weight: 650 },
      ]),
    ).toEqual([
      { key: 'R1', cents: 38_095 },
      { key: 'R2', cents: 61_905 },
    ]);
  });

  it('refuses unusable weights', () => {
    expect(splitCents(5, [])).toBeNull();
    expect(splitCents(5, [{ key: 'a', weight: 0 }])).toBeNull();
    expect(
      splitCents(5, [
        { key: 'a', weight: 1 },
        { key: 'b', weight: NaN },
      ]),
    ).toBeNull();
  });
});

const at = (depth: number) =>
  allocateToLevel(entries, { areas, depth, residents, programmeAreas, year: 2024 });

describe('allocateToLevel', () => {
  it('on Planungsräume: spreads the Bezirk by residents (100 : 300 : 600) and the Fördergebiet (300 : 600)', () => {
    const { allocation, summary } = at(2);
    const money = sumMoneyByArea(allocation.entries, 2024, 'approved');
    // P1 300 + 200 + 100 (biwaq) = 600; P2 300 (biwaq) + 300 (szh *) = 600; P3 600 + 600 = 1.200.
    // R2's own 50 goes to its only Planungsraum P3 → 1.250.
    expect(money.get('P1')?.total).toBe(600);
    expect(money.get('P2')?.total).toBe(600);
    expect(money.get('P3')?.total).toBe(1250);
    expect(money.get('P0')).toBeUndefined();
    expect(money.get('P1')?.byProgramme).toEqual({ szh: 500, biwaq: 100 });
    expect(money.get('P1')?.bySource).toEqual({ bund: 250, kommune: 150, land: 100, total: 100 });
    expect(summary(2024, 'approved')).toEqual({
      own: 500,
      rolledUp: 0,
      spread: 1950,
      bridged: 0,
      notPlaced: { 'other-system': 7, 'no-programme-areas': 11, 'no-residents': 0, outside: 0 },
    });
  });

  it('on Bezirksregionen: sums Planungsräume up and spreads the Bezirk by 400 : 650', () => {
    const { allocation, summary } = at(1);
    const money = sumMoneyByArea(allocation.entries, 2024, 'approved');
    // R1 = P1 (300 + 200) + biwaq 380,95 + szh* P2 300 = 1.180,95
    // R2 = biwaq 619,05 + szh* P3 600 + own 50 = 1.269,05
    expect(money.get('R1')?.total).toBe(1180.95);
    expect(money.get('R2')?.total).toBe(1269.05);
    expect(summary(2024, 'approved')).toMatchObject({ own: 50, rolledUp: 500, spread: 1900 });
    // the whole stays whole: 500 + 1.000 + 900 + 50 = 2.450
    expect(Math.round(((money.get('R1')?.total ?? 0) + (money.get('R2')?.total ?? 0)) * 100)).toBe(
      245_000,
    );
    expect(sumAreaByYear(allocation.entries, 'approved').get('R1')).toEqual([
      { year: 2023, total: 40 },
      { year: 2024, total: 1180.95 },
    ]);
  });

  it('on the Bezirk: everything of the system in one sum, per resident with the Bezirk’s 1.050', () => {
    const { allocation } = at(0);
    const b = sumMoneyByArea(allocation.entries, 2024, 'approved').get('B');
    expect(b?.total).toBe(2450);
    expect(b?.byProgramme).toEqual({ szh: 1450, biwaq: 1000 });
    expect(residents.get('B')).toBe(1050);
  });

  it('does not spread where an area of the level has no residents to weigh by', () => {
    const r = allocateToLevel([e({ programmeId: 'biwaq', areaKey: 'B', amount: 10 })], {
      areas,
      depth: 2,
      residents: new Map([
        ['P1', 1],
        ['P2', 1],
      ]),
      programmeAreas,
      year: 2024,
    });
    expect(r.allocation.entries).toEqual([]);
    expect(r.allocation.notPlaced.map((n) => n.reason)).toEqual(['no-residents']);
    expect(r.summary(2024, 'approved').notPlaced['no-residents']).toBe(10);
  });

  // The same 1.000 on the Bezirk in 2022, 2023 and 2024. Residents change: 2022 P1 100, P2 100,
  // P3 800 (R2 no own count then); 2023 none given → the view year's (2024) residents
  // 100 : 300 : 600; 2024 P1 500, P2 300, P3 200 (R2 650 is the 2024-only count above, so it is
  // not used here: the given map is the year's whole truth).
  // On Planungsräume: 2022 → 100 / 100 / 800; 2023 → 100 / 300 / 600; 2024 → 500 / 300 / 200.
  // On Bezirksregionen 2022: R1 = P0 0 (still valid in 2022) + 100 + 100 = 200, R2 = 800 → 200 / 800.
  // (Without P0's count R1 would have a hole in 2022 and the booking would stay unplaced.)
  it('weighs each booking year by that year’s residents (changing residents)', () => {
    const bez = [2022, 2023, 2024].map((year) =>
      e({ programmeId: 'biwaq', areaKey: 'B', year, amount: 1000 }),
    );
    const byYear = new Map<number, Map<string, number>>([
      [
        2022,
        completeResidents(
          areas,
          new Map([
            ['P0', 0],
            ['P1', 100],
            ['P2', 100],
            ['P3', 800],
          ]),
          2022,
        ),
      ],
      [
        2024,
        completeResidents(
          areas,
          new Map([
            ['P1', 500],
            ['P2', 300],
            ['P3', 200],
          ]),
          2024,
        ),
      ],
    ]);
    const run = (depth: number) =>
      allocateToLevel(bez, {
        areas,
        depth,
        residents,
        residentsByYear: byYear,
        programmeAreas,
        year: 2024,
      });
    const series = sumAreaByYear(run(2).allocation.entries, 'approved');
    expect(series.get('P1')).toEqual([
      { year: 2022, total: 100 },
      { year: 2023, total: 100 },
      { year: 2024, total: 500 },
    ]);
    expect(series.get('P2')).toEqual([
      { year: 2022, total: 100 },
      { year: 2023, total: 300 },
      { year: 2024, total: 300 },
    ]);
    expect(series.get('P3')).toEqual([
      { year: 2022, total: 800 },
      { year: 2023, total: 600 },
      { year: 2024, total: 200 },
    ]);
    const regions = sumAreaByYear(run(1).allocation.entries, 'approved');
    expect(regions.get('R1')?.[0]).toEqual({ year: 2022, total: 200 });
    expect(regions.get('R2')?.[0]).toEqual({ year: 2022, total: 800 });
    // without the years' residents every year is weighed by the view year's: 2022 like 2024
    const flat = sumAreaByYear(
      allocateToLevel(bez, { areas, depth: 2, residents, programmeAreas, year: 2024 }).allocation
        .entries,
      'approved',
    );
    expect(flat.get('P1')?.map((x) => x.total)).toEqual([100, 100, 100]);
  });

  // 1.000 on X, an area of another system: its overlap with the Planungsräume is P1 25 %, P2 50 %,
  // 25 % outside every Planungsraum → 250 / 500 bridged, 250 not placed ('outside'). Without an
  // overlap for X it stays 'other-system'; with null (no residents to weigh by) 'no-residents'.
  it('bridges money on an area of another system by its overlap, the outside share apart', () => {
    const x = [e({ programmeId: 'biwaq', areaKey: 'X', amount: 1000 })];
    const run = (bridge?: Map<string, BridgeShares | null>) =>
      allocateToLevel(x, { areas, depth: 2, residents, programmeAreas, year: 2024, bridge });
    const shares: BridgeShares = {
      parts: [
        { key: 'P1', share: 0.25 },
        { key: 'P2', share: 0.5 },
      ],
      outside: 0.25,
    };
    const r = run(new Map([['X', shares]]));
    const money = sumMoneyByArea(r.allocation.entries, 2024, 'approved');
    expect(money.get('P1')?.total).toBe(250);
    expect(money.get('P2')?.total).toBe(500);
    expect(r.summary(2024, 'approved')).toMatchObject({
      bridged: 750,
      notPlaced: { outside: 250, 'other-system': 0 },
    });
    expect(r.allocation.notPlaced).toMatchObject([
      { areaKey: 'X', amount: 250, reason: 'outside' },
    ]);
    expect(run().summary(2024, 'approved').notPlaced['other-system']).toBe(1000);
    expect(run(new Map([['X', null]])).summary(2024, 'approved').notPlaced['no-residents']).toBe(
      1000,
    );
  });
});
