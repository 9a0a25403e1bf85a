// The delivery log for the administration (thin handler).
import type { FastifyInstance } from 'fastify';
import { mailDeliveriesQuerySchema, mailDeliveryListSchema } from '@sozialraum/contracts/mail';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { listDeliveries } from './store.ts';

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
    querystring: mailDeliveriesQuerySchema,
    response: mailDeliveryListSchema,
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
