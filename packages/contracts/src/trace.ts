// Trace both ways (issue 14 § 2): alert → agenda item → decision → measure → indicator goal. For
// each record kind one answer with „Woher kommt das?“ (the chain up to where it started) and „Was ist
// daraus geworden?“ (what followed, nested). A step the reader may not see keeps its kind and id but
// carries no title (label null) and no link: a public reader never learns an internal item's title.
import { z } from 'zod';

const idParam = z.coerce.number().int().positive().max(2_147_483_647);
export const traceIdParamsSchema = z.object({ id: idParam });

export const TRACE_KINDS = ['alert', 'signal', 'agenda_item', 'decision', 'measure'] as const;
export const traceKindSchema = z.enum(TRACE_KINDS).meta({
  description:
    'alert = Frühwarnung, signal = anderer Anlass des Tagesordnungspunkts (Bürgerhinweis, Einschätzung, Klassenwechsel, Maßnahmen-Signal), agenda_item = Tagesordnungspunkt, decision = Beschluss, measure = Maßnahme',
});

const meetingRef = z
  .object({
    id: z.number().int(),
    title: z.string(),
    start: z.string().meta({ description: 'Beginn (UTC, ISO)' }),
    status: z.enum(['planned', 'invited', 'held', 'cancelled']),
    bodyName: z.string(),
  })
  .meta({ id: 'TraceMeeting' });

/** One record on the way, as the reader may see it. */
export const traceStepSchema = z
  .object({
    kind: traceKindSchema,
    id: z.string(),
    label: z.string().nullable().meta({
      description: 'Titel oder Beschreibung; null = für diese Leserin nicht sichtbar (intern)',
    }),
    href: z.string().nullable().meta({ description: 'Link in der Web-App; null ohne Leserecht' }),
    meeting: meetingRef.nullable().meta({ description: 'Sitzung (Tagesordnungspunkt, Beschluss)' }),
    status: z.string().nullable().meta({
      description:
        'Tagesordnungspunkt: proposed (vorgeschlagen), accepted (behandelt), not_treated (nicht behandelt), merged (zusammengelegt); Maßnahme: ihr Status',
    }),
    deletedAt: z.string().nullable().meta({
      description: 'Maßnahme gelöscht (Zeitpunkt aus dem Protokoll); dann ohne Link',
    }),
  })
  .meta({ id: 'TraceStep' });
export type TraceStep = z.output<typeof traceStepSchema>;

export const traceGoalSchema = z
  .object({
    indicatorId: z.string(),
    indicatorName: z.string(),
    unit: z.string().nullable(),
    decimals: z.number().int().nullable(),
    areaId: z.number().int(),
    areaName: z.string(),
    baseline: z.object({ date: z.string(), value: z.number() }),
    target: z.object({ date: z.string(), value: z.number() }),
  })
  .meta({ id: 'TraceGoal' });
export type TraceGoal = z.output<typeof traceGoalSchema>;

export const traceMeasureSchema = traceStepSchema
  .extend({
    goals: z
      .array(traceGoalSchema)
      .meta({ description: 'Ziele an Indikatoren, die Sie lesen dürfen' }),
  })
  .meta({ id: 'TraceMeasure' });
export type TraceMeasure = z.output<typeof traceMeasureSchema>;

export const traceDecisionSchema = traceStepSchema
  .extend({ measures: z.array(traceMeasureSchema) })
  .meta({ id: 'TraceDecision' });
export type TraceDecision = z.output<typeof traceDecisionSchema>;

export const traceItemSchema = traceStepSchema
  .extend({
    mergedInto: traceStepSchema.nullable().meta({
      description: 'zusammengelegt mit diesem Tagesordnungspunkt; seine Beschlüsse folgen',
    }),
    decisions: z.array(traceDecisionSchema),
  })
  .meta({ id: 'TraceAgendaItem' });
export type TraceItem = z.output<typeof traceItemSchema>;

export const traceSchema = z
  .object({
    subject: traceStepSchema,
    origin: z.array(traceStepSchema).meta({
      description: 'Woher kommt das? Die Kette bis zum Anlass, der nächste Schritt zuerst',
    }),
    withoutMeeting: z.boolean().meta({
      description: 'Maßnahme ohne Konferenz und ohne Frühwarnung angelegt (erlaubt, und so gesagt)',
    }),
    outcome: z
      .object({
        agendaItems: z.array(traceItemSchema),
        decisions: z.array(traceDecisionSchema),
        measures: z.array(traceMeasureSchema),
        goals: z.array(traceGoalSchema),
      })
      .meta({ description: 'Was ist daraus geworden? Die folgenden Schritte, verschachtelt' }),
  })
  .meta({ id: 'Trace' });
export type Trace = z.output<typeof traceSchema>;

/** GET /api/trace/alerts: what became of every alert that became something (for the feed). */
export const alertOutcomeListSchema = z
  .array(
    z.object({
      alertId: z.number().int(),
      agendaItems: z.array(traceItemSchema),
      measures: z.array(traceMeasureSchema),
    }),
  )
  .meta({ id: 'AlertOutcomeList' });
export type AlertOutcomeList = z.output<typeof alertOutcomeListSchema>;
