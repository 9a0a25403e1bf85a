import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ogcCollectionSchema,
  ogcCollectionsSchema,
  ogcConformanceSchema,
  ogcItemSchema,
  ogcItemsSchema,
  ogcLandingPageSchema,
} from '@sozialraum/contracts/ogc';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { HttpError } from '../../http/errors.ts';
import { responseCheck, sendPrepared } from '../../http/prepared.ts';
import { defineRoute } from '../../http/route.ts';
import {
  CONFORMANCE,
  DEFAULT_LIMIT,
  getCollection,
  getItem,
  getItemsPrepared,
  landingPage,
  listCollections,
} from './service.ts';

// f=json / f=geojson select the only encodings offered; anything else is refused (400).
const formatQuery = {
  f: z
    .enum(['json', 'geojson'])
    .optional()
    .meta({ description: 'Ausgabeformat (nur JSON/GeoJSON)' }),
};

const collectionParams = z.object({
  collectionId: z
    .string()
    .min(1)
    .meta({ description: '{Gebietssystem}-{Ebene}, z. B. lor2021-plr' }),
});

/** Base URL of the request (scheme://host[:port]) for absolute links. */
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Refuses requests whose Accept header allows neither JSON nor GeoJSON (406). */
function requireJsonAccept(request: FastifyRequest): void {
  const accept = request.headers.accept;
  if (!accept) return;
  if (/(^|[\s,])(\*\/\*|application\/\*|application\/(geo\+)?json)/i.test(accept)) return;
  throw new HttpError(
    406,
    'not_acceptable',
    `Dieser Dienst liefert nur JSON bzw. GeoJSON (application/json, application/geo+json); angefragt war „${accept}“.`,
  );
}

/** OGC API – Features Part 1 Core + GeoJSON at /ogc. */
export function registerOgcRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['OGC API – Features'];
  const checkItems = responseCheck(app, ogcItemsSchema, 'ogcItems');

  defineRoute(app, {
    method: 'GET',
    url: '/ogc',
    operationId: 'ogcLandingPage',
    summary: 'Startseite des OGC-API-Features-Dienstes',
    tags,
    permission: 'none',
    querystring: z.object(formatQuery),
    response: ogcLandingPageSchema,
    handler: ({ request }) => {
      requireJsonAccept(request);
      return landingPage(baseUrl(request));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/ogc/conformance',
    operationId: 'ogcConformance',
    summary: 'Konformitätsklassen (Core, GeoJSON)',
    tags,
    permission: 'none',
    querystring: z.object(formatQuery),
    response: ogcConformanceSchema,
    handler: ({ request }) => {
      requireJsonAccept(request);
      return { conformsTo: CONFORMANCE };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/ogc/collections',
    operationId: 'ogcCollections',
    summary: 'Sammlungen: eine je Ebene jedes Gebietssystems',
    tags,
    permission: 'areas.read',
    querystring: z.object(formatQuery),
    response: ogcCollectionsSchema,
    handler: ({ request, auth }) => {
      requireJsonAccept(request);
      return listCollections(ctx.db, auth.tenantId, baseUrl(request));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/ogc/collections/:collectionId',
    operationId: 'ogcCollection',
    summary: 'Eine Sammlung mit Ausdehnung',
    tags,
    permission: 'areas.read',
    params: collectionParams,
    querystring: z.object(formatQuery),
    response: ogcCollectionSchema,
    handler: ({ params, request, auth }) => {
      requireJsonAccept(request);
      return getCollection(ctx.db, auth.tenantId, params.collectionId, baseUrl(request));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/ogc/collections/:collectionId/items',
    operationId: 'ogcItems',
    summary: 'Gebiete einer Sammlung als GeoJSON, seitenweise',
    tags,
    permission: 'areas.read',
    params: collectionParams,
    querystring: z.object({
      ...formatQuery,
      limit: z.coerce.number().int().min(1).default(DEFAULT_LIMIT).meta({
        description: 'Anzahl je Seite (1–10000; größere Werte werden auf 10000 begrenzt)',
      }),
      offset: z.coerce.number().int().min(0).default(0),
      bbox: z.string().optional().meta({
        description: 'minLon,minLat,maxLon,maxLat (WGS84); Überlappung mit dem Gebietsrechteck',
      }),
    }),
    response: ogcItemsSchema,
    responseContentType: 'application/geo+json',
    etag: true,
    handler: async ({ params, query, request, reply, auth }) => {
      requireJsonAccept(request);
      const page = await getItemsPrepared(
        ctx.db,
        auth,
        params.collectionId,
        baseUrl(request),
        query,
        () => new Date(),
        checkItems,
      );
      return sendPrepared(request, reply, page);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/ogc/collections/:collectionId/items/:featureId',
    operationId: 'ogcItem',
    summary: 'Ein Gebiet (Merkmal-ID = Gebietsschlüssel)',
    tags,
    permission: 'areas.read',
    params: collectionParams.extend({ featureId: z.string().min(1) }),
    querystring: z.object(formatQuery),
    response: ogcItemSchema,
    responseContentType: 'application/geo+json',
    handler: ({ params, request, auth }) => {
      requireJsonAccept(request);
      return getItem(ctx.db, auth, params.collectionId, params.featureId, baseUrl(request));
    },
  });
}
