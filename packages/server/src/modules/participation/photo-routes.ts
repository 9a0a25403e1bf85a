// Routes of report photos (issue 13 § 1): the author adds a photo with her deletion code (header
// X-Report-Code, so the code stands in no address and no log); everyone reads the photos of
// visible reports, moderators those of hidden ones too; moderators remove a single photo with a
// reason. Reads uploads through http/multipart.ts, whose parser registerImportRoutes adds: app.ts
// registers these after it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { badRequest } from '../../http/errors.ts';
import { readOneFile } from '../../http/multipart.ts';
import { defineRoute } from '../../http/route.ts';
import * as c from '@sozialraum/contracts/participation';
import { PHOTO_LIMITS, photoTooLarge } from './photo-image.ts';
import { addPhoto, photoFiles, readPhoto, removePhoto } from './photos.ts';
import { getModeratedReport } from './service.ts';
import { auditActor } from '../audit/index.ts';
import { participationActor } from './actor.ts';

const TAGS = ['Beteiligung'];
export const REPORT_CODE_HEADER = 'x-report-code';

/** The photo of the request in memory (one file, at most PHOTO_LIMITS.maxBytes). */
const PHOTO_WORDS = {
  what: 'das Foto',
  fallbackName: 'Foto',
  tooLarge: photoTooLarge,
  tooMany: 'Bitte ein Foto je Anfrage senden (bis zu drei Anfragen je Hinweis).',
  missing: 'Es wurde kein Foto gesendet (Feld „file“).',
};
const receivePhoto = (request: FastifyRequest) =>
  readOneFile(request, PHOTO_LIMITS.maxBytes, PHOTO_WORDS);

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
