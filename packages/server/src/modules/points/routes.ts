import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pointCollectionSchema, pointDatasetListSchema } from '@sozialraum/contracts/points';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { loadSourceMap } from '../sources/index.ts';
import { pointDatasetExists, selectPointDatasets, selectPointFeatures } from './store.ts';

/** GET /api/point-datasets and /api/point-datasets/{id}/features. */
export function registerPointRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/point-datasets',
    operationId: 'listPointDatasets',
    summary: 'Punktdatensätze (Standorte von Angeboten)',
    tags: ['Standorte'],
    permission: 'points.read',
    response: pointDatasetListSchema,
    handler: async ({ auth }) => {
      const [rows, sources] = await Promise.all([
        selectPointDatasets(ctx.db, auth.tenantId),
        loadSourceMap(ctx.db, auth.tenantId),
      ]);
      return rows.map((r) => {
        const source = sources.get(r.source_id);
        if (!source)
          throw new Error(`point dataset ${r.id} refers to missing source ${r.source_id}`);
        return {
          id: r.id,
          nameDe: r.name_de,
          nameEn: r.name_en,
          referenceDate: r.reference_date,
          count: r.count,
          source,
        };
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/point-datasets/:id/features',
    operationId: 'getPointFeatures',
    summary: 'Alle Punkte eines Datensatzes als GeoJSON',
    tags: ['Standorte'],
    permission: 'points.read',
    params: z.object({ id: z.string().min(1) }),
    response: pointCollectionSchema,
    responseContentType: 'application/geo+json',
    handler: async ({ params, auth }) => {
      if (!(await pointDatasetExists(ctx.db, auth.tenantId, params.id))) {
        throw notFound(`Den Punktdatensatz „${params.id}“ gibt es nicht.`);
      }
      const rows = await selectPointFeatures(ctx.db, auth.tenantId, params.id);
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: r.id,
          geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
          properties: { ...r.properties, id: r.id, name: r.name },
        })),
      };
    },
  });
}
