import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { type Principal, listDepartments } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import { alertDetectionJob } from './detect-job.ts';
import { assertCanEditRule, assertOwnSubscription, ownsSubscription } from './policy.ts';
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
  alertListSchema,
  ruleListSchema,
  subscriptionDeletedSchema,
  subscriptionListSchema,
} from '@sozialraum/contracts/alerts';
import {
  createRule,
  createSubscription,
  editRule,
  removeSubscription,
  setAlertStatus,
} from './service.ts';
import { listAlerts, listRules, listSubscriptions, type AlertRule } from './store.ts';
import {
  alertReader,
  alertVisible,
  filterVisible,
  ruleVisible,
  type AlertReader,
} from './visibility.ts';

type DetectResult = z.output<typeof detectResultSchema>;

async function requireDepartment(ctx: AppContext, tenantId: string, id: string): Promise<void> {
  if (!(await listDepartments(ctx.db, tenantId)).some((d) => d.id === id))
    throw badRequest(`Die Abteilung „${id}“ gibt es nicht.`, [
      { in: 'body', field: 'department', reason: 'unbekannt' },
    ]);
}

/** 400 for an indicator or rule the person may not read, in the words used for unknown ones. */
async function requireSubscribable(
  ctx: AppContext,
  auth: Principal,
  body: { indicatorId: string | null; ruleId: string | null },
): Promise<void> {
  const reader = await alertReader(ctx.db, auth);
  if (body.indicatorId !== null && !reader.indicator(body.indicatorId))
    throw badRequest(`Abonnement: Indikator „${body.indicatorId}“ gibt es nicht.`);
  if (body.ruleId !== null) {
    const rule = (await listRules(ctx.db, auth.tenantId)).find((r) => r.id === body.ruleId);
    if (!rule || !(await ruleVisible(rule, reader)))
      throw badRequest(`Abonnement: Regel „${body.ruleId}“ gibt es nicht.`);
  }
}

/** The detection answer reduced to the rules this person may read (totals over those). */
async function visibleOutcomes(
  reader: AlertReader,
  rules: AlertRule[],
  result: DetectResult,
): Promise<DetectResult> {
  const visible = new Set(
    (await filterVisible(rules, (r) => ruleVisible(r, reader))).map((r) => r.id),
  );
  const outcomes = result.rules.filter((o) => visible.has(o.ruleId));
  const sum = (k: 'raised' | 'heldBack' | 'existing') => outcomes.reduce((n, o) => n + o[k], 0);
  return {
    ...result,
    raised: sum('raised'),
    heldBack: sum('heldBack'),
    existing: sum('existing'),
    rules: outcomes,
  };
}

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
    permission: 'alerts.read',
    response: ruleListSchema,
    // rules naming an indicator or index the person may not read are not shown to her
    handler: async ({ auth }) => {
      const reader = await alertReader(ctx.db, auth);
      return filterVisible(await listRules(ctx.db, auth.tenantId), (r) => ruleVisible(r, reader));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/alert-rules',
    operationId: 'createAlertRule',
    summary: 'Legt eine Regel an (protokolliert)',
    tags,
    permission: 'alerts.rules',
    body: ruleBodySchema,
    response: ruleSchema,
    status: 201,
    location: (rule) => `/api/alert-rules/${rule.id}`,
    refusals: { 409: 'Kennung schon vergeben' },
    handler: async ({ body, auth, request }) => {
      await requireDepartment(ctx, auth.tenantId, body.department);
      assertCanEditRule(auth, body.department, body.id);
      const rule = await createRule(
        ctx.db,
        auth.tenantId,
        { ...body, actor: auditActor(auth, request, 'alerts.rules') },
        await alertReader(ctx.db, auth),
      );
      return rule;
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/alert-rules/:id',
    operationId: 'updateAlertRule',
    summary: 'Ändert Name, Parameter oder Aktiv-Schalter einer Regel (protokolliert)',
    tags,
    permission: 'alerts.rules',
    params: ruleIdParamsSchema,
    body: patchRuleBodySchema,
    response: ruleSchema,
    handler: async ({ params, body, auth, request }) => {
      const reader = await alertReader(ctx.db, auth);
      const rule = (await listRules(ctx.db, auth.tenantId)).find((r) => r.id === params.id);
      if (!rule || !(await ruleVisible(rule, reader)))
        throw notFound(`Regel „${params.id}“ gibt es nicht.`);
      assertCanEditRule(auth, rule.department, rule.id);
      return editRule(
        ctx.db,
        auth.tenantId,
        params.id,
        { ...body, actor: auditActor(auth, request, 'alerts.rules') },
        reader,
      );
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/alerts/detect',
    operationId: 'detectAlerts',
    summary:
      'Prüft alle aktiven Regeln am jüngsten Paar von Stichtagen; legt neue Frühwarnungen an, Rauschen wird zurückgehalten',
    tags,
    permission: 'alerts.detect',
    body: detectBodySchema,
    response: detectResultSchema,
    // Detection runs every rule; the answer shows only the outcomes of rules the person may read.
    handler: async ({ auth, request }) => {
      // a job like the scheduled run (ADR 0025); the person waits for it, so no retries here
      const job = await app.sozialraumJobs.start(
        auth.tenantId,
        alertDetectionJob(app, ctx, {
          actor: auditActor(auth, request, 'alerts.detect'),
          retries: 0,
        }),
        {},
        { startedBy: auth.name, userId: auth.userId },
      );
      const result = await job.done;
      return visibleOutcomes(
        await alertReader(ctx.db, auth),
        await listRules(ctx.db, auth.tenantId),
        result,
      );
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/alerts',
    operationId: 'listAlerts',
    summary: 'Frühwarnungen, neueste zuerst (Filter: status, area, indicator)',
    tags,
    permission: 'alerts.read',
    querystring: alertsQuerySchema,
    response: alertListSchema,
    // Alerts about an indicator the person may not read are not shown to them.
    handler: async ({ query, auth }) => {
      const reader = await alertReader(ctx.db, auth);
      return filterVisible(await listAlerts(ctx.db, auth.tenantId, query), (a) =>
        alertVisible(a, reader),
      );
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/alerts/:id',
    operationId: 'updateAlertStatus',
    summary:
      'Setzt den Status einer Frühwarnung (gesehen, besprochen, geschlossen – Schließen mit Kommentar)',
    tags,
    permission: 'alerts.handle',
    params: idParamsSchema,
    body: patchAlertBodySchema,
    response: alertSchema,
    handler: async ({ params, body, auth, request }) => {
      const [alert] = await listAlerts(ctx.db, auth.tenantId, { id: params.id });
      if (!alert || !(await alertVisible(alert, await alertReader(ctx.db, auth))))
        throw notFound(`Frühwarnung ${params.id} gibt es nicht.`);
      return setAlertStatus(ctx.db, auth.tenantId, params.id, {
        ...body,
        actor: auditActor(auth, request, 'alerts.handle'),
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/alert-subscriptions',
    operationId: 'listAlertSubscriptions',
    summary: 'Abonnements von Frühwarnungen (E-Mail-Adresse je Gebiet, Indikator oder Regel)',
    tags,
    permission: 'alerts.subscribe',
    response: subscriptionListSchema,
    // Everyone sees and manages their own subscriptions; 'alerts.rules_all' sees all of the tenant.
    handler: async ({ auth }) =>
      (await listSubscriptions(ctx.db, auth.tenantId)).filter((s) =>
        ownsSubscription(auth, s.email),
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/alert-subscriptions',
    operationId: 'createAlertSubscription',
    summary:
      'Legt ein Abonnement an (protokolliert; E-Mail nach jedem Prüflauf, wenn SMTP eingerichtet ist)',
    tags,
    permission: 'alerts.subscribe',
    body: subscriptionBodySchema,
    response: subscriptionSchema,
    status: 201,
    location: (sub) => `/api/alert-subscriptions/${sub.id}`,
    handler: async ({ body, auth, request }) => {
      assertOwnSubscription(auth, body.email, 'anlegen');
      await requireSubscribable(ctx, auth, body);
      const sub = await createSubscription(ctx.db, auth.tenantId, {
        ...body,
        actor: auditActor(auth, request, 'alerts.subscribe'),
      });
      return sub;
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/alert-subscriptions/:id',
    operationId: 'deleteAlertSubscription',
    summary: 'Löscht ein Abonnement (protokolliert)',
    tags,
    permission: 'alerts.subscribe',
    params: idParamsSchema,
    response: subscriptionDeletedSchema,
    handler: async ({ params, auth, request }) => {
      const sub = (await listSubscriptions(ctx.db, auth.tenantId)).find((x) => x.id === params.id);
      if (sub) assertOwnSubscription(auth, sub.email, 'löschen');
      await removeSubscription(
        ctx.db,
        auth.tenantId,
        params.id,
        auditActor(auth, request, 'alerts.subscribe'),
      );
      return { deleted: params.id };
    },
  });
}
