// Gap ranking (issue 12 § 3): areas whose need is high and supply low. The gap of an area is the
// number of places it lacks to reach a benchmark ratio (by default the city's own ratio):
// gap = population × benchmark / per − places. Positive = fewer places than the benchmark.
// Method: docs/methods/supply-and-reachability.md.
import type { AreaSupplyInput } from './ratios.ts';

/** One area's gap against the benchmark, and its rank (1 = largest gap). */
export interface AreaGap {
  areaId: number;
  population: number;
  places: number;
  /** places the area would have at the benchmark ratio */
  expected: number;
  /** expected − places: missing places (negative = more than the benchmark) */
  gap: number;
  rank: number;
}

/**
 * Gaps of all areas with a known target population against `benchmark` places per `per` people,
 * largest gap first; ties by larger population, then area id, so the order is stable.
 */
export function rankSupplyGaps(
  rows: readonly AreaSupplyInput[],
  benchmark: number,
  per: number,
): AreaGap[] {
  if (!(per > 0)) throw new Error(`per muss positiv sein, nicht ${per}`);
  const gaps = rows
    .filter((r): r is AreaSupplyInput & { population: number } => r.population !== null)
    .map((r) => {
      const expected = (r.population * benchmark) / per;
      const places = r.places ?? 0;
      return {
        areaId: r.areaId,
        population: r.population,
        places,
        expected,
        gap: expected - places,
      };
    })
    .sort((a, b) => b.gap - a.gap || b.population - a.population || a.areaId - b.areaId);
  return gaps.map((g, i) => ({ ...g, rank: i + 1 }));
}
