// Routes of comments on reports (issue 13 § 1–2, ADR 0041). Thin: the contract parses, the rules
// and the SQL are in comments.ts and comment-store.ts.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { tooManyRequests } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { RateLimit } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import * as c from '@sozialraum/contracts/participation-comments';
import { flagResultSchema, reportIdParamsSchema } from '@sozialraum/contracts/participation';
import { participationActor } from './actor.ts';
import * as service from './comments.ts';

const TAGS = ['Beteiligung'];

/** Comments per IP address on top of the shared budget of anonymous writes and the proof of work. */
export const COMMENTS_PER_IP = { limit: 10, windowMs: 10 * 60_000 } as const;

/** Registers the comment routes. */
export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const perIp = new RateLimit(COMMENTS_PER_IP.limit, COMMENTS_PER_IP.windowMs);

  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/reports/:id/comments',
    operationId: 'listParticipationComments',
    summary: 'Sichtbare Kommentare zu einem Hinweis, älteste zuerst',
    tags: TAGS,
    permission: 'participation.read',
    params: reportIdParamsSchema,
    response: c.publicCommentListSchema,
    handler: ({ params, auth }) => service.listComments(ctx.db, auth.tenantId, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/comments',
    operationId: 'addParticipationComment',
    summary: 'Einen Hinweis kommentieren (wenn die Kommune Kommentare erlaubt; Sicherheitsaufgabe)',
    tags: TAGS,
    permission: 'participation.submit',
    params: reportIdParamsSchema,
    body: c.commentSubmissionSchema,
    response: c.publicCommentSchema,
    status: 201,
    location: (r) => `/api/participation/reports/${r.reportId}/comments`,
    refusals: {
      404: 'Hinweis unbekannt oder ausgeblendet',
      409: 'Kommentare sind ausgeschaltet',
      429: 'Zu viele Kommentare von dieser Adresse',
    },
    handler: ({ params, body, auth, request }) => {
      const wait = perIp.hit(request.ip);
      if (wait > 0)
        throw tooManyRequests(
          `Zu viele Kommentare von diesem Anschluss. Bitte in ${Math.ceil(wait / 60_000)} Minuten erneut versuchen.`,
          wait,
        );
      return service.addComment(
        ctx.db,
        auth.tenantId,
        params.id,
        body,
        participationActor(auth, request, 'participation.submit'),
      );
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/comments/:id/flags',
    operationId: 'flagParticipationComment',
    summary:
      'Einen Kommentar als unangemessen melden (einmal je Gerät; ab einer Schwelle ausgeblendet)',
    tags: TAGS,
    permission: 'participation.submit',
    params: c.commentIdParamsSchema,
    body: c.commentFlagBodySchema,
    response: flagResultSchema,
    handler: ({ params, body, auth, request }) =>
      service.flagComment(
        ctx.db,
        auth.tenantId,
        params.id,
        body,
        participationActor(auth, request, 'participation.submit'),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/moderation/comments',
    operationId: 'getCommentModerationQueue',
    summary: 'Kommentare für die Moderation: ausgeblendete, gemeldete und ungeprüfte zuerst',
    tags: TAGS,
    permission: 'participation.moderate',
    response: c.commentQueueSchema,
    handler: ({ auth }) => service.commentQueue(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/comments/:id/moderation',
    operationId: 'moderateParticipationComment',
    summary: 'Kommentar aus- oder einblenden, mit Grund und interner Notiz',
    tags: TAGS,
    permission: 'participation.moderate',
    params: c.commentIdParamsSchema,
    body: c.commentModerationSchema,
    response: c.moderatedCommentSchema,
    handler: ({ params, body, auth, request }) =>
      service.moderateComment(
        ctx.db,
        auth.tenantId,
        params.id,
        body,
        auditActor(auth, request, 'participation.moderate'),
      ),
  });
}
