// Overlap of areas of two systems (docs/methods/funding-allocation.md § Brücke): shares worked out
// by hand on rectangles and a triangle near the equator (scan lines measure in x, rows are of
// equal height, so shares are ratios of lengths).
import { describe, expect, it } from 'vitest';
import { areaOverlaps, residentsOverlaps, type OverlapTarget } from './overlap.ts';
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
  it('measures the area shares exactly for edges along and across the scan lines', () => {
    const o = areaOverlaps([S], targets).get('S')!;
    const share = Object.fromEntries(o.parts.map((p) => [p.key, p.share]));
    expect(share.A).toBeCloseTo(0.25, 9);
    expect(share.B).toBeCloseTo(0.5, 9);
    expect(share.C).toBeUndefined();
    expect(o.outside).toBeCloseTo(0.25, 9);
  });

  // S2 = 0–2 × 0–1 with a hole 0,25–0,75 × 0,25–0,75 (in A): area 1,75; A holds 0,75, B 1.
  it('leaves holes out', () => {
    const holed: OverlapTarget = {
      id: 'h',
      geometry: {
        type: 'Polygon',
        coordinates: [
          (rect(0, 0, 2, 1) as { coordinates: number[][][] }).coordinates[0]! as [number, number][],
          (rect(0.25, 0.25, 0.75, 0.75) as { coordinates: number[][][] }).coordinates[0]! as [
            number,
            number,
          ][],
        ],
      },
    };
    const o = areaOverlaps([holed], targets).get('h')!;
    const share = Object.fromEntries(o.parts.map((p) => [p.key, p.share]));
    // (lines weighed by cos(latitude): between 0° and 1° that moves a share by < 0,0002)
    expect(share.A).toBeCloseTo(0.75 / 1.75, 3);
    expect(share.B).toBeCloseTo(1 / 1.75, 3);
    expect(o.outside).toBeCloseTo(0, 9);
  });

  it('is close for slanted edges (a triangle half in A, half in B)', () => {
    // triangle (0,0) (2,0) (1,1): area 1, the part left of x = 1 is 0,5
    const tri: OverlapTarget = {
      id: 'tri',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    };
    const o = areaOverlaps([tri], targets).get('tri')!;
    expect(o.parts.map((p) => p.key)).toEqual(['A', 'B']);
    expect(o.parts[0]!.share).toBeCloseTo(0.5, 6);
    expect(o.outside).toBeCloseTo(0, 6);
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
    expect(share.A).toBeCloseTo((0.75 * 50) / 350, 9);
    expect(share.B).toBeCloseTo((0.75 * 300) / 350, 9);
    expect(o.outside).toBeCloseTo(0.25, 9);
  });

  it('refuses (null) when an overlapping target has no residents', () => {
    const byArea = areaOverlaps([S], targets);
    expect(residentsOverlaps(byArea, [S], targets, new Map([['A', 100]])).get('S')).toBeNull();
  });
});
