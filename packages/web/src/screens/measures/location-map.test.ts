import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../api/areas.ts';
import { draftPositions, dropLastPosition, locationView, placePosition } from './location-map.tsx';
import { parseLocation } from './location-field.tsx';
import { projectToView, unprojectFromView } from '../../lib/core-bridge.ts';

const m = { bad: (n: number) => `bad ${n}`, one: 'one', two: 'two' };

const square = (id: number, x: number, y: number, validTo: string | null = null): AreaFeature =>
  ({
    type: 'Feature',
    id,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.01, y],
          [x + 0.01, y + 0.01],
          [x, y + 0.01],
          [x, y],
        ],
      ],
    },
    properties: { id, code: String(id), name: `Gebiet ${id}`, parentId: null, validTo },
  }) as AreaFeature;

describe('the measure location map', () => {
  it('replaces a point and extends a line with each click, written as „Breite, Länge“', () => {
    const point = placePosition({ kind: 'Point', text: '1, 2' }, [13.4051234, 52.5201234]);
    expect(point).toEqual({ kind: 'Point', text: '52.520123, 13.405123' });
    expect(parseLocation(point, m).geometry).toEqual({
      type: 'Point',
      coordinates: [13.405123, 52.520123],
    });
    let line = placePosition({ kind: 'LineString', text: '' }, [13.4, 52.5]);
    line = placePosition(line, [13.41, 52.51]);
    expect(line.text).toBe('52.500000, 13.400000\n52.510000, 13.410000');
    expect(draftPositions(line)).toEqual([
      [13.4, 52.5],
      [13.41, 52.51],
    ]);
    expect(dropLastPosition(line).text).toBe('52.500000, 13.400000');
    expect(placePosition({ kind: 'none', text: '' }, [13, 52])).toEqual({ kind: 'none', text: '' });
  });

  it('skips typed lines that are not two numbers while drawing', () => {
    expect(draftPositions({ kind: 'LineString', text: '52.5, 13.4\nxx\n52.6' })).toEqual([
      [13.4, 52.5],
    ]);
  });

  it('centres the measure’s areas and a click in the middle lands inside them', () => {
    const v = locationView(
      [square(1, 13.4, 52.5), square(2, 13.41, 52.5), square(3, 13.39, 52.5, '2020-12-31')],
      [1],
    )!;
    expect(v.focus.map((p) => p.id)).toEqual([1]);
    expect(v.neighbours.map((p) => p.id)).toEqual([2]);
    const [lon, lat] = unprojectFromView(v.frame, [200, 150]);
    expect(lon).toBeCloseTo(13.405, 9);
    expect(lat).toBeCloseTo(52.505, 9);
    expect(projectToView(v.frame, [lon!, lat!])[0]).toBeCloseTo(200, 6);
  });
});
