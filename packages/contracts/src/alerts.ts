// Request and response schemas of the alerts module (zod; messages in German).
import { z } from 'zod';
import { dimensionSchema } from './enums.ts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
  message: 'Kennung: Kleinbuchstaben, Ziffern, „-“ und „_“, höchstens 63 Zeichen',
});

/** Params of an indicator-change rule. */
export const indicatorChangeParams = z.object({
  indicatorIds: z.array(z.string().min(1)).min(1, { message: 'mindestens ein Indikator' }),
  sdThreshold: z.number().positive().default(2),
  minBase: z.number().int().positive().default(100),
  direction: z.enum(['increase', 'decrease', 'both']).default('increase'),
});
/** Params of a class-change or repeated-negative-dynamics rule. */
export const indexParams = z.object({
  indexId: z.string().min(1),
  system: z.string().min(1),
  level: z.string().min(1),
});

/**
 * Params of a participation-signal rule („ungewöhnlich viele Hinweise/negative Einschätzungen“, issue 13
 * § 5; method docs/methods/participation-signals.md): reports and negative assessments per area and
 * period against the area's own history and the other areas, with the Poisson noise rule.
 */
/** What the participation_signal rule counts per area and period (issue 13 § 5). */
export const SIGNAL_SOURCES = [
  'reports',
  'supports',
  'negative_assessments',
  'survey_responses',
] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const participationSignalParams = z.object({
  dimension: dimensionSchema
    .nullable()
    .default(null)
    .meta({ description: 'nur diese Lebenslage zählen; null = alle' }),
  periodMonths: z
    .union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)], {
      error: 'Zeitraum: 1, 3, 6 oder 12 Monate',
    })
    .default(3),
  historyPeriods: z.number().int().min(1).max(12).default(4),
  minCount: z.number().int().min(1).max(1000).default(5),
  sources: z
    .array(z.enum(SIGNAL_SOURCES))
    .min(1, 'Mindestens eine Art von Signal wählen.')
    .default([...SIGNAL_SOURCES])
    .meta({
      description:
        'was gezählt wird: Hinweise, Unterstützungen, negative Einschätzungen, Befragungsantworten (alle, wenn nicht angegeben)',
    }),
  disagreements: z.boolean().default(true).meta({
    description:
      'auch eine Frühwarnung, wenn eine Einschätzung „schlechter“ den Kennzahlen widerspricht',
  }),
});

/** Body of POST /api/alert-rules: the params depend on the kind. */
export const ruleBodySchema = z.discriminatedUnion('kind', [
  z.object({
    id: slug,
    nameDe: z.string().trim().min(1),
    department: z.string().trim().min(1),
    kind: z.literal('indicator_change'),
    params: indicatorChangeParams,
    active: z.boolean().default(true),
  }),
  z.object({
    id: slug,
    nameDe: z.string().trim().min(1),
    department: z.string().trim().min(1),
    kind: z.enum(['class_change', 'repeated_negative_dynamics']),
    params: indexParams,
    active: z.boolean().default(true),
  }),
  z.object({
    id: slug,
    nameDe: z.string().trim().min(1),
    department: z.string().trim().min(1),
    kind: z.literal('participation_signal'),
    params: participationSignalParams,
    active: z.boolean().default(true),
  }),
]);

/** Body of PATCH /api/alert-rules/:id: name, params (checked against the rule's kind) and/or active. */
export const patchRuleBodySchema = z
  .object({
    nameDe: z.string().trim().min(1).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => b.nameDe !== undefined || b.params !== undefined || b.active !== undefined, {
    message: 'Nichts zu ändern: nameDe, params oder active angeben.',
  });

export const ruleIdParamsSchema = z.object({ id: z.string().min(1) });

export const ruleSchema = z.object({
  id: z.string(),
  nameDe: z.string(),
  department: z.string(),
  kind: z.enum([
    'indicator_change',
    'class_change',
    'repeated_negative_dynamics',
    'participation_signal',
  ]),
  params: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  createdAt: z.string(),
});

export const detectBodySchema = z.object({}).default({});

export const detectResultSchema = z.object({
  raised: z.number().int().meta({ description: 'neu angelegte Hinweise' }),
  heldBack: z
    .number()
    .int()
    .meta({ description: 'auffällige Veränderungen, die als Rauschen zurückgehalten wurden' }),
  existing: z.number().int().meta({ description: 'schon vorhandene Hinweise (nicht doppelt)' }),
  mail: z
    .object({
      mode: z.enum(['smtp', 'in-app']),
      sent: z.number().int(),
      alertsMailed: z.number().int(),
      failed: z.number().int(),
      message: z.string(),
    })
    .meta({
      description:
        'E-Mail an Abonnenten nach dem Speichern: „in-app“ ohne SMTP-Server, sonst versandte und fehlgeschlagene Mails',
    }),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      raised: z.number().int(),
      heldBack: z.number().int(),
      existing: z.number().int(),
      notes: z.array(z.string()),
      heldBackItems: z.array(
        z.object({
          areaId: z.number().int(),
          indicatorId: z
            .string()
            .nullable()
            .meta({ description: 'null for participation signals (no indicator)' }),
          changePp: z.number().nullable().meta({ description: 'null for participation signals' }),
          z: z.number().nullable().meta({ description: 'null for participation signals' }),
          count: z
            .number()
            .int()
            .nullable()
            .optional()
            .meta({ description: 'participation signals: the count of the current period' }),
          reason: z.string(),
        }),
      ),
    }),
  ),
});

export const alertStatusSchema = z.enum(['new', 'seen', 'discussed', 'closed']);

export const alertsQuerySchema = z.object({
  status: alertStatusSchema.optional(),
  area: z.coerce.number().int().positive().optional(),
  indicator: z.string().min(1).optional(),
});

export const alertSchema = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.string(),
  severity: z.number(),
  status: alertStatusSchema,
  statusComment: z.string().nullable(),
  explanation: z.string(),
  area: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    system: z.string(),
    level: z.string(),
  }),
  indicator: z.object({ id: z.string(), name: z.string() }).nullable(),
  indexId: z.string().nullable(),
  refDate: z.string(),
  previousDate: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({
    map: z.string().meta({ description: 'Karte mit Gebiet, Indikator und Stichtag' }),
    profile: z.string().meta({ description: 'Gebietsprofil' }),
  }),
});

export const patchAlertBodySchema = z.object({
  status: alertStatusSchema,
  comment: z.string().trim().min(1).optional(),
});

export const subscriptionBodySchema = z.object({
  email: z.email({ message: 'keine gültige E-Mail-Adresse' }),
  areaId: z.number().int().positive().nullable().default(null),
  indicatorId: z.string().min(1).nullable().default(null),
  ruleId: z.string().min(1).nullable().default(null),
});

export const subscriptionSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  areaId: z.number().int().nullable(),
  indicatorId: z.string().nullable(),
  ruleId: z.string().nullable(),
  createdAt: z.string(),
});

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const ruleListSchema = z.array(ruleSchema);
export const alertListSchema = z.array(alertSchema);
export const subscriptionListSchema = z.array(subscriptionSchema);
/** DELETE /api/alert-subscriptions/{id}: the id of the removed subscription. */
export const subscriptionDeletedSchema = z.object({ deleted: z.number().int() });
