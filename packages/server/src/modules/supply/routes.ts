// Routes of supply against need (issue 12 § 3).
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/supply';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { getSupply, listSupplyTypes } from './service.ts';

const TAGS = ['Versorgung'];

/** GET /api/supply/types, GET /api/supply. */
export function registerSupplyRoutes(app: FastifyInstance, ctx: AppContext): void {
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
    handler: ({ query, auth }) => getSupply(ctx.db, auth, query),
  });
}
