// Reachability (issue 12 § 3): the share of a target population within a walking distance of the
// nearest service of a type, by straight-line (great-circle) distance. The population is located by
// grid cells or address points when present (each a point with a count), else by each area's
// centroid carrying the area's whole population. Method: docs/methods/supply-and-reachability.md.
import Flatbush from 'flatbush';
import { EARTH_RADIUS_M } from '../geo/measure.ts';
import { pointInPolygon } from '../geo/point-in-polygon.ts';
import { polygonsOf, type AreaGeometry, type Position } from '../geo/types.ts';

/** How the population was located: named on every answer and screen. */
export const POPULATION_LOCATIONS = ['grid', 'address', 'area-centroid'] as const;
export type PopulationLocation = (typeof POPULATION_LOCATIONS)[number];

/** People at a point, attributed to an area. */
export interface PopulationPoint {
  areaId: number;
  lon: number;
  lat: number;
  count: number;
}

/** Reachability of one area's target population. */
export interface AreaReach {
  areaId: number;
  population: number;
  /** people within the distance of the nearest service */
  reached: number;
  /** reached / population (0–1); null for no population */
  share: number | null;
  /** population-weighted mean distance to the nearest service in metres; null without services */
  meanDistanceM: number | null;
  /** largest distance of a population point to its nearest service, metres */
  maxDistanceM: number | null;
}

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

/** A nearest-service finder over service points (lon, lat). */
export interface NearestFinder {
  /** distance in metres to the nearest service; null when there is none */
  nearest(lon: number, lat: number): number | null;
}

/**
 * Builds a nearest-neighbour index over the service points. Flatbush searches in lon scaled by
 * cos(mean latitude), where planar distance is close to true distance at city scale; the best of a
 * few candidates by great-circle distance is returned.
 */
export function createNearestFinder(services: readonly [number, number][]): NearestFinder {
  if (services.length === 0) return { nearest: () => null };
  const k = Math.cos((services.reduce((s, p) => s + p[1], 0) / services.length) * RAD);
  const index = new Flatbush(services.length);
  for (const [lon, lat] of services) index.add(lon * k, lat, lon * k, lat);
  index.finish();
  return {
    nearest(lon, lat) {
      const ids = index.neighbors(lon * k, lat, Math.min(4, services.length));
      let best = Infinity;
      for (const id of ids) best = Math.min(best, distanceM([lon, lat], services[id]!));
      return best;
    },
  };
}

/** Reachability per area: share of the population points' counts within `maxDistanceM` metres. */
export function computeReachability(
  population: readonly PopulationPoint[],
  services: readonly [number, number][],
  maxDistanceM: number,
): AreaReach[] {
  if (!(maxDistanceM > 0)) throw new Error(`Entfernung muss positiv sein, nicht ${maxDistanceM}`);
  const finder = createNearestFinder(services);
  const byArea = new Map<number, { pop: number; reached: number; dist: number; max: number }>();
  for (const p of population) {
    const acc = byArea.get(p.areaId) ?? { pop: 0, reached: 0, dist: 0, max: 0 };
    const d = finder.nearest(p.lon, p.lat);
    acc.pop += p.count;
    if (d !== null) {
      if (d <= maxDistanceM) acc.reached += p.count;
      acc.dist += d * p.count;
      acc.max = Math.max(acc.max, d);
    }
    byArea.set(p.areaId, acc);
  }
  const noServices = services.length === 0;
  return [...byArea.entries()].map(([areaId, a]) => ({
    areaId,
    population: a.pop,
    reached: a.reached,
    share: a.pop > 0 ? a.reached / a.pop : null,
    meanDistanceM: noServices || a.pop <= 0 ? null : a.dist / a.pop,
    maxDistanceM: noServices ? null : a.max,
  }));
}
