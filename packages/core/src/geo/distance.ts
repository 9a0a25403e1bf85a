// Distances and centroids on lon/lat (WGS84) geometry: great-circle distance between points, the
// centroid of an area and the straight-line distance from a point to an area. Used by reachability
// (supply) and "who is active near an area" (network). Method: docs/methods/supply-and-reachability.md.
import { EARTH_RADIUS_M } from './measure.ts';
import { pointInPolygon } from './point-in-polygon.ts';
import { polygonsOf, type AreaGeometry, type Position } from './types.ts';

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two lon/lat points (haversine on the WGS84 radius). */
export function distanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Centroid (lon, lat) of a (Multi)Polygon: the area-weighted centroid of its outer rings in plain
 * lon/lat (adequate at city scale; holes ignored). Null for an empty geometry.
 */
export function areaCentroid(geometry: AreaGeometry): [number, number] | null {
  let sx = 0;
  let sy = 0;
  let sa = 0;
  for (const rings of polygonsOf(geometry)) {
    const ring = rings[0];
    if (!ring || ring.length < 3) continue;
    const [cx, cy, a] = ringCentroid(ring);
    sx += cx * a;
    sy += cy * a;
    sa += a;
  }
  if (sa === 0) return null;
  return [sx / sa, sy / sa];
}

function ringCentroid(ring: readonly Position[]): [number, number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const p = ring[j]!;
    const q = ring[i]!;
    const f = p[0] * q[1] - q[0] * p[1];
    a += f;
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
  }
  if (a === 0) return [ring[0]![0], ring[0]![1], 0];
  return [cx / (3 * a), cy / (3 * a), Math.abs(a / 2)];
}

/**
 * Straight-line distance in metres from a point to an area: 0 inside, else to the nearest edge of its
 * rings, measured in a local equirectangular projection around the point (adequate within a few km).
 */
export function distanceToAreaM(point: readonly [number, number], geometry: AreaGeometry): number {
  if (pointInPolygon([point[0], point[1]], geometry)) return 0;
  const k = Math.cos(point[1] * RAD);
  const toXY = (p: Position): [number, number] => [
    (p[0] - point[0]) * RAD * k * EARTH_RADIUS_M,
    (p[1] - point[1]) * RAD * EARTH_RADIUS_M,
  ];
  let best = Infinity;
  for (const rings of polygonsOf(geometry))
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++)
        best = Math.min(best, originToSegment(toXY(ring[i - 1]!), toXY(ring[i]!)));
  return best;
}

/** Distance from (0, 0) to the segment a–b in the plane. */
function originToSegment(a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
  return Math.hypot(a[0] + t * dx, a[1] + t * dy);
}
