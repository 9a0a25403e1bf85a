import { describe, expect, it } from 'vitest';
import { buildLegend, classIndex, germanRange } from './legend.ts';
import { formatNumber } from './core-bridge.ts';

const fmt1 = (n: number) => formatNumber(n, 1);

describe('classIndex', () => {
  it('puts a value equal to a break into the lower class', () => {
    expect(classIndex(5, [5, 10])).toBe(0);
    expect(classIndex(5.0001, [5, 10])).toBe(1);
    expect(classIndex(10, [5, 10])).toBe(1);
    expect(classIndex(11, [5, 10])).toBe(2);
  });
});

describe('buildLegend', () => {
  it('counts areas per class and areas without data', () => {
    const legend = buildLegend([1, 2, 5, 6, 9.5, 10, 12, null, null], [5, 10], ['#a', '#b', '#c'], germanRange(fmt1));
    expect(legend.entries.map((e) => e.count)).toEqual([3, 3, 1]);
    expect(legend.noDataCount).toBe(2);
    expect(legend.total).toBe(9);
  });

  it('labels ranges in German number format from the minimum to the maximum', () => {
    const legend = buildLegend([1234.5, 2000, 3999.25], [2000], ['#a', '#b'], germanRange(fmt1));
    expect(legend.entries.map((e) => e.label)).toEqual(['1.234,5 – 2.000,0', 'über 2.000,0 – 3.999,3']);
  });

  it('keeps empty classes so every colour of the palette appears', () => {
    const legend = buildLegend([1, 1, 1], [1, 1], ['#a', '#b', '#c'], germanRange(fmt1));
    expect(legend.entries.map((e) => e.count)).toEqual([3, 0, 0]);
  });

  it('refuses fewer colours than classes', () => {
    expect(() => buildLegend([1, 2], [1, 2], ['#a'], germanRange(fmt1))).toThrow(/3 Klassen/);
  });

  it('reports only no-data when no area has a value', () => {
    const legend = buildLegend([null, null], [], ['#a'], germanRange(fmt1));
    expect(legend.noDataCount).toBe(2);
    expect(legend.entries).toHaveLength(1);
    expect(legend.entries[0]!.count).toBe(0);
  });
});
