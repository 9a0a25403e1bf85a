// SQL of the job record (migration 0016). Every statement is scoped by the tenant.
import type { Sql } from '../../db/db.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobRow {
  id: number;
  kind: string;
  subject: string | null;
  params: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  progress: Record<string, unknown> | null;
  error: string | null;
  result: Record<string, unknown> | null;
  started_by: string;
  user_id: number | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, kind, subject, params, status, attempts, max_attempts, progress, error, result,
  started_by, user_id, created_at, started_at, finished_at`;

/** Records a new queued job and returns its id. */
export async function insertJob(
  db: Sql,
  tenantId: string,
  job: {
    kind: string;
    subject: string | null;
    params: unknown;
    maxAttempts: number;
    startedBy: string;
    userId: number | null;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO job (tenant_id, kind, subject, params, max_attempts, started_by, user_id)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
    [
      tenantId,
      job.kind,
      job.subject,
      JSON.stringify(job.params ?? {}),
      job.maxAttempts,
      job.startedBy,
      job.userId,
    ],
  );
  return Number(row!.id);
}

/** Marks a job running (one more attempt), on the clock, not the transaction's start. */
export async function markRunning(db: Sql, tenantId: string, id: number): Promise<void> {
  await db.query(
    `UPDATE job SET status = 'running', attempts = attempts + 1, error = NULL,
            started_at = COALESCE(started_at, clock_timestamp())
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
}

/** Stores the latest progress event. */
export async function saveProgress(
  db: Sql,
  tenantId: string,
  id: number,
  progress: unknown,
): Promise<void> {
  await db.query(`UPDATE job SET progress = $3::jsonb WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
    JSON.stringify(progress),
  ]);
}

/** Ends a job: succeeded with its summary, or failed with a German message. */
export async function finishJob(
  db: Sql,
  tenantId: string,
  id: number,
  end: { status: 'succeeded' | 'failed'; error: string | null; result: unknown },
): Promise<void> {
  await db.query(
    `UPDATE job SET status = $3, error = $4, result = $5::jsonb, finished_at = clock_timestamp()
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      end.status,
      end.error,
      end.result === undefined ? null : JSON.stringify(end.result),
    ],
  );
}

/** Puts a job back in the queue (a resumable job after a restart). */
export async function requeueJob(db: Sql, tenantId: string, id: number): Promise<void> {
  await db.query(`UPDATE job SET status = 'queued' WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
}

/** Jobs that are queued or running, oldest first. */
export async function listOpenJobs(db: Sql, tenantId: string): Promise<JobRow[]> {
  return db.query<JobRow>(
    `SELECT ${COLUMNS} FROM job
      WHERE tenant_id = $1 AND status IN ('queued', 'running') ORDER BY id`,
    [tenantId],
  );
}

/** The most recent jobs, newest first; optionally only one kind. */
export async function listJobs(
  db: Sql,
  tenantId: string,
  filter: { kind?: string | undefined; limit: number },
): Promise<JobRow[]> {
  return db.query<JobRow>(
    `SELECT ${COLUMNS} FROM job
      WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2)
      ORDER BY id DESC LIMIT $3`,
    [tenantId, filter.kind ?? null, filter.limit],
  );
}

/** One job, or undefined. */
export async function getJob(db: Sql, tenantId: string, id: number): Promise<JobRow | undefined> {
  const [row] = await db.query<JobRow>(
    `SELECT ${COLUMNS} FROM job WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row;
}

/** The tenants of this installation (the runner recovers each one's jobs at start). */
export async function listTenantIds(db: Sql): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM tenant ORDER BY id')).map((r) => r.id);
}

/** Records a finished step of a kind's work, inside the transaction that did the step (ADR 0053). */
export async function recordJobStep(
  tx: Sql,
  tenantId: string,
  kind: string,
  step: string,
): Promise<void> {
  await tx.query(`INSERT INTO job_step (tenant_id, kind, step) VALUES ($1, $2, $3)`, [
    tenantId,
    kind,
    step,
  ]);
}

/** The recorded steps of a kind's work (migration 0039). */
export async function listJobSteps(db: Sql, tenantId: string, kind: string): Promise<Set<string>> {
  const rows = await db.query<{ step: string }>(
    `SELECT step FROM job_step WHERE tenant_id = $1 AND kind = $2`,
    [tenantId, kind],
  );
  return new Set(rows.map((r) => r.step));
}
