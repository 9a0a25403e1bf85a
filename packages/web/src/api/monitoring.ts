// Client of the monitoring capability: indices, their results, explanations, similar areas and
// changes, trial computation and saving. Types from the contract.
import type * as c from '@sozialraum/contracts/monitoring';
import type { z } from 'zod';
import { enc, json, q, request } from './http.ts';

/** Monitoring: an index definition (preset or stored, latest version). */
export type IndexSummary = z.output<typeof c.indexSummarySchema>;
/** Where an index can be computed. */
export type IndexEdition = z.output<typeof c.editionSchema>;
export type IndexDetail = z.output<typeof c.indexDetailSchema>;
export type IndexResults = z.output<typeof c.resultsSchema>;
export type IndexClassCount = IndexResults['counts']['status'][number];
export type IndexAreaResult = IndexResults['areas'][number];
export type IndexAreaPart = NonNullable<IndexAreaResult['status']>;
export type IndexExplanation = z.output<typeof c.explanationSchema>;
export type IndexPartExplanation = z.output<typeof c.partExplanationSchema>;
export type IndexContribution = IndexPartExplanation['contributions'][number];
export type SimilarAreas = z.output<typeof c.similarSchema>;
export type IndexChanges = z.output<typeof c.changesSchema>;
export type IndexClassChange = IndexChanges['status'][number];

export const monitoringApi = {
  indices: () => request<z.output<typeof c.indexSummaryListSchema>>('/api/indices'),
  index: (id: string) => request<IndexDetail>(`/api/indices/${enc(id)}`),
  indexResults: (id: string, e: IndexEdition) =>
    request<IndexResults>(`/api/indices/${enc(id)}/results${q({ ...e })}`),
  explainIndexArea: (id: string, areaId: number, e: IndexEdition) =>
    request<IndexExplanation>(`/api/indices/${enc(id)}/explain/${areaId}${q({ ...e })}`),
  previewIndex: (definition: Record<string, unknown>, e: IndexEdition) =>
    request<z.output<typeof c.previewSchema>>(
      '/api/indices/preview',
      json('POST', { definition, ...e } satisfies z.input<typeof c.previewBodySchema>),
    ),
  /** Saves a new index (POST) or the next version of a stored one (PUT); `check` refuses what cannot be computed there. */
  saveIndex: (
    definition: Record<string, unknown>,
    opts: { update: boolean; basedOn?: string; check?: IndexEdition },
  ) =>
    request<IndexSummary>(
      opts.update ? `/api/indices/${enc(String(definition.id))}` : '/api/indices',
      json(opts.update ? 'PUT' : 'POST', {
        definition,
        basedOn: opts.basedOn,
        check: opts.check,
      } satisfies z.input<typeof c.saveBodySchema>),
    ),
  indexChanges: (id: string, p: { system: string; level: string; from: string; to: string }) =>
    request<IndexChanges>(`/api/indices/${enc(id)}/changes${q(p)}`),
  similarAreas: (id: string, areaId: number, e: IndexEdition, k = 5) =>
    request<SimilarAreas>(`/api/indices/${enc(id)}/similar/${areaId}${q({ ...e, k })}`),
};
