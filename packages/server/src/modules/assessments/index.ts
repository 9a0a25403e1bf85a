// Public face of the assessments module (issue 13 § 4, ADR 0036) for the app and other modules: the
// routes, disagreeing assessments for the agenda builder and the alert detection, and the negative
// assessments the seismograph counts.
export { registerAssessmentRoutes } from './routes.ts';
export {
  findDisagreeingAssessments,
  listDisagreeingAssessments,
  listNegativeAssessments,
  type DisagreeingAssessment,
} from './door.ts';
