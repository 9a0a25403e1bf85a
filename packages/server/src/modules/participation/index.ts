// Public face of the participation module (issue 13) for the app and other modules.
export { participationActor, registerParticipationRoutes } from './routes.ts';
export { forgetPlaces } from './place.ts';
export { listPublicReports, getPublicReport, listTopReportsInAreas } from './service.ts';
export { solveChallenge } from './pow.ts';
export { spendChallenge } from './pow-guard.ts';
export {
  listReportSignals,
  listSupportSignals,
  type ReportSignal,
  type SupportSignal,
} from './signals.ts';
export { registerParticipationPhotoRoutes } from './photo-routes.ts';
