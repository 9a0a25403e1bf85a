import { describe, expect, it } from 'vitest';
import { areaView, projectToView, unprojectFromView } from './area-view.ts';
import type { AreaGeometry } from './types.ts';

const square = (x0: number, y0: number, d: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + d, y0],
      [x0 + d, y0 + d],
      [x0, y0 + d],
      [x0, y0],
    ],
  ],
});

describe('areaView', () => {
  const focus = { id: 'a', geometry: square(13.4, 52.5, 0.01) };
  const east = { id: 'b', geometry: square(13.41, 52.5, 0.01) };
  const far = { id: 'c', geometry: square(13.9, 52.9, 0.01) };

  it('centres the focus with 0.6 of its larger side around it and keeps the neighbours in view by id', () => {
    const v = areaView({ focus: [focus], others: [focus, east, far], width: 320, height: 240 })!;
    expect(v.viewBox).toBe('0 0 320 240');
    expect(v.focus.map((p) => p.id)).toEqual(['a']);
    expect(v.neighbours.map((p) => p.id)).toEqual(['b']); // not the focus again, not the far one
    // the focus's larger side (its height, 0.01°) spans 240 / 2.2 px
    const ys = [...v.focus[0]!.d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(240 / 2.2, 0);
    expect(Math.max(...ys) + Math.min(...ys)).toBeCloseTo(240, 0);
    // the bounds are the view's corners in degrees
    expect(v.bounds[1]).toBeCloseTo(52.505 - 0.011, 6);
    expect(v.bounds[3]).toBeCloseTo(52.505 + 0.011, 6);
  });

  it('turns a point of the view back into the same longitude and latitude', () => {
    const v = areaView({ focus: [focus], others: [], width: 300, height: 200 })!;
    const p: [number, number] = [13.4037, 52.5071];
    const xy = projectToView(v.frame, p);
    const back = unprojectFromView(v.frame, xy);
    expect(back[0]).toBeCloseTo(p[0], 10);
    expect(back[1]).toBeCloseTo(p[1], 10);
    const [cx, cy] = projectToView(v.frame, [13.405, 52.505]);
    expect(cx).toBeCloseTo(150, 6);
    expect(cy).toBeCloseTo(100, 6);
  });

  it('answers null when the focus has no positions', () => {
    expect(
      areaView({ focus: [{ id: 1, geometry: { type: 'Polygon', coordinates: [] } }], others: [] }),
    ).toBeNull();
  });
});
