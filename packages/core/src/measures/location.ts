// Where a measure lies on the map (issue 14 § 2): a point or a line, drawn or entered in the form,
// must lie inside the measure's areas — else the map shows it where the profile does not list it.
// A line is checked at its vertices (the areas of a municipality are adjacent, so a line whose
// vertices all lie in the union of its areas crosses outside only along a concave border, which the
// check accepts as a documented tolerance).
import { pointInPolygon } from '../geo/point-in-polygon.ts';
import type { AreaGeometry, Position } from '../geo/types.ts';

/** A measure's location: a GeoJSON Point or LineString in WGS84 ([lon, lat] positions). */
export type MeasureLocation =
  | { type: 'Point'; coordinates: readonly number[] }
  | { type: 'LineString'; coordinates: readonly (readonly number[])[] };

/** The positions of a location, in order (a point has one). */
export function locationPositions(location: MeasureLocation): Position[] {
  const list = location.type === 'Point' ? [location.coordinates] : location.coordinates;
  return list.map((p): Position => [p[0] ?? NaN, p[1] ?? NaN]);
}

/**
 * The positions of the location (index and coordinates) that lie in none of the given areas; empty
 * when every position lies inside one of them.
 */
export function positionsOutsideAreas(
  location: MeasureLocation,
  areas: readonly AreaGeometry[],
): Array<{ index: number; position: Position }> {
  return locationPositions(location)
    .map((position, index) => ({ index, position }))
    .filter(({ position }) => !areas.some((a) => pointInPolygon(position, a)));
}
