// Route of the effect estimate: GET /api/effect?indicator=…&areas=1,2&start=YYYY-MM-DD[&level=…].
import type { FastifyInstance } from 'fastify';
import { effectEstimateSchema, effectQuerySchema } from '@sozialraum/contracts/effect';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { estimateEffect } from './service.ts';

/** GET /api/effect. */
export function registerEffectRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/effect',
    operationId: 'estimateEffect',
    summary:
      'Wirkung schätzen: Veränderung in den Maßnahmengebieten gegenüber ähnlichen Gebieten (Differenz-von-Differenzen, 95-%-Placebo-Intervall, Vortrend)',
    tags: ['Wirkung'],
    permission: 'effect.read',
    querystring: effectQuerySchema,
    response: effectEstimateSchema,
    handler: ({ query, auth }) =>
      estimateEffect(ctx.db, auth.tenantId, auth, {
        indicatorId: query.indicator,
        areaIds: query.areas,
        start: query.start,
        level: query.level,
      }),
  });
}
