// Routes of the service directory for the Angebote screen: search, detail, taxonomy, and the
// provider's edit of opening hours.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  capacitiesSchema,
  capacityBodySchema,
  capacityKeySchema,
  directoryOrganisationSchema,
  directoryServiceDetailSchema,
  directoryServiceListSchema,
  directoryServiceQuerySchema,
  directoryTaxonomySchema,
  openingHoursBodySchema,
  openingHoursSchema,
  organisationPatchSchema,
  directoryTaxonomyTermSchema,
  taxonomyTermBodySchema,
} from '@sozialraum/contracts/directory';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { recordCapacity, removeCapacity } from './capacities.ts';
import { patchOrganisation } from './organisations.ts';
import { registerServiceEditRoutes } from './service-edit-routes.ts';
import { addTerm, changeTerm } from './terms.ts';
import { findServices, getServiceDetail, listTerms, replaceOpeningHours } from './service.ts';

const idParams = z.object({ id: z.string().min(1).max(60) });

/** GET /api/directory/services, …/services/:id, …/taxonomy; PUT …/schedules and …/capacities; PATCH …/organisations/:id. */
export function registerDirectoryRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerServiceEditRoutes(app, ctx);
  defineRoute(app, {
    method: 'GET',
    url: '/api/directory/services',
    operationId: 'listDirectoryServices',
    summary: 'Angebote suchen (Name, Angebotsart, Lebenslage, Gebiet, Organisation)',
    tags: ['Angebote'],
    permission: 'directory.read',
    querystring: directoryServiceQuerySchema,
    response: directoryServiceListSchema,
    handler: ({ query, auth }) =>
      findServices(
        ctx.db,
        auth,
        {
          q: query.q,
          type: query.type,
          dimension: query.dimension,
          areaId: query.areaId,
          organisationId: query.organisationId,
        },
        query.page,
        query.perPage,
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/directory/services/:id',
    operationId: 'getDirectoryService',
    summary: 'Ein Angebot mit Orten, Öffnungszeiten, Kapazität und Gebieten',
    tags: ['Angebote'],
    permission: 'directory.read',
    params: idParams,
    response: directoryServiceDetailSchema,
    handler: ({ params, auth }) => getServiceDetail(ctx.db, auth, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/directory/taxonomy',
    operationId: 'listDirectoryTaxonomy',
    summary: 'Angebotsarten mit Lebenslagen und Rechtsgrundlagen (SGB)',
    tags: ['Angebote'],
    permission: 'directory.read',
    response: directoryTaxonomySchema,
    handler: ({ auth }) => listTerms(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/directory/taxonomy',
    operationId: 'addDirectoryTerm',
    summary: 'Eigene Angebotsart der Kommune anlegen (Lebenslagen, Rechtsgrundlage; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_all',
    body: taxonomyTermBodySchema,
    response: directoryTaxonomyTermSchema,
    refusals: { 409: 'Kurzname schon vergeben' },
    handler: ({ body, auth, request }) =>
      addTerm(ctx.db, auth, body, auditActor(auth, request, 'directory.edit_all')),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/directory/taxonomy/:id',
    operationId: 'changeDirectoryTerm',
    summary: 'Eigene Angebotsart ändern (eingebaute bleiben unverändert; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_all',
    params: idParams,
    body: taxonomyTermBodySchema,
    response: directoryTaxonomyTermSchema,
    handler: ({ params, body, auth, request }) =>
      changeTerm(ctx.db, auth, params.id, body, auditActor(auth, request, 'directory.edit_all')),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/directory/service-at-locations/:id/schedules',
    operationId: 'replaceOpeningHours',
    summary:
      'Öffnungszeiten eines Angebots an einem Ort ersetzen (nur die eigene Organisation; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    params: idParams,
    body: openingHoursBodySchema,
    response: openingHoursSchema,
    handler: ({ params, body, auth, request }) =>
      replaceOpeningHours(
        ctx.db,
        auth,
        params.id,
        body.intervals,
        auditActor(auth, request, 'directory.edit_own'),
      ),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/directory/services/:id/capacities',
    operationId: 'recordDirectoryCapacity',
    summary:
      'Plätze oder Betten eines Angebots zu einem Stichtag eintragen (nur die eigene Organisation; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    params: idParams,
    body: capacityBodySchema,
    response: capacitiesSchema,
    handler: ({ params, body, auth, request }) =>
      recordCapacity(
        ctx.db,
        auth,
        params.id,
        body,
        auditActor(auth, request, 'directory.edit_own'),
      ),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/directory/services/:id/capacities',
    operationId: 'removeDirectoryCapacity',
    summary:
      'Einen eingetragenen Wert (Plätze oder Betten zu einem Stichtag) zurücknehmen (nur die eigene Organisation; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    params: idParams,
    querystring: capacityKeySchema,
    response: capacitiesSchema,
    handler: ({ params, query, auth, request }) =>
      removeCapacity(
        ctx.db,
        auth,
        params.id,
        query,
        auditActor(auth, request, 'directory.edit_own'),
      ),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/directory/organisations/:id',
    operationId: 'updateDirectoryOrganisation',
    summary:
      'Organisation einer Organisation der Verwaltung zuordnen (deren Personen pflegen die Einträge) oder öffentlich schalten (protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_all',
    params: idParams,
    body: organisationPatchSchema,
    response: directoryOrganisationSchema,
    handler: ({ params, body, auth, request }) =>
      patchOrganisation(
        ctx.db,
        auth,
        params.id,
        body,
        auditActor(auth, request, 'directory.edit_all'),
      ),
  });
}
