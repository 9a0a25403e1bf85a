// Import routes: upload + analyse, run (dry run or real), progress as Server-Sent Events, history.
// Thin handlers: the service does the work, the same as for the CLI.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { missingPermission, type Principal } from '../access/index.ts';
import { actorName, auditActor } from '../audit/index.ts';
import { canEditIndicator, canReadIndicator } from '../indicators/index.ts';
import {
  analysisSchema,
  importEventsSchema,
  importRunListSchema,
  reportSchema,
  runBodySchema,
  uploadDiscardedSchema,
} from '@sozialraum/contracts/imports';
import { analyzeUpload, listImportRuns, runAreaImport, runTableImport } from './service.ts';
import {
  fileErrorAsHttp,
  getUpload,
  receiveUpload,
  removeUpload,
  sweepUploads,
  uploadStore,
  type UploadOwner,
} from './uploads.ts';
import { importJob } from './import-job.ts';
import { ImportFileError } from './readers/errors.ts';
import { openEventStream } from '../../http/event-stream.ts';
import type { Progress } from './progress.ts';

const ownerOf = (auth: Principal): UploadOwner => ({
  tenantId: auth.tenantId,
  userId: auth.userId,
});

/** The person's separators for the analysis; the same one for both is refused in words. */
function separatorOverride(
  decimal: ',' | '.' | undefined,
  thousands: '.' | ',' | 'none' | undefined,
): { decimal?: ',' | '.'; thousands?: '.' | ',' | null } {
  if (decimal !== undefined && decimal === thousands)
    throw new HttpError(
      400,
      'invalid_separators',
      `Dezimal- und Tausendertrennzeichen können nicht beide „${decimal}“ sein.`,
    );
  return {
    ...(decimal !== undefined ? { decimal } : {}),
    ...(thousands !== undefined ? { thousands: thousands === 'none' ? null : thousands } : {}),
  };
}

const uploadIdParams = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{24}$/, 'ungültige Upload-Kennung'),
});

/** Registers the import routes. */
export async function registerImportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const files = uploadStore(ctx.config);
  const root = files.root('upload');
  // uploads nobody ran (also those a restart orphaned) do not pile up on disk; while the server
  // runs, the scheduled job files.cleanup sweeps them (ADR 0025)
  await sweepUploads(root);
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.maxUploadBytes, files: 10 },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/imports/analyze',
    operationId: 'analyzeImport',
    summary:
      'Dateien hochladen und prüfen: Format, Kodierung, Trennzeichen, Koordinatensystem, Zuordnungsvorschlag',
    tags: ['Import'],
    permission: 'imports.run',
    querystring: z.object({
      swapAxes: z
        .enum(['true', 'false'])
        .optional()
        .meta({ description: 'true: Achsen tauschen (nach Rückfrage bei vertauschten x/y)' }),
      hasHeader: z
        .enum(['true', 'false'])
        .optional()
        .meta({ description: 'erste Zeile ist eine Überschrift (ohne: Erkennung)' }),
      decimal: z
        .enum([',', '.'])
        .optional()
        .meta({ description: 'Dezimaltrennzeichen statt des erkannten (Vorschau und Prüfungen)' }),
      thousands: z
        .enum(['.', ',', 'none'])
        .optional()
        .meta({ description: 'Tausendertrennzeichen statt des erkannten; none: keines' }),
    }),
    response: analysisSchema,
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
      // refused before the upload is stored
      const separators = separatorOverride(query.decimal, query.thousands);
      return receiveUpload(request, files, ownerOf(auth), async (upload) => {
        try {
          return await analyzeUpload(ctx.db, auth.tenantId, upload, {
            swapAxes: query.swapAxes === 'true',
            hasHeader: query.hasHeader === undefined ? undefined : query.hasHeader === 'true',
            ...separators,
          });
        } catch (err) {
          // readers that name the file first („name.csv: …“) describe the file, not a server fault;
          // an ImportFileError keeps its issues (line, column, hint such as swap_axes) as details
          // through receiveUpload's fileErrorAsHttp, which this branch would otherwise drop
          if (
            !(err instanceof HttpError) &&
            !(err instanceof ImportFileError) &&
            err instanceof Error &&
            /^[^:]+: /.test(err.message)
          )
            throw new HttpError(400, 'invalid_file', err.message);
          throw err;
        }
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/imports/:uploadId/run',
    operationId: 'runImport',
    summary: 'Import ausführen (dryRun: nur prüfen); alles oder nichts in einer Transaktion',
    tags: ['Import'],
    permission: 'imports.run',
    params: uploadIdParams,
    body: runBodySchema,
    response: reportSchema,
    handler: async ({ params, body, auth, request }) => {
      // Areas are the common ground of every department: only data stewards, Sozialplanung and
      // administrators change them (docs/adr/0007-access-control.md).
      if (body.kind === 'areas' && !auth.permissions.has('imports.areas'))
        throw missingPermission(auth, 'imports.areas', 'Gebiete importieren');
      // someone else's upload (another person or tenant) answers like one that does not exist
      const upload = await getUpload(root, params.uploadId, ownerOf(auth));
      if (!upload)
        throw notFound(
          `Upload ${params.uploadId} gibt es nicht (mehr). Bitte die Datei erneut hochladen.`,
        );
      const work = (onProgress: (p: Progress) => void) =>
        body.kind === 'table'
          ? runTableImport(
              ctx.db,
              auth.tenantId,
              upload,
              {
                ...body,
                source: body.source ? { ...body.source, id: body.source.id ?? '' } : undefined,
                actor: auditActor(auth, request, 'imports.run'),
                defaultDepartment: auth.departmentId ?? undefined,
                mayWrite: (department) => canEditIndicator(auth, department),
                mayRead: (indicator) => canReadIndicator(auth, indicator),
              },
              onProgress,
            )
          : runAreaImport(ctx.db, auth.tenantId, upload, {
              ...body,
              source: body.source ? { ...body.source, id: body.source.id ?? '' } : undefined,
              actor: auditActor(auth, request, 'imports.run'),
            });
      try {
        // the import runs as a job (ADR 0025): recorded, followed by the progress stream below
        const job = await app.sozialraumJobs.start(
          auth.tenantId,
          importJob(body.kind, work),
          { uploadId: params.uploadId, files: upload.files.map((f) => f.name), ...body },
          { startedBy: actorName(auditActor(auth, request, 'imports.run')), userId: auth.userId },
          params.uploadId,
        );
        const report = await job.done;
        if (!body.dryRun && report.status !== 'failed')
          await removeUpload(root, params.uploadId, ownerOf(auth));
        return report;
      } catch (err) {
        throw fileErrorAsHttp(err);
      }
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/imports/:uploadId/events',
    operationId: 'importProgress',
    summary:
      'Fortschritt eines laufenden Imports (Server-Sent Events „progress“, „done“; alle 15 s ein Kommentar)',
    tags: ['Import'],
    permission: 'imports.run',
    params: uploadIdParams,
    response: importEventsSchema,
    responseContentType: 'text/event-stream',
    handler: async ({ params, reply, request, auth }) => {
      if (!(await getUpload(root, params.uploadId, ownerOf(auth))))
        throw notFound(`Upload ${params.uploadId} gibt es nicht (mehr).`);
      const stream = openEventStream(request, reply, ctx.config);
      stream.send({ phase: 'warten', rowsRead: 0, bytesRead: 0, bytesTotal: 0 });
      const off = app.sozialraumJobs.subscribeSubject(auth.tenantId, params.uploadId, (e) => {
        if (!e.done) return stream.send({ ...e.progress, jobId: e.jobId });
        // a finished import reports 'fertig' (also when it rejected the file); a thrown error 'fehler'
        const end =
          e.progress?.phase === 'fertig'
            ? e.progress
            : { phase: 'fehler', rowsRead: 0, bytesRead: 0, bytesTotal: 0 };
        stream.send({ ...end, jobId: e.jobId });
        stream.send({}, 'done');
        stream.end();
      });
      request.raw.on('close', () => {
        off();
        stream.end();
      });
      return reply;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/imports',
    operationId: 'listImports',
    summary: 'Bisherige Importe (neueste zuerst)',
    tags: ['Import'],
    permission: 'imports.read',
    response: importRunListSchema,
    handler: async ({ auth }) =>
      (await listImportRuns(ctx.db, auth.tenantId)).map((r) => ({
        id: r.id,
        kind: r.kind,
        fileName: r.file_name,
        format: r.format,
        status: r.status,
        rowsRead: r.rows_read,
        rowsWritten: r.rows_written,
        errorCount: r.error_count,
        startedAt: new Date(r.started_at).toISOString(),
        finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
        durationMs: r.finished_at
          ? Math.max(0, new Date(r.finished_at).getTime() - new Date(r.started_at).getTime())
          : null,
        actor: r.actor,
        who: r.actor,
        fileSha256: r.file_sha256,
      })),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/imports/:uploadId',
    operationId: 'discardUpload',
    summary: 'Hochgeladene, nicht importierte Dateien verwerfen',
    tags: ['Import'],
    permission: 'imports.run',
    params: uploadIdParams,
    response: uploadDiscardedSchema,
    handler: async ({ params, auth }) => {
      if (!(await removeUpload(root, params.uploadId, ownerOf(auth))))
        throw notFound(`Upload ${params.uploadId} gibt es nicht (mehr).`);
      return { deleted: true };
    },
  });
}
