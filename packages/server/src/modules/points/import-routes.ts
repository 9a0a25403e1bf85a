// Routes of the point import (Standorte): upload + analyse, then dry run or run. Thin handlers; the
// uploads are the import module's (same folder, same owner check). Needs @fastify/multipart, which
// registerImportRoutes registers: call this after it.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Principal } from '../access/principal.ts';
import { auditActor } from '../audit/chain.ts';
import { canEditIndicator } from '../indicators/policy.ts';
import { ImportFileError } from '../imports/readers/errors.ts';
import {
  createUpload,
  discardNewUpload,
  finishUpload,
  getUpload,
  removeUpload,
  safeName,
  uploadsRoot,
  type UploadOwner,
} from '../imports/uploads.ts';
import {
  coordinateColumnsSchema,
  pointAnalysisResponseSchema,
  pointRunBodySchema,
  pointRunReportSchema,
} from './import-schema.ts';
import { analyzePointUpload, runPointImport } from './import-service.ts';

const ownerOf = (auth: Principal): UploadOwner => ({
  tenantId: auth.tenantId,
  userId: auth.userId,
});
const today = (): string => new Date().toISOString().slice(0, 10);

/** An ImportFileError as a 400 naming file, line and column. */
function asHttpError(err: unknown): unknown {
  if (err instanceof ImportFileError)
    return new HttpError(
      400,
      'invalid_file',
      err.issues.map((i) => i.message).join(' '),
      err.issues,
    );
  return err;
}

/** POST /api/point-imports/analyze and /api/point-imports/{uploadId}/run. */
export function registerPointImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const root = uploadsRoot(ctx.config.dataDir);

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
    handler: async ({ request, auth, query }) => {
      if (!request.isMultipart())
        throw new HttpError(
          400,
          'bad_request',
          'Bitte die Datei als multipart/form-data hochladen (Feld „file“).',
        );
      const coordinates =
        query.x && query.y
          ? coordinateColumnsSchema.parse({
              x: query.x,
              y: query.y,
              crs: Number(query.crs ?? 4326),
            })
          : undefined;
      const { id, dir } = await createUpload(root);
      try {
        for await (const part of request.files()) {
          await pipeline(part.file, createWriteStream(path.join(dir, safeName(part.filename))));
          if (part.file.truncated)
            throw new HttpError(
              413,
              'too_large',
              `${part.filename}: die Datei ist größer als ${Math.round(ctx.config.maxUploadBytes / 1048576)} MB.`,
            );
        }
        const upload = await finishUpload(root, id, ownerOf(auth));
        if (upload.files.length === 0)
          throw new HttpError(400, 'bad_request', 'Es wurde keine Datei hochgeladen.');
        const empty = upload.files.find((f) => f.bytes === 0);
        if (empty) throw new HttpError(400, 'empty_file', `${empty.name}: die Datei ist leer.`);
        const analysis = await analyzePointUpload(ctx.db, auth.tenantId, upload, {
          coordinates,
          ...(query.crs && !coordinates ? { crs: query.crs } : {}),
          date: query.date ?? today(),
        });
        return {
          uploadId: id,
          files: upload.files.map((f) => ({ name: f.name, bytes: f.bytes })),
          analysis,
        };
      } catch (err) {
        await discardNewUpload(root, id);
        throw asHttpError(err);
      }
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
        throw asHttpError(err);
      }
    },
  });
}
