import { expect, test } from 'vitest';
import { loadBerlinPlr } from './berlin-fixture.ts';
import { createGridLocator } from './grid-locator.ts';
import { createPointLocator, pointInPolygon } from './point-in-polygon.ts';
import { randomStars } from './random-stars.ts';
import type { AreaGeometry, Position } from './types.ts';

// Seeded (core uses no Math.random): Park–Miller.
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

test('the grid locator answers what testing every feature answers, on coarse and fine grids', () => {
  const rnd = random(11);
  const features = randomStars(rnd, 7); // radius 7 at a spacing of 10: neighbours overlap
  const points = new Float64Array(2 * 6000);
  for (let i = 0; i < 6000; i++) {
    points[2 * i] = rnd() * 110 - 5;
    points[2 * i + 1] = rnd() * 70 - 5;
  }
  const naive = Array.from({ length: 6000 }, (_, i) =>
    features.findIndex((f) => pointInPolygon([points[2 * i]!, points[2 * i + 1]!], f.geometry)),
  );
  // overlaps exist, so "lowest feature index" is really tested
  const inTwo = naive.filter((k, i) => {
    const p: Position = [points[2 * i]!, points[2 * i + 1]!];
    return k >= 0 && features.slice(k + 1).some((f) => pointInPolygon(p, f.geometry));
  }).length;
  expect(inTwo).toBeGreaterThan(50);
  // with 4 × 4 cells, most blocks are compact and some are not (more than 4 answers or 12 edges)
  for (const [cells, sub] of [
    [16, 2],
    [64, 4],
    [256, 4],
    [4096, 8],
    [65536, 8],
  ] as const) {
    const grid = createGridLocator(features, { cells, sub });
    expect([...grid.locateAll(points)], `${cells} × ${sub}`).toEqual(naive);
  }
  expect([...createPointLocator(features).locateAll(points)]).toEqual(naive);
}, 60_000);

test('the grid locator puts Berlin points and the midpoints of shared edges where the R-tree locator does', () => {
  const plr = loadBerlinPlr();
  const rnd = random(5);
  const xy: number[] = [];
  for (let i = 0; i < 20_000; i++) xy.push(13.09 + rnd() * 0.67, 52.34 + rnd() * 0.34);
  // points exactly on edges and vertices: every 5th vertex and edge midpoint of every area
  for (const f of plr)
    for (const ring of f.geometry.coordinates)
      for (let k = 5; k < ring.length; k += 5) {
        const [a, b] = [ring[k - 1]!, ring[k]!];
        xy.push(a[0]!, a[1]!, (a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2);
      }
  const points = new Float64Array(xy);
  const expected = createPointLocator(plr).locateAll(points);
  expect([...createGridLocator(plr).locateAll(points)]).toEqual([...expected]);
  expect([...createGridLocator(plr, { cells: 4096, sub: 4 }).locateAll(points)]).toEqual([
    ...expected,
  ]);
  expect(points.length / 2).toBeGreaterThan(50_000);
}, 60_000);

test('a feature covering all others wins where its index is lower, and odd points are outside', () => {
  const square = (x0: number, y0: number, s: number): AreaGeometry => ({
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + s, y0],
        [x0 + s, y0 + s],
        [x0, y0 + s],
        [x0, y0],
      ],
    ],
  });
  const parts = [square(0, 0, 1), square(1, 0, 1), square(0, 1, 1), square(1, 1, 1)];
  const city = square(0, 0, 2);
  const probe = new Float64Array([
    0.5,
    0.5,
    1.5,
    1.5,
    1,
    1,
    0,
    0,
    2,
    2,
    3,
    3,
    NaN,
    1,
    1.999,
    0.001,
  ]);
  for (const features of [
    [city, ...parts],
    [...parts, city],
  ].map((g) => g.map((geometry) => ({ geometry }))))
    expect([...createGridLocator(features, { cells: 64 }).locateAll(probe)]).toEqual([
      ...createPointLocator(features).locateAll(probe),
    ]);
  const cityFirst = createGridLocator([city, ...parts].map((geometry) => ({ geometry })));
  expect(cityFirst.locate(1.5, 0.5)).toBe(0);
  expect(createGridLocator([]).locate(0, 0)).toBe(-1);
});

test('single lookups, and tables too large for 16 bits, answer what the R-tree locator answers', () => {
  const plr = loadBerlinPlr();
  const rnd = random(7);
  const xy: number[] = [];
  for (let i = 0; i < 5000; i++) xy.push(13.09 + rnd() * 0.67, 52.34 + rnd() * 0.34);
  for (const f of plr.slice(0, 60))
    for (const ring of f.geometry.coordinates)
      for (let k = 3; k < ring.length; k += 3) xy.push(ring[k]![0]!, ring[k]![1]!);
  const points = new Float64Array(xy);
  const expected = [...createPointLocator(plr).locateAll(points)];
  const grid = createGridLocator(plr);
  expect(expected.map((_, i) => grid.locate(points[2 * i]!, points[2 * i + 1]!))).toEqual(expected);
  // about 100,000 blocks: more than 16-bit numbers can name, so both grids use 32 bits (with blocks
  // of 2 × 2 cells, and of 4 × 4 in the compact layout)
  for (const sub of [2, 4])
    expect([...createGridLocator(plr, { cells: 4_194_304, sub }).locateAll(points)]).toEqual(
      expected,
    );
}, 60_000);

test('locateAll writes into a given array, overwriting what an earlier batch left there', () => {
  const rnd = random(23);
  const features = randomStars(rnd, 7);
  const batch = () =>
    Float64Array.from({ length: 2 * 3000 }, (_, i) => (i % 2 ? rnd() * 70 : rnd() * 110) - 5);
  for (const locator of [
    createGridLocator(features, { cells: 256 }),
    createPointLocator(features),
  ]) {
    const out = new Int32Array(4000).fill(777); // larger than a batch: the rest stays untouched
    for (const points of [batch(), batch()]) {
      const written = locator.locateAll(points, out);
      expect(written).toBe(out);
      expect([...out.subarray(0, 3000)]).toEqual([...locator.locateAll(points)]);
      expect(out[3000]).toBe(777);
    }
    expect(() => locator.locateAll(batch(), new Int32Array(2999))).toThrow(RangeError);
  }
});
