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
  'seed.berlin': 'Load the Berlin demo (second phase)',
};

const PURPOSES: Record<string, string> = {
  alerts: 'Early warning',
  password_reset: 'Password reset',
};

export const jobsEn: typeof jobsDe = {
  demoLoading: (percent: number) =>
    `The Berlin demo is still loading (${percent.toLocaleString('en-GB')} %): older years, MSS and facilities follow; what is shown already is complete. The page then refreshes itself – not while you are typing.`,
  demoLoadingShort: 'The Berlin demo is still loading.',
  demoLoaded: 'The Berlin demo is fully loaded.',
  demoLoadedOffer:
    'The Berlin demo is fully loaded. Reload the page to see all years, MSS and facilities – anything unsaved is lost.',
  demoReloaded: 'The Berlin demo is fully loaded; the page now shows all data.',
  demoReload: 'Reload the page',
  demoLater: 'Later',
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
  jobsCli: 'Command line (sozialraum import)',
  jobsStatusName: (status: string): string => STATUS[status] ?? status,
  jobsKindName: (kind: string): string => KINDS[kind] ?? kind,
  jobsAttempts: (n: string) => `${n} attempts`,
  mailLogTitle: 'E-mail delivery',
  mailLogIntro:
    'Every e-mail the server sent or could not deliver (early warnings, password resets).',
  mailLogEmpty: 'No e-mails yet.',
  mailLogWhen: 'Time',
  mailLogPurpose: 'Purpose',
  mailLogRecipient: 'Recipient',
  mailLogSubject: 'Subject',
  mailLogSent: 'delivered',
  mailLogFailed: 'not delivered',
  mailLogPurposeName: (purpose: string): string => PURPOSES[purpose] ?? purpose,
};
