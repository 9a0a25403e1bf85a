// Public face of the measures module (issue 14 § 2, ADR 0032) for the app and other modules: the
// routes, signals for the alert feed and the agenda builder, measures decided in a conference, an
// area's measures and a measure for the effect analysis.
export { registerMeasureRoutes } from './routes.ts';
export {
  getMeasureForEffect,
  listMeasureSignals,
  listMeasuresForArea,
  isMeasureReadable,
  listEffectRequestsForArea,
  listMeasureRefs,
  listDeletedMeasures,
  listMeasureLinks,
  type MeasureForEffect,
  type MeasureLink,
  type MeasureRef,
  type MeasureSignal,
} from './service.ts';
export { createMeasure, type NewMeasureFromDecision } from './door.ts';
