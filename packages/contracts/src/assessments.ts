// Local actors' assessments (Einschätzungen, issue 13 § 4, ADR 0036): dated, structured assessments
// per area and Lebenslage — trend, urgency, text, evidence — by people of organisations and planners;
// compared with the area's numbers (core compareAssessment) and counted as participation signals.
import { ASSESSMENT_REVISION_FIELDS, ASSESSMENT_TRENDS } from '@sozialraum/core';
import { z } from 'zod';
import { dimensionSchema } from './enums.ts';

const isoDate = z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2026-12-31' });
/** Row ids are PostgreSQL integers: larger numbers are refused here, not by the database. */
const rowId = z.coerce.number().int().positive().max(2_147_483_647);

export const assessmentTrendSchema = z
  .enum(ASSESSMENT_TRENDS)
  .meta({ description: 'better = besser, same = gleich, worse = schlechter' });
export const assessmentVisibilitySchema = z.enum(['public', 'internal']).meta({
  description:
    'internal (Voreinstellung) = nur angemeldete Personen; public = auch ohne Anmeldung, ohne Namen der Person',
});

export const assessmentIdParamsSchema = z.object({ id: rowId });
export const assessmentAreaParamsSchema = z.object({ areaId: rowId });

/** POST /api/assessments and PUT /api/assessments/{id}: the whole assessment. */
export const assessmentBodySchema = z.object({
  areaId: z.number().int().positive().max(2_147_483_647),
  dimension: dimensionSchema,
  observedDate: isoDate,
  trend: assessmentTrendSchema,
  urgency: z
    .number()
    .int()
    .min(1, 'Dringlichkeit: 1 (niedrig), 2 (mittel) oder 3 (hoch)')
    .max(3, 'Dringlichkeit: 1 (niedrig), 2 (mittel) oder 3 (hoch)'),
  text: z.string().trim().min(1, 'Bitte die Einschätzung in Worten angeben').max(5000),
  evidence: z.string().trim().max(5000).default(''),
  organisationId: z.string().trim().min(1, 'Bitte die Organisation angeben').max(63),
  visibility: assessmentVisibilitySchema.default('internal'),
});
export type AssessmentBody = z.input<typeof assessmentBodySchema>;

const movementSchema = z.object({
  indicatorId: z.string(),
  label: z.string(),
  previousDate: z.string(),
  currentDate: z.string(),
  previous: z.number(),
  current: z.number(),
  direction: assessmentTrendSchema,
  noiseReason: z.string().nullable(),
});

export const assessmentSchema = z.object({
  id: z.number().int(),
  areaId: z.number().int(),
  areaName: z.string(),
  dimension: dimensionSchema,
  observedDate: z.string(),
  trend: assessmentTrendSchema,
  urgency: z.number().int(),
  text: z.string(),
  evidence: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  author: z.string().nullable().meta({ description: 'Name der Person; ohne Anmeldung null' }),
  visibility: assessmentVisibilitySchema,
  withdrawn: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mayEdit: z.boolean(),
  revisions: z
    .number()
    .int()
    .meta({ description: 'Wie oft die Einschätzung geändert wurde (GET …/{id}/revisions)' }),
  comparison: z
    .object({
      verdict: z.enum(['agree', 'disagree', 'no_numbers']),
      numbersTrend: z.enum(['better', 'same', 'worse', 'mixed']).nullable(),
      sentence: z
        .string()
        .meta({ description: 'z. B. „Kennzahlen stabil, Einschätzung: verschlechtert“' }),
      movements: z.array(movementSchema),
    })
    .meta({
      description:
        'Vergleich mit den Kennzahlen der Lebenslage im Gebiet (Methode: participation-signals.md)',
    }),
});
export type Assessment = z.output<typeof assessmentSchema>;

/** GET /api/assessments/areas/{areaId}: latest per Lebenslage, history, participation signals. */
export const areaAssessmentsSchema = z.object({
  areaId: z.number().int(),
  latest: z
    .array(assessmentSchema)
    .meta({ description: 'die jüngste gültige Einschätzung je Lebenslage' }),
  history: z
    .array(assessmentSchema)
    .meta({ description: 'alle Einschätzungen, neueste zuerst, auch zurückgezogene' }),
  signals: z.object({
    from: z.string(),
    to: z.string(),
    reports: z.number().int(),
    supports: z
      .number()
      .int()
      .meta({ description: 'Unterstützungen, die im Zeitraum gegeben wurden' }),
    negativeAssessments: z.number().int(),
    surveyResponses: z
      .number()
      .int()
      .meta({ description: 'Befragungsantworten über das Gebiet im Zeitraum' }),
  }),
  mayWrite: z.boolean(),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })).meta({
    description: 'Organisationen, für die die anfragende Person Einschätzungen abgeben darf',
  }),
});
export type AreaAssessments = z.output<typeof areaAssessmentsSchema>;

const changeValue = z.union([z.string(), z.number()]).nullable();

/** GET /api/assessments/{id}/revisions: the edits of one assessment, newest first (ADR 0045). */
export const assessmentRevisionsSchema = z.object({
  assessmentId: z.number().int(),
  revisions: z.array(
    z.object({
      revision: z.number().int().meta({ description: 'Nummer der Änderung, ab 1' }),
      revisedBy: z.string().meta({ description: 'wer geändert hat' }),
      revisedAt: z.string(),
      changes: z
        .array(
          z.object({
            field: z.enum(ASSESSMENT_REVISION_FIELDS),
            before: changeValue,
            after: changeValue,
            beforeLabel: z.string().nullable().meta({
              description: 'Name der Organisation bzw. des Gebiets, wo der Wert eine Kennung ist',
            }),
            afterLabel: z.string().nullable(),
          }),
        )
        .meta({ description: 'was die Änderung geändert hat: Feld, vorher, nachher' }),
    }),
  ),
});
export type AssessmentRevisions = z.output<typeof assessmentRevisionsSchema>;
