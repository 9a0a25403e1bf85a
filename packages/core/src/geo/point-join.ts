// Spatial join of points (Standorte: Kitas, Schulen, Pflegeheime) to the areas of every level of every
// area system (issue 9 § 4): per level a Flatbush R-tree of bounding boxes, then point-in-polygon
// (createPointLocator), or for many points the grid locator, whose building pays off from about
// GRID_FROM points (issue 12 § 4). A point outside every area is listed, never dropped silently.
import { createGridLocator } from './grid-locator.ts';
import { createPointLocator } from './point-in-polygon.ts';
import type { AreaGeometry } from './types.ts';

/** One level of one area system with its areas (only areas with a geometry take part). */
export interface JoinLevel {
  systemId: string;
  levelId: string;
  areas: readonly { id: number; geometry: AreaGeometry | null }[];
}

/** A point in WGS84 (lon, lat). */
export interface JoinPoint {
  lon: number;
  lat: number;
}

/** From this many points the grid (≈ 0.5 s of CPU to build for 542 areas) is cheaper than the R-tree (≈ 1 µs a point). */
export const GRID_FROM = 500_000;

export interface PointJoinResult {
  /** Per level (same order as the input levels): area id per point, or null where no area contains it. */
  levels: { systemId: string; levelId: string; areaOf: (number | null)[] }[];
  /** Indices of the points that lie in no area of any level. */
  outside: number[];
  /** Per level: number of points (and summed weight, if given) per area id; areas without points are absent. */
  counts: { systemId: string; levelId: string; byArea: Map<number, { n: number; sum: number }> }[];
}

/**
 * Assigns every point to the area containing it on each level. `weights` (e.g. places from a capacity
 * column) are summed per area; a missing weight (null) counts as 0 in the sum but the point still counts.
 */
export function joinPointsToAreas(
  points: readonly JoinPoint[],
  levels: readonly JoinLevel[],
  weights?: readonly (number | null)[],
): PointJoinResult {
  const xy = new Float64Array(points.length * 2);
  points.forEach((p, i) => {
    xy[2 * i] = p.lon;
    xy[2 * i + 1] = p.lat;
  });
  const inSome = new Uint8Array(points.length);
  const out: PointJoinResult = { levels: [], outside: [], counts: [] };
  for (const level of levels) {
    const withGeometry = level.areas.filter(
      (a): a is { id: number; geometry: AreaGeometry } => a.geometry !== null,
    );
    const locator =
      points.length >= GRID_FROM
        ? createGridLocator(withGeometry)
        : createPointLocator(withGeometry);
    const located = locator.locateAll(xy);
    const areaOf: (number | null)[] = [];
    const byArea = new Map<number, { n: number; sum: number }>();
    located.forEach((k, i) => {
      if (k < 0) {
        areaOf.push(null);
        return;
      }
      const id = withGeometry[k]!.id;
      areaOf.push(id);
      inSome[i] = 1;
      const c = byArea.get(id) ?? { n: 0, sum: 0 };
      c.n += 1;
      c.sum += weights?.[i] ?? 0;
      byArea.set(id, c);
    });
    out.levels.push({ systemId: level.systemId, levelId: level.levelId, areaOf });
    out.counts.push({ systemId: level.systemId, levelId: level.levelId, byArea });
  }
  inSome.forEach((v, i) => {
    if (!v) out.outside.push(i);
  });
  return out;
}
