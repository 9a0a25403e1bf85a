// Participation (issue 13): residents' reports on the map, supports, flags, moderation and the
// administration's answers. Texts are plain text: the web app renders them as text, never as HTML.
import { REPORT_KINDS, REPORT_STATUS_IDS, REPORT_TOPIC_IDS } from '@sozialraum/core';
import { z } from 'zod';
import { dimensionSchema } from './enums.ts';

export const reportKindSchema = z
  .enum(REPORT_KINDS)
  .meta({ description: 'hint = Hinweis, idea = Idee' });
export const reportTopicSchema = z.enum(REPORT_TOPIC_IDS);
export const reportStatusSchema = z.enum(REPORT_STATUS_IDS);
export type ReportStatusId = z.output<typeof reportStatusSchema>;

/** A device id the browser keeps (localStorage): one support and one flag per device and report. */
const deviceIdSchema = z
  .string()
  .trim()
  .min(16, 'Geräte-Kennung zu kurz (mindestens 16 Zeichen)')
  .max(100);

/** A public report as everyone sees it (no e-mail, no moderation notes). */
/** A photo of a report: fetched from /api/participation/reports/{id}/photos/{photoId}. */
export const reportPhotoSchema = z
  .object({
    id: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
  })
  .meta({ id: 'ParticipationPhoto' });
export type ReportPhoto = z.output<typeof reportPhotoSchema>;

export const publicReportSchema = z
  .object({
    id: z.number().int(),
    kind: reportKindSchema,
    topic: reportTopicSchema,
    dimension: dimensionSchema,
    text: z.string().nullable().meta({ description: 'null while the report is hidden' }),
    lon: z.number(),
    lat: z.number(),
    areaName: z.string().nullable(),
    status: reportStatusSchema,
    publicAnswer: z.string().nullable(),
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    supportCount: z.number().int(),
    photos: z
      .array(reportPhotoSchema)
      .meta({ description: 'empty while the report is hidden (except for moderators)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ParticipationReport', description: 'Hinweis oder Idee, öffentlich' });
export type PublicReport = z.output<typeof publicReportSchema>;

export const publicReportListSchema = z.array(publicReportSchema);

/** A report in the moderation queue: the public fields plus what moderators need. */
export const moderatedReportSchema = publicReportSchema
  .extend({
    text: z.string(),
    flagCount: z.number().int(),
    reviewed: z.boolean(),
    moderatorNote: z.string().nullable(),
    hasConfirmedEmail: z.boolean(),
    flagReasons: z.array(z.string()),
  })
  .meta({ id: 'ModeratedReport' });
export const moderationQueueSchema = z.array(moderatedReportSchema);
export type ModeratedReport = z.output<typeof moderatedReportSchema>;

/** GET /api/participation/config: topics, statuses, privacy notice and the proof-of-work cost. */
export const participationConfigSchema = z.object({
  topics: z.array(
    z.object({ id: reportTopicSchema, dimension: dimensionSchema, de: z.string(), en: z.string() }),
  ),
  statuses: z.array(z.object({ id: reportStatusSchema, de: z.string(), en: z.string() })),
  privacyNotice: z.string().nullable(),
  powDifficulty: z.number().int(),
  flagThreshold: z.number().int(),
  commentsEnabled: z.boolean(),
  bbox: z
    .array(z.number())
    .length(4)
    .nullable()
    .meta({ description: '[minLon, minLat, maxLon, maxLat] of the municipality' }),
});
export type ParticipationConfig = z.output<typeof participationConfigSchema>;

/** GET /api/participation/challenge: a signed challenge for the proof of work. */
export const powChallengeSchema = z.object({
  challenge: z.string(),
  difficulty: z.number().int(),
});
export type PowChallenge = z.output<typeof powChallengeSchema>;

export const powSolutionSchema = z.object({
  challenge: z.string().min(1).max(300),
  nonce: z.string().min(1).max(40),
});

/** POST /api/participation/reports. */
export const reportSubmissionSchema = z.object({
  kind: reportKindSchema,
  topic: reportTopicSchema,
  text: z
    .string()
    .trim()
    .min(10, 'Bitte beschreiben Sie Ihr Anliegen in mindestens 10 Zeichen.')
    .max(3000, 'Höchstens 3.000 Zeichen.'),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  email: z.email('Keine gültige E-Mail-Adresse.').max(254).nullable().optional(),
  pow: powSolutionSchema,
});
export type ReportSubmission = z.input<typeof reportSubmissionSchema>;

export const reportSubmittedSchema = z.object({
  report: publicReportSchema,
  deleteToken: z
    .string()
    .meta({ description: 'Löschcode: einmal gezeigt, nur als Hash gespeichert' }),
  emailConfirmation: z.enum(['not_requested', 'sent', 'not_sent']),
});
export type ReportSubmitted = z.output<typeof reportSubmittedSchema>;

export const deviceBodySchema = z.object({ deviceId: deviceIdSchema });
export const flagBodySchema = z.object({
  deviceId: deviceIdSchema,
  reason: z.string().trim().min(3, 'Bitte einen Grund nennen (mindestens 3 Zeichen).').max(500),
});
export const supportResultSchema = z.object({
  supportCount: z.number().int(),
  counted: z.boolean(),
});
export const flagResultSchema = z.object({ counted: z.boolean(), hidden: z.boolean() });

export const emailConfirmationSchema = z.object({ token: z.string().min(10).max(200) });
export const emailConfirmedSchema = z.object({
  reportId: z.number().int(),
  confirmed: z.boolean(),
});

export const deletionBodySchema = z.object({ token: z.string().min(10).max(200) });
export const deletedSchema = z.object({ deleted: z.boolean() });

/** PATCH /api/participation/reports/:id — the administration's status and public answer. */
export const reportAnswerSchema = z.object({
  status: reportStatusSchema,
  publicAnswer: z.string().trim().max(5000).nullable().optional(),
});
export const reportAnsweredSchema = z.object({
  report: publicReportSchema,
  authorInformed: z.enum(['sent', 'no_address', 'not_sent']),
});

/** POST /api/participation/reports/:id/moderation — hide or show with a reason. */
export const moderationActionSchema = z.object({
  action: z.enum(['hide', 'show']),
  reason: z.string().trim().min(3, 'Bitte einen Grund nennen (mindestens 3 Zeichen).').max(500),
  note: z.string().trim().max(2000).nullable().optional(),
});

/** DELETE /api/participation/reports/:id/photos/:photoId — a moderator removes one photo. */
export const photoRemovalSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Bitte einen Grund nennen (mindestens 3 Zeichen).')
    .max(500)
    .meta({ description: 'Grund der Entfernung (im Protokoll)' }),
});

/** PUT /api/participation/settings. */
export const participationSettingsSchema = z.object({
  flagThreshold: z.number().int().min(0).max(100),
  powDifficulty: z.number().int().min(0).max(24),
  privacyNotice: z.string().trim().max(20_000).nullable(),
  commentsEnabled: z.boolean().meta({ description: 'Kommentare zu Hinweisen erlaubt' }),
});
export type ParticipationSettings = z.output<typeof participationSettingsSchema>;

/** Body of PUT /api/participation/settings: without commentsEnabled the stored choice stays. */
export const participationSettingsUpdateSchema = participationSettingsSchema.extend({
  commentsEnabled: z.boolean().optional().meta({
    description: 'Kommentare zu Hinweisen erlauben; ohne Angabe bleibt die bisherige Einstellung',
  }),
});
export type ParticipationSettingsUpdate = z.output<typeof participationSettingsUpdateSchema>;

export const reportIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
export const reportPhotoParamsSchema = reportIdParamsSchema.extend({
  photoId: z.coerce.number().int().positive().max(2_147_483_647),
});
/** The stored photo: JPEG, re-encoded, without metadata. */
export const reportPhotoFileSchema = z
  .string()
  .meta({ id: 'ParticipationPhotoFile', format: 'binary' });
/** POST /api/participation/reports/{id}/photos: the photo as stored. */
export const photoAddedSchema = reportPhotoSchema.extend({
  reportId: z.number().int(),
  bytes: z.number().int(),
  photoCount: z.number().int(),
});
export type PhotoAdded = z.output<typeof photoAddedSchema>;
export const reportListQuerySchema = z.object({
  status: reportStatusSchema.optional(),
  topic: reportTopicSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Open311 GeoReport v2 service (one per topic); field names as the standard spells them. */
export const open311ServiceSchema = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string().nullable(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string().nullable(),
    group: z.string().nullable(),
  })
  .meta({ id: 'Open311Service' });
export const open311ServiceListSchema = z.array(open311ServiceSchema);

/** Open311 GeoReport v2 service request (a public report). */
export const open311RequestSchema = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable(),
    service_name: z.string().nullable(),
    service_code: z.string(),
    description: z.string().nullable(),
    agency_responsible: z.string().nullable(),
    service_notice: z.string().nullable(),
    requested_datetime: z.string(),
    updated_datetime: z.string().nullable(),
    expected_datetime: z.string().nullable(),
    address: z.string().nullable(),
    lat: z.number(),
    long: z.number(),
    media_url: z.string().nullable(),
  })
  .meta({ id: 'Open311Request' });
export const open311RequestListSchema = z.array(open311RequestSchema);
export const open311RequestQuerySchema = z.object({
  service_code: reportTopicSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
});

/**
 * POST /open311/v2/requests.json (GeoReport v2): what report apps send, as form fields
 * (application/x-www-form-urlencoded, the standard's way) or JSON, so numbers may come as text.
 * Only a point (lat/long) can be placed: an address_string alone is refused (no geocoder).
 */
export const open311SubmissionSchema = z.object({
  api_key: z.string().min(1, 'Der api_key fehlt.').max(200),
  service_code: reportTopicSchema,
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().max(500).optional(),
  address_id: z.string().max(200).optional(),
  description: reportSubmissionSchema.shape.text,
  email: z.email('Keine gültige E-Mail-Adresse.').max(254).optional(),
  jurisdiction_id: z.string().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(200).optional(),
  last_name: z.string().max(200).optional(),
  phone: z.string().max(200).optional(),
  media_url: z.string().max(2000).optional(),
});
export type Open311Submission = z.input<typeof open311SubmissionSchema>;

/** The standard's answer to a POST: a list of one with the new request's id. */
export const open311SubmittedSchema = z.array(
  z
    .object({
      service_request_id: z.string(),
      service_notice: z.string(),
    })
    .meta({ id: 'Open311RequestResponse' }),
);

/** The Open311 error format: a list of { code, description }. */
export const open311ErrorSchema = z.array(z.object({ code: z.number(), description: z.string() }));

/** An Open311 api_key as the administration sees it (never the secret, never its hash). */
export const open311KeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().meta({ description: 'Die ersten Zeichen des Schlüssels, zum Wiedererkennen' }),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Open311Key = z.infer<typeof open311KeySchema>;
export const open311KeyListSchema = z.array(open311KeySchema);
export const open311KeyCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(
      3,
      'Bitte geben Sie eine Bezeichnung mit mindestens 3 Zeichen an (z. B. der Name der App).',
    )
    .max(100, 'Höchstens 100 Zeichen.'),
});
export const open311KeyCreatedSchema = z.object({
  key: open311KeySchema,
  secret: z
    .string()
    .meta({ description: 'Der Schlüssel: nur jetzt einmal gezeigt, nur als Hash gespeichert' }),
});
export const open311KeyIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
