// Open311 GeoReport v2 (issue 13 § 1), reading side: services (one per topic) and the public
// reports as service requests, at /open311/v2/ in the standard's field names, so existing report
// apps and dashboards can read them. Hidden reports are left out. Submitting through Open311
// (POST requests.json with an api_key) is not built yet (ADR 0031).
import { REPORT_STATUSES, REPORT_TOPICS } from '@sozialraum/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import * as c from '@sozialraum/contracts/participation';
import { getPublicReport, listPublicReports } from './service.ts';
import { notFound } from '../../http/errors.ts';

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
