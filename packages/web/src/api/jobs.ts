// The jobs of the tenant (GET /api/jobs, docs/api-contract.md): imports, scheduled alert checks.
import type { Job } from '@sozialraum/contracts/jobs';
import { request } from './http.ts';

export type { Job, JobStatus } from '@sozialraum/contracts/jobs';

/** The most recent jobs, newest first (permission audit.read_all). */
export function listJobs(opts: { kind?: string; limit?: number } = {}): Promise<Job[]> {
  const sp = new URLSearchParams();
  if (opts.kind) sp.set('kind', opts.kind);
  if (opts.limit) sp.set('limit', String(opts.limit));
  const q = sp.toString();
  return request<Job[]>(`/api/jobs${q ? `?${q}` : ''}`);
}
