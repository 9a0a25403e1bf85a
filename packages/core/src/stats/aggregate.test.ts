import { describe, expect, it } from 'vitest';
import {
  aggregateObservations,
  aggregateToParents,
  CITY_METHOD,
  cityValue,
  deriveShare,
  rollUpLevels,
} from './aggregate.ts';
import type { IndicatorKind } from './aggregate.ts';

describe('deriveShare', () => {
  it('scales numerator / denominator (100 → percent, 1000 → per mille)', () => {
    expect(deriveShare(25, 200, 100)).toEqual({ value: 12.5, reason: null });
    expect(deriveShare(16, 5000, 1000)).toEqual({ value: 3.2, reason: null });
  });

  it('returns null with a reason for denominator 0 instead of Infinity or NaN', () => {
    expect(deriveShare(0, 0, 100)).toEqual({
      value: null,
      reason: 'Nenner ist 0: Quote nicht definiert',
    });
    expect(deriveShare(3, 0, 100).value).toBeNull();
  });

  it('returns null with a reason for missing or negative parts', () => {
    expect(deriveShare(null, 10, 100).reason).toBe('Zähler oder Nenner fehlt');
    expect(deriveShare(-1, 10, 100).reason).toBe('Zähler ist negativ (-1)');
    expect(deriveShare(1, -10, 100).reason).toBe('Nenner ist negativ (-10)');
  });

  it('rejects a scale that is not positive', () => {
    expect(() => deriveShare(1, 2, 0)).toThrow('Skalierungsfaktor');
  });
});

describe('aggregateObservations', () => {
  it('recomputes a share from summed numerators and denominators, not the mean of shares', () => {
    // A: 10 of 100 = 10 %, B: 90 of 300 = 30 %. Mean of shares 20 %; the true share is 100/400 = 25 %.
    const r = aggregateObservations('share', 100, [
      { value: 10, numerator: 10, denominator: 100 },
      { value: 30, numerator: 90, denominator: 300 },
    ]);
    expect(r.value).toBe(25);
    expect(r.value).not.toBe((10 + 30) / 2);
    expect(r).toMatchObject({
      numerator: 100,
      denominator: 400,
      complete: true,
      usedCount: 2,
      missingCount: 0,
      reason: null,
    });
  });

  it('sums counts', () => {
    const r = aggregateObservations('count', 1, [{ value: 1200 }, { value: 174 }, { value: 0 }]);
    expect(r).toMatchObject({ value: 1374, complete: true, numerator: null, denominator: null });
  });

  it('sums the present children and flags the result incomplete when a child is missing', () => {
    const r = aggregateObservations('count', 1, [{ value: 100 }, { value: null }, { value: 50 }]);
    expect(r).toMatchObject({ value: 150, complete: false, usedCount: 2, missingCount: 1 });
    expect(r.reason).toBe('Unvollständig: 1 von 3 Teilgebieten ohne Daten');
  });

  it('treats a share child without numerator/denominator as missing even if it has a value', () => {
    const r = aggregateObservations('share', 100, [
      { value: 50, numerator: 5, denominator: 10 },
      { value: 20, numerator: null, denominator: null },
    ]);
    expect(r).toMatchObject({ value: 50, complete: false, missingCount: 1 });
  });

  it('passes incompleteness of a child up to the parent', () => {
    const r = aggregateObservations('count', 1, [{ value: 3, complete: false }, { value: 4 }]);
    expect(r).toMatchObject({ value: 7, complete: false, missingCount: 0 });
    expect(r.reason).toContain('selbst unvollständig');
  });

  it('gives null when all children are missing or the summed denominator is 0', () => {
    expect(aggregateObservations('count', 1, [{ value: null }]).value).toBeNull();
    expect(aggregateObservations('count', 1, []).value).toBeNull();
    const zero = aggregateObservations('share', 100, [
      { value: null, numerator: 0, denominator: 0 },
    ]);
    expect(zero.value).toBeNull();
    expect(zero.reason).toBe('Nenner ist 0: Quote nicht definiert');
    expect(zero.complete).toBe(false);
  });

  it('does not aggregate the value kind', () => {
    const r = aggregateObservations('value', 1, [{ value: 1 }, { value: 2 }]);
    expect(r.value).toBeNull();
    expect(r.reason).toContain('wird nicht');
  });

  it('names the allowed kinds for an unknown kind', () => {
    expect(() => aggregateObservations('mean' as IndicatorKind, 1, [])).toThrow(
      'Unbekannte Indikatorart "mean". Erlaubt sind: count, share, value.',
    );
  });
});

describe('aggregateToParents', () => {
  it('groups rows by parent and aggregates each, ignoring top-level rows', () => {
    const rows = [
      { areaId: 1, parentId: 10, value: 10, numerator: 1, denominator: 10 },
      { areaId: 2, parentId: 10, value: 50, numerator: 5, denominator: 10 },
      { areaId: 3, parentId: 20, value: 25, numerator: 1, denominator: 4 },
      { areaId: 99, parentId: null, value: 1, numerator: 1, denominator: 100 },
    ];
    const out = aggregateToParents(rows, 'share', 100);
    expect(out.map((r) => [r.areaId, r.value, r.numerator, r.denominator])).toEqual([
      [10, 30, 6, 20],
      [20, 25, 1, 4],
    ]);
  });
});

describe('rollUpLevels', () => {
  // PLR 1,2,3 → BZR 10 (1,2) and 20 (3, and PLR 4 without data) → Bezirk 100
  const parentOf = new Map<number, number | null>([
    [1, 10],
    [2, 10],
    [3, 20],
    [4, 20],
    [10, 100],
    [20, 100],
    [100, null],
  ]);

  it('rolls counts through all levels and notices children absent from the rows', () => {
    const out = rollUpLevels(
      [
        { areaId: 1, value: 5 },
        { areaId: 2, value: 7 },
        { areaId: 3, value: 11 },
      ],
      parentOf,
      'count',
      1,
    );
    expect(out.map((r) => [r.areaId, r.value, r.complete, r.missingCount])).toEqual([
      [10, 12, true, 0],
      [20, 11, false, 1],
      [100, 23, false, 0],
    ]);
  });

  it('recomputes shares at every level from the sums', () => {
    const out = rollUpLevels(
      [
        { areaId: 1, value: 10, numerator: 1, denominator: 10 },
        { areaId: 2, value: 50, numerator: 5, denominator: 10 },
        { areaId: 3, value: 20, numerator: 2, denominator: 10 },
        { areaId: 4, value: 40, numerator: 12, denominator: 30 },
      ],
      parentOf,
      'share',
      100,
    );
    // Bezirk: (1+5+2+12)/(10+10+10+30) = 20/60 = 33.33…%; mean of the two BZR shares (30 %, 35 %) would be 32.5 %.
    expect(out.find((r) => r.areaId === 100)?.value).toBe((20 / 60) * 100);
    expect(out.find((r) => r.areaId === 20)?.value).toBe(35);
  });

  it('rejects rows of different levels and areas missing from the hierarchy', () => {
    expect(() =>
      rollUpLevels(
        [
          { areaId: 1, value: 1 },
          { areaId: 10, value: 1 },
        ],
        parentOf,
        'count',
        1,
      ),
    ).toThrow('anderen Ebene');
    expect(() => rollUpLevels([{ areaId: 7, value: 1 }], parentOf, 'count', 1)).toThrow(
      'Gebiet 7 fehlt',
    );
  });
});

describe('cityValue', () => {
  it('sums counts', () => {
    expect(cityValue('count', 1, [{ value: 2 }, { value: 3 }])).toEqual({
      value: 5,
      method: CITY_METHOD.sum,
      complete: true,
    });
    expect(CITY_METHOD.sum).toBe('Summe aller Gebiete');
  });

  it('computes shares as ratio of the summed numerators and denominators', () => {
    const r = cityValue('share', 100, [
      { value: 10, numerator: 10, denominator: 100 },
      { value: 30, numerator: 90, denominator: 300 },
    ]);
    expect(r).toEqual({
      value: 25,
      method: 'Quote aus den Summen von Zähler und Nenner',
      complete: true,
    });
  });

  it('takes the median for the value kind and for shares published without counts', () => {
    expect(
      cityValue('value', 1, [{ value: 1 }, { value: 100 }, { value: 3 }, { value: null }]),
    ).toEqual({
      value: 3,
      method: 'Median der Gebiete',
      complete: false,
    });
    expect(cityValue('share', 100, [{ value: 4.2 }, { value: 19.4 }]).value).toBeCloseTo(11.8, 12);
  });

  it('uses the rows with counts for a share and flags the city value incomplete when some lack them', () => {
    const r = cityValue('share', 100, [
      { value: 10, numerator: 10, denominator: 100 },
      { value: 30, numerator: 90, denominator: 300 },
      { value: 80, numerator: null, denominator: null },
    ]);
    expect(r).toEqual({ value: 25, method: CITY_METHOD.ratioOfSums, complete: false });
  });

  it('says so when there is nothing to compute', () => {
    expect(cityValue('value', 1, [])).toEqual({
      value: null,
      method: CITY_METHOD.none,
      complete: false,
    });
  });
});
