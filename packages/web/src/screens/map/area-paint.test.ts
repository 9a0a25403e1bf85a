import { describe, expect, it } from 'vitest';
import { areaPaintStates, sameIds, selectedFilter, shownFilter } from './area-paint.ts';

const NO_DATA = '#cccccc';

describe('areaPaintStates', () => {
  it('gives every area of the geometry a state: its colour, or no data when it has none', () => {
    const colors = new Map<number, string | null>([
      [1, '#08519c'],
      [2, null],
      [9, '#eff3ff'], // not in the geometry: no state
    ]);
    expect(areaPaintStates([{ id: 1 }, { id: 2 }, { id: 3 }], colors, NO_DATA)).toEqual([
      { id: 1, state: { color: '#08519c', nodata: false } },
      { id: 2, state: { color: NO_DATA, nodata: true } },
      { id: 3, state: { color: NO_DATA, nodata: true } },
    ]);
  });
});

describe('layer filters for retired areas', () => {
  it('leaves out the hidden ids, and filters nothing when none is hidden', () => {
    expect(shownFilter(new Set([7, 3]))).toEqual(['!', ['in', ['id'], ['literal', [3, 7]]]]);
    expect(shownFilter(new Set())).toBeNull();
    expect(shownFilter(undefined)).toBeNull();
  });

  it('outlines the selected area only while it is shown', () => {
    expect(selectedFilter(5, undefined)).toEqual(['==', ['id'], 5]);
    expect(selectedFilter(null, new Set())).toEqual(['==', ['id'], -1]);
    expect(selectedFilter(5, new Set([5]))).toEqual([
      'all',
      ['==', ['id'], 5],
      ['!', ['in', ['id'], ['literal', [5]]]],
    ]);
  });

  it('tells a new set with the same ids from a changed one', () => {
    expect(sameIds(new Set([1, 2]), new Set([2, 1]))).toBe(true);
    expect(sameIds(undefined, new Set())).toBe(true);
    expect(sameIds(new Set([1]), new Set([2]))).toBe(false);
    expect(sameIds(new Set([1]), new Set([1, 2]))).toBe(false);
  });
});
