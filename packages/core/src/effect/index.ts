// Effect (Wirkung, issue 15 § 3): difference-in-differences against comparison areas chosen on the
// pre-period, a placebo interval, a pre-trend check. Method: docs/methods/difference-in-differences.md.
export type { TwoByTwoMeans, PanelPoint, AreaSeries, PeriodMeans } from './did.ts';
export {
  computeDidTwoByTwo,
  combineIndependentSe,
  splitPanel,
  computePanelDid,
  computePeriodMeans,
  periodToYears,
  olsSlope,
} from './did.ts';
export type { PreProfile, ComparisonChoice, DistanceScale } from './comparison.ts';
export { describePrePeriod, selectComparisons, profileDistance } from './comparison.ts';
export type {
  EffectOptions,
  EffectInput,
  EffectReason,
  PreTrendCheck,
  EffectArea,
  EffectEstimate,
} from './estimate.ts';
export { EFFECT_DEFAULTS, estimateEffect, describeEffectReason } from './estimate.ts';
export type { SeededRandom } from './random.ts';
export { createSeededRandom, drawWithoutReplacement, drawNormal } from './random.ts';
