// Client of the alerts capability: the feed of early warnings, detection, rules and e-mail
// subscriptions. Types from the contract (z.input for bodies: the server fills defaults).
import type * as c from '@sozialraum/contracts/alerts';
import type { z } from 'zod';
import { enc, json, q, request } from './http.ts';

export type AlertStatus = z.output<typeof c.alertStatusSchema>;
/** One early warning of the feed (GET /api/alerts). */
export type AlertItem = z.output<typeof c.alertSchema>;
/** Outcome of POST /api/alerts/detect. */
export type AlertDetection = z.output<typeof c.detectResultSchema>;
/** An early-warning rule (GET /api/alert-rules). */
export type AlertRule = z.output<typeof c.ruleSchema>;
/** Params of an indicator-change rule (the server fills defaults). */
export type IndicatorChangeParams = z.input<typeof c.indicatorChangeParams>;
/** Params of a class-change or repeated-negative-dynamics rule. */
export type IndexRuleParams = z.input<typeof c.indexParams>;
/** An e-mail subscription of alerts (null = any area, indicator or rule). */
export type AlertSubscription = z.output<typeof c.subscriptionSchema>;

export const alertsApi = {
  alerts: (p: { status?: AlertStatus | null; area?: number | null } = {}) =>
    request<z.output<typeof c.alertListSchema>>(
      `/api/alerts${q({ status: p.status ?? null, area: p.area ?? null })}`,
    ),
  detectAlerts: () => request<AlertDetection>('/api/alerts/detect', json('POST', {})),
  alertRules: () => request<z.output<typeof c.ruleListSchema>>('/api/alert-rules'),
  createAlertRule: (
    body: Extract<
      z.input<typeof c.ruleBodySchema>,
      { kind: 'indicator_change' | 'participation_signal' }
    >,
  ) => request<AlertRule>('/api/alert-rules', json('POST', body)),
  updateAlertRule: (id: string, patch: z.input<typeof c.patchRuleBodySchema>) =>
    request<AlertRule>(`/api/alert-rules/${enc(id)}`, json('PATCH', patch)),
  setAlertStatus: (id: number, status: AlertStatus, comment?: string) =>
    request<AlertItem>(
      `/api/alerts/${id}`,
      json('PATCH', { status, comment } satisfies z.input<typeof c.patchAlertBodySchema>),
    ),
  alertSubscriptions: () =>
    request<z.output<typeof c.subscriptionListSchema>>('/api/alert-subscriptions'),
  createAlertSubscription: (body: z.input<typeof c.subscriptionBodySchema>) =>
    request<AlertSubscription>('/api/alert-subscriptions', json('POST', body)),
  deleteAlertSubscription: (id: number) =>
    request<z.output<typeof c.subscriptionDeletedSchema>>(`/api/alert-subscriptions/${id}`, {
      method: 'DELETE',
    }),
};
