import { describe, expect, it } from 'vitest';
import { areaSnippetSvg } from '@sozialraum/core';
import type { AreaFeature } from '../../api/areas.ts';
import { minimapView } from './area-minimap.tsx';

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
  const features = [
    square(1, 13.4, 52.5),
    square(2, 13.41, 52.5), // touches
    square(3, 13.414, 52.504), // within the 60 % margin
    square(4, 13.6, 52.6), // far
    square(5, 13.39, 52.5, '2020-12-31'), // retired
  ];

  it('shows the touching and nearby areas by id, not far or retired ones', () => {
    const m = minimapView(features, 1)!;
    expect(m.view.focus.map((p) => p.id)).toEqual([1]);
    expect(m.view.neighbours.map((p) => p.id)).toEqual([2, 3]);
    expect(m.names.get(2)).toBe('Gebiet 2');
    expect(minimapView(features, 99)).toBeNull();
  });

  it('draws the area exactly as the agenda evidence snippet does (one projection, core areaView)', () => {
    const m = minimapView(features, 1)!;
    const svg = areaSnippetSvg({
      focus: [{ id: 1, geometry: features[0]!.geometry as never }],
      others: [],
      title: 'x',
      width: 320,
      height: 240,
    })!;
    expect(svg).toContain(`d="${m.view.focus[0]!.d}"`);
  });
});
