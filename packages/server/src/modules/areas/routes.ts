import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { registerAreaLifecycleRoutes } from './lifecycle-routes.ts';
import {
  areaDetailSchema,
  areaListSchema,
  areaSystemListSchema,
  mapGeometrySchema,
} from '@sozialraum/contracts/areas';
import {
  etagMatches,
  getAreaDetail,
  getMapGeometry,
  listAreaSystems,
  listAreas,
} from './service.ts';

/** Path parameter of a numeric area id. */
export const areaIdParams = z.object({
  id: z.coerce
    .number({ error: 'erwartet eine ganze Zahl (Gebietskennung)' })
    .int()
    .positive()
    .meta({ description: 'Gebietskennung (area id)' }),
});

/**
 * GET /api/area-systems, /api/area-systems/{system}/levels/{level}/geometry, /api/areas, /api/areas/{id};
 * and the lifecycle (retire, removal preview, remove).
 */
export function registerAreaRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/area-systems',
    operationId: 'listAreaSystems',
    summary: 'Gebietssysteme mit ihren Ebenen',
    tags: ['Gebiete'],
    permission: 'areas.read',
    response: areaSystemListSchema,
    handler: ({ auth }) => listAreaSystems(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/area-systems/:system/levels/:level/geometry',
    operationId: 'getLevelGeometry',
    summary: 'Vereinfachte Kartengeometrie aller Gebiete einer Ebene (GeoJSON, mit ETag)',
    tags: ['Gebiete'],
    permission: 'areas.read',
    params: z.object({ system: z.string().min(1), level: z.string().min(1) }),
    response: mapGeometrySchema,
    responseContentType: 'application/geo+json',
    etag: true,
    handler: async ({ params, request, reply, auth }) => {
      const { etag, body } = await getMapGeometry(
        ctx.db,
        auth.tenantId,
        params.system,
        params.level,
      );
      reply.header('ETag', etag).header('Cache-Control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas',
    operationId: 'listAreas',
    summary: 'Gebiete einer Ebene',
    tags: ['Gebiete'],
    permission: 'areas.read',
    querystring: z.object({
      system: z.string().min(1).meta({ description: 'Gebietssystem, z. B. lor2021' }),
      level: z.string().min(1).meta({ description: 'Ebene, z. B. plr' }),
    }),
    response: areaListSchema,
    handler: ({ query, auth }) => listAreas(ctx.db, auth.tenantId, query.system, query.level),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas/:id',
    operationId: 'getArea',
    summary: 'Ein Gebiet mit übergeordneten und untergeordneten Gebieten',
    tags: ['Gebiete'],
    permission: 'areas.read',
    params: areaIdParams,
    response: areaDetailSchema,
    handler: ({ params, auth }) => getAreaDetail(ctx.db, auth.tenantId, params.id),
  });

  registerAreaLifecycleRoutes(app, ctx);
}
