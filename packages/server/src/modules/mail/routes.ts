// The delivery log for the administration (thin handler).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { listDeliveries } from './store.ts';

const deliverySchema = z.object({
  id: z.number(),
  purpose: z.string().meta({ description: "'alerts' | 'password_reset'" }),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(['sent', 'failed']),
  error: z.string().nullable(),
  durationMs: z.number(),
  at: z.string(),
});

/** Registers GET /api/mail-deliveries. */
export function registerMailRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mail-deliveries',
    operationId: 'listMailDeliveries',
    summary: 'Versandprotokoll der E-Mails (neueste zuerst): Empfänger, Betreff, Status, Fehler',
    tags: ['Betrieb'],
    // addresses of people and what they were sent: administration knowledge like the audit log
    permission: 'audit.read_all',
    querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.array(deliverySchema),
    handler: async ({ auth, query }) =>
      (await listDeliveries(ctx.db, auth.tenantId, query.limit)).map((d) => ({
        id: Number(d.id),
        purpose: d.purpose,
        recipient: d.recipient,
        subject: d.subject,
        status: d.status,
        error: d.error,
        durationMs: Number(d.duration_ms),
        at: new Date(d.created_at).toISOString(),
      })),
  });
}
