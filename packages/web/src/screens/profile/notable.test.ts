import { describe, expect, it } from 'vitest';
import type { ProfileIndicator } from '../../api/indicators.ts';
import { makeIndicator } from '../../lib/test-fixtures.ts';
import { cameFromFirst, notableIndicators, readingOf, splitEmpty, standing } from './notable.ts';

function item(
  id: string,
  rank: number | null,
  rankOf: number,
  over: Partial<ProfileIndicator> = {},
  ind: Parameters<typeof makeIndicator>[0] = { id },
): ProfileIndicator {
  return {
    indicator: makeIndicator({ ...ind, id }),
    date: '2024-12-31',
    value: rank === null ? null : 10,
    numerator: null,
    denominator: null,
    flag: null,
    flagReason: null,
    reliability: null,
    cityValue: 8,
    cityNote: null,
    rank,
    rankOf,
    series: [],
    ...over,
  } as ProfileIndicator;
}

describe('standing', () => {
  it('reads rank 1 as the highest and the middle rank as the median', () => {
    expect(standing(item('a', 1, 101))).toEqual({ above: 1, extremeness: 1, high: true });
    expect(standing(item('a', 51, 101))).toEqual({ above: 0.5, extremeness: 0, high: true });
    expect(standing(item('a', 101, 101))?.above).toBe(0);
    expect(standing(item('a', null, 101))).toBeNull();
  });
});

describe('notableIndicators', () => {
  it('keeps the outer tenth at either end, most extreme first, read by polarity', () => {
    const items = [
      item('poverty', 2, 101, {}, { id: 'poverty', polarity: 'higher_is_worse' }),
      item('green', 101, 101, {}, { id: 'green', polarity: 'higher_is_better' }),
      item('middle', 50, 101),
      item('edge', 11, 101), // 90 % above: exactly at the border, still notable
      item('inhabitants', 1, 101, {}, { id: 'inhabitants', kind: 'count', unit: 'count' }),
      item('status', 1, 101, {}, { id: 'status', unit: 'class', kind: 'value' }),
    ];
    const n = notableIndicators(items);
    expect(n.map((x) => [x.item.indicator.id, x.reading])).toEqual([
      ['green', 'unfavourable'],
      ['poverty', 'unfavourable'],
      ['edge', 'neutral'],
    ]);
  });
  it('reads a low value of a higher-is-worse indicator as favourable', () => {
    expect(readingOf('higher_is_worse', false)).toBe('favourable');
    expect(readingOf('neutral', true)).toBe('neutral');
  });
});

describe('splitEmpty and cameFromFirst', () => {
  it('folds indicators without value and flag, keeps flagged ones as cards', () => {
    const a = item('a', 1, 3);
    const b = item('b', null, 3);
    const c = item('c', null, 3, { flag: 'suppressed' } as Partial<ProfileIndicator>);
    const { shown, empty } = splitEmpty([a, b, c]);
    expect(shown.map((i) => i.indicator.id)).toEqual(['a', 'c']);
    expect(empty.map((i) => i.indicator.id)).toEqual(['b']);
  });
  it('puts the indicator the person came from first', () => {
    const list = [item('a', 1, 3), item('b', 2, 3), item('c', 3, 3)];
    expect(cameFromFirst(list, 'c').map((i) => i.indicator.id)).toEqual(['c', 'a', 'b']);
    expect(cameFromFirst(list, null).map((i) => i.indicator.id)).toEqual(['a', 'b', 'c']);
  });
});
