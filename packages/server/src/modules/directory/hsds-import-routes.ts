// Route of the HSDS 3.0 import: upload JSON/CSV/ZIP files, dry run (default) or import. Needs
// @fastify/multipart, which registerImportRoutes registers: call this after it.
import type { FastifyInstance } from 'fastify';
import { hsdsImportQuerySchema, hsdsImportReportSchema } from '@sozialraum/contracts/directory';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { receiveUpload, uploadStore } from '../imports/index.ts';
import { importHsds } from './hsds-import.ts';

/** POST /api/directory/hsds-import?dryRun=true|false. */
export function registerHsdsImportRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  afterImport: (tenantId: string) => void = () => {},
): void {
  const files = uploadStore(ctx.config);
  defineRoute(app, {
    method: 'POST',
    url: '/api/directory/hsds-import',
    operationId: 'importHsds',
    summary:
      'HSDS-3.0-Dateien importieren (JSON, CSV des Datenpakets oder ZIP): erst prüfen (dryRun), dann alles oder nichts in einer Transaktion (protokolliert)',
    tags: ['Angebote'],
    permission: 'directory.edit_own',
    querystring: hsdsImportQuerySchema,
    response: hsdsImportReportSchema,
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
      const owner = { tenantId: auth.tenantId, userId: auth.userId };
      const dryRun = query.dryRun !== 'false';
      const received = await receiveUpload(request, files, owner, (upload) =>
        importHsds(ctx.db, auth, upload.files, {
          dryRun,
          actor: auditActor(auth, request, 'directory.edit_own'),
        }),
      );
      await files.remove('upload', received.uploadId);
      if (!dryRun) afterImport(auth.tenantId);
      return received.analysis;
    },
  });
}
