import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../geo/types.ts';
import { positionsOutsideAreas } from './index.ts';

const square = (x0: number, y0: number, d: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + d, y0],
      [x0 + d, y0 + d],
      [x0, y0 + d],
      [x0, y0],
    ],
  ],
});

describe('positionsOutsideAreas', () => {
  const areas = [square(13.0, 52.0, 0.1), square(13.1, 52.0, 0.1)];

  it('accepts a point inside one of the areas', () => {
    expect(positionsOutsideAreas({ type: 'Point', coordinates: [13.05, 52.05] }, areas)).toEqual(
      [],
    );
  });

  it('names a point outside every area', () => {
    expect(positionsOutsideAreas({ type: 'Point', coordinates: [13.5, 52.05] }, areas)).toEqual([
      { index: 0, position: [13.5, 52.05] },
    ]);
  });

  it('accepts a line across two adjacent areas and names the vertices outside', () => {
    const across = {
      type: 'LineString' as const,
      coordinates: [
        [13.02, 52.05],
        [13.18, 52.06],
      ] as [number, number][],
    };
    expect(positionsOutsideAreas(across, areas)).toEqual([]);
    const leaving = {
      ...across,
      coordinates: [...across.coordinates, [13.25, 52.06] as [number, number]],
    };
    expect(positionsOutsideAreas(leaving, areas)).toEqual([{ index: 2, position: [13.25, 52.06] }]);
  });

  it('finds nothing inside when there are no areas', () => {
    expect(positionsOutsideAreas({ type: 'Point', coordinates: [13.05, 52.05] }, [])).toHaveLength(
      1,
    );
  });
});
