// Routes of the participation module (issue 13): the public portal's reads and anonymous writes,
// the moderation queue, the administration's answers and the settings. Thin: parsing by the
// contract, rules and SQL in service and store.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { tooManyRequests } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { RateLimit } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import * as c from '@sozialraum/contracts/participation';
import {
  registerOpen311KeyRoutes,
  registerOpen311Routes,
  registerOpen311Submission,
} from './open311.ts';
import { participationActor } from './actor.ts';
import { registerCommentRoutes } from './comment-routes.ts';
import { photoFiles } from './photos.ts';
import { issueChallenge } from './pow.ts';
import * as service from './service.ts';
import { selectSettings } from './store.ts';

/** Reports per IP address on top of the shared budget of anonymous writes (ADR 0031). */
export const SUBMISSIONS_PER_IP = { limit: 10, windowMs: 10 * 60_000 } as const;

export { participationActor } from './actor.ts';

const TAGS = ['Beteiligung'];

/** Registers the participation routes under /api/participation. */
export function registerParticipationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const submissions = new RateLimit(SUBMISSIONS_PER_IP.limit, SUBMISSIONS_PER_IP.windowMs);
  const files = photoFiles(ctx.config);
  registerPublicReads(app, ctx);

  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/challenge',
    operationId: 'getParticipationChallenge',
    summary: 'Sicherheitsaufgabe (Rechenaufgabe) für eine Einreichung ohne Anmeldung',
    tags: TAGS,
    permission: 'participation.submit',
    response: c.powChallengeSchema,
    handler: async ({ auth }) => {
      const { pow_difficulty } = await selectSettings(ctx.db, auth.tenantId);
      return {
        challenge: issueChallenge(auth.tenantId, pow_difficulty),
        difficulty: pow_difficulty,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports',
    operationId: 'submitParticipationReport',
    summary: 'Hinweis oder Idee einreichen (Ort innerhalb der Kommune, gelöste Sicherheitsaufgabe)',
    tags: TAGS,
    permission: 'participation.submit',
    body: c.reportSubmissionSchema,
    response: c.reportSubmittedSchema,
    status: 201,
    location: (r) => `/api/participation/reports/${r.report.id}`,
    refusals: { 429: 'Zu viele Einreichungen von dieser Adresse' },
    handler: ({ body, auth, request }) => {
      const wait = submissions.hit(request.ip);
      if (wait > 0)
        throw tooManyRequests(
          `Zu viele Hinweise von diesem Anschluss. Bitte in ${Math.ceil(wait / 60_000)} Minuten erneut versuchen.`,
          wait,
        );
      return service.submitReport(
        ctx,
        auth.tenantId,
        body,
        participationActor(auth, request, 'participation.submit'),
        request.log,
      );
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/supports',
    operationId: 'supportParticipationReport',
    summary: 'Einen Hinweis unterstützen (einmal je Gerät)',
    tags: TAGS,
    permission: 'participation.submit',
    params: c.reportIdParamsSchema,
    body: c.deviceBodySchema,
    response: c.supportResultSchema,
    handler: ({ params, body, auth, request }) =>
      service.supportReport(
        ctx.db,
        auth.tenantId,
        params.id,
        body.deviceId,
        participationActor(auth, request, 'participation.submit'),
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/flags',
    operationId: 'flagParticipationReport',
    summary:
      'Einen Hinweis als unangemessen melden (einmal je Gerät; ab einer Schwelle ausgeblendet)',
    tags: TAGS,
    permission: 'participation.submit',
    params: c.reportIdParamsSchema,
    body: c.flagBodySchema,
    response: c.flagResultSchema,
    handler: ({ params, body, auth, request }) =>
      service.flagReport(
        ctx.db,
        auth.tenantId,
        params.id,
        body.deviceId,
        body.reason,
        participationActor(auth, request, 'participation.submit'),
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/email-confirmations',
    operationId: 'confirmParticipationEmail',
    summary: 'E-Mail-Adresse für Rückmeldungen bestätigen (Double-Opt-in)',
    tags: TAGS,
    permission: 'participation.submit',
    body: c.emailConfirmationSchema,
    response: c.emailConfirmedSchema,
    handler: ({ body, auth, request }) =>
      service.confirmReportEmail(
        ctx.db,
        auth.tenantId,
        body.token,
        participationActor(auth, request, 'participation.submit'),
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/deletion',
    operationId: 'deleteParticipationReport',
    summary: 'Eigenen Hinweis mit dem Löschcode löschen (DSGVO Art. 17)',
    tags: TAGS,
    permission: 'participation.submit',
    params: c.reportIdParamsSchema,
    body: c.deletionBodySchema,
    response: c.deletedSchema,
    handler: ({ params, body, auth, request }) =>
      service.deleteReportByAuthor(
        ctx.db,
        auth.tenantId,
        params.id,
        body.token,
        participationActor(auth, request, 'participation.submit'),
        files,
      ),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/author-view',
    operationId: 'getOwnParticipationReport',
    summary:
      'Eigener Hinweis mit dem Löschcode: Text und, wenn ausgeblendet, der Grund der Moderation',
    description: 'POST, damit der Code in keiner Adresse und keinem Protokoll steht.',
    tags: TAGS,
    permission: 'participation.submit',
    params: c.reportIdParamsSchema,
    body: c.deletionBodySchema,
    response: c.publicReportSchema,
    handler: ({ params, body, auth }) =>
      service.getReportForAuthor(ctx.db, auth.tenantId, params.id, body.token),
  });

  registerStaffRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
  registerOpen311Routes(app, ctx);
  registerOpen311Submission(app, ctx);
  registerOpen311KeyRoutes(app, ctx);
}

function registerPublicReads(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/config',
    operationId: 'getParticipationConfig',
    summary: 'Themen, Bearbeitungsstände, Datenschutzhinweis und Gebietsausdehnung des Portals',
    tags: TAGS,
    permission: 'participation.read',
    response: c.participationConfigSchema,
    handler: ({ auth }) => service.getConfig(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/reports',
    operationId: 'listParticipationReports',
    summary: 'Öffentliche Hinweise und Ideen, neueste zuerst',
    tags: TAGS,
    permission: 'participation.read',
    querystring: c.reportListQuerySchema,
    response: c.publicReportListSchema,
    handler: ({ query, auth }) => service.listPublicReports(ctx.db, auth.tenantId, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/reports/:id',
    operationId: 'getParticipationReport',
    summary: 'Ein Hinweis mit Bearbeitungsstand und öffentlicher Antwort',
    tags: TAGS,
    permission: 'participation.read',
    params: c.reportIdParamsSchema,
    response: c.publicReportSchema,
    handler: ({ params, auth }) => service.getPublicReport(ctx.db, auth.tenantId, params.id),
  });
}

function registerStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/moderation',
    operationId: 'getModerationQueue',
    summary:
      'Warteschlange der Moderation: ausgeblendete, gemeldete und ungeprüfte Beiträge zuerst',
    tags: TAGS,
    permission: 'participation.moderate',
    response: c.moderationQueueSchema,
    handler: ({ auth }) => service.moderationQueue(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/reports/:id/moderation',
    operationId: 'moderateParticipationReport',
    summary: 'Beitrag aus- oder einblenden, mit Grund (für alle sichtbar) und Notiz (intern)',
    tags: TAGS,
    permission: 'participation.moderate',
    params: c.reportIdParamsSchema,
    body: c.moderationActionSchema,
    response: c.moderatedReportSchema,
    handler: ({ params, body, auth, request }) =>
      service.moderateReport(
        ctx,
        auth.tenantId,
        params.id,
        body,
        auditActor(auth, request, 'participation.moderate'),
        request.log,
      ),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/participation/reports/:id',
    operationId: 'answerParticipationReport',
    summary: 'Bearbeitungsstand und öffentliche Antwort setzen; die Autorin erfährt es per E-Mail',
    tags: TAGS,
    permission: 'participation.answer',
    params: c.reportIdParamsSchema,
    body: c.reportAnswerSchema,
    response: c.reportAnsweredSchema,
    handler: ({ params, body, auth, request }) =>
      service.answerReport(
        ctx,
        auth.tenantId,
        params.id,
        body,
        auditActor(auth, request, 'participation.answer'),
        request.log,
      ),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/participation/settings',
    operationId: 'updateParticipationSettings',
    summary: 'Datenschutzhinweis, Schwelle für automatisches Ausblenden und Rechenaufwand setzen',
    tags: TAGS,
    permission: 'participation.configure',
    body: c.participationSettingsUpdateSchema,
    response: c.participationSettingsSchema,
    handler: ({ body, auth, request }) =>
      service.saveSettings(
        ctx.db,
        auth.tenantId,
        body,
        auditActor(auth, request, 'participation.configure'),
      ),
  });
}
