import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { sourceListSchema, sourcePatchSchema, sourceSchema } from '@sozialraum/contracts/sources';
import { editSource, listSources } from './service.ts';

/**
 * GET /api/sources, PATCH /api/sources/:id. `onChange` runs after a source changed (the app passes
 * the catalogue's cache invalidation: the catalogue carries each indicator's source and licence).
 */
export function registerSourceRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  onChange: () => void = () => undefined,
): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/sources',
    operationId: 'listSources',
    summary: 'Alle Datenquellen mit Lizenz und Namensnennung',
    tags: ['Quellen'],
    permission: 'sources.read',
    response: sourceListSchema,
    handler: ({ auth }) => listSources(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/sources/:id',
    operationId: 'updateSource',
    summary:
      'Ändert Titel, Herausgeber, Lizenz oder Namensnennung einer Quelle (protokolliert; Importe ändern Quellen nie)',
    tags: ['Quellen'],
    permission: 'sources.edit',
    params: z.object({ id: z.string().min(1).max(60) }),
    body: sourcePatchSchema,
    response: sourceSchema,
    handler: async ({ params, body, auth, request }) => {
      const source = await editSource(
        ctx.db,
        auth.tenantId,
        params.id,
        body,
        auditActor(auth, request, 'sources.edit'),
      );
      onChange();
      return source;
    },
  });
}
