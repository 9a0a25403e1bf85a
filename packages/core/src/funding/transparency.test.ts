// Golden tests of the transparency sums and the need-vs-money quadrants on a hand-checked case
// (ADR 0035): the expected numbers are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  classifyNeedAndMoney,
  moneyPerResident,
  rankGaps,
  sumAreaByYear,
  sumMoneyByArea,
  type FundingEntry,
} from './index.ts';

const e = (over: Partial<FundingEntry>): FundingEntry => ({
  programmeId: 'szh',
  areaKey: 'A1',
  year: 2024,
  kind: 'approved',
  source: 'total',
  amount: 0,
  ...over,
});

// A1: szh 90.000 split into thirds (total row + shares: counted once), biwaq 10.000 as a total only.
// A2: szh on measure m1 as shares 5.000 + 5.000 (no total row), on measure m2 a total of 2.000.
// "*" (whole programme area) and other years/kinds must not count.
const entries: FundingEntry[] = [
  e({ amount: 90_000 }),
  e({ source: 'bund', amount: 30_000 }),
  e({ source: 'land', amount: 30_000 }),
  e({ source: 'kommune', amount: 30_000 }),
  e({ programmeId: 'biwaq', amount: 10_000 }),
  e({ areaKey: 'A2', measureKey: 'm1', source: 'bund', amount: 5_000 }),
  e({ areaKey: 'A2', measureKey: 'm1', source: 'kommune', amount: 5_000 }),
  e({ areaKey: 'A2', measureKey: 'm2', amount: 2_000 }),
  e({ areaKey: '*', amount: 50_000 }),
  e({ year: 2023, kind: 'spent', amount: 1 }),
  e({ kind: 'planned', amount: 7 }),
];

describe('money per area', () => {
  it('sums a year and kind per area: shares once, totals without split kept as "total", "*" left out', () => {
    const m = sumMoneyByArea(entries, 2024, 'approved');
    expect([...m.keys()].sort()).toEqual(['A1', 'A2']);
    expect(m.get('A1')).toEqual({
      areaKey: 'A1',
      total: 100_000,
      bySource: { bund: 30_000, land: 30_000, kommune: 30_000, total: 10_000 },
      byProgramme: { szh: 90_000, biwaq: 10_000 },
    });
    expect(m.get('A2')).toEqual({
      areaKey: 'A2',
      total: 12_000,
      bySource: { bund: 5_000, kommune: 5_000, total: 2_000 },
      byProgramme: { szh: 12_000 },
    });
  });

  it('adds cents exactly (0,10 + 0,20 = 0,30)', () => {
    const m = sumMoneyByArea(
      [e({ amount: 0.1 }), e({ programmeId: 'x', amount: 0.2 })],
      2024,
      'approved',
    );
    expect(m.get('A1')?.total).toBe(0.3);
  });

  it('gives a series per area over the years of one kind', () => {
    const s = sumAreaByYear([...entries, e({ year: 2022, amount: 500 })], 'approved');
    expect(s.get('A1')).toEqual([
      { year: 2022, total: 500 },
      { year: 2024, total: 100_000 },
    ]);
    expect(s.get('A2')).toEqual([{ year: 2024, total: 12_000 }]);
  });
});

describe('need against money', () => {
  // residents A1 1000, A2 2000, A3 500, A4 1000, A5 none → per resident 100, 6, 0, 0, null.
  // need 10, 30, 40, 5, 50. Areas with both values: A1–A4. Median need (10+30)/2 = 20; median
  // money per resident of [0, 0, 6, 100] = (0+6)/2 = 3.
  const items = [
    { id: 'A1', need: 10, perResident: moneyPerResident(100_000, 1000) },
    { id: 'A2', need: 30, perResident: moneyPerResident(12_000, 2000) },
    { id: 'A3', need: 40, perResident: moneyPerResident(0, 500) },
    { id: 'A4', need: 5, perResident: moneyPerResident(0, 1000) },
    { id: 'A5', need: 50, perResident: moneyPerResident(0, null) },
  ];

  it('classifies against the medians (golden, hand-checked)', () => {
    const r = classifyNeedAndMoney(items);
    expect(r.medianNeed).toBe(20);
    expect(r.medianPerResident).toBe(3);
    expect(Object.fromEntries(r.quadrants)).toEqual({
      A1: 'low_need_much_money',
      A2: 'high_need_much_money',
      A3: 'high_need_little_money',
      A4: 'low_need_little_money',
      A5: null,
    });
  });

  it('counts a money tie at the median as little money (a median of 0 € means: areas without money)', () => {
    const r = classifyNeedAndMoney([
      { id: 'a', need: 1, perResident: 0 },
      { id: 'b', need: 2, perResident: 0 },
      { id: 'c', need: 3, perResident: 0 },
      { id: 'd', need: 4, perResident: 9 },
    ]);
    expect(r.medianPerResident).toBe(0);
    expect(r.quadrants.get('c')).toBe('high_need_little_money');
    expect(r.quadrants.get('d')).toBe('high_need_much_money');
    expect(r.quadrants.get('a')).toBe('low_need_little_money');
  });

  it('has no medians without areas that have both values', () => {
    const r = classifyNeedAndMoney([{ id: 'x', need: null, perResident: 3 }]);
    expect(r).toEqual({
      medianNeed: null,
      medianPerResident: null,
      quadrants: new Map([['x', null]]),
    });
  });

  it('ranks the gaps: most need first; most money per resident first', () => {
    const gaps = rankGaps([
      { id: 'u1', need: 5, perResident: 1, quadrant: 'high_need_little_money' as const },
      { id: 'u2', need: 9, perResident: 2, quadrant: 'high_need_little_money' as const },
      { id: 'o1', need: 1, perResident: 50, quadrant: 'low_need_much_money' as const },
      { id: 'o2', need: 2, perResident: 80, quadrant: 'low_need_much_money' as const },
      { id: 'n', need: 9, perResident: 80, quadrant: 'high_need_much_money' as const },
    ]);
    expect(gaps.underfunded.map((g) => g.id)).toEqual(['u2', 'u1']);
    expect(gaps.overfunded.map((g) => g.id)).toEqual(['o2', 'o1']);
  });
});
