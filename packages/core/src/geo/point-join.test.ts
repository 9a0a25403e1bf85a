import { expect, test } from 'vitest';
import { GRID_FROM, joinPointsToAreas, type JoinLevel } from './point-join.ts';
import type { AreaGeometry } from './types.ts';

const square = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
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

// one district (0..10) split into two planning areas (0..5 and 5..10), and a second system
const levels: JoinLevel[] = [
  { systemId: 'lor', levelId: 'bezirk', areas: [{ id: 1, geometry: square(0, 0, 10, 10) }] },
  {
    systemId: 'lor',
    levelId: 'plr',
    areas: [
      { id: 11, geometry: square(0, 0, 5, 10) },
      { id: 12, geometry: square(5, 0, 10, 10) },
      { id: 13, geometry: null },
    ],
  },
  { systemId: 'schul', levelId: 'region', areas: [{ id: 21, geometry: square(0, 0, 3, 3) }] },
];

test('assigns each point to its area on every level of every system', () => {
  const r = joinPointsToAreas(
    [
      { lon: 1, lat: 1 },
      { lon: 7, lat: 2 },
      { lon: 2, lat: 8 },
    ],
    levels,
  );
  expect(r.levels.map((l) => l.areaOf)).toEqual([
    [1, 1, 1],
    [11, 12, 11],
    [21, null, null],
  ]);
  expect(r.outside).toEqual([]);
  expect(r.counts[1]!.byArea.get(11)).toEqual({ n: 2, sum: 0 });
  expect(r.counts[1]!.byArea.has(13)).toBe(false);
});

test('lists points outside every area instead of dropping them', () => {
  const r = joinPointsToAreas(
    [
      { lon: 1, lat: 1 },
      { lon: 20, lat: 20 },
      { lon: -1, lat: 5 },
    ],
    levels,
  );
  expect(r.outside).toEqual([1, 2]);
  expect(r.levels[0]!.areaOf).toEqual([1, null, null]);
});

test('sums weights (places from a capacity column) per area, a missing weight adds nothing', () => {
  const r = joinPointsToAreas(
    [
      { lon: 1, lat: 1 },
      { lon: 2, lat: 2 },
      { lon: 6, lat: 6 },
    ],
    levels,
    [40, null, 15.5],
  );
  expect(r.counts[0]!.byArea.get(1)).toEqual({ n: 3, sum: 55.5 });
  expect(r.counts[1]!.byArea.get(11)).toEqual({ n: 2, sum: 40 });
  expect(r.counts[1]!.byArea.get(12)).toEqual({ n: 1, sum: 15.5 });
});

test('works with no levels at all: every point is outside', () => {
  expect(joinPointsToAreas([{ lon: 1, lat: 1 }], []).outside).toEqual([0]);
});

test(`from ${GRID_FROM.toLocaleString('de-DE')} points on the grid locator, with the same counts`, () => {
  // points on a 0.01 lattice over −1 … 11: many lie exactly on the areas' edges
  const points = Array.from({ length: GRID_FROM }, (_, i) => ({
    lon: -1 + (i % 1200) / 100,
    lat: -1 + Math.floor(i / 1200) / 20,
  }));
  const many = joinPointsToAreas(points, levels);
  const few = joinPointsToAreas(points.slice(0, GRID_FROM - 1), levels);
  expect(many.levels.map((l) => l.areaOf.slice(0, GRID_FROM - 1))).toEqual(
    few.levels.map((l) => l.areaOf),
  );
  expect(many.counts[1]!.byArea.get(11)!.n).toBeGreaterThan(10_000);
}, 60_000);
