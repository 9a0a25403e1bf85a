import { describe, expect, it } from 'vitest';
import { rankValues } from './rank.ts';

describe('rankValues', () => {
  it('gives rank 1 to the highest value', () => {
    expect(rankValues([3, 9, 5]).ranks).toEqual([3, 1, 2]);
  });

  it('gives ties the same lowest rank and skips the next rank', () => {
    expect(rankValues([5, 9, 5, 1, 9]).ranks).toEqual([3, 1, 3, 5, 1]);
  });

  it('leaves nulls unranked and counts only ranked values', () => {
    const r = rankValues([null, 2, 7, null]);
    expect(r.ranks).toEqual([null, 2, 1, null]);
    expect(r.rankedCount).toBe(2);
  });

  it('handles an empty input', () => {
    expect(rankValues([])).toEqual({ ranks: [], rankedCount: 0 });
  });

  it('rejects NaN instead of ranking it somewhere', () => {
    expect(() => rankValues([1, Number.NaN])).toThrow('Position 1');
  });
});
