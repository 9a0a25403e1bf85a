import { describe, expect, it } from 'vitest';
import { buildLegend, englishRange, germanRange, innerBreaks } from './legend.ts';
import { classifyForMap, formatNumber } from './core-bridge.ts';

const de1 = (n: number) => formatNumber(n, 1, 'de');

describe('buildLegend', () => {
  it('labels ranges in German number format with "bis unter" and an inclusive last class', () => {
    const legend = buildLegend([1234.5, 2000, 3999.25], [2, 1], ['#a', '#b'], 0, germanRange(de1));
    expect(legend.entries.map((e) => e.label)).toEqual([
      '1.234,5 bis unter 2.000,0',
      '2.000,0 bis 3.999,3',
    ]);
  });

  it('labels ranges in English when asked', () => {
    const legend = buildLegend(
      [0.5, 1, 2],
      [1, 1],
      ['#a', '#b'],
      0,
      englishRange((n) => formatNumber(n, 1, 'en')),
    );
    expect(legend.entries.map((e) => e.label)).toEqual(['0.5 to under 1.0', '1.0 to 2.0']);
  });

  it('keeps counts and adds the no-data areas to the total', () => {
    const legend = buildLegend([0, 5, 10, 20], [3, 0, 4], ['#a', '#b', '#c'], 2, germanRange(de1));
    expect(legend.entries.map((e) => e.count)).toEqual([3, 0, 4]);
    expect(legend.noDataCount).toBe(2);
    expect(legend.total).toBe(9);
  });

  it('refuses counts or colours that do not fit the bounds', () => {
    expect(() => buildLegend([0, 1, 2], [1], ['#a', '#b'], 0, germanRange(de1))).toThrow(
      /2 Klassen, aber 1 Anzahlen/,
    );
    expect(() => buildLegend([0, 1, 2], [1, 1], ['#a'], 0, germanRange(de1))).toThrow(
      /nur 1 Farben/,
    );
  });

  it('shows a single-value class as one number', () => {
    const legend = buildLegend([7, 7], [4], ['#a'], 0, germanRange(de1));
    expect(legend.entries[0]!.label).toBe('7,0');
  });

  it('gives the inner thresholds of the bounds for the custom-breaks field', () => {
    expect(innerBreaks([0, 5, 10, 20])).toEqual([5, 10]);
  });
});

describe('classifyForMap', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null];

  it('closes custom inner breaks with the data minimum and maximum', () => {
    const mc = classifyForMap(values, 'manual', 3, [3.5, 7], 'higher_is_worse');
    expect(mc.bounds).toEqual([1, 3.5, 7, 10]);
    expect(mc.counts).toEqual([3, 3, 4]);
    expect(Array.from(mc.classOf)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 2, -1]);
  });

  it('colours the high end dark red when higher is worse and the low end when higher is better', () => {
    const worse = classifyForMap(values, 'equal', 3, null, 'higher_is_worse');
    const better = classifyForMap(values, 'equal', 3, null, 'higher_is_better');
    // ColorBrewer YlOrRd, 3 classes
    expect(worse.colors).toEqual(['#ffeda0', '#feb24c', '#f03b20']);
    expect(better.colors).toEqual(['#f03b20', '#feb24c', '#ffeda0']);
  });

  it('returns no classes when no area has a value', () => {
    const mc = classifyForMap([null, null], 'quantile', 5, null, 'neutral');
    expect(mc.bounds).toEqual([]);
    expect(Array.from(mc.classOf)).toEqual([-1, -1]);
  });
});
