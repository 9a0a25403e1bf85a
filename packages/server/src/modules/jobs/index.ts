// Jobs as a shared service (issue 10 § 3, ADR 0025): the runner other modules start their long or
// scheduled work with, and the administration's view of the record.
export {
  INTERRUPTED_BY_RESTART,
  JobInterrupted,
  JobRunner,
  type JobContext,
  type JobEvent,
  type JobKind,
  type JobProgress,
  type JobStarter,
} from './service.ts';
export { registerJobRoutes } from './routes.ts';
export { getJob, listJobSteps, recordJobStep, type JobRow } from './store.ts';
