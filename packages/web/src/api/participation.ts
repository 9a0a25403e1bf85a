// The participation portal's client (issue 13): public reports, submission with proof of work,
// supports and flags, e-mail confirmation, deletion; moderation and answers for staff.
import type {
  ModeratedReport,
  Open311Key,
  ParticipationConfig,
  PhotoAdded,
  PowChallenge,
  PublicReport,
  ReportSubmission,
  ReportSubmitted,
  ReportStatusId,
} from '@sozialraum/contracts/participation';
import type {
  CommentSubmission,
  ModeratedComment,
  PublicComment,
} from '@sozialraum/contracts/participation-comments';
import { json, q, request } from './http.ts';

export type { ModeratedComment, PublicComment } from '@sozialraum/contracts/participation-comments';

export type {
  ModeratedReport,
  ReportPhoto,
  Open311Key,
  ParticipationConfig,
  PublicReport,
  ReportSubmitted,
  ReportStatusId,
} from '@sozialraum/contracts/participation';

const BASE = '/api/participation';

export const participationApi = {
  config: () => request<ParticipationConfig>(`${BASE}/config`),
  reports: (filter: { topic?: string; status?: string } = {}) =>
    request<PublicReport[]>(`${BASE}/reports${q(filter)}`),
  report: (id: number) => request<PublicReport>(`${BASE}/reports/${id}`),
  challenge: () => request<PowChallenge>(`${BASE}/challenge`),
  submit: (body: ReportSubmission) =>
    request<ReportSubmitted>(`${BASE}/reports`, json('POST', body)),
  support: (id: number, deviceId: string) =>
    request<{ supportCount: number; counted: boolean }>(
      `${BASE}/reports/${id}/supports`,
      json('POST', { deviceId }),
    ),
  flag: (id: number, deviceId: string, reason: string) =>
    request<{ counted: boolean; hidden: boolean }>(
      `${BASE}/reports/${id}/flags`,
      json('POST', { deviceId, reason }),
    ),
  confirmEmail: (token: string) =>
    request<{ reportId: number; confirmed: boolean }>(
      `${BASE}/email-confirmations`,
      json('POST', { token }),
    ),
  saveSettings: (s: {
    flagThreshold: number;
    powDifficulty: number;
    privacyNotice: string | null;
    commentsEnabled: boolean;
  }) => request<unknown>(`${BASE}/settings`, json('PUT', s)),
  /** Adds a photo to the own report (the deletion code proves authorship). */
  addPhoto: (id: number, token: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<PhotoAdded>(`${BASE}/reports/${id}/photos`, {
      method: 'POST',
      body: form,
      headers: { 'X-Report-Code': token },
    });
  },
  own: (id: number, token: string) =>
    request<PublicReport>(`${BASE}/reports/${id}/author-view`, json('POST', { token })),
  remove: (id: number, token: string) =>
    request<{ deleted: boolean }>(`${BASE}/reports/${id}/deletion`, json('POST', { token })),
  comments: (id: number) => request<PublicComment[]>(`${BASE}/reports/${id}/comments`),
  addComment: (id: number, body: CommentSubmission) =>
    request<PublicComment>(`${BASE}/reports/${id}/comments`, json('POST', body)),
  flagComment: (id: number, deviceId: string, reason: string) =>
    request<{ counted: boolean; hidden: boolean }>(
      `${BASE}/comments/${id}/flags`,
      json('POST', { deviceId, reason }),
    ),
  commentQueue: () => request<ModeratedComment[]>(`${BASE}/moderation/comments`),
  moderateComment: (id: number, action: 'hide' | 'show', reason: string) =>
    request<ModeratedComment>(
      `${BASE}/comments/${id}/moderation`,
      json('POST', { action, reason }),
    ),
  queue: () => request<ModeratedReport[]>(`${BASE}/moderation`),
  moderate: (id: number, action: 'hide' | 'show', reason: string) =>
    request<ModeratedReport>(`${BASE}/reports/${id}/moderation`, json('POST', { action, reason })),
  removePhoto: (id: number, photoId: number, reason: string) =>
    request<ModeratedReport>(`${BASE}/reports/${id}/photos/${photoId}`, json('DELETE', { reason })),
  answer: (id: number, status: ReportStatusId, publicAnswer: string | null) =>
    request<{ report: PublicReport; authorInformed: string }>(
      `${BASE}/reports/${id}`,
      json('PATCH', { status, publicAnswer }),
    ),
  open311Keys: () => request<Open311Key[]>(`${BASE}/open311-keys`),
  createOpen311Key: (name: string) =>
    request<{ key: Open311Key; secret: string }>(`${BASE}/open311-keys`, json('POST', { name })),
  revokeOpen311Key: (id: number) =>
    request<Open311Key>(`${BASE}/open311-keys/${id}`, { method: 'DELETE' }),
};

/** Where a report's photo is served (JPEG without metadata). */
export const photoUrl = (reportId: number, photoId: number): string =>
  `${BASE}/reports/${reportId}/photos/${photoId}`;
