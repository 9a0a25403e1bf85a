// Contract of the jobs (GET /api/jobs, /api/jobs/:id): imports, scheduled alert checks, cleanup.
import { z } from 'zod';

export const jobSchema = z.object({
  id: z.number(),
  kind: z.string().meta({ description: "module.verb, z. B. 'imports.table', 'alerts.detect'" }),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  startedBy: z.string().meta({ description: "wer ihn gestartet hat; 'system' für den Zeitplan" }),
  params: z.record(z.string(), z.unknown()),
  progress: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  result: z.unknown().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type Job = z.output<typeof jobSchema>;
export type JobStatus = Job['status'];
export const jobListSchema = z.array(jobSchema);

export const jobsQuerySchema = z.object({
  kind: z
    .string()
    .max(100)
    .regex(/^[a-z_]+\.[a-z_]+$/, 'Auftragsart wie „imports.table“ angeben')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const jobIdParams = z.object({
  id: z.coerce.number().int().min(1).max(2_147_483_647),
});
