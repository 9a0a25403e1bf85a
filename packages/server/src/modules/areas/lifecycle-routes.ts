// Routes of the area lifecycle: retire an area (end date, values stay), preview its removal, remove it
// after confirming the preview's counts. Administration of the shared area base: imports.areas.
import type { FastifyInstance } from 'fastify';
import {
  removalPreviewSchema,
  removeBodySchema,
  retireBodySchema,
  retireResultSchema,
} from '@sozialraum/contracts/areas';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { previewAreaRemoval, removeArea, retireArea } from './lifecycle.ts';
import { areaIdParams } from './routes.ts';

/** POST /api/areas/{id}/retire, GET /api/areas/{id}/removal, DELETE /api/areas/{id}. */
export function registerAreaLifecycleRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/areas/:id/retire',
    operationId: 'retireArea',
    summary: 'Gebiet auflösen: es bleibt mit seinen Werten erhalten und gilt bis zum Enddatum',
    tags: ['Gebiete'],
    permission: 'imports.areas',
    params: areaIdParams,
    body: retireBodySchema,
    response: retireResultSchema,
    refusals: { 409: 'Schon aufgelöst, Werte nach dem Enddatum oder noch geltende Teilgebiete' },
    handler: ({ params, body, auth, request }) =>
      retireArea(
        ctx.db,
        auth.tenantId,
        params.id,
        body.validTo,
        auditActor(auth, request, 'imports.areas'),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas/:id/removal',
    operationId: 'previewAreaRemoval',
    summary:
      'Vorschau: was mit dem Gebiet entfernt würde (Werte, Standort-Zuordnungen, Frühwarnungen, Abos)',
    tags: ['Gebiete'],
    permission: 'imports.areas',
    params: areaIdParams,
    response: removalPreviewSchema,
    handler: ({ params, auth }) => previewAreaRemoval(ctx.db, auth.tenantId, params.id),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/areas/:id',
    operationId: 'removeArea',
    summary:
      'Gebiet entfernen mit allem, was an ihm hängt – nur mit den bestätigten Zahlen der Vorschau',
    tags: ['Gebiete'],
    permission: 'imports.areas',
    params: areaIdParams,
    body: removeBodySchema,
    response: removalPreviewSchema,
    refusals: { 409: 'Nicht entfernbar, oder seit der Vorschau geändert (Zahlen neu bestätigen)' },
    handler: ({ params, body, auth, request }) =>
      removeArea(
        ctx.db,
        auth.tenantId,
        params.id,
        body.confirm,
        auditActor(auth, request, 'imports.areas'),
      ),
  });
}
