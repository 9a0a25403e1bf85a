// Route of the effect estimate: GET /api/effect?indicator=…&areas=1,2&start=YYYY-MM-DD[&level=…].
import type { FastifyInstance } from 'fastify';
import { effectEstimateSchema, effectQuerySchema } from '@sozialraum/contracts/effect';
import type { AppContext } from '../../app-context.ts';
import { responseCheck, sendPrepared } from '../../http/prepared.ts';
import { defineRoute } from '../../http/route.ts';
import { estimateEffectPrepared } from './service.ts';

/** GET /api/effect. */
export function registerEffectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const check = responseCheck(app, effectEstimateSchema, 'estimateEffect');
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
    etag: true,
    // prepared bytes with ETag and gzip, once per data version and reader class (service.ts)
    handler: async ({ query, auth, request, reply }) =>
      sendPrepared(
        request,
        reply,
        await estimateEffectPrepared(
          ctx.db,
          auth,
          {
            indicatorId: query.indicator,
            areaIds: query.areas,
            start: query.start,
            level: query.level,
          },
          check,
        ),
      ),
  });
}
