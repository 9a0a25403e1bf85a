import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../api/areas.ts';
import { neighbourhood, windowAround } from './area-minimap.tsx';

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

describe('the profile mini-map', () => {
  it('grows the window by 60 % per side, at least about a kilometre', () => {
    expect(windowAround([13, 52, 13.1, 52.1])).toEqual([
      13 - 0.06,
      52 - 0.06,
      13.1 + 0.06,
      52.1 + 0.06,
    ]);
    const tiny = windowAround([13, 52, 13.001, 52.001]);
    expect(tiny[2] - tiny[0]).toBeCloseTo(0.001 + 2 * 0.012, 9);
  });

  it('shows the touching and nearby areas, not far or retired ones', () => {
    const features = [
      square(1, 13.4, 52.5),
      square(2, 13.41, 52.5), // touches
      square(3, 13.42, 52.51), // within the window
      square(4, 13.6, 52.6), // far
      square(5, 13.39, 52.5, '2020-12-31'), // retired
    ];
    const n = neighbourhood(features, 1)!;
    expect(n.area.properties.id).toBe(1);
    expect(n.around.map((f) => f.properties.id)).toEqual([2, 3]);
    expect(neighbourhood(features, 99)).toBeNull();
  });
});
