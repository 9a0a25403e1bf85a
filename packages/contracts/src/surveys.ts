// Surveys (Befragungen, issue 13 § 3): questionnaires, anonymous answers, results per area with n
// and 95 % intervals (small cells withheld), exports and results as indicators. The definition's
// rules (conditions only on earlier questions, options, scales) are core's validateSurveyDefinition.
import { QUESTION_TYPES } from '@sozialraum/core';
import { z } from 'zod';
import { powSolutionSchema } from './participation.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT');
const text = (max: number) => z.string().trim().max(max);

export const surveyStatusSchema = z.enum(['draft', 'open', 'closed']);
export type SurveyStatus = z.output<typeof surveyStatusSchema>;
export const surveyAccessSchema = z
  .enum(['anonymous', 'signed_in'])
  .meta({ description: 'anonymous = ohne Anmeldung; signed_in = nur angemeldete Personen' });

export const questionOptionSchema = z.object({
  id: z.string().max(40),
  label: text(300),
  labelEn: text(300).nullish(),
});

export const displayConditionSchema = z
  .object({
    questionId: z.string().max(40),
    anyOf: z.array(z.string().max(40)).max(100).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  })
  .meta({ description: 'Zeigt die Frage nur, wenn eine frühere Antwort passt' });

export const surveyQuestionSchema = z.object({
  id: z.string().max(40),
  type: z.enum(QUESTION_TYPES),
  label: text(500),
  labelEn: text(500).nullish(),
  help: text(1000).nullish(),
  required: z.boolean().optional(),
  options: z.array(questionOptionSchema).max(30).optional(),
  scale: z
    .object({
      min: z.number().int(),
      max: z.number().int(),
      minLabel: text(100).nullish(),
      maxLabel: text(100).nullish(),
    })
    .optional(),
  showIf: displayConditionSchema.nullish(),
});

export const surveyDefinitionSchema = z
  .object({ questions: z.array(surveyQuestionSchema).max(60) })
  .meta({ id: 'SurveyDefinition' });
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;

/** What a planner writes: a survey's texts, scope, dates, access and questions. */
export const surveyInputSchema = z
  .object({
    title: text(200).min(1, 'Titel fehlt'),
    intro: text(4000).default(''),
    areaId: z.number().int().nullable().meta({ description: 'null = ganze Stadt' }),
    pickerSystemId: z.string().max(100).nullish(),
    pickerLevelId: z.string().max(100).nullish(),
    opensOn: isoDate.nullish(),
    closesOn: isoDate.nullish(),
    access: surveyAccessSchema.default('anonymous'),
    resultsPublic: z
      .boolean()
      .default(true)
      .meta({ description: 'Ergebnisse nach dem Ende öffentlich (nie Freitext)' }),
    definition: surveyDefinitionSchema,
  })
  .meta({ id: 'SurveyInput' });
export type SurveyInput = z.output<typeof surveyInputSchema>;

export const surveySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    intro: z.string(),
    areaId: z.number().int().nullable(),
    areaName: z.string().nullable(),
    pickerSystemId: z.string().nullable(),
    pickerLevelId: z.string().nullable(),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    access: surveyAccessSchema,
    resultsPublic: z.boolean(),
    status: surveyStatusSchema,
    definition: surveyDefinitionSchema,
    responseCount: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Survey' });
export type Survey = z.output<typeof surveySchema>;
export const surveyListSchema = z.array(surveySchema);

/** A survey as residents see it: the questionnaire and the areas its area question offers. */
export const publicSurveySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    intro: z.string(),
    areaName: z.string().nullable(),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    access: surveyAccessSchema,
    status: surveyStatusSchema,
    resultsAvailable: z.boolean(),
    definition: surveyDefinitionSchema,
    pickerAreas: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'PublicSurvey' });
export type PublicSurvey = z.output<typeof publicSurveySchema>;
export const publicSurveyListSchema = z.array(publicSurveySchema);

export const surveyIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

export const surveyStatusChangeSchema = z.object({ status: surveyStatusSchema });

export const answerValueSchema = z.union([
  z.string().max(2000),
  z.array(z.string().max(40)).max(30),
  z.number().int(),
]);

/** A resident's answers; `token` is a random id the browser keeps (one response per browser). */
export const surveyResponseSchema = z
  .object({
    token: z.string().trim().min(16, 'Browser-Kennung zu kurz (mindestens 16 Zeichen)').max(100),
    answers: z.record(z.string().max(40), answerValueSchema),
    pow: powSolutionSchema,
  })
  .meta({ id: 'SurveyResponse' });
export type SurveyResponseInput = z.input<typeof surveyResponseSchema>;
export const surveyResponseAcceptedSchema = z.object({ accepted: z.literal(true) });

const withheldSchema = z
  .enum(['small', 'secondary'])
  .nullable()
  .meta({ description: 'small = weniger als 5 Antworten; secondary = schützt eine andere Zelle' });

export const questionCellSchema = z.object({
  questionId: z.string(),
  type: z.enum(QUESTION_TYPES),
  n: z.number().int().nullable(),
  withheld: withheldSchema,
  options: z
    .array(
      z.object({
        optionId: z.string(),
        count: z.number().int(),
        share: z.number(),
        lower: z.number(),
        upper: z.number(),
      }),
    )
    .nullable(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type QuestionCellOut = z.output<typeof questionCellSchema>;

export const areaResultsSchema = z.object({
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  responses: z.number().int().nullable(),
  withheld: withheldSchema,
  questions: z.array(questionCellSchema),
});
export type AreaResultsOut = z.output<typeof areaResultsSchema>;

export const surveyResultsSchema = z
  .object({
    surveyId: z.number().int(),
    title: z.string(),
    status: surveyStatusSchema,
    minCell: z.number().int(),
    definition: surveyDefinitionSchema,
    total: areaResultsSchema,
    areas: z.array(areaResultsSchema),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResults = z.output<typeof surveyResultsSchema>;

/** Turn one result into an indicator: an option's share (%), or a scale's mean. */
export const surveyIndicatorInputSchema = z.object({
  questionId: z.string().max(40),
  optionId: z.string().max(40).nullish(),
  department: z.string().max(100).nullish(),
});
export const surveyIndicatorCreatedSchema = z.object({
  indicatorId: z.string(),
  name: z.string(),
  observations: z.number().int(),
  withheld: z.number().int(),
  note: z.string(),
});

export const surveyExportQuerySchema = z.object({
  freeText: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({
      description: 'Freitextantworten mit ausgeben (nur für die Verwaltung, protokolliert)',
    }),
});
export const surveyCsvSchema = z.string();

/** One free-text answer as the moderation sees it (GET /api/surveys/{id}/free-text). */
export const freeTextAnswerSchema = z
  .object({
    responseId: z.number().int(),
    questionId: z.string(),
    text: z.string(),
    month: z.string().meta({ description: 'YYYY-MM of arrival (no day)' }),
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
  })
  .meta({ id: 'SurveyFreeTextAnswer' });
export type FreeTextAnswer = z.output<typeof freeTextAnswerSchema>;
export const freeTextAnswerListSchema = z.array(freeTextAnswerSchema);

/** POST /api/surveys/{id}/free-text/hidden: hide (or show again) one free-text answer. */
export const freeTextModerationSchema = z.object({
  responseId: z.number().int().positive().max(2_147_483_647),
  questionId: z.string().min(1).max(100),
  action: z.enum(['hide', 'show']),
  reason: z.string().trim().min(3, 'Bitte einen Grund nennen (mindestens 3 Zeichen).').max(500),
});
