// Routes of the measures module (issue 14 § 2): list with filters, one measure, the form's options,
// create and replace. Thin: contracts parse, service and write.ts decide, store.ts holds the SQL.
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/measures';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import {
  getMeasure,
  getMeasureOptions,
  listMeasures,
  listReadableMeasureSignals,
} from './service.ts';
import { createMeasureFromBody, deleteMeasure, updateMeasure } from './write.ts';

const TAGS = ['Maßnahmen'];

/** Registers the measures routes under /api/measures. */
export function registerMeasureRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/measures',
    operationId: 'listMeasures',
    summary:
      'Maßnahmen (öffentliche für alle, interne nach Anmeldung), nach Gebiet, Lebenslage, Abteilung, Status',
    tags: TAGS,
    permission: 'measures.read',
    querystring: c.measureListQuerySchema,
    response: c.measureListSchema,
    handler: ({ query, auth }) => listMeasures(ctx.db, auth, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/measures/options',
    operationId: 'getMeasureOptions',
    summary:
      'Auswahllisten des Maßnahmen-Formulars (Abteilungen, Organisationen, übergeordnete Maßnahmen)',
    tags: TAGS,
    permission: 'measures.read',
    response: c.measureOptionsSchema,
    handler: ({ auth }) => getMeasureOptions(ctx.db, auth),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/measures/signals',
    operationId: 'listMeasureSignals',
    summary:
      'Überfällige und vom Ziel abweichende Maßnahmen (für den Hinweis-Feed neben den Frühwarnungen)',
    tags: TAGS,
    permission: 'measures.read',
    response: c.measureSignalListSchema,
    handler: ({ auth }) => listReadableMeasureSignals(ctx.db, auth),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/measures/:id',
    operationId: 'getMeasure',
    summary:
      'Eine Maßnahme mit Zielen (Ist-Verlauf gegen Zielpfad), Meilensteinen, Herkunft und Verlauf',
    tags: TAGS,
    permission: 'measures.read',
    params: c.measureIdParamsSchema,
    response: c.measureDetailSchema,
    handler: ({ params, auth }) => getMeasure(ctx.db, auth, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/measures',
    operationId: 'createMeasure',
    summary: 'Maßnahme anlegen (ohne Konferenz beschlossen); Ausgangswerte der Ziele aus den Daten',
    tags: TAGS,
    permission: 'measures.edit',
    body: c.measureBodySchema,
    response: c.measureCreatedSchema,
    status: 201,
    location: (r) => `/api/measures/${r.id}`,
    handler: ({ body, auth, request }) =>
      createMeasureFromBody(
        ctx.db,
        { principal: auth, actor: auditActor(auth, request, 'measures.edit') },
        body,
      ),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/measures/:id',
    operationId: 'updateMeasure',
    summary: 'Maßnahme ändern (ganz ersetzt; protokolliert)',
    tags: TAGS,
    permission: 'measures.edit',
    params: c.measureIdParamsSchema,
    body: c.measureBodySchema,
    response: c.measureCreatedSchema,
    handler: ({ params, body, auth, request }) =>
      updateMeasure(
        ctx.db,
        { principal: auth, actor: auditActor(auth, request, 'measures.edit') },
        params.id,
        body,
      ),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/measures/:id',
    operationId: 'deleteMeasure',
    summary:
      'Maßnahme löschen (protokolliert); abgelehnt, solange Geld auf ihr gebucht ist oder sie Teilmaßnahmen hat',
    tags: TAGS,
    permission: 'measures.edit',
    params: c.measureIdParamsSchema,
    response: c.measureDeletedSchema,
    refusals: { 409: 'Geld auf der Maßnahme gebucht oder Teilmaßnahmen vorhanden' },
    handler: ({ params, auth, request }) =>
      deleteMeasure(
        ctx.db,
        { principal: auth, actor: auditActor(auth, request, 'measures.edit') },
        params.id,
      ),
  });
}
