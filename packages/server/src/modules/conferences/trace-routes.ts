// Routes of the trace (issue 14 § 2, „trace both ways“) under /api/trace: for an alert, an agenda
// item, a decision and a measure where it came from and what became of it; for the alert feed what
// became of every alert at once. Each route needs the read right of its record kind; what lies on
// the way is shown as the reader may see it (trace.ts).
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/trace';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import type { Permission } from '../access/index.ts';
import * as trace from './trace.ts';

const TAGS = ['Nachverfolgung'];

/** Registers the trace routes. */
export function registerTraceRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/trace/alerts',
    operationId: 'listAlertOutcomes',
    summary:
      'Was ist aus den Frühwarnungen geworden? Tagesordnungspunkte, Beschlüsse, Maßnahmen je Frühwarnung',
    tags: TAGS,
    permission: 'alerts.read',
    response: c.alertOutcomeListSchema,
    handler: ({ auth }) => trace.listAlertOutcomes(ctx.db, auth),
  });
  const one = (
    kind: 'alerts' | 'agenda-items' | 'decisions' | 'measures',
    operationId: string,
    summary: string,
    permission: Permission,
    run: typeof trace.traceAlert,
  ) =>
    defineRoute(app, {
      method: 'GET',
      url: `/api/trace/${kind}/:id`,
      operationId,
      summary,
      tags: TAGS,
      permission,
      params: c.traceIdParamsSchema,
      response: c.traceSchema,
      handler: ({ params, auth }) => run(ctx.db, auth, params.id),
    });
  one(
    'alerts',
    'traceAlert',
    'Frühwarnung: was daraus geworden ist (Tagesordnungspunkte mit Sitzung und Status, Beschlüsse, Maßnahmen, Ziele)',
    'alerts.read',
    trace.traceAlert,
  );
  one(
    'agenda-items',
    'traceAgendaItem',
    'Tagesordnungspunkt: woher er kommt (Frühwarnung, Anlass) und was daraus geworden ist (Beschlüsse, Maßnahmen)',
    'conferences.read',
    trace.traceAgendaItem,
  );
  one(
    'decisions',
    'traceDecision',
    'Beschluss: woher er kommt (Tagesordnungspunkt, Frühwarnung) und was daraus geworden ist (Maßnahme, Ziele)',
    'conferences.read',
    trace.traceDecision,
  );
  one(
    'measures',
    'traceMeasure',
    'Maßnahme: woher sie kommt (Beschluss, Tagesordnungspunkt, Frühwarnung – oder ohne Sitzung) und ihre Ziele',
    'measures.read',
    trace.traceMeasure,
  );
}
