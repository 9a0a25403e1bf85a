// Routes of supply against need (issue 12 § 3).
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/supply';
import type { AppContext } from '../../app-context.ts';
import { responseCheck, sendPrepared } from '../../http/prepared.ts';
import { defineRoute } from '../../http/route.ts';
import { getSupplyPrepared, listSupplyTypes } from './service.ts';

const TAGS = ['Versorgung'];

/** GET /api/supply/types, GET /api/supply. */
export function registerSupplyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const check = responseCheck(app, c.supplySchema, 'getSupply');
  defineRoute(app, {
    method: 'GET',
    url: '/api/supply/types',
    operationId: 'listSupplyTypes',
    summary: 'Angebotsarten mit Bezugsgröße (Plätze je 100 …) und ob ihre Zielbevölkerung vorliegt',
    tags: TAGS,
    permission: 'supply.read',
    response: c.supplyTypesSchema,
    handler: ({ auth }) => listSupplyTypes(ctx.db, auth),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/supply',
    operationId: 'getSupply',
    summary:
      'Versorgung gegen Bedarf je Gebiet: Plätze je Zielbevölkerung, Lücke zum Stadtwert, Erreichbarkeit (mit Methode und Herkunft)',
    tags: TAGS,
    permission: 'supply.read',
    querystring: c.supplyQuerySchema,
    response: c.supplySchema,
    etag: true,
    // prepared bytes with ETag and gzip, once per data version and reader class (ADR 0042)
    handler: async ({ query, auth, request, reply }) =>
      sendPrepared(request, reply, await getSupplyPrepared(ctx.db, auth, query, check)),
  });
}
