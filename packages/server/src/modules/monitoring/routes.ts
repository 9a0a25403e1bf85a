import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import {
  changesSchema,
  computeKeySchema,
  explanationSchema,
  indexDetailSchema,
  indexSummarySchema,
  previewBodySchema,
  previewSchema,
  resultsSchema,
  saveBodySchema,
  similarSchema,
} from './schema.ts';
import {
  explainIndexArea,
  getChanges,
  getIndexDetail,
  getResults,
  listIndices,
  previewIndex,
  saveIndex,
  similarAreas,
} from './service.ts';

const idParams = z.object({ id: z.string().min(1) });

/** /api/indices: index definitions (presets + stored versions), preview, results per area and explanations. */
export function registerMonitoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['Monitoring'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/indices',
    operationId: 'listIndices',
    summary:
      'Indexdefinitionen: Vorlagen (MSS 2019/2021, MSS 2013/2017) und gespeicherte Definitionen (jeweils jüngste Version)',
    tags,
    response: z.array(indexSummarySchema),
    handler: async () =>
      (await listIndices(ctx.db, ctx.tenantId)) as unknown as z.infer<typeof indexSummarySchema>[],
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/indices/preview',
    operationId: 'previewIndex',
    summary: 'Berechnet eine Indexdefinition probeweise (Klassenzahlen), ohne sie zu speichern',
    tags,
    body: previewBodySchema,
    response: previewSchema,
    handler: ({ body }) =>
      previewIndex(ctx.db, ctx.tenantId, body.definition, {
        system: body.system,
        level: body.level,
        date: body.date,
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id',
    operationId: 'getIndex',
    summary:
      'Eine Indexdefinition mit den Ständen (Gliederung, Ebene, Stichtag), an denen alle Indikatoren Werte haben',
    tags,
    params: idParams,
    response: indexDetailSchema,
    handler: async ({ params }) =>
      (await getIndexDetail(ctx.db, ctx.tenantId, params.id)) as unknown as z.infer<
        typeof indexDetailSchema
      >,
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/indices',
    operationId: 'createIndex',
    summary:
      'Speichert eine neue Indexdefinition (Version 1); nicht berechenbare Definitionen werden mit 400 abgelehnt',
    description:
      'Mit check (system, level, date) wird die Definition dort probeweise berechnet und nur gespeichert, wenn das gelingt.',
    tags,
    body: saveBodySchema,
    response: indexSummarySchema,
    handler: async ({ body, reply }) => {
      const saved = await saveIndex(
        ctx.db,
        ctx.tenantId,
        {
          definition: body.definition,
          basedOn: body.basedOn,
          check: body.check,
          actor: body.actor,
        },
        'create',
      );
      reply.code(201);
      return saved as unknown as z.infer<typeof indexSummarySchema>;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/indices/:id',
    operationId: 'updateIndex',
    summary:
      'Speichert die nächste Version einer Indexdefinition (frühere Versionen bleiben erhalten)',
    tags,
    params: idParams,
    body: saveBodySchema,
    response: indexSummarySchema,
    handler: async ({ params, body }) =>
      (await saveIndex(
        ctx.db,
        ctx.tenantId,
        {
          id: params.id,
          definition: body.definition,
          basedOn: body.basedOn,
          check: body.check,
          actor: body.actor,
        },
        'update',
      )) as unknown as z.infer<typeof indexSummarySchema>,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/results',
    operationId: 'getIndexResults',
    summary:
      'Ergebnis eines Index für alle Gebiete einer Ebene an einem Stichtag: z-Werte, Summen, Indizes, Klassen, Gruppe, Aufmerksamkeitsbedarf, Klassenzahlen',
    tags,
    params: idParams,
    querystring: computeKeySchema,
    response: resultsSchema,
    handler: ({ params, query }) => getResults(ctx.db, ctx.tenantId, params.id, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/explain/:areaId',
    operationId: 'explainIndexArea',
    summary:
      'Erklärung des Ergebnisses eines Gebiets: Beiträge der Indikatoren, Rang, Abstand zur Klassengrenze, Satz auf Deutsch',
    tags,
    params: z.object({ id: z.string().min(1), areaId: z.coerce.number().int().positive() }),
    querystring: computeKeySchema,
    response: explanationSchema,
    handler: async ({ params, query }) =>
      (await explainIndexArea(
        ctx.db,
        ctx.tenantId,
        params.id,
        params.areaId,
        query,
      )) as unknown as z.infer<typeof explanationSchema>,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/similar/:areaId',
    operationId: 'findSimilarAreas',
    summary:
      'Die k ähnlichsten Gebiete (Abstand der z-Werte), standardmäßig über die Status-Indikatoren des Index',
    description:
      'indicators: kommagetrennte Indikator-Kennungen statt der Status-Indikatoren; k: Anzahl (1–50, Standard 5).',
    tags,
    params: z.object({ id: z.string().min(1), areaId: z.coerce.number().int().positive() }),
    querystring: computeKeySchema.extend({
      k: z.coerce.number().int().min(1).max(50).optional(),
      indicators: z.string().min(1).optional(),
    }),
    response: similarSchema,
    handler: ({ params, query }) =>
      similarAreas(ctx.db, ctx.tenantId, params.id, params.areaId, query, {
        k: query.k,
        indicators: query.indicators
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/changes',
    operationId: 'getIndexChanges',
    summary:
      'Klassenwechsel (Status, Dynamik) zwischen zwei Stichtagen derselben Gliederung und zweimal in Folge negative Dynamik',
    tags,
    params: idParams,
    querystring: z.object({
      system: z.string().min(1),
      level: z.string().min(1),
      from: z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT' }),
      to: z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT' }),
    }),
    response: changesSchema,
    handler: ({ params, query }) => getChanges(ctx.db, ctx.tenantId, params.id, query),
  });
}
