// Open311 GeoReport v2 (issue 13 § 1), reading side: services (one per topic) and the public
// reports as service requests, at /open311/v2/ in the standard's field names, so existing report
// apps and dashboards can read them. Hidden reports are left out. Apps with an api_key submit
// through POST requests.json (form fields or JSON); the administration manages the keys (ADR 0031).
import { REPORT_STATUSES, REPORT_TOPICS } from '@sozialraum/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import * as c from '@sozialraum/contracts/participation';
import { getPublicReport, listPublicReports } from './service.ts';
import { notFound, retryAfterOf, toErrorResponse, tooManyRequests } from '../../http/errors.ts';
import { FailureThrottle, RateLimit } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import { createKey, keyOf, listKeys, revokeKey, submitKeyed } from './open311-keys.ts';

type Request = z.input<typeof c.open311RequestSchema>;

const CLOSED = new Set(['done', 'rejected']);

/** A public report as an Open311 service request. */
export function toOpen311(r: c.PublicReport): Request {
  const topic = REPORT_TOPICS.find((t) => t.id === r.topic);
  return {
    service_request_id: String(r.id),
    status: CLOSED.has(r.status) ? 'closed' : 'open',
    status_notes: r.publicAnswer,
    service_name: topic?.de ?? null,
    service_code: r.topic,
    description: r.text,
    agency_responsible: null,
    service_notice: REPORT_STATUSES.find((s) => s.id === r.status)?.de ?? null,
    requested_datetime: r.createdAt,
    updated_datetime: r.updatedAt,
    expected_datetime: null,
    address: r.areaName,
    lat: r.lat,
    long: r.lon,
    media_url: null,
  };
}

const TAGS = ['Open311'];

/** GET /open311/v2/services.json, requests.json and requests/{id}.json. */
export function registerOpen311Routes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/open311/v2/services.json',
    operationId: 'open311Services',
    summary: 'Open311 GeoReport v2: Dienste (ein Dienst je Thema der Beteiligung)',
    tags: TAGS,
    permission: 'participation.read',
    response: c.open311ServiceListSchema,
    handler: () =>
      REPORT_TOPICS.map((t) => ({
        service_code: t.id,
        service_name: t.de,
        description: `Hinweise und Ideen zum Thema „${t.de}“`,
        metadata: false,
        type: 'realtime' as const,
        keywords: t.dimension,
        group: t.dimension,
      })),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/open311/v2/requests.json',
    operationId: 'open311Requests',
    summary: 'Open311 GeoReport v2: öffentliche Hinweise als Service Requests',
    tags: TAGS,
    permission: 'participation.read',
    querystring: c.open311RequestQuerySchema,
    response: c.open311RequestListSchema,
    handler: async ({ query, auth }) => {
      const reports = await listPublicReports(ctx.db, auth.tenantId, {
        topic: query.service_code,
        limit: 1000,
      });
      return reports.map(toOpen311).filter((r) => !query.status || r.status === query.status);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/open311/v2/requests/:id.json',
    operationId: 'open311Request',
    summary: 'Open311 GeoReport v2: ein Hinweis (als Liste mit einem Eintrag, wie der Standard)',
    tags: TAGS,
    permission: 'participation.read',
    params: c.reportIdParamsSchema,
    response: c.open311RequestListSchema,
    handler: async ({ params, auth }) => {
      const r = await getPublicReport(ctx.db, auth.tenantId, params.id);
      if (r.hidden) throw notFound(`Hinweis ${params.id} gibt es nicht (mehr).`);
      return [toOpen311(r)];
    },
  });
}

/** Submissions per api_key, and refused keys per IP address (ADR 0031). */
export const OPEN311_LIMITS = {
  perKey: { limit: 100, windowMs: 10 * 60_000 },
  refusedPerIp: { allowed: 10, windowMs: 10 * 60_000, lockMs: 60_000, maxLockMs: 60 * 60_000 },
} as const;

const FORM = 'application/x-www-form-urlencoded';

/**
 * POST /open311/v2/requests.json in a scope of its own: only there are form fields parsed
 * (the standard's way), and errors answer in the standard's format, [{ code, description }].
 */
export function registerOpen311Submission(app: FastifyInstance, ctx: AppContext): void {
  const perKey = new RateLimit(OPEN311_LIMITS.perKey.limit, OPEN311_LIMITS.perKey.windowMs);
  const refused = new FailureThrottle(OPEN311_LIMITS.refusedPerIp);
  void app.register(async (scope) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.setErrorHandler((err, request, reply) => {
      const { statusCode, body } = toErrorResponse(err);
      if (statusCode >= 500) request.log.error({ err }, 'request failed');
      if (statusCode === 429) reply.header('Retry-After', String(retryAfterOf(err)));
      const description = body.error.message;
      return reply.code(statusCode).send([{ code: statusCode, description }]);
    });
    defineRoute(scope, {
      method: 'POST',
      url: '/open311/v2/requests.json',
      operationId: 'open311SubmitRequest',
      summary: 'Open311 GeoReport v2: Hinweis einer App mit api_key einreichen',
      description: `Formularfelder (${FORM}) oder JSON. Ort nur als lat/long; ohne Rechenaufgabe, aber mit Kontingent je Schlüssel.`,
      tags: TAGS,
      permission: 'participation.submit',
      ownThrottle: true,
      body: c.open311SubmissionSchema,
      response: c.open311SubmittedSchema,
      refusals: {
        429: 'Zu viele Einreichungen mit diesem Schlüssel oder zu viele falsche Schlüssel',
      },
      handler: async ({ body, auth, request }) => {
        const locked = refused.retryAfterMs(request.ip);
        if (locked > 0)
          throw tooManyRequests(
            `Zu viele ungültige Schlüssel von diesem Anschluss. Bitte in ${Math.ceil(locked / 60_000)} Minuten erneut versuchen.`,
            locked,
          );
        const key = await keyOf(ctx.db, auth.tenantId, body.api_key).catch((e: unknown) => {
          refused.fail(request.ip);
          throw e;
        });
        const wait = perKey.hit(String(key.id));
        if (wait > 0)
          throw tooManyRequests(
            `Zu viele Hinweise mit diesem Schlüssel. Bitte in ${Math.ceil(wait / 60_000)} Minuten erneut versuchen.`,
            wait,
          );
        const actor = {
          actor: `open311:${key.name}`,
          permission: 'participation.submit',
          requestId: String(request.id),
        };
        return submitKeyed(ctx, auth.tenantId, key, body, actor, request.log);
      },
    });
  });
}

const KEY_TAGS = ['Beteiligung'];

/** The administration's Open311 api keys: list, create (secret shown once), revoke. */
export function registerOpen311KeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/participation/open311-keys',
    operationId: 'listOpen311Keys',
    summary: 'Open311-Schlüssel der Kommune (ohne Geheimnis)',
    tags: KEY_TAGS,
    permission: 'participation.configure',
    response: c.open311KeyListSchema,
    handler: ({ auth }) => listKeys(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/participation/open311-keys',
    operationId: 'createOpen311Key',
    summary: 'Open311-Schlüssel für eine App anlegen (wird nur einmal angezeigt)',
    tags: KEY_TAGS,
    permission: 'participation.configure',
    body: c.open311KeyCreateSchema,
    response: c.open311KeyCreatedSchema,
    status: 201,
    location: (r) => `/api/participation/open311-keys/${r.key.id}`,
    handler: ({ body, auth, request }) =>
      createKey(
        ctx.db,
        auth.tenantId,
        body.name,
        auditActor(auth, request, 'participation.configure'),
      ),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/participation/open311-keys/:id',
    operationId: 'revokeOpen311Key',
    summary: 'Open311-Schlüssel widerrufen (Apps mit ihm werden abgewiesen)',
    tags: KEY_TAGS,
    permission: 'participation.configure',
    params: c.open311KeyIdParamsSchema,
    response: c.open311KeySchema,
    handler: ({ params, auth, request }) =>
      revokeKey(
        ctx.db,
        auth.tenantId,
        params.id,
        auditActor(auth, request, 'participation.configure'),
      ),
  });
}
