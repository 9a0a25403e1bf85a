import { expect, test } from 'vitest';
import { loadBerlinPlr } from './berlin-fixture.ts';
import { EARTH_RADIUS_M, bboxOf, geodesicArea, ringArea } from './measure.ts';

test('gives the analytic area R²·Δλ·(sin φ₂ − sin φ₁) of a 1°×1° cell at the equator', () => {
  const cell: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  const analytic = EARTH_RADIUS_M ** 2 * (Math.PI / 180) * Math.sin(Math.PI / 180);
  expect(ringArea(cell)).toBeCloseTo(analytic, 0);
  expect(Math.round(ringArea(cell))).toBe(12_391_399_902);
  expect(ringArea([...cell].reverse())).toBeCloseTo(-analytic, 0); // clockwise is negative
});

test('subtracts holes regardless of ring orientation', () => {
  const outer: [number, number][] = [
    [0, 0],
    [0, 1],
    [1, 1],
    [1, 0],
    [0, 0],
  ]; // clockwise
  const hole: [number, number][] = [
    [0.25, 0.25],
    [0.75, 0.25],
    [0.75, 0.75],
    [0.25, 0.75],
    [0.25, 0.25],
  ];
  const a = geodesicArea({ type: 'Polygon', coordinates: [outer, hole] });
  expect(a / Math.abs(ringArea(outer))).toBeCloseTo(0.75, 3);
});

test('matches the published GROESSE_M2 of all 542 Berlin Planungsräume within 0.5 %', () => {
  const plr = loadBerlinPlr();
  const ratios = plr.map((f) => geodesicArea(f.geometry) / f.properties.GROESSE_M2);
  const worst = Math.max(...ratios.map((r) => Math.abs(r - 1)));
  expect(worst).toBeLessThan(0.005);
  // Golden: 889.58 km² vs. 891.12 km² published (Σ GROESSE_M2). At 52° N the Gaussian radius of the GRS80
  // ellipsoid is ≈ 6 383 km, so the 6 378 km sphere gives ≈ 0.16 % less area: that is the −0.17 % seen here.
  const total = plr.reduce((s, f) => s + geodesicArea(f.geometry), 0);
  const published = plr.reduce((s, f) => s + f.properties.GROESSE_M2, 0);
  expect(total / published).toBeCloseTo(GOLDEN_TOTAL_RATIO, 4);
}, 30_000);

const GOLDEN_TOTAL_RATIO = 0.99827;

test('computes the bounding box of Berlin', () => {
  const plr = loadBerlinPlr();
  const boxes = plr.map((f) => bboxOf(f.geometry)!);
  const all = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
  expect(all.map((v) => +v.toFixed(4))).toEqual([13.0883, 52.3382, 13.7612, 52.6755]);
  expect(bboxOf({ type: 'MultiPoint', coordinates: [] })).toBeNull();
});
