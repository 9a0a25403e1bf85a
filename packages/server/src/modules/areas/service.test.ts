import { describe, expect, it } from 'vitest';
import { etagMatches, roundGeometry } from './service.ts';

describe('roundGeometry', () => {
  it('rounds to 5 decimals and drops points that became duplicates, keeping rings closed', () => {
    const g = roundGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [13.123456, 52.1],
          [13.2, 52.1],
          [13.2000001, 52.1000001],
          [13.2, 52.2],
          [13.123456, 52.1],
        ],
      ],
    });
    expect(g).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [13.12346, 52.1],
          [13.2, 52.1],
          [13.2, 52.2],
          [13.12346, 52.1],
        ],
      ],
    });
  });

  it('keeps a ring that would collapse below four positions', () => {
    const tiny = [
      [13.000001, 52.000001],
      [13.000002, 52.000001],
      [13.000002, 52.000002],
      [13.000001, 52.000001],
    ];
    const g = roundGeometry({ type: 'MultiPolygon', coordinates: [[tiny]] }) as {
      coordinates: number[][][][];
    };
    expect(g.coordinates[0]![0]).toHaveLength(4);
  });
});

describe('etagMatches', () => {
  it('matches strong, weak, listed and wildcard validators', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});
