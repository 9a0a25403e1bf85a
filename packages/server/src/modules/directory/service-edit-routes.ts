// Routes of creating and editing a service (issue 12 § 1): the form's organisations, create, replace.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { directoryServiceDetailSchema } from '@sozialraum/contracts/directory';
import {
  editableOrganisationsSchema,
  serviceBodySchema,
  serviceHistoryQuerySchema,
  serviceHistorySchema,
} from '@sozialraum/contracts/directory-edit';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { listEditableOrganisations, saveService } from './service-edit.ts';
import { getServiceHistory } from './service-history.ts';

const idParams = z.object({ id: z.string().min(1).max(60) });

/** GET …/editable-organisations, POST …/services, PUT …/services/:id, GET …/services/:id/history. */
export function registerServiceEditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/directory/editable-organisations',
    operationId: 'listEditableDirectoryOrganisations',
    summary: 'Organisationen, deren Angebote die anfragende Person pflegen darf (mit ihren Orten)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    response: editableOrganisationsSchema,
    handler: ({ auth }) => listEditableOrganisations(ctx.db, auth),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/directory/services',
    operationId: 'createDirectoryService',
    summary:
      'Angebot anlegen: Art, Organisation, Orte, Sprachen, Kosten, Zugang, Kontakte, Gebiete (nur die eigene Organisation; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    body: serviceBodySchema,
    response: directoryServiceDetailSchema,
    status: 201,
    location: (s) => `/api/directory/services/${s.id}`,
    handler: ({ body, auth, request }) =>
      saveService(ctx.db, auth, null, body, auditActor(auth, request, 'directory.edit_own')),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/directory/services/:id',
    operationId: 'replaceDirectoryService',
    summary: 'Angebot ändern (ganzer Eintrag; nur die eigene Organisation; protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    params: idParams,
    body: serviceBodySchema,
    response: directoryServiceDetailSchema,
    handler: ({ params, body, auth, request }) =>
      saveService(ctx.db, auth, params.id, body, auditActor(auth, request, 'directory.edit_own')),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/directory/services/:id/history',
    operationId: 'getDirectoryServiceHistory',
    summary:
      'Verlauf eines Angebots: Änderungen an Angebot, Orten, Öffnungszeiten, Kosten und Arbeitsgebieten (neueste zuerst)',
    description:
      'Für die Organisation des Angebots (directory.edit_own), die Datenverantwortung (directory.edit_all) und wer das Protokoll lesen darf (audit.read); sonst 403, ohne Anmeldung 401.',
    tags: ['Angebote'],
    permission: 'directory.read',
    params: idParams,
    querystring: serviceHistoryQuerySchema,
    response: serviceHistorySchema,
    handler: ({ params, query, auth }) =>
      getServiceHistory(ctx.db, auth, params.id, query.before ?? null),
  });
}
