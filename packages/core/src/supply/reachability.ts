// Reachability (issue 12 § 3): the share of a target population within a walking distance of the
// nearest service of a type, by straight-line (great-circle) distance. The population is located by
// grid cells or address points when present (each a point with a count), else by each area's
// centroid carrying the area's whole population. Method: docs/methods/supply-and-reachability.md.
import Flatbush from 'flatbush';
import { distanceM } from '../geo/distance.ts';

const RAD = Math.PI / 180;

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

/** A nearest-service finder over service points (lon, lat). */
export interface NearestFinder {
  /** distance in metres to the nearest service; null when there is none */
  nearest(lon: number, lat: number): number | null;
  /** the nearest service (its position in the list) and its distance in metres; null without any */
  nearestOf(lon: number, lat: number): { index: number; distanceM: number } | null;
}

/**
 * Builds a nearest-neighbour index over the service points. Flatbush searches in lon scaled by
 * cos(mean latitude), where planar distance is close to true distance at city scale; the best of a
 * few candidates by great-circle distance is returned.
 */
export function createNearestFinder(services: readonly [number, number][]): NearestFinder {
  if (services.length === 0) return { nearest: () => null, nearestOf: () => null };
  const k = Math.cos((services.reduce((s, p) => s + p[1], 0) / services.length) * RAD);
  const index = new Flatbush(services.length);
  for (const [lon, lat] of services) index.add(lon * k, lat, lon * k, lat);
  index.finish();
  const nearestOf = (lon: number, lat: number) => {
    const ids = index.neighbors(lon * k, lat, Math.min(4, services.length));
    let best = { index: -1, distanceM: Infinity };
    for (const id of ids) {
      const d = distanceM([lon, lat], services[id]!);
      if (d < best.distanceM) best = { index: id, distanceM: d };
    }
    return best;
  };
  return { nearest: (lon, lat) => nearestOf(lon, lat).distanceM, nearestOf };
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
