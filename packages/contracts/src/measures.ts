// Measures (Maßnahmen, issue 14 § 2, ADR 0032): what the municipality does in its areas, with
// milestones, sub-measures (progress rolls up, weighted), goals bound to indicators (baseline from
// the data, target line, actual course) and where the measure came from.
import { GOAL_STATUSES, MEASURE_STATUS_IDS } from '@sozialraum/core';
import { z } from 'zod';
import { dimensionSchema } from './enums.ts';

const isoDate = z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2026-12-31' });
/** Row ids are PostgreSQL integers: larger numbers are refused here, not by the database. */
const rowId = z.coerce.number().int().positive().max(2_147_483_647);

export const measureStatusSchema = z.enum(MEASURE_STATUS_IDS);
export type MeasureStatusId = z.output<typeof measureStatusSchema>;
export const measureVisibilitySchema = z
  .enum(['public', 'internal'])
  .meta({ description: 'public = für alle sichtbar, internal = nur für angemeldete Personen' });
export const goalStatusSchema = z.enum(
  GOAL_STATUSES.map((g) => g.id) as ['no_data', 'on_course', 'off_target', 'reached', 'missed'],
);

export const measureIdParamsSchema = z.object({ id: rowId });

/** [lon, lat] in WGS84 (an array rather than a tuple: the OpenAPI generator writes tuples poorly). */
const position = z
  .array(z.number())
  .length(2, 'Eine Koordinate ist [Länge, Breite].')
  .refine(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90, {
    message: 'Koordinate außerhalb von WGS84 (Länge ±180, Breite ±90).',
  });
/** A point or a line on the map (WGS84 lon/lat), for measures not bound to whole areas. */
export const measureGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2).max(500) }),
]);

export const milestoneInputSchema = z.object({
  title: z.string().trim().min(1, 'Meilenstein ohne Titel').max(200),
  dueDate: isoDate.nullable().default(null),
  weight: z.number().positive('Gewicht muss größer als 0 sein').max(1000).default(1),
  done: z.boolean().default(false),
});

export const goalInputSchema = z.object({
  indicatorId: z.string().trim().min(1).max(100),
  areaId: z.number().int().positive().max(2_147_483_647),
  /** The reference date of the baseline; default: the latest value at or before the measure's start. */
  baselineDate: isoDate.nullable().default(null),
  targetValue: z.number().finite(),
  targetDate: isoDate,
});

/** POST/PUT /api/measures: the whole measure (milestones and goals are replaced as a whole). */
export const measureBodySchema = z
  .object({
    title: z.string().trim().min(1, 'Bitte einen Titel angeben').max(200),
    description: z.string().max(10_000).default(''),
    status: measureStatusSchema.default('planned'),
    visibility: measureVisibilitySchema.default('internal'),
    departmentId: z.string().min(1).max(63).nullable().default(null),
    organisationIds: z.array(z.string().min(1).max(63)).max(50).default([]),
    lebenslagen: z.array(dimensionSchema).max(20).default([]),
    targetGroups: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    start: isoDate.nullable().default(null),
    end: isoDate.nullable().default(null),
    parentId: z
      .string()
      .regex(/^\d{1,9}$/, 'Kennung einer Maßnahme (Zahl)')
      .nullable()
      .default(null),
    weight: z.number().min(0).max(1000).default(1),
    progress: z.number().min(0).max(100).nullable().default(null),
    areaIds: z.array(z.number().int().positive().max(2_147_483_647)).max(500).default([]),
    citywide: z.boolean().default(false).meta({
      description: 'gesamtstädtisch: die Maßnahme gilt für die ganze Stadt und hat keine Gebiete',
    }),
    geometry: measureGeometrySchema.nullable().default(null),
    alertId: z
      .string()
      .regex(/^\d{1,9}$/, 'Kennung einer Frühwarnung (Zahl)')
      .nullable()
      .default(null)
      .meta({
        description:
          'Nur beim Anlegen: die Frühwarnung, aus der die Maßnahme entsteht (Herkunft „Woher kommt das?“)',
      }),
    milestones: z.array(milestoneInputSchema).max(100).default([]),
    goals: z.array(goalInputSchema).max(30).default([]),
  })
  .refine((m) => m.areaIds.length > 0 || m.geometry !== null || m.citywide, {
    message:
      'Eine Maßnahme braucht mindestens ein Gebiet, einen Ort auf der Karte oder den Vermerk „gesamtstädtisch“.',
    path: ['areaIds'],
  })
  .refine((m) => !m.citywide || m.areaIds.length === 0, {
    message:
      'Eine gesamtstädtische Maßnahme hat keine Gebiete: entweder Gebiete wählen oder „gesamtstädtisch“.',
    path: ['citywide'],
  })
  .refine((m) => !m.start || !m.end || m.start <= m.end, {
    message: 'Das Ende liegt vor dem Beginn.',
    path: ['end'],
  })
  .meta({ id: 'MeasureInput' });
export type MeasureBody = z.output<typeof measureBodySchema>;
export type MeasureInput = z.input<typeof measureBodySchema>;

export const measureListQuerySchema = z.object({
  area: rowId.optional(),
  lebenslage: dimensionSchema.optional(),
  department: z.string().min(1).max(63).optional(),
  status: measureStatusSchema.optional(),
  citywide: z.enum(['true', 'false']).optional().meta({
    description: 'nur gesamtstädtische (true) oder nur gebietsbezogene (false) Maßnahmen',
  }),
});

const originSchema = z
  .object({
    kind: z.string(),
    id: z.string(),
    label: z.string(),
    href: z.string().nullable(),
  })
  .nullable()
  .meta({ description: 'Woher kommt die Maßnahme? null = ohne Konferenz beschlossen' });

const signalSchema = z.object({
  kind: z.enum(['overdue', 'off_target']),
  since: z.string(),
  detail: z.string(),
});

export const measureSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: measureStatusSchema,
    visibility: measureVisibilitySchema,
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    areas: z.array(z.object({ id: z.number().int(), name: z.string(), code: z.string() })),
    lebenslagen: z.array(dimensionSchema),
    start: z.string().nullable(),
    end: z.string().nullable(),
    parentId: z.string().nullable(),
    progress: z
      .number()
      .meta({ description: 'Prozent 0–100, aus Meilensteinen und Teilmaßnahmen' }),
    hasGeometry: z.boolean(),
    citywide: z.boolean().meta({ description: 'gesamtstädtisch, ohne Gebiete' }),
    geometry: measureGeometrySchema
      .nullable()
      .meta({ description: 'Ort der Maßnahme als Punkt oder Linie (WGS84); null ohne' }),
    marker: z
      .array(z.number())
      .nullable()
      .meta({ description: '[Länge, Breite] des Markers auf der Karte (WGS84); null ohne Ort' }),
    origin: originSchema,
    signals: z.array(signalSchema),
  })
  .meta({ id: 'MeasureSummary' });
export type MeasureSummary = z.output<typeof measureSummarySchema>;
export const measureListSchema = z.array(measureSummarySchema);

const datedValue = z.object({ date: z.string(), value: z.number() });

export const measureGoalSchema = z.object({
  indicatorId: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  decimals: z.number().int(),
  areaId: z.number().int(),
  areaName: z.string(),
  baseline: datedValue,
  target: datedValue,
  actual: z.array(z.object({ date: z.string(), value: z.number().nullable() })),
  status: goalStatusSchema,
  latest: datedValue.nullable(),
  expected: z.number().nullable(),
  tolerance: z.number(),
});
export type MeasureGoal = z.output<typeof measureGoalSchema>;

export const measureDetailSchema = measureSummarySchema
  .extend({
    description: z.string(),
    organisations: z.array(z.object({ id: z.string(), name: z.string() })),
    targetGroups: z.array(z.string()),
    weight: z.number(),
    enteredProgress: z.number().nullable(),
    milestones: z.array(
      z.object({
        title: z.string(),
        dueDate: z.string().nullable(),
        weight: z.number(),
        done: z.boolean(),
      }),
    ),
    goals: z.array(measureGoalSchema),
    hiddenGoals: z
      .number()
      .int()
      .meta({ description: 'Ziele mit Indikatoren, die Sie nicht lesen dürfen' }),
    parent: z.object({ id: z.string(), title: z.string() }).nullable(),
    children: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: measureStatusSchema,
        progress: z.number(),
      }),
    ),
    history: z.array(
      z.object({
        at: z.string(),
        action: z.string(),
        actor: z.string().nullable(),
        fields: z.array(z.string()),
      }),
    ),
    canEdit: z.boolean(),
  })
  .meta({ id: 'MeasureDetail' });
export type MeasureDetail = z.output<typeof measureDetailSchema>;

export const measureOptionsSchema = z.object({
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  editableDepartments: z
    .array(z.string())
    .meta({ description: 'Abteilungen, für die Sie Maßnahmen anlegen dürfen; ["*"] = alle' }),
  parents: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type MeasureOptions = z.output<typeof measureOptionsSchema>;

export const measureCreatedSchema = z.object({ id: z.string() });
export const measureDeletedSchema = z.object({ deleted: z.string() });

/** GET /api/measures/signals: overdue and off-target measures for the alert feed. */
export const measureSignalListSchema = z.array(
  z
    .object({
      measureId: z.string(),
      title: z.string(),
      kind: z.enum(['overdue', 'off_target']),
      detail: z.string(),
      since: z.string(),
      href: z.string(),
      areas: z.array(z.object({ id: z.number().int(), name: z.string(), code: z.string() })),
      citywide: z.boolean(),
    })
    .meta({ id: 'MeasureSignal' }),
);
export type MeasureSignalItem = z.output<typeof measureSignalListSchema>[number];
