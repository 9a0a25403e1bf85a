// The scheduled cleanup of stored files (ADR 0025): safe to repeat and to resume — it only removes
// what has expired or was orphaned.
import type { JobKind } from '../jobs/index.ts';
import type { FileKind, FileStore } from './service.ts';

/** Every 6 hours: an expired upload waits at most 30 hours, and the job list is not flooded. */
export const CLEANUP_EVERY_MS = 6 * 3_600_000;

/** The job kind files.cleanup over this store. */
export function fileCleanupJob(
  store: FileStore,
): JobKind<Record<string, never>, Record<FileKind, number>> {
  return {
    kind: 'files.cleanup',
    resumable: true,
    retries: 2,
    retryable: () => true,
    run: async (ctx) => {
      ctx.progress({ phase: 'aufräumen' });
      return store.sweep();
    },
    outcome: (removed) => ({ summary: { removed } }),
  };
}
