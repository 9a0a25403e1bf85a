// The Sozialraumkonferenzen client (issue 14 § 1): bodies, members, meetings, the agenda builder,
// minutes and decisions.
import type {
  ConferenceBody,
  ConferenceBodyDetail,
  ConferenceMeetingDetail,
  ConferenceMeetingSummary,
  ConferenceMemberCandidates,
} from '@sozialraum/contracts/conferences';
import { json, request } from './http.ts';

export type {
  ConferenceAgendaItem,
  ConferenceBody,
  ConferenceBodyDetail,
  ConferenceMeetingDetail,
  ConferenceMeetingSummary,
  ConferenceMemberCandidates,
} from '@sozialraum/contracts/conferences';

const BASE = '/api/conferences';

export interface NewBody {
  kind: ConferenceBody['kind'];
  name: string;
  description?: string;
  areaIds: number[];
}
export interface NewDecision {
  text: string;
  vote?: { yes: number; no: number; abstain: number } | null;
  task?: {
    title: string;
    departmentId?: string | null;
    dueDate?: string | null;
    visibility: 'public' | 'internal';
  } | null;
}

const item = (id: number, suffix = '') => `${BASE}/agenda-items/${id}${suffix}`;
const meeting = (id: number, suffix = '') => `${BASE}/meetings/${id}${suffix}`;

export const conferencesApi = {
  bodies: () => request<ConferenceBody[]>(`${BASE}/bodies`),
  body: (id: number) => request<ConferenceBodyDetail>(`${BASE}/bodies/${id}`),
  createBody: (b: NewBody) => request<ConferenceBodyDetail>(`${BASE}/bodies`, json('POST', b)),
  addMember: (
    bodyId: number,
    m: {
      userId?: number;
      organisationId?: string;
      role: string;
      validFrom: string;
      namePublic?: boolean;
    },
  ) => request<ConferenceBodyDetail>(`${BASE}/bodies/${bodyId}/members`, json('POST', m)),
  setMemberConsent: (bodyId: number, memberId: number, namePublic: boolean) =>
    request<ConferenceBodyDetail>(
      `${BASE}/bodies/${bodyId}/members/${memberId}`,
      json('PATCH', { namePublic }),
    ),
  createMeeting: (
    bodyId: number,
    m: { title: string; start: string; end: string; place?: string; onlineUrl?: string },
  ) => request<ConferenceMeetingSummary>(`${BASE}/bodies/${bodyId}/meetings`, json('POST', m)),
  meeting: (id: number) => request<ConferenceMeetingDetail>(meeting(id)),
  propose: (id: number) =>
    request<ConferenceMeetingDetail>(meeting(id, '/proposals'), json('POST', {})),
  invite: (id: number) =>
    request<{ sent: number; notSent: number; recipients: number }>(
      meeting(id, '/invitation'),
      json('POST', {}),
    ),
  register: (id: number, on: boolean) =>
    request<ConferenceMeetingDetail>(meeting(id, '/registration'), {
      method: on ? 'POST' : 'DELETE',
    }),
  addItem: (id: number, title: string, description = '') =>
    request<ConferenceMeetingDetail>(
      meeting(id, '/agenda-items'),
      json('POST', { title, description }),
    ),
  order: (id: number, itemIds: number[]) =>
    request<ConferenceMeetingDetail>(meeting(id, '/agenda-order'), json('PUT', { itemIds })),
  setStatus: (itemId: number, status: 'proposed' | 'accepted' | 'not_treated') =>
    request<ConferenceMeetingDetail>(item(itemId), json('PATCH', { status })),
  merge: (itemId: number, intoId: number) =>
    request<ConferenceMeetingDetail>(item(itemId, '/merge'), json('POST', { intoId })),
  minutes: (itemId: number, notes: string, speakers: { name: string; private: boolean }[]) =>
    request<ConferenceMeetingDetail>(item(itemId, '/minutes'), json('PUT', { notes, speakers })),
  decide: (itemId: number, d: NewDecision) =>
    request<ConferenceMeetingDetail>(item(itemId, '/decisions'), json('POST', d)),
  approve: (id: number) =>
    request<ConferenceMeetingDetail>(meeting(id, '/minutes-approval'), json('POST', {})),
  candidates: (q: string) =>
    request<ConferenceMemberCandidates>(`${BASE}/member-candidates?q=${encodeURIComponent(q)}`),
  attendance: (id: number, attended: number[]) =>
    request<ConferenceMeetingDetail>(meeting(id, '/attendance'), json('PUT', { attended })),
  feedToken: () => request<{ url: string }>(`${BASE}/calendar-token`, json('POST', {})),
};
