import { describe, expect, it } from 'vitest';
import { findCoveringFeatures } from './covering.ts';
import type { AreaGeometry } from './types.ts';

/** A square polygon from (x, y) with side d (degrees). */
const square = (x: number, y: number, d: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

/** A 3 × 3 grid of areas at Leipzig. */
const grid = () =>
  Array.from({ length: 9 }, (_, k) => ({
    geometry: square(12.3 + (k % 3) * 0.01, 51.3 + Math.floor(k / 3) * 0.01, 0.01),
  }));

describe('findCoveringFeatures', () => {
  it('finds the whole-city polygon beside its areas', () => {
    const features = [...grid(), { geometry: square(12.3, 51.3, 0.03) }];
    const found = findCoveringFeatures(features);
    expect(found).toHaveLength(1);
    expect(found[0]!.index).toBe(9);
    expect(found[0]!.coveredShare).toBe(1);
    expect(found[0]!.areaRatio).toBeCloseTo(1, 2);
  });

  it('finds none in an ordinary tiling, even with one large area', () => {
    const features = grid();
    features[4] = { geometry: square(12.31, 51.31, 0.015) }; // larger, overlapping neighbours
    expect(findCoveringFeatures(features)).toEqual([]);
    expect(findCoveringFeatures(grid())).toEqual([]);
  });

  it('does not flag a big area that covers only a few others (e.g. a forest district)', () => {
    const features = [...grid(), { geometry: square(12.3, 51.3, 0.02) }];
    // covers 4 of 9 centres, area 4/9 of the rest
    expect(findCoveringFeatures(features)).toEqual([]);
  });

  it('needs at least three features and skips missing geometries', () => {
    expect(findCoveringFeatures([{ geometry: square(0, 0, 1) }, { geometry: null }])).toEqual([]);
  });
});
