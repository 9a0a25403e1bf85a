// The in-process job runner (ADR 0025): every long or scheduled piece of work runs as a job with a
// record (who, kind, parameters, start/end, status, progress, error, result), progress events for
// listeners (the import's Server-Sent Events), bounded retries for kinds that are safe to repeat, and
// restart safety: at start, jobs a previous process left queued or running are resumed when their
// kind says it may be, else marked failed with a German message. Work that changes data does so in
// one transaction (imports: ADR 0006), so a job cut off by a restart has changed nothing.
import type { Db } from '../../db/db.ts';
import {
  finishJob,
  insertJob,
  listOpenJobs,
  listTenantIds,
  markRunning,
  requeueJob,
  saveProgress,
  type JobStatus,
} from './store.ts';

/** A progress event: the phase in German words plus any counters the kind reports. */
export interface JobProgress {
  phase: string;
  [key: string]: unknown;
}

/** What listeners hear: progress while running, and the end. */
export interface JobEvent {
  jobId: number;
  status: JobStatus;
  progress: JobProgress | null;
  error: string | null;
  done: boolean;
}

export type JobListener = (event: JobEvent) => void;

/** What a job's work gets. */
export interface JobContext<P> {
  db: Db;
  tenantId: string;
  jobId: number;
  params: P;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Aborted when the runner stops (server shutdown). */
  signal: AbortSignal;
  /**
   * Reports progress. Throws JobInterrupted once the runner is stopping: called inside a
   * transaction, that rolls the work back, as a process that ends does.
   */
  progress(p: JobProgress): void;
}

/** A kind of job: its work and how the runner may repeat it. */
export interface JobKind<P = unknown, R = unknown> {
  /** module.verb, e.g. 'alerts.detect' */
  kind: string;
  /** May a job of this kind run again from its recorded parameters after a restart? */
  resumable: boolean;
  /** Extra attempts after a failure `retryable` accepts (0: none). */
  retries: number;
  retryable?: (err: unknown) => boolean;
  run(ctx: JobContext<P>): Promise<R>;
  /** The summary kept in the record; `failure` marks the job failed although the work returned. */
  outcome?: (result: R) => { summary: unknown; failure?: string | undefined };
}

/** Who starts a job: the actor as the audit log names it, and the person's id if any. */
export interface JobStarter {
  startedBy: string;
  userId: number | null;
}

/** Thrown into a job's work when the runner stops while it runs. */
export class JobInterrupted extends Error {
  constructor() {
    super(
      'Der Server wurde beendet, während der Auftrag lief; er wurde vollständig zurückgenommen.',
    );
    this.name = 'JobInterrupted';
  }
}

/** The German message for a job a previous process left unfinished. */
export const INTERRUPTED_BY_RESTART =
  'Abgebrochen: Der Server wurde neu gestartet, während der Auftrag lief. Es wurde nichts davon ' +
  'übernommen (alles oder nichts); bitte den Auftrag erneut starten.';

// Progress reaches listeners at most 5 times a second (a new phase always), the record once a second.
const EMIT_EVERY_MS = 200;
const SAVE_EVERY_MS = 1_000;

interface Running {
  kind: string;
  abort: AbortController;
  /** never rejects (stop() awaits it) */
  settled: Promise<unknown>;
  /** the work's result or error */
  done: Promise<unknown>;
  /** the latest progress the work reported (in memory: the health route reads it per request) */
  progress: JobProgress | null;
}

export interface JobRunnerOptions {
  /** Pause before a retry, multiplied by the attempt number (default 30 s). */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

const key = (tenantId: string, id: number | string) => `${tenantId}\u0000${id}`;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs jobs in this process and keeps their record; one runner per server. */
export class JobRunner {
  private readonly kinds = new Map<string, JobKind<never, unknown>>();
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Map<string, Set<JobListener>>();
  private readonly subjects = new Map<string, Set<JobListener>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(
    readonly db: Db,
    private readonly options: JobRunnerOptions = {},
  ) {}

  /** Declares a kind, so jobs of it can be resumed after a restart and scheduled. */
  define<P, R>(kind: JobKind<P, R>): JobKind<P, R> {
    this.kinds.set(kind.kind, kind as unknown as JobKind<never, unknown>);
    return kind;
  }

  /**
   * Records a job and starts its work at once. `done` settles with the work's result (or its
   * error); the record is written either way. `subject` lets listeners follow the job by what it
   * works on (an upload) before they know its id.
   */
  async start<P, R>(
    tenantId: string,
    kind: JobKind<P, R>,
    params: P,
    starter: JobStarter,
    subject: string | null = null,
  ): Promise<{ id: number; done: Promise<R> }> {
    if (this.stopping) throw new JobInterrupted();
    const id = await insertJob(this.db, tenantId, {
      kind: kind.kind,
      subject,
      params,
      maxAttempts: 1 + Math.max(0, kind.retries),
      startedBy: starter.startedBy,
      userId: starter.userId,
    });
    return { id, done: this.launch(tenantId, id, kind, params, subject, 0) };
  }

  /**
   * A job of this kind running for the tenant in this process: its latest progress (null before
   * the first report) and its end (`done` settles as the work does); undefined when none runs.
   * Read from memory, no query (the health route asks on every request).
   */
  runningOf(
    tenantId: string,
    kind: string,
  ): { progress: JobProgress | null; done: Promise<unknown> } | undefined {
    const prefix = key(tenantId, '');
    for (const [k, r] of this.running)
      if (k.startsWith(prefix) && r.kind === kind) return { progress: r.progress, done: r.done };
    return undefined;
  }

  /** Follows one job; returns the function that stops listening. */
  subscribe(tenantId: string, jobId: number, l: JobListener): () => void {
    return addListener(this.listeners, key(tenantId, jobId), l);
  }

  /** Follows the jobs working on a subject (e.g. an upload id). */
  subscribeSubject(tenantId: string, subject: string, l: JobListener): () => void {
    return addListener(this.subjects, key(tenantId, subject), l);
  }

  /**
   * At start: every job of every tenant that a previous process left queued or running is
   * resumed when its kind is resumable, otherwise marked failed (INTERRUPTED_BY_RESTART).
   */
  async recover(): Promise<{ resumed: number; failed: number }> {
    let resumed = 0;
    let failed = 0;
    for (const tenantId of await listTenantIds(this.db)) {
      for (const job of await listOpenJobs(this.db, tenantId)) {
        if (this.running.has(key(tenantId, job.id))) continue;
        const kind = this.kinds.get(job.kind);
        // bounded: a job that keeps taking the server down is not resumed forever
        if (kind?.resumable && job.attempts <= job.max_attempts) {
          await requeueJob(this.db, tenantId, job.id);
          void this.launch(
            tenantId,
            job.id,
            kind,
            job.params as never,
            job.subject,
            job.attempts,
          ).catch(() => undefined);
          resumed++;
        } else {
          await finishJob(this.db, tenantId, job.id, {
            status: 'failed',
            error: INTERRUPTED_BY_RESTART,
            result: null,
          });
          failed++;
        }
      }
    }
    if (resumed + failed > 0)
      this.options.log?.(
        `Aufträge aus dem letzten Lauf: ${resumed} fortgesetzt, ${failed} als abgebrochen vermerkt.`,
      );
    return { resumed, failed };
  }

  /**
   * Runs a kind every `everyMs` for every tenant (or those `tenants` names), skipping a tenant whose
   * job of that kind still runs. Stopped by stop().
   */
  schedule<P, R>(
    kind: JobKind<P, R>,
    everyMs: number,
    params: P,
    tenants: () => Promise<string[]> = () => listTenantIds(this.db),
  ): void {
    this.define(kind);
    const tick = async () => {
      for (const tenantId of await tenants()) {
        if (this.stopping) return;
        const open = await listOpenJobs(this.db, tenantId);
        if (open.some((j) => j.kind === kind.kind)) continue;
        const { done } = await this.start(tenantId, kind, params, {
          startedBy: 'system',
          userId: null,
        });
        await done.catch(() => undefined);
      }
    };
    let busy = false; // a tick that outlasts the interval is not overtaken by the next one
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      tick()
        .catch((err: unknown) =>
          this.options.log?.(`Geplanter Auftrag ${kind.kind}: ${messageOf(err)}`),
        )
        .finally(() => (busy = false));
    }, everyMs);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Stops the runner: no new jobs, schedules end, running work is interrupted (its transaction rolls
   * back) and awaited. Their records stay 'running', exactly as after a crash, so the next start's
   * recover() decides about them in one place.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort();
    await Promise.allSettled(all.map((r) => r.settled));
  }

  private launch<P, R>(
    tenantId: string,
    id: number,
    kind: JobKind<P, R>,
    params: P,
    subject: string | null,
    previousAttempts: number,
  ): Promise<R> {
    const abort = new AbortController();
    const k = key(tenantId, id);
    const entry: Running = {
      kind: kind.kind,
      abort,
      settled: Promise.resolve(),
      done: Promise.resolve(),
      progress: null,
    };
    this.running.set(k, entry);
    const settled = this.attempt(tenantId, id, kind, params, subject, previousAttempts + 1, abort);
    entry.settled = settled.catch(() => undefined);
    entry.done = settled;
    return settled.finally(() => this.running.delete(k));
  }

  private async attempt<P, R>(
    tenantId: string,
    id: number,
    kind: JobKind<P, R>,
    params: P,
    subject: string | null,
    attempt: number,
    abort: AbortController,
  ): Promise<R> {
    const tell = (e: Omit<JobEvent, 'jobId'>) =>
      this.tell(tenantId, id, subject, { jobId: id, ...e });
    await markRunning(this.db, tenantId, id);
    const saver = new ProgressSaver(this.db, tenantId, id);
    let lastEmit = 0;
    let lastPhase = '';
    const ctx: JobContext<P> = {
      db: this.db,
      tenantId,
      jobId: id,
      params,
      attempt,
      signal: abort.signal,
      progress: (p) => {
        const entry = this.running.get(key(tenantId, id));
        if (entry) entry.progress = p;
        const now = Date.now();
        if (p.phase !== lastPhase || now - lastEmit >= EMIT_EVERY_MS) {
          lastPhase = p.phase;
          lastEmit = now;
          tell({ status: 'running', progress: p, error: null, done: false });
        }
        saver.offer(p);
        if (abort.signal.aborted) throw new JobInterrupted();
      },
    };
    let result: R;
    try {
      // work that returned is done (and committed), even if the runner is stopping meanwhile
      result = await kind.run(ctx);
    } catch (err) {
      await saver.settle();
      // a stopping runner leaves the record as a crash would; recover() decides at the next start
      if (abort.signal.aborted || this.stopping) throw err;
      const retry = attempt < 1 + kind.retries && (kind.retryable?.(err) ?? false);
      if (retry) {
        this.options.log?.(
          `Auftrag ${kind.kind} #${id}: Versuch ${attempt} fehlgeschlagen, neuer Versuch.`,
        );
        await sleep((this.options.retryDelayMs ?? 30_000) * attempt, abort.signal);
        if (!abort.signal.aborted)
          return this.attempt(tenantId, id, kind, params, subject, attempt + 1, abort);
        throw err;
      }
      await finishJob(this.db, tenantId, id, {
        status: 'failed',
        error: messageOf(err),
        result: null,
      });
      tell({ status: 'failed', progress: saver.last, error: messageOf(err), done: true });
      throw err;
    }
    await saver.settle();
    const out = kind.outcome?.(result) ?? { summary: result };
    const status = out.failure ? 'failed' : 'succeeded';
    await finishJob(this.db, tenantId, id, {
      status,
      error: out.failure ?? null,
      result: out.summary ?? null,
    });
    tell({ status, progress: saver.last, error: out.failure ?? null, done: true });
    return result;
  }

  private tell(tenantId: string, id: number, subject: string | null, event: JobEvent): void {
    const targets = [
      ...(this.listeners.get(key(tenantId, id)) ?? []),
      ...(subject === null ? [] : (this.subjects.get(key(tenantId, subject)) ?? [])),
    ];
    for (const l of targets) {
      try {
        l(event);
      } catch {
        // a listener's failure (a closed stream) never stops the job
      }
    }
  }
}

/** Writes the latest progress to the record, at most once a second, one write at a time. */
class ProgressSaver {
  last: JobProgress | null = null;
  private savedAt = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
    private readonly id: number,
  ) {}

  offer(p: JobProgress): void {
    const phaseChanged = this.last?.phase !== p.phase;
    this.last = p;
    const now = Date.now();
    if (!phaseChanged && now - this.savedAt < SAVE_EVERY_MS) return;
    this.savedAt = now;
    // on PGlite the write waits for a running transaction to end; it never blocks the work
    this.writing = this.writing
      .then(() => saveProgress(this.db, this.tenantId, this.id, p))
      .catch(() => undefined);
  }

  settle(): Promise<void> {
    return this.writing;
  }
}

function addListener(map: Map<string, Set<JobListener>>, k: string, l: JobListener): () => void {
  const set = map.get(k) ?? new Set();
  set.add(l);
  map.set(k, set);
  return () => {
    set.delete(l);
    if (set.size === 0) map.delete(k);
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}
