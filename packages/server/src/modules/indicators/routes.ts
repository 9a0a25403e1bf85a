import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { areaIdParams } from '../areas/index.ts';
import { auditActor } from '../audit/index.ts';
import { updateIndicator } from './edit.ts';
import {
  indicatorListSchema,
  indicatorPatchSchema,
  indicatorSchema,
  profileSchema,
  seriesSchema,
  valuesSchema,
} from '@sozialraum/contracts/indicators';
import { responseCheck, sendPrepared } from '../../http/prepared.ts';
import {
  getCatalogue,
  getIndicator,
  getProfilePrepared,
  getSeries,
  getValuesPrepared,
} from './service.ts';

const isoDate = z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2023-12-31' });

/** GET /api/indicators, /api/indicators/{id}, /api/values, /api/areas/{id}/profile, /api/areas/{id}/series. */
export function registerIndicatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const checkValues = responseCheck(app, valuesSchema, 'getValues');
  const checkProfile = responseCheck(app, profileSchema, 'getAreaProfile');
  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators',
    operationId: 'listIndicators',
    summary: 'Indikatorenkatalog mit Abdeckung (wo und zu welchen Stichtagen Werte vorliegen)',
    tags: ['Indikatoren'],
    permission: 'indicators.read',
    response: indicatorListSchema,
    handler: async ({ auth }) => (await getCatalogue(ctx.db, auth)).indicators,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators/:id',
    operationId: 'getIndicator',
    summary: 'Ein Indikator mit Metadaten und Abdeckung',
    tags: ['Indikatoren'],
    permission: 'indicators.read',
    params: z.object({ id: z.string().min(1) }),
    response: indicatorSchema,
    handler: ({ params, auth }) => getIndicator(ctx.db, auth, params.id),
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
    permission: 'indicators.read',
    querystring: z.object({
      indicator: z.string().min(1),
      system: z.string().min(1),
      level: z.string().min(1),
      date: isoDate.optional(),
    }),
    response: valuesSchema,
    etag: true,
    refusals: { 404: 'Indikator, Gebietssystem oder Ebene nicht gefunden' },
    // prepared bytes with ETag (304 on If-None-Match) and gzip, once per data version
    handler: async ({ query, auth, request, reply }) =>
      sendPrepared(request, reply, await getValuesPrepared(ctx.db, auth, query, checkValues)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas/:id/profile',
    operationId: 'getAreaProfile',
    summary: 'Gebietsprofil: alle Indikatoren nach Lebenslage mit Gesamtwert, Rang und Zeitreihe',
    tags: ['Gebiete', 'Indikatoren'],
    permission: 'indicators.read',
    params: areaIdParams,
    querystring: z.object({ date: isoDate.optional() }),
    response: profileSchema,
    etag: true,
    handler: async ({ params, query, auth, request, reply }) =>
      sendPrepared(
        request,
        reply,
        await getProfilePrepared(ctx.db, auth, params.id, query.date, checkProfile),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/areas/:id/series',
    operationId: 'getAreaSeries',
    summary: 'Zeitreihe eines Indikators für ein Gebiet',
    tags: ['Gebiete', 'Indikatoren'],
    permission: 'indicators.read',
    params: areaIdParams,
    querystring: z.object({ indicator: z.string().min(1) }),
    response: seriesSchema,
    handler: ({ params, query, auth }) => getSeries(ctx.db, auth, params.id, query.indicator),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/indicators/:id',
    operationId: 'updateIndicator',
    summary:
      'Metadaten (Namen, Definition, Lebenslage, Einheit, Polarität, Nachkommastellen, Quelle), Sichtbarkeit und Freigaben eines Indikators ändern (nur die besitzende Abteilung)',
    description:
      'Jede Änderung wird mit altem und neuem Wert protokolliert. Die Einheit benennt die gespeicherten Werte, sie rechnet nicht um: Anzahlen bleiben „count“, Anteile nur in Einheiten gleicher Skala (percent ↔ per_100). Unbekannte Quelle → 400.',
    tags: ['Indikatoren'],
    permission: 'indicators.edit',
    params: z.object({ id: z.string().min(1) }),
    body: indicatorPatchSchema,
    response: indicatorSchema,
    handler: ({ auth, params, body, request }) =>
      updateIndicator(ctx.db, auth, params.id, body, auditActor(auth, request, 'indicators.edit')),
  });
}
