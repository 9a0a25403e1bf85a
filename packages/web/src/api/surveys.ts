// The surveys client (issue 13 § 3): open surveys and answering for everyone; the questionnaire
// editor, status, results, exports and results as indicators for planners.
import type {
  FreeTextAnswer,
  PublicSurvey,
  Survey,
  SurveyInput,
  SurveyResponseInput,
  SurveyResults,
  SurveyStatus,
} from '@sozialraum/contracts/surveys';
import { json, request } from './http.ts';

export type {
  FreeTextAnswer,
  PublicSurvey,
  Survey,
  SurveyDefinitionInput,
  SurveyResults,
  SurveyStatus,
  AreaResultsOut,
  QuestionCellOut,
} from '@sozialraum/contracts/surveys';

const BASE = '/api/surveys';

export const surveysApi = {
  open: () => request<PublicSurvey[]>(`${BASE}/public`),
  publicSurvey: (id: number) => request<PublicSurvey>(`${BASE}/public/${id}`),
  answer: (id: number, body: SurveyResponseInput) =>
    request<{ accepted: true }>(`${BASE}/${id}/responses`, json('POST', body)),
  list: () => request<Survey[]>(BASE),
  create: (s: SurveyInput) => request<Survey>(BASE, json('POST', s)),
  update: (id: number, s: SurveyInput) => request<Survey>(`${BASE}/${id}`, json('PUT', s)),
  setStatus: (id: number, status: SurveyStatus) =>
    request<Survey>(`${BASE}/${id}/status`, json('POST', { status })),
  results: (id: number) => request<SurveyResults>(`${BASE}/${id}/results`),
  toIndicator: (id: number, questionId: string, optionId: string | null) =>
    request<{ indicatorId: string; name: string; observations: number; note: string }>(
      `${BASE}/${id}/indicators`,
      json('POST', { questionId, optionId }),
    ),
  exportHref: (id: number, format: 'csv' | 'xlsx') => `${BASE}/${id}/export.${format}`,
  freeText: (id: number) => request<FreeTextAnswer[]>(`${BASE}/${id}/free-text`),
  moderateFreeText: (
    id: number,
    body: { responseId: number; questionId: string; action: 'hide' | 'show'; reason: string },
  ) => request<FreeTextAnswer[]>(`${BASE}/${id}/free-text/moderation`, json('POST', body)),
};
