// Public face of the surveys module (issue 13 § 3, ADR 0038) for the app and other modules.
export { registerSurveyRoutes } from './routes.ts';
export { listSurveySignals, type SurveySignal } from './signals.ts';
