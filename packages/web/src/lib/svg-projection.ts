// Areas as SVG paths without a map library: longitude scaled by cos(latitude), an equirectangular
// view adequate at city scale. Used where a static picture is enough (the profile's mini-map, the
// supply map) — no WebGL, nothing loaded from the network but the level's cached geometry.
import type { AreaFeature } from '../api/areas.ts';
import { areaBbox, areaRings } from './core-bridge.ts';

export type Ring = readonly (readonly number[])[];

/** Bounds in degrees: [west, south, east, north]. */
export type Bounds = readonly [number, number, number, number];

/** The outer and inner rings of a polygon or multipolygon (nothing for other types). */
export const ringsOf = (geometry: AreaFeature['geometry'] | null | undefined): Ring[] =>
  areaRings(geometry);

/** The bounds of some features' rings (core's bboxOf, joined); null when there is no coordinate. */
export function boundsOf(features: readonly Pick<AreaFeature, 'geometry'>[]): Bounds | null {
  const boxes = features
    .map((f) => areaBbox(f.geometry))
    .filter((b): b is NonNullable<typeof b> => b !== null);
  if (boxes.length === 0) return null;
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Whether two bounds overlap (touching counts). */
export const boundsMeet = (a: Bounds, b: Bounds): boolean =>
  a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** A projection of `bounds` into a viewBox `width` wide; the height follows the extent. */
export function projector(bounds: Bounds, width: number) {
  const [w, s, e, n] = bounds;
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = width / Math.max(1e-9, (e - w) * k);
  const height = Math.max(1, Math.round((n - s) * scale));
  const point = ([x, y]: readonly number[]): [number, number] => [
    (x! - w) * k * scale,
    (n - y!) * scale,
  ];
  /** SVG path data of a geometry's rings. */
  const path = (geometry: AreaFeature['geometry'] | null | undefined): string =>
    ringsOf(geometry)
      .map(
        (ring) =>
          'M' +
          ring
            .map((c) => {
              const [px, py] = point(c);
              return `${px.toFixed(1)},${py.toFixed(1)}`;
            })
            .join('L') +
          'Z',
      )
      .join('');
  return { height, point, path };
}
