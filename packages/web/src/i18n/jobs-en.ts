// Texts of the job list (/auftraege), English.
import type { jobsDe } from './jobs-de.ts';

const STATUS: Record<string, string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
};
const KINDS: Record<string, string> = {
  'imports.table': 'Table import',
  'imports.areas': 'Areas import',
  'alerts.detect': 'Early-warning check',
  'files.cleanup': 'File cleanup',
};

export const jobsEn: typeof jobsDe = {
  jobsTitle: 'Jobs',
  jobsLink: 'Jobs',
  jobsIntro:
    'What the server ran in the background: imports, the scheduled early-warning check and the cleanup of old files – who started them, when, how long they ran and why they failed.',
  jobsEmpty: 'No jobs yet.',
  jobsReload: 'Reload',
  jobsColStatus: 'Status',
  jobsColKind: 'Kind',
  jobsColWho: 'Started by',
  jobsColStart: 'Start',
  jobsColDuration: 'Duration',
  jobsColError: 'Error',
  jobsSystem: 'Schedule (system)',
  jobsStatusName: (status: string): string => STATUS[status] ?? status,
  jobsKindName: (kind: string): string => KINDS[kind] ?? kind,
  jobsAttempts: (n: string) => `${n} attempts`,
};
