// The HSDS 3.0 API (Open Referral) under /hsds/: organisations, services, service-at-locations,
// taxonomies and terms, each as a page and by id, plus the full export. Public for public entries.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  hsdsExportSchema,
  hsdsObjectSchema,
  hsdsPageSchema,
  hsdsQuerySchema,
  hsdsRootSchema,
} from '@sozialraum/contracts/directory';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import {
  hsdsExport,
  hsdsOrganisationById,
  hsdsOrganisationsPage,
  hsdsSalById,
  hsdsSalPage,
  hsdsServiceById,
  hsdsServicesPage,
  hsdsTaxonomiesPage,
  hsdsTaxonomyById,
  hsdsTermById,
  hsdsTermsPage,
} from './hsds-service.ts';

const idParams = z.object({ id: z.string().min(1).max(60) });
const TAGS = ['HSDS 3.0'];

/** Registers the HSDS API. */
export function registerHsdsRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/hsds/',
    operationId: 'hsdsRoot',
    summary: 'HSDS-3.0-API: Version und Beschreibung',
    tags: TAGS,
    permission: 'directory.read',
    response: hsdsRootSchema,
    handler: () => ({
      version: '3.0',
      profile: 'https://openreferral.org/',
      openapi_url: '/api/openapi.json',
    }),
  });

  const collections = [
    [
      'organizations',
      'hsdsOrganizations',
      'Organisationen (Träger)',
      hsdsOrganisationsPage,
      hsdsOrganisationById,
    ],
    ['services', 'hsdsServices', 'Angebote', hsdsServicesPage, hsdsServiceById],
    [
      'service_at_locations',
      'hsdsServiceAtLocations',
      'Angebote an Orten',
      hsdsSalPage,
      hsdsSalById,
    ],
  ] as const;
  for (const [path, op, label, page, byId] of collections) {
    defineRoute(app, {
      method: 'GET',
      url: `/hsds/${path}`,
      operationId: `list${op[0]!.toUpperCase()}${op.slice(1)}`,
      summary: `${label} als HSDS-Seite`,
      tags: TAGS,
      permission: 'directory.read',
      querystring: hsdsQuerySchema,
      response: hsdsPageSchema,
      handler: ({ query, auth }) => page(ctx.db, auth, query),
    });
    defineRoute(app, {
      method: 'GET',
      url: `/hsds/${path}/:id`,
      operationId: `get${op[0]!.toUpperCase()}${op.slice(1)}`,
      summary: `${label}: ein Eintrag, vollständig verschachtelt`,
      tags: TAGS,
      permission: 'directory.read',
      params: idParams,
      response: hsdsObjectSchema,
      handler: ({ params, auth }) => byId(ctx.db, auth, params.id),
    });
  }

  defineRoute(app, {
    method: 'GET',
    url: '/hsds/taxonomies',
    operationId: 'listHsdsTaxonomies',
    summary: 'Taxonomien als HSDS-Seite',
    tags: TAGS,
    permission: 'directory.read',
    querystring: hsdsQuerySchema,
    response: hsdsPageSchema,
    handler: ({ query, auth }) => hsdsTaxonomiesPage(ctx.db, auth.tenantId, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/hsds/taxonomies/:id',
    operationId: 'getHsdsTaxonomy',
    summary: 'Eine Taxonomie',
    tags: TAGS,
    permission: 'directory.read',
    params: idParams,
    response: hsdsObjectSchema,
    handler: ({ params, auth }) => hsdsTaxonomyById(ctx.db, auth.tenantId, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/hsds/taxonomy_terms',
    operationId: 'listHsdsTaxonomyTerms',
    summary: 'Taxonomie-Begriffe (Angebotsarten) als HSDS-Seite',
    tags: TAGS,
    permission: 'directory.read',
    querystring: hsdsQuerySchema,
    response: hsdsPageSchema,
    handler: ({ query, auth }) => hsdsTermsPage(ctx.db, auth.tenantId, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/hsds/taxonomy_terms/:id',
    operationId: 'getHsdsTaxonomyTerm',
    summary: 'Ein Taxonomie-Begriff',
    tags: TAGS,
    permission: 'directory.read',
    params: idParams,
    response: hsdsObjectSchema,
    handler: ({ params, auth }) => hsdsTermById(ctx.db, auth.tenantId, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/hsds/export',
    operationId: 'exportHsds',
    summary:
      'Vollständiger HSDS-3.0-Export des Angebotsverzeichnisses (öffentliche Einträge ohne Anmeldung)',
    tags: TAGS,
    permission: 'directory.read',
    response: hsdsExportSchema,
    handler: ({ auth }) => hsdsExport(ctx.db, auth, new Date()),
  });
}
