// Routes of funding: the programme catalogue, a programme's page, its areas, and the import of
// money tables. Needs @fastify/multipart (registerImportRoutes registers it): call after it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  fundingImportAnswerSchema,
  fundingImportQuerySchema,
  measureMoneySchema,
  programmeAreasBodySchema,
  programmeDetailSchema,
  programmeListSchema,
} from '@sozialraum/contracts/funding';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import { receiveUpload, removeUpload, uploadStore, type UploadOwner } from '../imports/index.ts';
import { importFundingTable } from './import.ts';
import { getMeasureMoney, getProgramme, listProgrammes, setProgrammeAreas } from './service.ts';
import { registerTransparencyRoutes } from './transparency-routes.ts';

const idParams = z.object({ id: z.string().min(1).max(80) });
const measureParams = z.object({
  measureId: z.coerce.number().int().positive().max(2_147_483_647),
});
const ownerOf = (auth: Principal): UploadOwner => ({
  tenantId: auth.tenantId,
  userId: auth.userId,
});

/** GET /api/funding/programmes[/:id], PUT …/:id/areas, POST /api/funding/entries/import. */
export function registerFundingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const files = uploadStore(ctx.config);
  const root = files.root('upload');
  registerTransparencyRoutes(app, ctx);

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/programmes',
    operationId: 'listFundingProgrammes',
    summary: 'Förderprogramme (Katalog mit Quellen) und die Zahl ihrer Gebiete in der Kommune',
    tags: ['Förderung'],
    permission: 'funding.read',
    response: programmeListSchema,
    handler: ({ auth }) => listProgrammes(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/programmes/:id',
    operationId: 'getFundingProgramme',
    summary:
      'Ein Förderprogramm: Ebene, Laufzeit, Kofinanzierung, Quellen, Gebiete, Mittel je Jahr',
    tags: ['Förderung'],
    permission: 'funding.read',
    params: idParams,
    response: programmeDetailSchema,
    handler: ({ params, auth }) => getProgramme(ctx.db, auth, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/measures/:measureId/money',
    operationId: 'getFundingMeasureMoney',
    summary: 'Fördermittel einer Maßnahme je Jahr, Programm, Art und Quelle',
    tags: ['Förderung'],
    permission: 'funding.read_money',
    params: measureParams,
    response: measureMoneySchema,
    handler: ({ params, auth }) => getMeasureMoney(ctx.db, auth, params.measureId),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/funding/programmes/:id/areas',
    operationId: 'setFundingProgrammeAreas',
    summary: 'Fördergebiete eines Programms ersetzen, mit Gültigkeit (protokolliert)',
    tags: ['Förderung'],
    permission: 'funding.edit',
    params: idParams,
    body: programmeAreasBodySchema,
    response: programmeDetailSchema,
    handler: ({ params, body, auth, request }) =>
      setProgrammeAreas(
        ctx.db,
        auth,
        params.id,
        body.areas,
        auditActor(auth, request, 'funding.edit'),
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/funding/entries/import',
    operationId: 'importFundingEntries',
    summary:
      'Fördermittel aus CSV/XLSX importieren (alles oder nichts; Anteile müssen die Gesamtsumme ergeben; dryRun prüft nur)',
    tags: ['Förderung'],
    permission: 'funding.edit',
    querystring: fundingImportQuerySchema,
    response: fundingImportAnswerSchema,
    openapi: {
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } },
            },
          },
        },
      },
    },
    handler: async ({ request, auth, query }) => {
      const answer = await receiveUpload(request, files, ownerOf(auth), (upload) =>
        importFundingTable(ctx.db, auth, upload, {
          dryRun: query.dryRun,
          actor: auditActor(auth, request, 'funding.edit'),
        }),
      );
      await removeUpload(root, answer.uploadId, ownerOf(auth));
      return answer;
    },
  });
}
