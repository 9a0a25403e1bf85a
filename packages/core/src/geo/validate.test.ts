import { expect, test } from 'vitest';
import { loadBerlinPlr } from './berlin-fixture.ts';
import { describeFeature, validatePolygon, validatePolygons } from './validate.ts';
import type { Position } from './types.ts';

const poly = (...rings: Position[][]) => ({ type: 'Polygon' as const, coordinates: rings });

test('accepts a square with a hole', () => {
  const outer: Position[] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  const hole: Position[] = [
    [2, 2],
    [2, 4],
    [4, 4],
    [4, 2],
    [2, 2],
  ];
  expect(validatePolygon(poly(outer, hole))).toEqual([]);
});

test('reports a bow-tie ring with the crossing point and the crossing edges', () => {
  const bowTie: Position[] = [
    [0, 0],
    [1, 1],
    [1, 0],
    [0, 1],
    [0, 0],
  ];
  expect(
    validatePolygon(poly(bowTie), { featureIndex: 4, label: 'Objekt 5 (PLR_ID 01100101)' }),
  ).toEqual([
    {
      featureIndex: 4,
      ring: 0,
      message:
        'Objekt 5 (PLR_ID 01100101), Ring 1: Ring schneidet sich selbst bei (0.5, 0.5) (Kante 1 und Kante 3).',
    },
  ]);
});

test('reports an unclosed ring instead of closing it', () => {
  const issues = validatePolygon(
    poly([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]),
  );
  expect(issues).toHaveLength(1);
  expect(issues[0]!.message).toBe(
    'Objekt 1, Ring 1: Ring ist nicht geschlossen, der letzte Punkt (0, 1) ist nicht der erste (0, 0).',
  );
});

test('reports rings with fewer than 4 positions and NaN coordinates', () => {
  expect(
    validatePolygon(
      poly([
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
    )[0]!.message,
  ).toContain('nur 3 Punkte');
  expect(
    validatePolygon(
      poly([
        [0, 0],
        [Number.NaN, 0],
        [1, 1],
        [0, 0],
      ]),
    )[0]!.message,
  ).toContain('Punkt 2 ist keine gültige Koordinate');
});

test('reports a hole that crosses its outer ring', () => {
  const outer: Position[] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  const hole: Position[] = [
    [8, 2],
    [12, 2],
    [12, 4],
    [8, 4],
    [8, 2],
  ];
  const issues = validatePolygon(poly(outer, hole));
  expect(issues.map((i) => i.message)).toEqual([
    'Objekt 1: Ring 1 schneidet Ring 2 bei (10, 2).',
    'Objekt 1: Ring 1 schneidet Ring 2 bei (10, 4).',
  ]);
});

test('refuses non-area geometries and names features by their id property', () => {
  const issues = validatePolygons(
    [{ properties: { PLR_ID: '01100101' }, geometry: { type: 'Point', coordinates: [13, 52] } }],
    { idProperty: 'PLR_ID' },
  );
  expect(issues[0]!.message).toBe(
    'Objekt 1 (PLR_ID 01100101): Geometrietyp Point, erwartet wird eine Fläche (Polygon oder MultiPolygon).',
  );
  expect(describeFeature(2, { PLR_ID: '' }, 'PLR_ID')).toBe('Objekt 3');
  const byId = validatePolygons([
    {
      id: '01100101',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
    },
  ]);
  expect(byId[0]!.message).toBe(
    'Objekt 1 (01100101), Ring 1: nur 3 Punkte; ein Ring braucht mindestens 4 (3 Ecken und den wiederholten Startpunkt).',
  );
});

// Not timed (the speed figure is in bench/parsers.ts); the timeout only guards against a hang.
test('finds no issue in the 542 Berlin Planungsräume (≈ 198k vertices)', () => {
  const plr = loadBerlinPlr();
  const issues = validatePolygons(plr, { idProperty: 'PLR_ID' });
  expect(issues).toEqual([]);
}, 30_000);
