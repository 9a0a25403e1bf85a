// Routes of report photos (issue 13 § 1): the author adds a photo with her deletion code (header
// X-Report-Code, so the code stands in no address and no log); everyone reads the photos of
// visible reports, moderators those of hidden ones too. Needs the multipart parser that
// registerImportRoutes adds: app.ts registers these after it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { HttpError, badRequest } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import * as c from '@sozialraum/contracts/participation';
import { PHOTO_LIMITS, photoTooLarge } from './photo-image.ts';
import { addPhoto, photoFiles, readPhoto, removePhoto } from './photos.ts';
import { getModeratedReport } from './service.ts';
import { auditActor } from '../audit/index.ts';
import { participationActor } from './actor.ts';

const TAGS = ['Beteiligung'];
export const REPORT_CODE_HEADER = 'x-report-code';

/** Reads the one file of a multipart request into memory, refusing it past the photo limit. */
async function receivePhoto(request: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  if (!request.isMultipart())
    throw badRequest('Bitte das Foto als multipart/form-data senden (Feld „file“).');
  let photo: { name: string; data: Buffer } | undefined;
  try {
    const parts = request.files({ limits: { fileSize: PHOTO_LIMITS.maxBytes, files: 1 } });
    for await (const part of parts) {
      const name = part.filename || 'Foto';
      photo = { name, data: await part.toBuffer() };
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge(photo?.name ?? 'Foto');
    if (code === 'FST_FILES_LIMIT')
      throw badRequest('Bitte ein Foto je Anfrage senden (bis zu drei Anfragen je Hinweis).');
    throw badRequest('Die Anfrage ist kein lesbares multipart/form-data.');
  }
  if (!photo) throw badRequest('Es wurde kein Foto gesendet (Feld „file“).');
  return photo;
}

/** POST and GET of report photos under /api/participation/reports/{id}/photos. */
export function registerParticipationPhotoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const files = photoFiles(ctx.config);

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/photos',
    operationId: 'addParticipationPhoto',
    summary:
      'Foto zum eigenen Hinweis hinzufügen (Löschcode im Header X-Report-Code; bis zu 3 Fotos)',
    description:
      'JPEG, PNG oder WebP, höchstens 8 MB und 40 Megapixel. Das Foto wird neu kodiert (JPEG, längste Seite höchstens 2048 Pixel); EXIF-, GPS- und andere Metadaten werden entfernt.',
    tags: TAGS,
    permission: 'participation.submit',
    params: c.reportIdParamsSchema,
    response: c.photoAddedSchema,
    status: 201,
    location: (r) => `/api/participation/reports/${r.reportId}/photos/${r.id}`,
    refusals: { 404: 'Hinweis unbekannt oder Löschcode falsch', 409: 'Schon drei Fotos' },
    openapi: {
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { file: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
    handler: async ({ params, auth, request }) => {
      const code = request.headers[REPORT_CODE_HEADER];
      if (typeof code !== 'string' || code.length < 10 || code.length > 200)
        throw badRequest('Der Löschcode fehlt (Header X-Report-Code).');
      const upload = await receivePhoto(request);
      return addPhoto(
        ctx,
        files,
        auth.tenantId,
        params.id,
        code,
        upload,
        participationActor(auth, request, 'participation.submit'),
      );
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/reports/:id/photos/:photoId',
    operationId: 'getParticipationPhoto',
    summary: 'Ein Foto eines Hinweises (JPEG ohne Metadaten)',
    tags: TAGS,
    permission: 'participation.read',
    params: c.reportPhotoParamsSchema,
    response: c.reportPhotoFileSchema,
    responseContentType: 'image/jpeg',
    handler: async ({ params, auth, reply }) => {
      const data = await readPhoto(ctx, files, auth, params.id, params.photoId);
      // not cached by shared caches: a report hidden later must not stay visible there
      reply.header('Cache-Control', 'private, max-age=300');
      return reply.type('image/jpeg').send(data);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/participation/reports/:id/photos/:photoId',
    operationId: 'removeParticipationPhoto',
    summary:
      'Ein einzelnes Foto eines Hinweises entfernen (Moderation, mit Grund; die anderen Fotos bleiben)',
    tags: TAGS,
    permission: 'participation.moderate',
    params: c.reportPhotoParamsSchema,
    body: c.photoRemovalSchema,
    response: c.moderatedReportSchema,
    refusals: { 404: 'Hinweis oder Foto unbekannt' },
    handler: async ({ params, body, auth, request }) => {
      await removePhoto(
        ctx,
        files,
        auth.tenantId,
        params.id,
        params.photoId,
        body.reason,
        auditActor(auth, request, 'participation.moderate'),
      );
      return getModeratedReport(ctx.db, auth.tenantId, params.id);
    },
  });
}
