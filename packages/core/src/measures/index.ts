// Measures (Maßnahmen, issue 14 § 2): progress roll-up, goals against indicators, signals.
export {
  MEASURE_STATUSES,
  MEASURE_STATUS_IDS,
  milestoneProgress,
  ownProgress,
  rollUpProgress,
  wouldCycle,
  type MeasureStatus,
  type MilestoneProgress,
  type ProgressNode,
} from './progress.ts';
export {
  GOAL_STATUSES,
  GOAL_TOLERANCE_SHARE,
  HOLD_TOLERANCE_SHARE,
  dayNumber,
  evaluateGoal,
  goalTolerance,
  targetLineAt,
  type DatedValue,
  type GoalEvaluation,
  type GoalInput,
  type GoalStatus,
} from './goals.ts';
export {
  isOverdue,
  measureSignals,
  type MeasureSignalFact,
  type MeasureSignalKind,
  type SignalInput,
} from './signals.ts';
export { locationPositions, positionsOutsideAreas, type MeasureLocation } from './location.ts';
