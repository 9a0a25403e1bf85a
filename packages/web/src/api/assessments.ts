// Client of the assessments capability (issue 13 § 4): an area's assessments with the numbers'
// comparison and participation signals; record, change (with numbered revisions), withdraw.
import type {
  AreaAssessments,
  Assessment,
  AssessmentBody,
  AssessmentRevisions,
} from '@sozialraum/contracts/assessments';
import { enc, json, request } from './http.ts';

export type {
  AreaAssessments,
  Assessment,
  AssessmentBody,
  AssessmentRevisions,
} from '@sozialraum/contracts/assessments';

export const assessmentsApi = {
  forArea: (areaId: number) =>
    request<AreaAssessments>(`/api/assessments/areas/${enc(String(areaId))}`),
  create: (body: AssessmentBody) => request<Assessment>('/api/assessments', json('POST', body)),
  update: (id: number, body: AssessmentBody) =>
    request<Assessment>(`/api/assessments/${enc(String(id))}`, json('PUT', body)),
  revisions: (id: number) =>
    request<AssessmentRevisions>(`/api/assessments/${enc(String(id))}/revisions`),
  withdraw: (id: number) =>
    request<Assessment>(`/api/assessments/${enc(String(id))}/withdraw`, json('POST', {})),
};
