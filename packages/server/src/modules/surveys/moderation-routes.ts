// Routes of the moderation of survey free text (ADR 0041): planners with surveys.edit.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import * as c from '@sozialraum/contracts/surveys';
import { listFreeText, moderateFreeText } from './moderation.ts';

const TAGS = ['Befragungen'];

/** GET /api/surveys/{id}/free-text and POST /api/surveys/{id}/free-text/moderation. */
export function registerFreeTextRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/surveys/:id/free-text',
    operationId: 'listSurveyFreeText',
    summary: 'Freitextantworten einer Befragung mit Moderationsstand (ohne Tag, nur Monat)',
    tags: TAGS,
    permission: 'surveys.edit',
    params: c.surveyIdParamsSchema,
    response: c.freeTextAnswerListSchema,
    handler: ({ params, auth }) => listFreeText(ctx.db, auth.tenantId, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/surveys/:id/free-text/moderation',
    operationId: 'moderateSurveyFreeText',
    summary: 'Eine Freitextantwort mit Grund ausblenden oder wieder zeigen (nicht im Export)',
    tags: TAGS,
    permission: 'surveys.edit',
    params: c.surveyIdParamsSchema,
    body: c.freeTextModerationSchema,
    response: c.freeTextAnswerListSchema,
    handler: ({ params, body, auth, request }) =>
      moderateFreeText(
        ctx.db,
        auth.tenantId,
        params.id,
        body,
        auditActor(auth, request, 'surveys.edit'),
      ),
  });
}
