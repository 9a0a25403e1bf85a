// Routes of the surveys module (issue 13 § 3, ADR 0038): public reading and answering, the
// planners' questionnaire editor, status, results, exports and results as indicators. Thin:
// parsing by the contract, rules in service files, SQL in store.ts.
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/surveys';
import type { AppContext } from '../../app-context.ts';
import { registerFreeTextRoutes } from './moderation-routes.ts';
import { tooManyRequests } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { RateLimit } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import { participationActor } from '../participation/index.ts';
import { createSurveyIndicator } from './indicator-service.ts';
import { exportRows, getResults, answersCsv, answersXlsx } from './results-service.ts';
import * as service from './service.ts';

/** Responses per IP address and window, on top of the proof of work (as participation's reports). */
export const RESPONSES_PER_IP = { limit: 30, windowMs: 10 * 60_000 } as const;

const TAGS = ['Befragungen'];

/** Registers the survey routes under /api/surveys. */
export function registerSurveyRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerPublicRoutes(app, ctx);
  registerEditorRoutes(app, ctx);
  registerResultRoutes(app, ctx);
  registerFreeTextRoutes(app, ctx);
}

function registerPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const responses = new RateLimit(RESPONSES_PER_IP.limit, RESPONSES_PER_IP.windowMs);
  defineRoute(app, {
    method: 'GET',
    url: '/api/surveys/public',
    operationId: 'listOpenSurveys',
    summary: 'Offene Befragungen (heute beantwortbar)',
    tags: TAGS,
    permission: 'surveys.read',
    response: c.publicSurveyListSchema,
    handler: ({ auth }) => service.listOpenSurveys(ctx.db, auth),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/surveys/public/:id',
    operationId: 'getPublicSurvey',
    summary:
      'Fragebogen einer offenen Befragung (oder einer beendeten mit freigegebenen Ergebnissen)',
    tags: TAGS,
    permission: 'surveys.read',
    params: c.surveyIdParamsSchema,
    response: c.publicSurveySchema,
    handler: ({ params, auth }) => service.getPublicSurvey(ctx.db, auth, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/surveys/:id/responses',
    operationId: 'answerSurvey',
    summary: 'Eine Befragung beantworten (einmal je Browser; gelöste Sicherheitsaufgabe)',
    description:
      'Die Sicherheitsaufgabe kommt von GET /api/participation/challenge. Gespeichert werden nur die Antworten und der Tag; die Browser-Kennung nur als Hash, getrennt von den Antworten.',
    tags: TAGS,
    permission: 'surveys.answer',
    params: c.surveyIdParamsSchema,
    body: c.surveyResponseSchema,
    response: c.surveyResponseAcceptedSchema,
    refusals: {
      409: 'Befragung nicht offen, oder dieser Browser hat schon teilgenommen',
      429: 'Zu viele Antworten von dieser Adresse',
    },
    handler: ({ params, body, auth, request }) => {
      const wait = responses.hit(request.ip);
      if (wait > 0)
        throw tooManyRequests(
          `Zu viele Antworten von diesem Anschluss. Bitte in ${Math.ceil(wait / 60_000)} Minuten erneut versuchen.`,
          wait,
        );
      return service.submitResponse(
        ctx.db,
        auth,
        params.id,
        body,
        participationActor(auth, request, 'surveys.answer'),
      );
    },
  });
}

function registerEditorRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/surveys',
    operationId: 'listSurveys',
    summary: 'Alle Befragungen der Kommune (Entwürfe, offene, beendete)',
    tags: TAGS,
    permission: 'surveys.edit',
    response: c.surveyListSchema,
    handler: ({ auth }) => service.listSurveys(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/surveys',
    operationId: 'createSurvey',
    summary: 'Befragung als Entwurf anlegen (Fragebogen wird geprüft)',
    tags: TAGS,
    permission: 'surveys.edit',
    body: c.surveyInputSchema,
    response: c.surveySchema,
    status: 201,
    location: (s) => `/api/surveys/${s.id}`,
    handler: ({ body, auth, request }) =>
      service.createSurvey(ctx.db, auth.tenantId, body, auditActor(auth, request, 'surveys.edit')),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/surveys/:id',
    operationId: 'getSurvey',
    summary: 'Eine Befragung mit Fragebogen und Zahl der Antworten',
    tags: TAGS,
    permission: 'surveys.edit',
    params: c.surveyIdParamsSchema,
    response: c.surveySchema,
    handler: async ({ params, auth }) =>
      service.toSurvey(await service.loadSurvey(ctx.db, auth.tenantId, params.id)),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/surveys/:id',
    operationId: 'updateSurvey',
    summary: 'Befragung ändern (die Fragen nur, solange es keine Antworten gibt)',
    tags: TAGS,
    permission: 'surveys.edit',
    params: c.surveyIdParamsSchema,
    body: c.surveyInputSchema,
    response: c.surveySchema,
    refusals: { 409: 'Es gibt schon Antworten' },
    handler: ({ params, body, auth, request }) =>
      service.updateSurvey(
        ctx.db,
        auth.tenantId,
        params.id,
        body,
        auditActor(auth, request, 'surveys.edit'),
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/surveys/:id/status',
    operationId: 'setSurveyStatus',
    summary: 'Befragung öffnen, beenden oder wieder öffnen',
    tags: TAGS,
    permission: 'surveys.edit',
    params: c.surveyIdParamsSchema,
    body: c.surveyStatusChangeSchema,
    response: c.surveySchema,
    refusals: { 409: 'Zurück zum Entwurf nur ohne Antworten' },
    handler: ({ params, body, auth, request }) =>
      service.setSurveyStatus(
        ctx.db,
        auth.tenantId,
        params.id,
        body.status,
        auditActor(auth, request, 'surveys.edit'),
      ),
  });
}

function registerResultRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/surveys/:id/results',
    operationId: 'getSurveyResults',
    summary: 'Ergebnisse je Gebiet mit n und 95-%-Intervall; Zellen unter 5 Antworten gesperrt',
    description:
      'Öffentlich, sobald die Befragung beendet und ihre Ergebnisse freigegeben sind; für die Verwaltung (surveys.edit) jederzeit. Freitext nie.',
    tags: TAGS,
    permission: 'surveys.read',
    params: c.surveyIdParamsSchema,
    response: c.surveyResultsSchema,
    handler: ({ params, auth }) => getResults(ctx.db, auth, params.id),
  });

  for (const format of ['csv', 'xlsx'] as const) {
    defineRoute(app, {
      method: 'GET',
      url: `/api/surveys/:id/export.${format}`,
      operationId: format === 'csv' ? 'exportSurveyCsv' : 'exportSurveyXlsx',
      summary:
        format === 'csv'
          ? 'Anonymisierte Antworten als CSV (Semikolon, UTF-8 mit BOM)'
          : 'Anonymisierte Antworten als Excel-Datei (.xlsx)',
      description:
        'Laufende Nummer statt Kennung, Monat statt Tag; Freitext nur mit freeText=true. Jeder Export wird protokolliert.',
      tags: TAGS,
      permission: 'surveys.edit',
      params: c.surveyIdParamsSchema,
      querystring: c.surveyExportQuerySchema,
      response: c.surveyCsvSchema,
      responseContentType:
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ params, query, auth, request, reply }) => {
        const { rows } = await exportRows(
          ctx.db,
          auth,
          params.id,
          query.freeText,
          format,
          auditActor(auth, request, 'surveys.edit'),
        );
        const name = `befragung-${params.id}.${format}`;
        reply.header('Content-Disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return answersCsv(rows);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(Buffer.from(answersXlsx(rows)));
      },
    });
  }

  defineRoute(app, {
    method: 'POST',
    url: '/api/surveys/:id/indicators',
    operationId: 'createSurveyIndicator',
    summary: 'Ergebnis als Indikator übernehmen (Anteil einer Antwort oder Mittelwert einer Skala)',
    description: 'Quelle und Methodenhinweis tragen „Befragung, nicht repräsentativ, n = …“.',
    tags: TAGS,
    permission: 'surveys.edit',
    params: c.surveyIdParamsSchema,
    body: c.surveyIndicatorInputSchema,
    response: c.surveyIndicatorCreatedSchema,
    status: 201,
    location: (r) => `/api/indicators/${r.indicatorId}`,
    refusals: { 409: 'Befragung läuft noch, oder den Indikator gibt es schon' },
    handler: ({ params, body, auth, request }) =>
      createSurveyIndicator(
        ctx.db,
        auth,
        params.id,
        body,
        auditActor(auth, request, 'surveys.edit'),
      ),
  });
}
