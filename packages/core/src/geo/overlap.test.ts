// Overlap of areas of two systems (docs/methods/funding-allocation.md § Brücke): shares worked out
// by hand on rectangles at the equator (1° × 1° cells of equal area there).
import { describe, expect, it } from 'vitest';
import { areaOverlaps, gridPointsIn, residentsOverlaps, type OverlapTarget } from './overlap.ts';
import type { AreaGeometry } from './types.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

// Source S spans x 0,5–2,5: a quarter in A (0–1), half in B (1–2), a quarter outside (2–2,5).
const S: OverlapTarget = { id: 'S', geometry: rect(0.5, 0, 2.5, 1) };
const targets: OverlapTarget[] = [
  { id: 'A', geometry: rect(0, 0, 1, 1) },
  { id: 'B', geometry: rect(1, 0, 2, 1) },
  { id: 'C', geometry: rect(5, 5, 6, 6) },
];

describe('areaOverlaps', () => {
  it('estimates the area shares on a grid: A 25 %, B 50 %, outside 25 %', () => {
    const o = areaOverlaps([S], targets).get('S')!;
    expect(o.samples).toBeGreaterThan(1000);
    const share = Object.fromEntries(o.parts.map((p) => [p.key, p.share]));
    // within one per cent (about one grid cell along each boundary)
    expect(Math.abs(share.A! - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(share.B! - 0.5)).toBeLessThan(0.01);
    expect(share.C).toBeUndefined();
    expect(Math.abs(o.outside - 0.25)).toBeLessThan(0.01);
    expect(o.parts.reduce((s, p) => s + p.share, 0) + o.outside).toBeCloseTo(1, 10);
  });

  it('scales the grid to the source: a tiny area wholly inside A is wholly A', () => {
    const tiny: OverlapTarget = { id: 't', geometry: rect(0.1, 0.1, 0.1000001, 0.1000001) };
    expect(gridPointsIn(tiny.geometry).length).toBeGreaterThan(1000);
    const o = areaOverlaps([tiny], targets).get('t')!;
    expect(o.parts).toEqual([{ key: 'A', share: 1 }]);
    expect(o.outside).toBe(0);
  });
});

describe('residentsOverlaps', () => {
  // residents spread evenly in each target: A 100 on 1 cell, of which ½ cell lies in S → 50;
  // B 300, all of its cell in S → 300. The inside share 0,75 split 50 : 300.
  it('splits the inside share by the residents living in each overlap; outside stays', () => {
    const byArea = areaOverlaps([S], targets);
    const o = residentsOverlaps(
      byArea,
      [S],
      targets,
      new Map([
        ['A', 100],
        ['B', 300],
      ]),
    ).get('S')!;
    const share = Object.fromEntries(o.parts.map((p) => [p.key, p.share]));
    expect(Math.abs(share.A! - (0.75 * 50) / 350)).toBeLessThan(0.01);
    expect(Math.abs(share.B! - (0.75 * 300) / 350)).toBeLessThan(0.01);
    expect(Math.abs(o.outside - 0.25)).toBeLessThan(0.01);
  });

  it('refuses (null) when an overlapping target has no residents', () => {
    const byArea = areaOverlaps([S], targets);
    expect(residentsOverlaps(byArea, [S], targets, new Map([['A', 100]])).get('S')).toBeNull();
  });
});
