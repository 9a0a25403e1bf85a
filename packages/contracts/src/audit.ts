// Contract of the audit log: its entries, the CSV export and the check of the hash chain.
import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.number(),
  seq: z.number().nullable(),
  at: z.string(),
  actor: z.string(),
  userId: z.number().nullable(),
  permission: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  detail: z.unknown(),
  hash: z.string().nullable(),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;
export const auditEntryListSchema = z.array(auditEntrySchema);

/** The export: CSV text (semicolons, UTF-8 with BOM) for Excel. */
export const auditCsvSchema = z.string();

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  problems: z.array(
    z.object({ seq: z.number().nullable(), id: z.number().nullable(), problem: z.string() }),
  ),
});
export type AuditVerify = z.output<typeof auditVerifySchema>;
