// Local actors' assessments and participation signals (issue 13 §§ 4–5): the disagreement rule and
// the signal-count rule, pure (docs/methods/participation-signals.md).
export {
  ASSESSMENT_TRENDS,
  TREND_LABELS_DE,
  compareAssessment,
  indicatorMovement,
  matchingPair,
  numbersTrendOf,
  type AssessmentTrend,
  type DisagreementOptions,
  type DisagreementResult,
  type IndicatorMovement,
  type IndicatorSeries,
  type MovementPoint,
  type NumbersTrend,
} from './disagreement.ts';
export {
  detectSignalSurges,
  poissonInterval,
  type AreaSignalCounts,
  type RateComparison,
  type SignalCandidate,
  type SignalResult,
  type SignalRuleOptions,
} from './signals.ts';
export {
  ASSESSMENT_REVISION_FIELDS,
  assessmentChanges,
  assessmentEdits,
  type AssessmentFieldChange,
  type AssessmentRevisionField,
  type AssessmentVersion,
  type StoredRevision,
} from './revisions.ts';
