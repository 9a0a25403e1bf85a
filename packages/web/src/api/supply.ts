// Client of supply against need (/versorgung) and the actor network (/netzwerk, "Wer ist hier
// aktiv?"). Types from the contract.
import type * as s from '@sozialraum/contracts/supply';
import type * as n from '@sozialraum/contracts/network';
import type { z } from 'zod';
import { json, q, request } from './http.ts';

export type Supply = z.output<typeof s.supplySchema>;
export type SupplyRow = Supply['rows'][number];
export type SupplyTypes = z.output<typeof s.supplyTypesSchema>;
export type SupplyTargets = z.output<typeof s.supplyTargetsSchema>;
export type SupplyIndicators = z.output<typeof s.supplyIndicatorsSchema>;
export type SupplyIndicatorResult = z.output<typeof s.supplyIndicatorResultSchema>;
export type SupplyGaps = z.output<typeof s.supplyGapsSchema>;
export type SupplyResidents = z.output<typeof s.supplyResidentsSchema>;
export type AreaActors = z.output<typeof n.areaActorsSchema>;
export type NetworkGraph = z.output<typeof n.graphSchema>;

export const supplyApi = {
  types: () => request<SupplyTypes>('/api/supply/types'),
  supply: (p: { serviceType: string; distance: number; system?: string; level?: string }) =>
    request<Supply>(
      `/api/supply${q({ serviceType: p.serviceType, distance: String(p.distance), system: p.system ?? null, level: p.level ?? null })}`,
    ),
  gaps: (p: { serviceType: string; need: string; threshold: number | null }) =>
    request<SupplyGaps>(
      `/api/supply/gaps${q({ serviceType: p.serviceType, need: p.need, threshold: p.threshold === null ? null : String(p.threshold) })}`,
    ),
  targets: () => request<SupplyTargets>('/api/supply/targets'),
  setTarget: (serviceType: string, indicatorIds: string[]) =>
    request<SupplyTargets[number]>(
      `/api/supply/targets/${encodeURIComponent(serviceType)}`,
      json('PUT', { indicatorIds } satisfies z.input<typeof s.supplyTargetBodySchema>),
    ),
  residents: () => request<SupplyResidents>('/api/supply/residents'),
  setResidents: (indicatorId: string | null) =>
    request<SupplyResidents>(
      '/api/supply/residents',
      json('PUT', { indicatorId } satisfies z.input<typeof s.supplyResidentsBodySchema>),
    ),
  indicators: () => request<SupplyIndicators>('/api/supply/indicators'),
  storeIndicator: (serviceType: string) =>
    request<SupplyIndicatorResult>(
      `/api/supply/indicators/${encodeURIComponent(serviceType)}`,
      json('PUT', {} satisfies z.input<typeof s.supplyIndicatorBodySchema>),
    ),
  actors: (areaId: number, p: { serviceType?: string | null; nearM?: number }) =>
    request<AreaActors>(
      `/api/network/areas/${areaId}/actors${q({ serviceType: p.serviceType ?? null, nearM: p.nearM ? String(p.nearM) : null })}`,
    ),
  graph: (p: { dimension?: string | null; area?: number | null }) =>
    request<NetworkGraph>(`/api/network/graph${graphQuery(p)}`),
};

/** The query of the graph and its exports (the same filters). */
export function graphQuery(p: { dimension?: string | null; area?: number | null }): string {
  return q({ dimension: p.dimension ?? null, area: p.area ? String(p.area) : null });
}
