import { describe, expect, it } from 'vitest';
import { mercator, previewPaths } from './mercator-preview.ts';

describe('mercator', () => {
  it('maps the origin to the world centre and keeps north up', () => {
    expect(mercator(0, 0)).toEqual([0.5, 0.5]);
    const [, yBerlin] = mercator(13.4, 52.52);
    const [, yMunich] = mercator(11.58, 48.14);
    expect(yBerlin).toBeLessThan(yMunich);
  });

  it('stretches latitudes as Web Mercator does (MapLibre’s projection)', () => {
    // y of 52.52° N: (1 − ln(tan φ + sec φ)/π)/2, checked against the closed form
    const phi = (52.52 * Math.PI) / 180;
    const y = (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
    expect(mercator(13.4, 52.52)[1]).toBeCloseTo(y, 12);
  });
});

describe('previewPaths', () => {
  const square = (id: number, x: number, y: number, size: number) => ({
    id,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    },
  });

  it('fits all areas into a view box 4000 units wide, north at the top', () => {
    const out = previewPaths([square(1, 13, 52, 0.1), square(2, 13.1, 52, 0.1)]);
    expect(out?.viewBox.startsWith('0 0 4000 ')).toBe(true);
    const [a, b] = out?.paths ?? [];
    expect(a?.id).toBe(1);
    expect(a?.d.startsWith('M0.0,')).toBe(true); // the west edge at x = 0
    expect(b?.d).toContain('4000.0,'); // the east edge at the full width
    const height = Number(out?.viewBox.split(' ')[3]);
    const ys = [...(a?.d ?? '').matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBe(0); // the northern edge at the top
    expect(Math.abs(Math.max(...ys) - height)).toBeLessThanOrEqual(0.5); // the southern at the bottom
    // 0.2° × 0.1°: at 52° N a degree of latitude is 1 / cos φ longer on the map than one of longitude
    expect(height / ((4000 * 0.5) / Math.cos((52.05 * Math.PI) / 180))).toBeCloseTo(1, 2);
  });

  it('keeps holes and every part of a multipolygon, skips features without a numeric id', () => {
    const out = previewPaths([
      {
        id: 7,
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            square(0, 13, 52, 0.2).geometry.coordinates,
            square(0, 13.3, 52, 0.1).geometry.coordinates,
          ],
        },
      },
      { id: undefined, geometry: square(0, 14, 53, 1).geometry },
    ]);
    expect(out?.paths).toHaveLength(1);
    expect(out?.paths[0]?.d.match(/M/g)).toHaveLength(2);
  });

  it('gives null when there is nothing to draw', () => {
    expect(previewPaths([])).toBeNull();
    expect(
      previewPaths([{ id: 1, geometry: { type: 'Point', coordinates: [13, 52] } }]),
    ).toBeNull();
  });
});
