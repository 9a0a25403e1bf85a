// Client of the areas capability: area systems, map geometry of a level, area details, areas of a
// level. Types from the contract.
import type * as c from '@sozialraum/contracts/areas';
import type { z } from 'zod';
import { enc, q, request } from './http.ts';

export type AreaSystem = z.output<typeof c.areaSystemSchema>;
export type Level = z.output<typeof c.levelSchema>;
export type AreaDetail = z.output<typeof c.areaDetailSchema>;
/** GET …/geometry: the simplified areas of a level (GeoJSON, WGS84). */
export type AreaCollection = z.output<typeof c.mapGeometrySchema>;
export type AreaFeature = AreaCollection['features'][number];
export type AreaFeatureProps = AreaFeature['properties'];
export type AreaListItem = z.output<typeof c.areaListItemSchema>;

export const areasApi = {
  areaSystems: () => request<z.output<typeof c.areaSystemListSchema>>('/api/area-systems'),
  geometry: (system: string, level: string) =>
    request<AreaCollection>(`/api/area-systems/${enc(system)}/levels/${enc(level)}/geometry`),
  area: (id: number) => request<AreaDetail>(`/api/areas/${id}`),
  /** Areas of one level (id, code, name), e.g. to correct an area-name match of an import. */
  areasOfLevel: (system: string, level: string) =>
    request<z.output<typeof c.areaListSchema>>(`/api/areas${q({ system, level })}`),
};
