import { describe, expect, it } from 'vitest';
import { layoutSeries } from './series-layout.ts';

describe('layoutSeries', () => {
  it('places points by date on x and value on y (top = max)', () => {
    const g = layoutSeries(
      [
        { date: '2022-12-31', value: 20 },
        { date: '2020-12-31', value: 10 },
        { date: '2021-12-31', value: null },
      ],
      100,
      50,
    );
    expect(g?.points.map((p) => [p.date, Math.round(p.x), Math.round(p.y)])).toEqual([
      ['2020-12-31', 0, 50],
      ['2022-12-31', 100, 0],
    ]);
  });
  it('returns null when no value exists', () => {
    expect(layoutSeries([{ date: '2020-12-31', value: null }], 100, 50)).toBeNull();
  });
});
