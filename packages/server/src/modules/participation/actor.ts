// Who acted in the participation module, for the audit log (shared by its route files).
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access/index.ts';
import { auditActor, type AuditActor } from '../audit/index.ts';

/**
 * Who acted, for the audit log. Anonymous people are recorded as 'anonym' without their IP
 * address: the entry must outlive a deletion request without keeping personal data (ADR 0031).
 */
export function participationActor(
  auth: Principal,
  request: FastifyRequest,
  permission: string,
): AuditActor {
  if (auth.kind === 'anonymous')
    return { actor: 'anonym', permission, requestId: String(request.id) };
  return auditActor(auth, request, permission);
}
