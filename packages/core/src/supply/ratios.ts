// Supply ratios (issue 12 § 3): places per N of a target population and facilities per area, and
// which published age bands make up a service type's target population. Method:
// docs/methods/supply-and-reachability.md.
import type { TargetAge } from '../directory/service-types.ts';

/** An age band for which population counts exist (lower bound inclusive, upper exclusive). */
export interface AgeBand {
  id: string;
  min: number;
  /** exclusive; null = open-ended */
  max: number | null;
}

/**
 * The bands that together are exactly the target age (e.g. 6–18 = 6–15 + 15–18), or null when the
 * published bands do not add up to it (then no ratio is computed rather than a wrong one).
 */
export function bandsForTarget(target: TargetAge, bands: readonly AgeBand[]): string[] | null {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const picked: string[] = [];
  let at = target.min;
  for (const band of sorted) {
    if (band.min !== at) continue;
    if (target.max !== null && (band.max === null || band.max > target.max)) return null;
    picked.push(band.id);
    if (band.max === target.max) return picked;
    if (band.max === null) return null;
    at = band.max;
  }
  return null;
}

/** Supply of one area: facilities, places and the target population. */
export interface AreaSupplyInput {
  areaId: number;
  facilities: number;
  /** places (or beds); null when no facility of the area reports a capacity */
  places: number | null;
  /** target population; null when unknown */
  population: number | null;
}

/** One area's ratios; null where the denominator is missing or zero. */
export interface AreaSupply extends AreaSupplyInput {
  /** places per `per` of the target population */
  placesPer: number | null;
  /** facilities per `per` of the target population */
  facilitiesPer: number | null;
}

/** Places (or facilities) per `per` people: value / population × per; null for no or zero population. */
export function ratioPer(
  value: number | null,
  population: number | null,
  per: number,
): number | null {
  if (value === null || population === null || population <= 0) return null;
  return (value / population) * per;
}

/** Ratios of every area, per `per` of its target population. */
export function computeSupplyRatios(rows: readonly AreaSupplyInput[], per: number): AreaSupply[] {
  if (!(per > 0)) throw new Error(`per muss positiv sein, nicht ${per}`);
  return rows.map((r) => ({
    ...r,
    placesPer: ratioPer(r.places, r.population, per),
    facilitiesPer: ratioPer(r.facilities, r.population, per),
  }));
}

/** Ratio of the whole set (sum of places / sum of population × per), the city value of gaps. */
export function overallRatio(rows: readonly AreaSupplyInput[], per: number): number | null {
  let places = 0;
  let population = 0;
  for (const r of rows) {
    if (r.population === null) continue;
    population += r.population;
    places += r.places ?? 0;
  }
  return ratioPer(places, population, per);
}

/** What a supply ratio counts and per how many people of the target population. */
export interface SupplyBase {
  measure: 'places' | 'facilities';
  per: number;
}

/**
 * Named bases of the built-in service types (docs/methods/supply-and-reachability.md): Kita places
 * per 100 children under 6, youth-centre places per 1,000 aged 6–18, care places per 100 aged 65+,
 * schools per 1,000 aged 6–18; any other type: facilities per 10,000 of its target population.
 */
export const SUPPLY_BASES: Readonly<Record<string, SupplyBase>> = {
  kita: { measure: 'places', per: 100 },
  jugendfreizeit: { measure: 'places', per: 1000 },
  pflege: { measure: 'places', per: 100 },
  schule: { measure: 'facilities', per: 1000 },
};

/** The base of a service type; the documented default for types without one. */
export function supplyBaseFor(serviceType: string): SupplyBase {
  return SUPPLY_BASES[serviceType] ?? { measure: 'facilities', per: 10_000 };
}
