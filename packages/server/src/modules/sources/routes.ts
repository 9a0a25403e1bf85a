import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { sourceSchema } from './schema.ts';
import { listSources } from './service.ts';

/** GET /api/sources. */
export function registerSourceRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/sources',
    operationId: 'listSources',
    summary: 'Alle Datenquellen mit Lizenz und Namensnennung',
    tags: ['Quellen'],
    permission: 'sources.read',
    response: z.array(sourceSchema),
    handler: ({ auth }) => listSources(ctx.db, auth.tenantId),
  });
}
