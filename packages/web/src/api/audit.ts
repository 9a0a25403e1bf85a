// Client of the audit log (entries, CSV export, chain check); types from the contract.
import type * as c from '@sozialraum/contracts/audit';
import type { z } from 'zod';
import { q, request } from './http.ts';

export type AuditEntry = z.output<typeof c.auditEntrySchema>;
export type AuditVerify = z.output<typeof c.auditVerifySchema>;

export const auditApi = {
  audit: (p: {
    entity?: string | null;
    entityId?: string | null;
    action?: string | null;
    before?: number | null;
    limit?: number | null;
  }) => request<z.output<typeof c.auditEntryListSchema>>(`/api/audit${q(p)}`),
  auditExportUrl: (p: { entity?: string | null; action?: string | null }) =>
    `/api/audit/export${q(p)}`,
  verifyAudit: () => request<AuditVerify>('/api/audit/verify'),
};
