// Participation: topics, statuses, moderation rules and the proof-of-work rule (issue 13).
export type { ReportTopic, ReportKind, ReportStatus } from './topics.ts';
export {
  REPORT_TOPICS,
  REPORT_TOPIC_IDS,
  REPORT_KINDS,
  REPORT_STATUSES,
  REPORT_STATUS_IDS,
  topicDimension,
  statusChangeProblem,
  shouldAutoHide,
} from './topics.ts';
export { leadingZeroBits, powInput, meetsDifficulty } from './proof-of-work.ts';
