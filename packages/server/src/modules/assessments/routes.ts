// Routes of the assessments module (issue 13 § 4, ADR 0036): an area's assessments with the numbers'
// comparison and its participation signals; record, replace and withdraw. Thin: contracts parse,
// service decides, store.ts holds the SQL.
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/assessments';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import {
  createAssessment,
  getAreaAssessments,
  getAssessmentRevisions,
  replaceAssessment,
  withdrawAssessment,
} from './service.ts';

const TAGS = ['Einschätzungen'];

/** Registers the assessments routes under /api/assessments. */
export function registerAssessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessments/areas/:areaId',
    operationId: 'getAreaAssessments',
    summary:
      'Einschätzungen vor Ort eines Gebiets: jüngste je Lebenslage mit Vergleich zu den Kennzahlen, Verlauf, Beteiligungssignale',
    tags: TAGS,
    permission: 'assessments.read',
    params: c.assessmentAreaParamsSchema,
    response: c.areaAssessmentsSchema,
    handler: ({ params, auth }) => getAreaAssessments(ctx.db, auth, params.areaId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/assessments/:id/revisions',
    operationId: 'getAssessmentRevisions',
    summary:
      'Änderungen einer Einschätzung: wer wann welche Angaben von was zu was geändert hat (nur nach Anmeldung)',
    tags: TAGS,
    permission: 'assessments.read',
    params: c.assessmentIdParamsSchema,
    response: c.assessmentRevisionsSchema,
    refusals: { 404: 'Einschätzung unbekannt, nicht lesbar oder ohne Anmeldung' },
    handler: ({ params, auth }) => getAssessmentRevisions(ctx.db, auth, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/assessments',
    operationId: 'createAssessment',
    summary: 'Einschätzung abgeben (für die eigene Organisation; protokolliert)',
    tags: TAGS,
    permission: 'assessments.write',
    body: c.assessmentBodySchema,
    response: c.assessmentSchema,
    status: 201,
    location: (r) => `/api/assessments/${r.id}`,
    handler: ({ body, auth, request }) =>
      createAssessment(
        ctx.db,
        { principal: auth, actor: auditActor(auth, request, 'assessments.write') },
        body,
      ),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/assessments/:id',
    operationId: 'replaceAssessment',
    summary: 'Eigene Einschätzung ändern (ganz ersetzt; protokolliert)',
    tags: TAGS,
    permission: 'assessments.write',
    params: c.assessmentIdParamsSchema,
    body: c.assessmentBodySchema,
    response: c.assessmentSchema,
    handler: ({ params, body, auth, request }) =>
      replaceAssessment(
        ctx.db,
        { principal: auth, actor: auditActor(auth, request, 'assessments.write') },
        params.id,
        body,
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/assessments/:id/withdraw',
    operationId: 'withdrawAssessment',
    summary: 'Eigene Einschätzung zurückziehen (bleibt im Verlauf; protokolliert)',
    tags: TAGS,
    permission: 'assessments.write',
    params: c.assessmentIdParamsSchema,
    response: c.assessmentSchema,
    handler: ({ params, auth, request }) =>
      withdrawAssessment(
        ctx.db,
        { principal: auth, actor: auditActor(auth, request, 'assessments.write') },
        params.id,
      ),
  });
}
