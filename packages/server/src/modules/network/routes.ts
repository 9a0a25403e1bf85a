// Routes of the actor network (issue 12 § 2): links, work areas, "who is active here", the graph
// and its exports (GraphML, CSV).
import type { FastifyInstance } from 'fastify';
import { toEdgeCsv, toGraphml } from '@sozialraum/core';
import * as c from '@sozialraum/contracts/network';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import * as service from './service.ts';

const TAGS = ['Akteursnetz'];

/** GET/POST /api/network/links, DELETE …/:id, PUT …/organisations/:id/areas, GET …/areas/:id/actors, graph. */
export function registerNetworkRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerLinkRoutes(app, ctx);
  registerReadRoutes(app, ctx);
}

function registerLinkRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/network/links',
    operationId: 'listNetworkLinks',
    summary: 'Kooperationen zwischen Organisationen (Art, Zeitraum, Lebenslagen)',
    tags: TAGS,
    permission: 'network.read',
    response: c.linkListSchema,
    handler: ({ auth }) => service.listLinks(ctx.db, auth),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/network/links',
    operationId: 'createNetworkLink',
    summary: 'Kooperation eintragen (eine der Organisationen muss die eigene sein; protokolliert)',
    tags: TAGS,
    permission: 'network.edit_own',
    body: c.linkBodySchema,
    response: c.linkSchema,
    status: 201,
    location: (l) => `/api/network/links/${l.id}`,
    refusals: { 409: 'Diese Kooperation gibt es schon' },
    handler: ({ body, auth, request }) =>
      service.createLink(ctx.db, auth, body, auditActor(auth, request, 'network.edit_own')),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/network/links/:id',
    operationId: 'deleteNetworkLink',
    summary: 'Kooperation entfernen (protokolliert)',
    tags: TAGS,
    permission: 'network.edit_own',
    params: c.linkIdParamsSchema,
    response: c.linkDeletedSchema,
    handler: async ({ params, auth, request }) => {
      await service.removeLink(
        ctx.db,
        auth,
        params.id,
        auditActor(auth, request, 'network.edit_own'),
      );
      return { deleted: true };
    },
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/network/organisations/:id/areas',
    operationId: 'setNetworkWorkAreas',
    summary: 'Arbeitsgebiete einer Organisation ersetzen (protokolliert)',
    tags: TAGS,
    permission: 'network.edit_own',
    params: c.organisationIdParamsSchema,
    body: c.organisationAreasBodySchema,
    response: c.organisationAreasSchema,
    handler: ({ params, body, auth, request }) =>
      service.setWorkAreas(
        ctx.db,
        auth,
        params.id,
        body.areaIds,
        auditActor(auth, request, 'network.edit_own'),
      ),
  });
}

function registerReadRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/network/areas/:id/actors',
    operationId: 'getAreaActors',
    summary: 'Wer ist hier aktiv? Organisationen und Angebote im Gebiet oder in seiner Nähe',
    tags: TAGS,
    permission: 'network.read',
    params: c.areaIdParamsSchema,
    querystring: c.actorsQuerySchema,
    response: c.areaActorsSchema,
    handler: ({ params, query, auth }) => service.getAreaActors(ctx.db, auth, params.id, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/network/graph',
    operationId: 'getNetworkGraph',
    summary: 'Akteursnetz als Graph (Organisationen, Gremien; Filter Lebenslage und Gebiet)',
    tags: TAGS,
    permission: 'network.read',
    querystring: c.graphQuerySchema,
    response: c.graphSchema,
    handler: ({ query, auth }) => service.getGraph(ctx.db, auth, query),
  });
  // the two exports differ only in format: one table of both (address, words, type, writer)
  const exports = [
    {
      ext: 'graphml',
      operationId: 'exportNetworkGraphml',
      summary: 'Akteursnetz als GraphML für Netzwerkanalyse-Werkzeuge (Gephi, yEd, igraph)',
      response: c.graphmlSchema,
      type: 'application/graphml+xml; charset=utf-8',
      write: toGraphml,
    },
    {
      ext: 'csv',
      operationId: 'exportNetworkCsv',
      summary: 'Akteursnetz als Kantenliste (CSV)',
      response: c.edgeCsvSchema,
      type: 'text/csv; charset=utf-8',
      write: toEdgeCsv,
    },
  ] as const;
  for (const x of exports)
    defineRoute(app, {
      method: 'GET',
      url: `/api/network/graph.${x.ext}`,
      operationId: x.operationId,
      summary: x.summary,
      tags: TAGS,
      permission: 'network.read',
      querystring: c.graphQuerySchema,
      response: x.response,
      responseContentType: x.type,
      handler: async ({ query, auth, reply }) => {
        const g = await service.getGraph(ctx.db, auth, query);
        void reply.header('content-disposition', `attachment; filename="akteursnetz.${x.ext}"`);
        return x.write(g.nodes, g.edges);
      },
    });
}
