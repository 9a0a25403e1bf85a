// Client of the measures capability (issue 14 § 2): list, one measure, form options, create, change.
import type {
  MeasureDetail,
  MeasureInput,
  MeasureOptions,
  MeasureSignalItem,
  MeasureSummary,
} from '@sozialraum/contracts/measures';
import { enc, json, q, request } from './http.ts';

export type {
  MeasureDetail,
  MeasureGoal,
  MeasureInput,
  MeasureOptions,
  MeasureSignalItem,
  MeasureSummary,
} from '@sozialraum/contracts/measures';

/** Filters of the list (all optional). */
export interface MeasureFilter {
  area?: number | null;
  lebenslage?: string | null;
  department?: string | null;
  status?: string | null;
  /** only city-wide (true) or only local (false) measures */
  citywide?: boolean | null;
}

export const measuresApi = {
  list: (f: MeasureFilter = {}) =>
    request<MeasureSummary[]>(
      `/api/measures${q({
        area: f.area ? String(f.area) : null,
        lebenslage: f.lebenslage ?? null,
        department: f.department ?? null,
        status: f.status ?? null,
        citywide: f.citywide === undefined || f.citywide === null ? null : String(f.citywide),
      })}`,
    ),
  get: (id: string) => request<MeasureDetail>(`/api/measures/${enc(id)}`),
  options: () => request<MeasureOptions>('/api/measures/options'),
  create: (body: MeasureInput) => request<{ id: string }>('/api/measures', json('POST', body)),
  update: (id: string, body: MeasureInput) =>
    request<{ id: string }>(`/api/measures/${enc(id)}`, json('PUT', body)),
  remove: (id: string) =>
    request<{ deleted: string }>(`/api/measures/${enc(id)}`, { method: 'DELETE' }),
  signals: () => request<MeasureSignalItem[]>('/api/measures/signals'),
};
