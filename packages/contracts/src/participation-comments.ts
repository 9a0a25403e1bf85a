// The contract of comments on participation reports (issue 13 § 1–2, ADR 0041): optional per
// tenant, anonymous with a proof of work, plain text (the web app renders it as text, never as
// HTML), moderated like reports: flags hide automatically at the tenant's threshold, moderators
// hide and show with a reason.
import { z } from 'zod';
import { flagBodySchema, moderationActionSchema, powSolutionSchema } from './participation.ts';

/** A comment as everyone sees it (hidden comments are not listed publicly). */
export const publicCommentSchema = z
  .object({
    id: z.number().int(),
    reportId: z.number().int(),
    text: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ParticipationComment' });
export type PublicComment = z.output<typeof publicCommentSchema>;
export const publicCommentListSchema = z.array(publicCommentSchema);

/** A comment as moderators see it. */
export const moderatedCommentSchema = publicCommentSchema
  .extend({
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    reviewed: z.boolean(),
    moderatorNote: z.string().nullable(),
    flagCount: z.number().int(),
    flagReasons: z.array(z.string()),
  })
  .meta({ id: 'ModeratedParticipationComment' });
export type ModeratedComment = z.output<typeof moderatedCommentSchema>;
export const commentQueueSchema = z.array(moderatedCommentSchema);

/** POST /api/participation/reports/{id}/comments. */
export const commentSubmissionSchema = z.object({
  text: z
    .string()
    .trim()
    .min(2, 'Bitte schreiben Sie mindestens 2 Zeichen.')
    .max(1000, 'Höchstens 1.000 Zeichen.'),
  pow: powSolutionSchema,
});
export type CommentSubmission = z.input<typeof commentSubmissionSchema>;

export const commentIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
export const commentFlagBodySchema = flagBodySchema;
export const commentModerationSchema = moderationActionSchema;
