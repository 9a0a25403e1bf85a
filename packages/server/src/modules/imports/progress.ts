// What the import reports while it runs (the job's progress events, ADR 0025), in the contract's
// words: the data of a „progress“ event of GET /api/imports/{uploadId}/events.
import type { importProgressEventSchema } from '@sozialraum/contracts/imports';
import type { z } from 'zod';

export type Progress = Omit<z.output<typeof importProgressEventSchema>, 'jobId'>;
