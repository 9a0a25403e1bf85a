// Routes of supply against need (issue 12 § 3).
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/supply';
import type { AppContext } from '../../app-context.ts';
import { responseCheck, sendPrepared } from '../../http/prepared.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { getSupplyGaps } from './gaps.ts';
import { getSupplyPrepared, listSupplyTypes } from './service.ts';
import { listSupplyIndicators, storeSupplyIndicator } from './indicator-service.ts';
import { listTargets, setTarget } from './targets.ts';
import { getResidents, setResidents } from './residents.ts';
import { startSupplyRefresh } from './refresh.ts';

const TAGS = ['Versorgung'];

/**
 * GET /api/supply/types, GET /api/supply, GET /api/supply/gaps, GET|PUT /api/supply/targets(/:serviceType),
 * GET|PUT /api/supply/residents, GET|PUT /api/supply/indicators(/:serviceType).
 */
export function registerSupplyRoutes(app: FastifyInstance, ctx: AppContext): void {
  // stored supply indicators follow directory, target and population changes (ADR 0044)
  const stopRefresh = startSupplyRefresh(app.sozialraumJobs, ctx.db);
  app.addHook('onClose', async () => stopRefresh());
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

  defineRoute(app, {
    method: 'GET',
    url: '/api/supply/gaps',
    operationId: 'getSupplyGaps',
    summary:
      'Lücken: Gebiete mit hohem Bedarf (Anteil der Zielbevölkerung oder Statusindex; oberstes Fünftel oder Schwelle) ohne Angebot der Art, mit dem nächsten Angebot',
    tags: TAGS,
    permission: 'supply.read',
    querystring: c.supplyGapsQuerySchema,
    response: c.supplyGapsSchema,
    handler: ({ query, auth }) => getSupplyGaps(ctx.db, auth, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/supply/targets',
    operationId: 'listSupplyTargets',
    summary: 'Zielbevölkerung je Angebotsart: welche Bevölkerungsindikatoren sie zusammen ergeben',
    tags: TAGS,
    permission: 'supply.read',
    response: c.supplyTargetsSchema,
    handler: ({ auth }) => listTargets(ctx.db, auth.tenantId),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/supply/targets/:serviceType',
    operationId: 'setSupplyTarget',
    summary:
      'Zielbevölkerung einer Angebotsart festlegen: Zählindikatoren, deren Summe sie ist (leer = entfernen; protokolliert)',
    tags: TAGS,
    permission: 'supply.configure',
    params: c.serviceTypeParamsSchema,
    body: c.supplyTargetBodySchema,
    response: c.supplyTargetSchema,
    handler: ({ params, body, auth, request }) =>
      setTarget(
        ctx.db,
        auth,
        params.serviceType,
        body.indicatorIds,
        auditActor(auth, request, 'supply.configure'),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/supply/residents',
    operationId: 'getSupplyResidents',
    summary:
      'Einwohnende insgesamt: welcher Zählindikator alle Einwohnenden eines Gebiets zählt (Bedarf „Anteil“, Veröffentlichungsregel der Indizes)',
    tags: TAGS,
    permission: 'supply.read',
    response: c.supplyResidentsSchema,
    handler: ({ auth }) => getResidents(ctx.db, auth.tenantId),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/supply/residents',
    operationId: 'setSupplyResidents',
    summary:
      'Einwohnende insgesamt festlegen: ein Zählindikator des Mandanten (null = entfernen; protokolliert)',
    tags: TAGS,
    permission: 'supply.configure',
    body: c.supplyResidentsBodySchema,
    response: c.supplyResidentsSchema,
    handler: ({ body, auth, request }) =>
      setResidents(ctx.db, auth, body.indicatorId, auditActor(auth, request, 'supply.configure')),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/supply/indicators',
    operationId: 'listSupplyIndicators',
    summary: 'Versorgungsquoten, die als Indikatoren gespeichert sind, mit Stichtag und Stand',
    tags: TAGS,
    permission: 'supply.read',
    response: c.supplyIndicatorsSchema,
    handler: ({ auth }) => listSupplyIndicators(ctx.db, auth.tenantId),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/supply/indicators/:serviceType',
    operationId: 'storeSupplyIndicator',
    summary:
      'Versorgungsquote einer Angebotsart als Indikator speichern (alle Ebenen, jüngster Bevölkerungsstichtag; öffentliche Einträge; protokolliert)',
    tags: TAGS,
    permission: 'supply.configure',
    params: c.serviceTypeParamsSchema,
    body: c.supplyIndicatorBodySchema,
    response: c.supplyIndicatorResultSchema,
    refusals: { 409: 'Kennung schon von einem anderen Indikator belegt' },
    handler: ({ params, body, auth, request }) =>
      storeSupplyIndicator(
        ctx.db,
        auth,
        { serviceType: params.serviceType, department: body.department },
        auditActor(auth, request, 'supply.configure'),
      ),
  });
}
