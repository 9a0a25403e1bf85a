// The OParl 1.1 read API at /oparl (issue 14 § 1): the System object as entry point, the Body (the
// tenant), its lists with paging (links.next) and modified_since/created_since filters, and each
// object by its URL. Public: conferences.read, as the anonymous role holds it.
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/conferences';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { loadOparl, oparlPage, organizationMeetings } from './oparl.ts';

const TAGS = ['OParl 1.1'];
const LISTS = [
  'organization',
  'person',
  'meeting',
  'paper',
  'agendaItem',
  'consultation',
  'file',
  'locationList',
  'membership',
  'legislativeTermList',
] as const;
const OBJECTS = [
  'organization',
  'person',
  'membership',
  'meeting',
  'agendaitem',
  'paper',
  'consultation',
  'file',
  'location',
] as const;
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Registers the OParl routes. */
export function registerOparlRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/oparl',
    operationId: 'oparlSystem',
    summary: 'OParl-1.1-Einstieg: das System-Objekt',
    tags: TAGS,
    permission: 'conferences.read',
    response: c.oparlObjectSchema,
    handler: async ({ auth }) => (await loadOparl(ctx, ctx.db, auth.tenantId)).system,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/oparl/body',
    operationId: 'oparlBodies',
    summary: 'OParl: Liste der Körperschaften (die Kommune)',
    tags: TAGS,
    permission: 'conferences.read',
    querystring: c.oparlListQuerySchema,
    response: c.oparlListSchema,
    handler: async ({ auth, query }) => {
      const data = await loadOparl(ctx, ctx.db, auth.tenantId);
      return oparlPage([data.body], `${data.base}/body`, query);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/oparl/body/:id',
    operationId: 'oparlBody',
    summary: 'OParl: die Körperschaft',
    tags: TAGS,
    permission: 'conferences.read',
    params: c.oparlIdParamsSchema,
    response: c.oparlObjectSchema,
    handler: async ({ auth, params }) => {
      if (params.id !== auth.tenantId) throw notFound(`Body ${params.id} gibt es hier nicht.`);
      return (await loadOparl(ctx, ctx.db, auth.tenantId)).body;
    },
  });
  for (const list of LISTS) {
    defineRoute(app, {
      method: 'GET',
      url: `/oparl/body/:id/${list}`,
      operationId: `oparlBody${cap(list)}`,
      summary: `OParl: ${list} der Körperschaft, seitenweise`,
      tags: TAGS,
      permission: 'conferences.read',
      params: c.oparlIdParamsSchema,
      querystring: c.oparlListQuerySchema,
      response: c.oparlListSchema,
      handler: async ({ auth, params, query }) => {
        if (params.id !== auth.tenantId) throw notFound(`Body ${params.id} gibt es hier nicht.`);
        const data = await loadOparl(ctx, ctx.db, auth.tenantId);
        return oparlPage(data.lists[list]!, `${data.base}/body/${params.id}/${list}`, query);
      },
    });
  }
  defineRoute(app, {
    method: 'GET',
    url: '/oparl/organization/:id/meeting',
    operationId: 'oparlOrganizationMeetings',
    summary: 'OParl: Sitzungen eines Gremiums, seitenweise',
    tags: TAGS,
    permission: 'conferences.read',
    params: c.oparlIdParamsSchema,
    querystring: c.oparlListQuerySchema,
    response: c.oparlListSchema,
    handler: async ({ auth, params, query }) => {
      const data = await loadOparl(ctx, ctx.db, auth.tenantId);
      return oparlPage(
        organizationMeetings(data, params.id),
        `${data.base}/organization/${params.id}/meeting`,
        query,
      );
    },
  });
  for (const type of OBJECTS) {
    defineRoute(app, {
      method: 'GET',
      url: `/oparl/${type}/:id`,
      operationId: `oparl${cap(type)}`,
      summary: `OParl: ${type} nach Kennung`,
      tags: TAGS,
      permission: 'conferences.read',
      params: c.oparlIdParamsSchema,
      response: c.oparlObjectSchema,
      handler: async ({ auth, params }) => {
        const data = await loadOparl(ctx, ctx.db, auth.tenantId);
        const found = data.byPath.get(`${type}/${params.id}`);
        if (!found) throw notFound(`OParl-Objekt ${type}/${params.id} gibt es nicht.`);
        return found;
      },
    });
  }
}
