// Client of the indicators capability: catalogue, one indicator and its edit, values of a level,
// area profiles. Types from the contract.
import type * as c from '@sozialraum/contracts/indicators';
import type { Dimension, Polarity } from '@sozialraum/contracts/enums';
import type { z } from 'zod';
import { enc, json, q, request } from './http.ts';

export type { Dimension, Polarity };
export type Indicator = z.output<typeof c.indicatorSchema>;
export type Coverage = z.output<typeof c.coverageSchema>;
/** Who may read an indicator (public = everyone, internal = signed-in, department = owner and shares). */
export type Visibility = Indicator['visibility'];
/** Editable metadata of an indicator (PATCH /api/indicators/:id, all optional). */
export type IndicatorPatch = z.input<typeof c.indicatorPatchSchema>;
export type ValuesResponse = z.output<typeof c.valuesSchema>;
export type AreaValue = ValuesResponse['values'][number];
export type Reliability = NonNullable<AreaValue['reliability']>;
export type Profile = z.output<typeof c.profileSchema>;
export type ProfileIndicator = Profile['groups'][number]['indicators'][number];
/** A point of an area profile's series (date and value). */
export type SeriesPoint = ProfileIndicator['series'][number];

export const indicatorsApi = {
  indicators: () => request<z.output<typeof c.indicatorListSchema>>('/api/indicators'),
  indicator: (id: string) => request<Indicator>(`/api/indicators/${enc(id)}`),
  updateIndicator: (id: string, patch: IndicatorPatch) =>
    request<Indicator>(`/api/indicators/${enc(id)}`, json('PATCH', patch)),
  values: (p: { indicator: string; system: string; level: string; date?: string | null }) =>
    request<ValuesResponse>(`/api/values${q(p)}`),
  profile: (id: number, date?: string | null) =>
    request<Profile>(`/api/areas/${id}/profile${q({ date })}`),
};
