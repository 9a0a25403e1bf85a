// Choosing comparison areas from the pool by their pre-period level and trend (nearest
// neighbours). Distance and rationale: docs/methods/difference-in-differences.md § Vergleichsgebiete.
import { mean, populationSd } from '../stats/index.ts';
import { olsSlope, periodToYears, type AreaSeries } from './did.ts';

/** What an area looked like before the start: mean level and slope per year. */
export interface PreProfile {
  areaId: string;
  level: number;
  trendPerYear: number;
}

/** Pre-period level and trend of an area; null with fewer than `minPre` pre-period values. */
export function describePrePeriod(s: AreaSeries, minPre: number): PreProfile | null {
  if (s.pre.length < Math.max(minPre, 2)) return null;
  const level = mean(s.pre.map((p) => p.value));
  const trend = olsSlope(
    s.pre.map((p) => periodToYears(p.period)),
    s.pre.map((p) => p.value),
  );
  if (level === null || trend === null) return null;
  return { areaId: s.areaId, level, trendPerYear: trend };
}

/** Scales that make level and trend comparable: their standard deviations over the pool. */
export interface DistanceScale {
  level: number;
  trend: number;
}

/** Population SDs of level and trend over the profiles (1 where a feature does not vary). */
export function computeDistanceScale(profiles: readonly PreProfile[]): DistanceScale {
  const sdLevel = populationSd(profiles.map((p) => p.level)) ?? 0;
  const sdTrend = populationSd(profiles.map((p) => p.trendPerYear)) ?? 0;
  return { level: sdLevel > 0 ? sdLevel : 1, trend: sdTrend > 0 ? sdTrend : 1 };
}

/** Standardised Euclidean distance of two pre-period profiles (level and trend, equal weight). */
export function profileDistance(a: PreProfile, b: PreProfile, scale: DistanceScale): number {
  const dl = (a.level - b.level) / scale.level;
  const dt = (a.trendPerYear - b.trendPerYear) / scale.trend;
  return Math.sqrt(dl * dl + dt * dt);
}

/** A chosen comparison area and why: the treated area it is nearest to and the distance. */
export interface ComparisonChoice extends PreProfile {
  matchedTo: string;
  distance: number;
}

/**
 * Picks `perTreated` nearest neighbours for each treated area from the pool, without replacement
 * (greedy, treated areas in the given order; ties by area id, so the choice is reproducible).
 */
export function selectComparisons(
  treated: readonly PreProfile[],
  pool: readonly PreProfile[],
  perTreated: number,
  scale: DistanceScale,
): ComparisonChoice[] {
  const taken = new Set<string>();
  const chosen: ComparisonChoice[] = [];
  for (const t of treated) {
    // the perTreated nearest by (distance, id), kept in a small sorted list: O(pool · k), no sort
    const best: { p: PreProfile; d: number }[] = [];
    for (const p of pool) {
      if (taken.has(p.areaId)) continue;
      const d = profileDistance(t, p, scale);
      const last = best[best.length - 1];
      if (
        best.length >= perTreated &&
        last &&
        (d > last.d || (d === last.d && p.areaId > last.p.areaId))
      )
        continue;
      let i = best.length;
      while (i > 0) {
        const prev = best[i - 1]!;
        if (prev.d < d || (prev.d === d && prev.p.areaId < p.areaId)) break;
        i--;
      }
      best.splice(i, 0, { p, d });
      if (best.length > perTreated) best.pop();
    }
    for (const { p, d } of best) {
      taken.add(p.areaId);
      chosen.push({ ...p, matchedTo: t.areaId, distance: d });
    }
  }
  return chosen;
}
