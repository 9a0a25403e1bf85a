import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { notFound } from '../../http/errors.ts';
import type { IndexDefinition } from '@sozialraum/core';
import type { Principal } from '../access/index.ts';
import { auditActor } from '../audit/index.ts';
import { indexDefinitionTest, indicatorTest } from './visibility.ts';
import { loadBindable, planBinding, saveBinding } from './bind.ts';
import {
  bindBodySchema,
  bindPlanSchema,
  bindResultSchema,
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
  indexSummaryListSchema,
} from '@sozialraum/contracts/monitoring';
import { getIndex, getIndexDetail, listIndices, saveIndex } from './definitions.ts';
import { explainIndexArea, getChanges, getResults, previewIndex, similarAreas } from './results.ts';

const idParams = z.object({ id: z.string().min(1) });

/** /api/indices: index definitions (presets + stored versions), preview, results per area and explanations. */
export function registerMonitoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['Monitoring'];
  const readableBy = (auth: Principal) => indexDefinitionTest(ctx.db, auth);
  // An index someone may not read answers like one that does not exist.
  const requireReadableIndex = async (auth: Principal, id: string) => {
    const idx = await getIndex(ctx.db, auth.tenantId, id);
    if (!(await readableBy(auth))(idx.definition))
      throw notFound(`Den Index „${id}“ gibt es nicht.`);
  };
  defineRoute(app, {
    method: 'GET',
    url: '/api/indices',
    operationId: 'listIndices',
    summary:
      'Indexdefinitionen: Vorlagen (MSS 2019/2021, MSS 2013/2017) und gespeicherte Definitionen (jeweils jüngste Version)',
    tags,
    permission: 'monitoring.read',
    response: indexSummaryListSchema,
    handler: async ({ auth }) => {
      const readable = await readableBy(auth);
      return (await listIndices(ctx.db, auth.tenantId)).filter((i) =>
        readable(i.definition),
      ) as unknown as z.infer<typeof indexSummarySchema>[];
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/indices/preview',
    operationId: 'previewIndex',
    summary: 'Berechnet eine Indexdefinition probeweise (Klassenzahlen), ohne sie zu speichern',
    tags,
    permission: 'monitoring.edit',
    body: previewBodySchema,
    response: previewSchema,
    handler: async ({ body, auth }) =>
      previewIndex(
        ctx.db,
        auth.tenantId,
        body.definition,
        { system: body.system, level: body.level, date: body.date },
        await indicatorTest(ctx.db, auth),
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id',
    operationId: 'getIndex',
    summary:
      'Eine Indexdefinition mit den Ständen (Gliederung, Ebene, Stichtag), an denen alle Indikatoren Werte haben',
    tags,
    permission: 'monitoring.read',
    params: idParams,
    response: indexDetailSchema,
    handler: async ({ params, auth }) => {
      await requireReadableIndex(auth, params.id);
      return (await getIndexDetail(ctx.db, auth.tenantId, params.id)) as unknown as z.infer<
        typeof indexDetailSchema
      >;
    },
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
    permission: 'monitoring.edit',
    body: saveBodySchema,
    response: indexSummarySchema,
    status: 201,
    location: (index) => `/api/indices/${index.id}`,
    refusals: { 409: 'Kennung schon vergeben' },
    handler: async ({ body, auth, request }) => {
      const saved = await saveIndex(
        ctx.db,
        auth.tenantId,
        {
          definition: body.definition,
          basedOn: body.basedOn,
          check: body.check,
          actor: auditActor(auth, request, 'monitoring.edit'),
          mayRead: await indicatorTest(ctx.db, auth),
        },
        'create',
      );
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
    permission: 'monitoring.edit',
    params: idParams,
    body: saveBodySchema,
    response: indexSummarySchema,
    handler: async ({ params, body, auth, request }) => {
      await requireReadableIndex(auth, params.id);
      return (await saveIndex(
        ctx.db,
        auth.tenantId,
        {
          id: params.id,
          definition: body.definition,
          basedOn: body.basedOn,
          check: body.check,
          actor: auditActor(auth, request, 'monitoring.edit'),
          mayRead: await indicatorTest(ctx.db, auth),
        },
        'update',
      )) as unknown as z.infer<typeof indexSummarySchema>;
    },
  });

  registerBindRoutes(app, ctx, readableBy);

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/results',
    operationId: 'getIndexResults',
    summary:
      'Ergebnis eines Index für alle Gebiete einer Ebene an einem Stichtag: z-Werte, Summen, Indizes, Klassen, Gruppe, Aufmerksamkeitsbedarf, Klassenzahlen',
    tags,
    permission: 'monitoring.read',
    params: idParams,
    querystring: computeKeySchema,
    response: resultsSchema,
    handler: async ({ params, query, auth }) => {
      await requireReadableIndex(auth, params.id);
      return getResults(ctx.db, auth.tenantId, params.id, query);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/explain/:areaId',
    operationId: 'explainIndexArea',
    summary:
      'Erklärung des Ergebnisses eines Gebiets: Beiträge der Indikatoren, Rang, Abstand zur Klassengrenze, Satz auf Deutsch',
    tags,
    permission: 'monitoring.read',
    params: z.object({ id: z.string().min(1), areaId: z.coerce.number().int().positive() }),
    querystring: computeKeySchema,
    response: explanationSchema,
    handler: async ({ params, query, auth }) => {
      await requireReadableIndex(auth, params.id);
      return (await explainIndexArea(
        ctx.db,
        auth.tenantId,
        params.id,
        params.areaId,
        query,
      )) as unknown as z.infer<typeof explanationSchema>;
    },
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
    permission: 'monitoring.read',
    params: z.object({ id: z.string().min(1), areaId: z.coerce.number().int().positive() }),
    querystring: computeKeySchema.extend({
      k: z.coerce.number().int().min(1).max(50).optional(),
      indicators: z.string().min(1).optional(),
    }),
    response: similarSchema,
    handler: async ({ params, query, auth }) => {
      await requireReadableIndex(auth, params.id);
      return similarAreas(ctx.db, auth.tenantId, params.id, params.areaId, query, {
        k: query.k,
        indicators: query.indicators
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indices/:id/changes',
    operationId: 'getIndexChanges',
    summary:
      'Klassenwechsel (Status, Dynamik) zwischen zwei Stichtagen derselben Gliederung und zweimal in Folge negative Dynamik',
    tags,
    permission: 'monitoring.read',
    params: idParams,
    querystring: z.object({
      system: z.string().min(1),
      level: z.string().min(1),
      from: z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT' }),
      to: z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT' }),
    }),
    response: changesSchema,
    handler: async ({ params, query, auth }) => {
      await requireReadableIndex(auth, params.id);
      return getChanges(ctx.db, auth.tenantId, params.id, query);
    },
  });
}

/** POST /api/indices/:id/bind/preview and /api/indices/:id/bind (issue 9 § 6, bind.ts). */
function registerBindRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  readableBy: (auth: Principal) => Promise<(def: IndexDefinition) => boolean>,
): void {
  const tags = ['Monitoring'];
  const plan = async (auth: Principal, id: string, body: z.output<typeof bindBodySchema>) =>
    planBinding(ctx.db, auth, await loadBindable(ctx.db, auth, id, await readableBy(auth)), body);
  defineRoute(app, {
    method: 'POST',
    url: '/api/indices/:id/bind/preview',
    operationId: 'previewIndexBinding',
    summary:
      'Zeigt, welcher Index entstünde, wenn dieser Index (z. B. die Vorlage MSS 2019/2021) an andere Indikatoren gebunden wird; speichert nichts',
    description:
      'Jeder Eingang braucht einen Indikator; nicht lesbare Indikatoren → 404. Abweichende Richtung oder Einheit stehen in warnings.',
    tags,
    permission: 'monitoring.edit',
    params: idParams,
    body: bindBodySchema,
    response: bindPlanSchema,
    refusals: { 404: 'Index oder Indikator unbekannt oder nicht lesbar' },
    handler: async ({ params, body, auth }) =>
      (await plan(auth, params.id, body)) as unknown as z.infer<typeof bindPlanSchema>,
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/indices/:id/bind',
    operationId: 'bindIndex',
    summary:
      'Bindet einen Index (z. B. die Vorlage MSS 2019/2021) an andere Indikatoren und speichert das Ergebnis als neuen Index (Version 1, protokolliert)',
    description:
      'bindings: Eingang → Indikator, für jeden Eingang. Mit check wird der neue Index dort probeweise berechnet und nur gespeichert, wenn das gelingt.',
    tags,
    permission: 'monitoring.edit',
    params: idParams,
    body: bindBodySchema,
    response: bindResultSchema,
    status: 201,
    location: (index) => `/api/indices/${index.id}`,
    refusals: {
      404: 'Index oder Indikator unbekannt oder nicht lesbar',
      409: 'Kennung schon vergeben',
    },
    handler: async ({ params, body, auth, request }) => {
      const p = await plan(auth, params.id, body);
      const saved = await saveBinding(ctx.db, auth, p, {
        check: body.check,
        actor: auditActor(auth, request, 'monitoring.edit'),
        mayRead: await indicatorTest(ctx.db, auth),
      });
      return { ...saved, inputs: p.inputs, warnings: p.warnings } as unknown as z.infer<
        typeof bindResultSchema
      >;
    },
  });
}
