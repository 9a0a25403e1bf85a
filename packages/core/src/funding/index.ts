// Funding (Förderung, issue 15 § 1): money rules per programme × area × year and the funding-table
// reader. Decisions: docs/adr/0034-funding-programmes-and-effect.md.
export type {
  FundingKind,
  FundingSource,
  ProgrammeLevel,
  FundingEntry,
  FundingProblem,
  YearMoney,
} from './money.ts';
export {
  FUNDING_KINDS,
  FUNDING_SOURCES,
  PROGRAMME_LEVELS,
  FUNDING_SOURCE_LABELS,
  FUNDING_KIND_LABELS,
  toCents,
  checkCoFinancing,
  flagSpentOverApproved,
  summariseByYear,
  moneyPerResident,
} from './money.ts';
export type { FundingRow, FundingFileIssue } from './import.ts';
export { parseEuroAmount, parseFundingRecords } from './import.ts';
export type { AreaMoney, NeedMoneyItem, NeedMoneyQuadrant } from './transparency.ts';
export {
  NEED_MONEY_QUADRANTS,
  NEED_MONEY_QUADRANT_LABELS,
  classifyNeedAndMoney,
  rankGaps,
  sumAreaByYear,
  sumMoneyByArea,
} from './transparency.ts';
export type {
  AllocationArea,
  AllocationSummary,
  BridgeShares,
  NotPlacedReason,
  ProgrammeAreaRef,
} from './allocate.ts';
export { allocateToLevel, completeResidents, splitCents } from './allocate.ts';
export type { GoalTrend } from './goal-trend.ts';
export { goalTrend } from './goal-trend.ts';
