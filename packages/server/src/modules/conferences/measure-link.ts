// The one place the conferences module meets the measures module (issue 14 § 1): overdue or
// off-target measures for the agenda builder, and the measure a decision's task becomes — both
// through the measures door (ADR 0032, ADR 0033).
export {
  createMeasure,
  listDeletedMeasures,
  listMeasureLinks,
  listMeasureSignals,
  type MeasureLink,
  type MeasureSignal,
  type NewMeasureFromDecision,
} from '../measures/index.ts';
