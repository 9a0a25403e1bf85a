// Routes of the point import (Standorte): upload + analyse, then dry run or run. Thin handlers; the
// uploads are the import module's (same folder, same owner check). Needs @fastify/multipart, which
// registerImportRoutes registers: call this after it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import { canEditIndicator } from '../indicators/index.ts';
import {
  fileErrorAsHttp,
  getUpload,
  receiveUpload,
  removeUpload,
  uploadStore,
  type UploadOwner,
} from '../imports/index.ts';
import {
  coordinateColumnsSchema,
  pointAnalysisResponseSchema,
  pointRunBodySchema,
  pointRunReportSchema,
} from '@sozialraum/contracts/points';
import { analyzePointUpload, runPointImport } from './import-service.ts';

const ownerOf = (auth: Principal): UploadOwner => ({
  tenantId: auth.tenantId,
  userId: auth.userId,
});
const today = (): string => new Date().toISOString().slice(0, 10);

/** POST /api/point-imports/analyze and /api/point-imports/{uploadId}/run. */
export function registerPointImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const files = uploadStore(ctx.config);
  const root = files.root('upload');

  defineRoute(app, {
    method: 'POST',
    url: '/api/point-imports/analyze',
    operationId: 'analyzePointImport',
    summary:
      'Standorte hochladen und prüfen: Format, Koordinatenspalten, Punkte außerhalb aller Gebiete',
    tags: ['Standorte'],
    permission: 'points.import',
    querystring: z.object({
      x: z.string().min(1).max(200).optional(),
      y: z.string().min(1).max(200).optional(),
      crs: z.enum(['4326', '25832', '25833']).optional(),
      date: z.iso.date().optional(),
    }),
    response: pointAnalysisResponseSchema,
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
    handler: ({ request, auth, query }) => {
      const coordinates =
        query.x && query.y
          ? coordinateColumnsSchema.parse({
              x: query.x,
              y: query.y,
              crs: Number(query.crs ?? 4326),
            })
          : undefined;
      return receiveUpload(request, files, ownerOf(auth), (upload) =>
        analyzePointUpload(ctx.db, auth.tenantId, upload, {
          coordinates,
          ...(query.crs && !coordinates ? { crs: query.crs } : {}),
          date: query.date ?? today(),
        }),
      );
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/point-imports/:uploadId/run',
    operationId: 'runPointImport',
    summary:
      'Standorte importieren (dryRun: nur prüfen); Punkte, Zuordnung zu Gebieten und Zählindikatoren in einer Transaktion',
    tags: ['Standorte'],
    permission: 'points.import',
    params: z.object({ uploadId: z.string().regex(/^[a-f0-9]{24}$/, 'ungültige Upload-Kennung') }),
    body: pointRunBodySchema,
    response: pointRunReportSchema,
    handler: async ({ params, body, auth, request }) => {
      const upload = await getUpload(root, params.uploadId, ownerOf(auth));
      if (!upload)
        throw notFound(
          `Upload ${params.uploadId} gibt es nicht (mehr). Bitte die Datei erneut hochladen.`,
        );
      try {
        const report = await runPointImport(ctx.db, auth.tenantId, upload, {
          ...body,
          referenceDate: body.referenceDate ?? today(),
          source: { ...body.source, id: body.source.id || undefined },
          actor: auditActor(auth, request, 'points.import'),
          defaultDepartment: auth.departmentId ?? undefined,
          mayWrite: (department) => canEditIndicator(auth, department),
        });
        if (!body.dryRun) await removeUpload(root, params.uploadId, ownerOf(auth));
        return report;
      } catch (err) {
        throw fileErrorAsHttp(err);
      }
    },
  });
}
