import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { baseUrlFor } from './mail.ts';
import {
  alertSchema,
  alertsQuerySchema,
  detectBodySchema,
  detectResultSchema,
  idParamsSchema,
  patchAlertBodySchema,
  patchRuleBodySchema,
  ruleIdParamsSchema,
  ruleBodySchema,
  ruleSchema,
  subscriptionBodySchema,
  subscriptionSchema,
} from './schema.ts';
import {
  createRule,
  createSubscription,
  detectAlerts,
  editRule,
  removeSubscription,
  setAlertStatus,
} from './service.ts';
import { listAlerts, listRules, listSubscriptions } from './store.ts';

/** /api/alert-rules, /api/alerts (feed, detection, status) and /api/alert-subscriptions. */
export function registerAlertRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['Frühwarnungen'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/alert-rules',
    operationId: 'listAlertRules',
    summary:
      'Regeln für Frühwarnungen (Indikatorveränderung, Klassenwechsel, wiederholt negative Dynamik)',
    tags,
    response: z.array(ruleSchema),
    handler: () => listRules(ctx.db, ctx.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/alert-rules',
    operationId: 'createAlertRule',
    summary: 'Legt eine Regel an (protokolliert)',
    tags,
    body: ruleBodySchema,
    response: ruleSchema,
    handler: async ({ body, reply }) => {
      const rule = await createRule(ctx.db, ctx.tenantId, body);
      reply.code(201);
      return rule;
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/alert-rules/:id',
    operationId: 'updateAlertRule',
    summary: 'Ändert Name, Parameter oder Aktiv-Schalter einer Regel (protokolliert)',
    tags,
    params: ruleIdParamsSchema,
    body: patchRuleBodySchema,
    response: ruleSchema,
    handler: ({ params, body }) => editRule(ctx.db, ctx.tenantId, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/alerts/detect',
    operationId: 'detectAlerts',
    summary:
      'Prüft alle aktiven Regeln am jüngsten Paar von Stichtagen; legt neue Hinweise an, Rauschen wird zurückgehalten',
    tags,
    body: detectBodySchema,
    response: detectResultSchema,
    handler: ({ body }) =>
      detectAlerts(ctx.db, ctx.tenantId, body.actor, {
        smtpUrl: ctx.config.smtpUrl,
        from: ctx.config.mailFrom,
        baseUrl: baseUrlFor(ctx.config.host, ctx.config.port),
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/alerts',
    operationId: 'listAlerts',
    summary: 'Hinweise, neueste zuerst (Filter: status, area, indicator)',
    tags,
    querystring: alertsQuerySchema,
    response: z.array(alertSchema),
    handler: ({ query }) => listAlerts(ctx.db, ctx.tenantId, query),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/alerts/:id',
    operationId: 'updateAlertStatus',
    summary:
      'Setzt den Status eines Hinweises (gesehen, besprochen, geschlossen – Schließen mit Kommentar)',
    tags,
    params: idParamsSchema,
    body: patchAlertBodySchema,
    response: alertSchema,
    handler: ({ params, body }) => setAlertStatus(ctx.db, ctx.tenantId, params.id, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/alert-subscriptions',
    operationId: 'listAlertSubscriptions',
    summary: 'Abonnements von Hinweisen (E-Mail-Adresse je Gebiet, Indikator oder Regel)',
    tags,
    response: z.array(subscriptionSchema),
    handler: () => listSubscriptions(ctx.db, ctx.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/alert-subscriptions',
    operationId: 'createAlertSubscription',
    summary:
      'Legt ein Abonnement an (protokolliert; E-Mail nach jedem Prüflauf, wenn SMTP eingerichtet ist)',
    tags,
    body: subscriptionBodySchema,
    response: subscriptionSchema,
    handler: async ({ body, reply }) => {
      const sub = await createSubscription(ctx.db, ctx.tenantId, body);
      reply.code(201);
      return sub;
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/alert-subscriptions/:id',
    operationId: 'deleteAlertSubscription',
    summary: 'Löscht ein Abonnement (protokolliert)',
    tags,
    params: idParamsSchema,
    response: z.object({ deleted: z.number().int() }),
    handler: async ({ params }) => {
      await removeSubscription(ctx.db, ctx.tenantId, params.id, 'system');
      return { deleted: params.id };
    },
  });
}
