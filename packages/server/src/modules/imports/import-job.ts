// An import as a job (ADR 0025). Not resumable: the person's rights and the upload belong to the
// request that started it, and the import is all-or-nothing in one transaction (ADR 0006), so one
// cut off by a restart changed nothing and is marked failed; the person starts it again.
import type { JobKind } from '../jobs/index.ts';
import type { Progress } from './progress.ts';
import type { ImportReport } from './report.ts';

/** The job kind of one import run; `work` is the table or area import with its progress callback. */
export function importJob(
  kind: 'table' | 'areas',
  work: (onProgress: (p: Progress) => void) => Promise<ImportReport>,
): JobKind<unknown, ImportReport> {
  return {
    kind: kind === 'table' ? 'imports.table' : 'imports.areas',
    resumable: false,
    retries: 0,
    run: async (ctx) => {
      const report = await work((p) => ctx.progress({ ...p }));
      try {
        ctx.progress({ phase: 'fertig', rowsRead: report.rowsRead, bytesRead: 0, bytesTotal: 0 });
      } catch {
        // the runner is stopping, but the import has committed: it is done all the same
      }
      return report;
    },
    outcome: (r) => ({
      summary: {
        status: r.status,
        rowsRead: r.rowsRead,
        rowsWritten: r.rowsWritten,
        errorCount: r.errorCount,
        importId: r.importId ?? null,
      },
      failure:
        r.status === 'failed'
          ? `Import abgelehnt: ${r.errorCount.toLocaleString('de-DE')} Fehler${r.errors[0] ? ` (zuerst: ${r.errors[0].message})` : ''}`
          : undefined,
    }),
  };
}
