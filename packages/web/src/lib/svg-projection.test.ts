import { describe, expect, it } from 'vitest';
import { boundsMeet, boundsOf, projector, ringsOf } from './svg-projection.ts';

const square = (x: number, y: number, d = 1) => ({
  type: 'Polygon' as const,
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

describe('svg projection', () => {
  it('reads polygons and multipolygons, nothing else', () => {
    expect(ringsOf(square(0, 0))).toHaveLength(1);
    expect(
      ringsOf({
        type: 'MultiPolygon',
        coordinates: [square(0, 0).coordinates, square(2, 2).coordinates],
      }),
    ).toHaveLength(2);
    expect(ringsOf(null)).toEqual([]);
  });

  it('finds bounds and whether they meet', () => {
    const b = boundsOf([{ geometry: square(0, 0) }, { geometry: square(3, 1) }]);
    expect(b).toEqual([0, 0, 4, 2]);
    expect(boundsMeet(b!, [4, 2, 5, 5])).toBe(true);
    expect(boundsMeet(b!, [4.1, 0, 5, 1])).toBe(false);
    expect(boundsOf([])).toBeNull();
  });

  it('projects north up with longitudes shortened by cos(latitude)', () => {
    const p = projector([13, 52, 14, 53], 100);
    const k = Math.cos((52.5 * Math.PI) / 180);
    expect(p.height).toBe(Math.round(100 / k));
    expect(p.point([13, 53])).toEqual([0, 0]);
    const [x, y] = p.point([14, 52]);
    expect(x).toBeCloseTo(100, 6);
    expect(y).toBeCloseTo(100 / k, 6);
    expect(p.path(square(13, 52, 0.5))).toMatch(/^M0\.0,\d+\.\dL.*Z$/);
  });
});
