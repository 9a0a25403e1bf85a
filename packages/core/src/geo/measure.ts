// Bounding boxes and areas on the sphere.
import { forEachPosition, polygonsOf } from './types.ts';
import type { AreaGeometry, BBox, Geometry, Position } from './types.ts';

/** WGS84 semi-major axis in metres; the sphere radius turf's `area` uses, so results are comparable. */
export const EARTH_RADIUS_M = 6_378_137;

/** Bounding box [minX, minY, maxX, maxY] of all positions; null for a geometry without positions. */
export function bboxOf(geometry: Geometry): BBox | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  forEachPosition(geometry, (p) => {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  });
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

const RAD = Math.PI / 180;

/**
 * Signed area in m² of a lon/lat ring on a sphere (positive = counter-clockwise).
 * Spherical-excess approximation of Chamberlain & Duquette (2007), "Some algorithms for polygons on a
 * sphere", JPL Publication 07-03, eq. in section 3: A = −R²/2 · Σ (λᵢ₊₁ − λᵢ₋₁) · sin φᵢ
 * (the form d3-geo and @turf/area use). Accepts closed or open rings.
 */
export function ringArea(ring: readonly Position[], radius = EARTH_RADIUS_M): number {
  let n = ring.length;
  if (n > 1) {
    const first = ring[0]!,
      last = ring[n - 1]!;
    if (first[0] === last[0] && first[1] === last[1]) n--;
  }
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const prev = ring[(i + n - 1) % n]!,
      cur = ring[i]!,
      next = ring[(i + 1) % n]!;
    sum += (next[0] - prev[0]) * RAD * Math.sin(cur[1] * RAD);
  }
  return (-sum * radius * radius) / 2;
}

/** Area in m² of a lon/lat (Multi)Polygon: |outer| − Σ|holes| per polygon (orientation-independent). */
export function geodesicArea(geometry: AreaGeometry, radius = EARTH_RADIUS_M): number {
  let total = 0;
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring, radius));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** Planar signed area (shoelace) in squared coordinate units; positive = counter-clockwise. */
export function planarRingArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const a = ring[j]!,
      b = ring[i]!;
    s += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return s / 2;
}
