// Client of the service directory (Angebote): search, detail, taxonomy, and the provider's edit of
// opening hours. Types from the contract.
import type * as c from '@sozialraum/contracts/directory';
import type * as cn from '@sozialraum/contracts/network';
import type * as ce from '@sozialraum/contracts/directory-edit';
import type { z } from 'zod';
import { enc, json, q, request } from './http.ts';

export type DirectoryServiceList = z.output<typeof c.directoryServiceListSchema>;
export type DirectoryServiceSummary = z.output<typeof c.directoryServiceSummarySchema>;
export type DirectoryServiceDetail = z.output<typeof c.directoryServiceDetailSchema>;
export type DirectoryTaxonomyTerm = z.output<typeof c.directoryTaxonomyTermSchema>;
export type OpeningInterval = z.output<typeof c.openingIntervalSchema>;
export type TermBody = z.input<typeof c.taxonomyTermBodySchema>;
export type DirectoryCapacities = z.output<typeof c.capacitiesSchema>;
export type HsdsImportReport = z.output<typeof c.hsdsImportReportSchema>;
export type HsdsImportIssue = z.output<typeof c.hsdsImportIssueSchema>;
export type ServiceBody = z.input<typeof ce.serviceBodySchema>;
export type EditableOrganisation = z.output<typeof ce.editableOrganisationSchema>;
export type ServiceHistory = z.output<typeof ce.serviceHistorySchema>;
export type WorkAreas = z.output<typeof cn.organisationAreasSchema>;

/** Filters of the service search (all optional). */
export interface DirectoryQuery {
  q?: string;
  type?: string;
  dimension?: string;
  areaId?: number;
  page?: number;
  perPage?: number;
}

export const directoryApi = {
  services: (query: DirectoryQuery) =>
    request<DirectoryServiceList>(`/api/directory/services${q({ ...query })}`),
  service: (id: string) => request<DirectoryServiceDetail>(`/api/directory/services/${enc(id)}`),
  taxonomy: () => request<DirectoryTaxonomyTerm[]>('/api/directory/taxonomy'),
  replaceOpeningHours: (serviceAtLocationId: string, intervals: OpeningInterval[]) =>
    request<z.output<typeof c.openingHoursSchema>>(
      `/api/directory/service-at-locations/${enc(serviceAtLocationId)}/schedules`,
      json('PUT', { intervals }),
    ),
  recordCapacity: (
    serviceId: string,
    body: { kind: 'places' | 'beds'; value: number; refDate: string },
  ) =>
    request<DirectoryCapacities>(
      `/api/directory/services/${enc(serviceId)}/capacities`,
      json('PUT', body),
    ),
  removeCapacity: (serviceId: string, key: { kind: 'places' | 'beds'; refDate: string }) =>
    request<DirectoryCapacities>(`/api/directory/services/${enc(serviceId)}/capacities${q(key)}`, {
      method: 'DELETE',
    }),
  /** The Verlauf of a service (for its maintainers and audit readers); `before`: the next older page. */
  serviceHistory: (id: string, before?: number) =>
    request<ServiceHistory>(
      `/api/directory/services/${enc(id)}/history${before ? `?before=${before}` : ''}`,
    ),
  editableOrganisations: () =>
    request<EditableOrganisation[]>('/api/directory/editable-organisations'),
  createService: (body: ServiceBody) =>
    request<DirectoryServiceDetail>('/api/directory/services', json('POST', body)),
  replaceService: (id: string, body: ServiceBody) =>
    request<DirectoryServiceDetail>(`/api/directory/services/${enc(id)}`, json('PUT', body)),
  /** Replaces the work areas of an organisation (the network's PUT …/organisations/:id/areas). */
  setWorkAreas: (organisationId: string, areaIds: number[]) =>
    request<WorkAreas>(
      `/api/network/organisations/${enc(organisationId)}/areas`,
      json('PUT', { areaIds }),
    ),
  addTerm: (body: TermBody) =>
    request<DirectoryTaxonomyTerm>('/api/directory/taxonomy', json('POST', body)),
  changeTerm: (code: string, body: TermBody) =>
    request<DirectoryTaxonomyTerm>(`/api/directory/taxonomy/${enc(code)}`, json('PUT', body)),
  /** Uploads HSDS files: dryRun only checks; otherwise all or nothing. */
  importHsds: (files: readonly File[], dryRun: boolean) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return request<HsdsImportReport>(`/api/directory/hsds-import${q({ dryRun: String(dryRun) })}`, {
      method: 'POST',
      body: form,
    });
  },
};
