// Supply against need (issue 12 § 3): ratios, gaps and reachability. Method notes:
// docs/methods/supply-and-reachability.md.
export type { AgeBand, AreaSupplyInput, AreaSupply } from './ratios.ts';
export type { SupplyBase } from './ratios.ts';
export {
  bandsForTarget,
  ratioPer,
  computeSupplyRatios,
  overallRatio,
  SUPPLY_BASES,
  supplyBaseFor,
} from './ratios.ts';
export type { AreaGap } from './gaps.ts';
export { rankSupplyGaps } from './gaps.ts';
export type {
  PopulationLocation,
  PopulationPoint,
  AreaReach,
  NearestFinder,
} from './reachability.ts';
export { POPULATION_LOCATIONS, createNearestFinder, computeReachability } from './reachability.ts';
export type { NeedGap, NeedGapInput, NeedGapResult, NeedThreshold } from './need-gaps.ts';
export { selectNeedGaps, TOP_QUINTILE } from './need-gaps.ts';
