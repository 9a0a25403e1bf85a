// Client of funding (Förderung) and the effect estimate (Wirkung). Types from the contract.
import type * as f from '@sozialraum/contracts/funding';
import type * as e from '@sozialraum/contracts/effect';
import type * as tr from '@sozialraum/contracts/funding-transparency';
import type { z } from 'zod';
import { enc, json, q, request } from './http.ts';

export type ProgrammeListItem = z.output<typeof f.programmeListItemSchema>;
export type ProgrammeDetail = z.output<typeof f.programmeDetailSchema>;
export type EffectEstimate = z.output<typeof e.effectEstimateSchema>;
export type FundingImportAnswer = z.output<typeof f.fundingImportAnswerSchema>;
export type FundingImportReport = FundingImportAnswer['analysis'];
export type MeasureMoney = z.output<typeof f.measureMoneySchema>;

export const fundingApi = {
  programmes: () => request<ProgrammeListItem[]>('/api/funding/programmes'),
  programme: (id: string) => request<ProgrammeDetail>(`/api/funding/programmes/${enc(id)}`),
  measureMoney: (id: number) => request<MeasureMoney>(`/api/funding/measures/${id}/money`),
  importEntries: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<FundingImportAnswer>(
      `/api/funding/entries/import${q({ dryRun: dryRun ? 'true' : null })}`,
      { method: 'POST', body: form },
    );
  },
  effect: (p: { indicator: string; areas: number[]; start: string }) =>
    request<EffectEstimate>(
      `/api/effect${q({ indicator: p.indicator, areas: p.areas.join(','), start: p.start })}`,
    ),
};

export type Transparency = z.output<typeof tr.transparencySchema>;
export type TransparencyArea = Transparency['areas'][number];
export type TransparencyQuery = z.input<typeof tr.transparencyQuerySchema>;

/** Query string of the transparency view and its exports. */
export const transparencyQuery = (p: TransparencyQuery): string =>
  q({
    year: p.year === undefined ? null : String(p.year),
    need: p.need ?? null,
    level: p.level ?? null,
    system: p.system ?? null,
    kind: p.kind ?? null,
    bridge: p.bridge ?? null,
  });

export type FundingSettings = z.output<typeof tr.fundingSettingsSchema>;
export type AreaFunding = z.output<typeof tr.areaFundingSchema>;

export const transparencyApi = {
  area: (areaId: number) => request<AreaFunding>(`/api/funding/areas/${areaId}`),
  settings: () => request<FundingSettings>('/api/funding/settings'),
  saveSettings: (body: z.input<typeof tr.fundingSettingsBodySchema>) =>
    request<FundingSettings>('/api/funding/settings', json('PUT', body)),
  view: (p: TransparencyQuery) =>
    request<Transparency>(`/api/funding/transparency${transparencyQuery(p)}`),
  csvUrl: (p: TransparencyQuery) => `/api/funding/transparency.csv${transparencyQuery(p)}`,
  xlsxUrl: (p: TransparencyQuery) => `/api/funding/transparency.xlsx${transparencyQuery(p)}`,
};
