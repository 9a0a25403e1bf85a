import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { areaIdParams } from '../areas/index.ts';
import { indicatorSchema, profileSchema, seriesPointSchema, valuesSchema } from './schema.ts';
import { getCatalogue, getIndicator, getProfile, getSeries, getValuesCached } from './service.ts';

const isoDate = z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2023-12-31' });

/** GET /api/indicators, /api/indicators/{id}, /api/values, /api/areas/{id}/profile, /api/areas/{id}/series. */
export function registerIndicatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators',
    operationId: 'listIndicators',
    summary: 'Indikatorenkatalog mit Abdeckung (wo und zu welchen Stichtagen Werte vorliegen)',
    tags: ['Indikatoren'],
    response: z.array(indicatorSchema),
    handler: async () => (await getCatalogue(ctx.db, ctx.tenantId)).indicators,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators/:id',
    operationId: 'getIndicator',
    summary: 'Ein Indikator mit Metadaten und Abdeckung',
    tags: ['Indikatoren'],
    params: z.object({ id: z.string().min(1) }),
    response: indicatorSchema,
    handler: ({ params }) => getIndicator(ctx.db, ctx.tenantId, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/values',
    operationId: 'getValues',
    summary:
      'Werte eines Indikators für alle Gebiete einer Ebene an einem Stichtag, mit Gesamtwert',
    description:
      'Ohne date: der jüngste Stichtag mit Daten auf der Ebene. Mit date: der jüngste Stichtag ≤ date; das Feld date der Antwort nennt den verwendeten Stichtag.',
    tags: ['Indikatoren'],
    querystring: z.object({
      indicator: z.string().min(1),
      system: z.string().min(1),
      level: z.string().min(1),
      date: isoDate.optional(),
    }),
    response: valuesSchema,
    handler: ({ query }) => getValuesCached(ctx.db, ctx.tenantId, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas/:id/profile',
    operationId: 'getAreaProfile',
    summary: 'Gebietsprofil: alle Indikatoren nach Lebenslage mit Gesamtwert, Rang und Zeitreihe',
    tags: ['Gebiete', 'Indikatoren'],
    params: areaIdParams,
    querystring: z.object({ date: isoDate.optional() }),
    response: profileSchema,
    handler: ({ params, query }) => getProfile(ctx.db, ctx.tenantId, params.id, query.date),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas/:id/series',
    operationId: 'getAreaSeries',
    summary: 'Zeitreihe eines Indikators für ein Gebiet',
    tags: ['Gebiete', 'Indikatoren'],
    params: areaIdParams,
    querystring: z.object({ indicator: z.string().min(1) }),
    response: z.array(seriesPointSchema),
    handler: ({ params, query }) => getSeries(ctx.db, ctx.tenantId, params.id, query.indicator),
  });
}
