import { expect, test } from 'vitest';
import { checkCoordinates } from './check-coordinates.ts';
import type { Geometry } from './types.ts';

const square = (x: number, y: number, d: number): Geometry => ({
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

test('accepts lon/lat coordinates inside Germany without issues', () => {
  expect(
    checkCoordinates([square(13.3, 52.4, 0.1), { type: 'Point', coordinates: [6.96, 50.94] }]),
  ).toEqual({
    ok: true,
    bbox: [6.96, 50.94, 13.4, 52.5],
    issues: [],
  });
});

test('refuses latitude/longitude given in swapped order and explains it in German', () => {
  const r = checkCoordinates([square(52.4, 13.3, 0.1)]);
  expect(r.ok).toBe(false);
  expect(r.issues).toHaveLength(1);
  expect(r.issues[0]!.kind).toBe('swapped');
  expect(r.issues[0]!.message).toMatch(
    /^Die Koordinaten scheinen Breite\/Länge vertauscht zu haben: x liegt zwischen 52,4 und 52,5, y zwischen 13,3 und 13,4\./,
  );
});

test('refuses metres declared as degrees and suggests UTM for Berlin-like values', () => {
  const r = checkCoordinates([square(392000, 5820000, 100)]);
  expect(r.ok).toBe(false);
  expect(r.issues[0]!.kind).toBe('projected');
  expect(r.issues[0]!.message).toContain('EPSG:25833');
});

test('suggests the Gauß-Krüger zone from the leading digit of the easting', () => {
  const r = checkCoordinates([square(4595000, 5821000, 100)]);
  expect(r.issues[0]!.message).toContain('Gauß-Krüger Zone 4 (DHDN, EPSG:31468)');
});

test('reports NaN coordinates with the object number', () => {
  const r = checkCoordinates([
    square(13.3, 52.4, 0.1),
    { type: 'Point', coordinates: [Number.NaN, 52] },
  ]);
  expect(r.ok).toBe(false);
  expect(r.issues[0]).toMatchObject({
    kind: 'not-finite',
    message: expect.stringContaining('Objekt 2: (NaN, 52)'),
  });
});

test('only warns about coordinates outside the expected area (Paris), and checks nothing when no area is expected', () => {
  const paris = [square(2.3, 48.8, 0.1)];
  const r = checkCoordinates(paris);
  expect(r.ok).toBe(true);
  expect(r.issues.map((i) => [i.kind, i.severity])).toEqual([['outside-expected', 'warning']]);
  expect(checkCoordinates([square(52.4, 13.3, 0.1)], { expectedBbox: null }).issues).toEqual([]);
});

test('reports a file without coordinates as empty', () => {
  expect(checkCoordinates([null]).issues[0]!.kind).toBe('empty');
});
