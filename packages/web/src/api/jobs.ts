// The jobs of the tenant (GET /api/jobs, docs/api-contract.md): imports, scheduled alert checks.
import { request } from '../lib/api.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One job as the server records it. */
export interface Job {
  id: number;
  kind: string;
  status: JobStatus;
  startedBy: string;
  params: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  error: string | null;
  result: unknown;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

/** The most recent jobs, newest first (permission audit.read_all). */
export function listJobs(opts: { kind?: string; limit?: number } = {}): Promise<Job[]> {
  const sp = new URLSearchParams();
  if (opts.kind) sp.set('kind', opts.kind);
  if (opts.limit) sp.set('limit', String(opts.limit));
  const q = sp.toString();
  return request<Job[]>(`/api/jobs${q ? `?${q}` : ''}`);
}
