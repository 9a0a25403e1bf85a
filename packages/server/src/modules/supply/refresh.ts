// Supply indicators recompute by themselves (issue 12 § 3, ADR 0044): a directory write, a change
// of the targets or new observations (a population import) request a refresh of the tenant's
// stored `versorgung_<type>` indicators. Requests are coalesced: one waits a moment for more to come
// (a provider saving places and hours), and while a refresh runs, further requests make exactly one
// more run afterwards. The refresh is a job of the jobs service (recorded, resumable after a restart).
import type { Db } from '../../db/db.ts';
import { onChange } from '../changes/index.ts';
import type { JobKind, JobRunner } from '../jobs/index.ts';
import { refreshSupplyIndicators } from './indicator-service.ts';
import { selectSupplyIndicators } from './store.ts';

/** The job kind: recompute every stored supply indicator of the tenant. */
export const supplyRefreshJob: JobKind<
  Record<string, never>,
  Awaited<ReturnType<typeof refreshSupplyIndicators>>
> = {
  kind: 'supply.refresh',
  resumable: true,
  retries: 0,
  run: (ctx) => refreshSupplyIndicators(ctx.db, ctx.tenantId),
  outcome: (r) => ({ summary: r }),
};

interface TenantState {
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  again: boolean;
}

/** Coalesces refresh requests per tenant into jobs. */
export class SupplyRefresher {
  private readonly state = new Map<string, TenantState>();
  private stopped = false;

  constructor(
    private readonly jobs: JobRunner,
    private readonly db: Db,
    private readonly delayMs = 250,
  ) {
    jobs.define(supplyRefreshJob);
  }

  /** Asks for a refresh of the tenant's supply indicators (soon, once for many requests). */
  request(tenantId: string): void {
    if (this.stopped) return;
    const s = this.state.get(tenantId) ?? { timer: undefined, running: undefined, again: false };
    this.state.set(tenantId, s);
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    s.timer = setTimeout(() => void this.run(tenantId, s), this.delayMs);
    s.timer.unref();
  }

  private async run(tenantId: string, s: TenantState): Promise<void> {
    s.timer = undefined;
    s.running = (async () => {
      // no stored supply indicator: nothing to keep up to date, and no job record either
      if ((await selectSupplyIndicators(this.db, tenantId)).length === 0) return;
      const job = await this.jobs.start(
        tenantId,
        supplyRefreshJob,
        {},
        {
          startedBy: 'System (Versorgung aktualisieren)',
          userId: null,
        },
      );
      await job.done;
    })().catch(() => {
      // recorded as a failed job by the runner; a later change asks again
    });
    await s.running;
    s.running = undefined;
    if (s.again) {
      s.again = false;
      this.request(tenantId);
    }
  }

  /** Stops taking requests and drops pending ones (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const s of this.state.values()) if (s.timer) clearTimeout(s.timer);
  }
}

/** Starts refreshing on every change signal of the database; returns the function that stops it. */
export function startSupplyRefresh(jobs: JobRunner, db: Db): () => void {
  const refresher = new SupplyRefresher(jobs, db);
  const off = onChange(db, (tenantId) => refresher.request(tenantId));
  return () => {
    off();
    refresher.stop();
  };
}
