// Supply against need (issue 12 § 3): supply ratios per service type and area, the gap to the city
// ratio, and reachability within a walking distance, with the method and provenance stated.
import { POPULATION_LOCATIONS } from '@sozialraum/core';
import { z } from 'zod';

/** Code of a service type (taxonomy term), e.g. „kita“. */
export const SERVICE_TYPE_CODE = /^[a-z0-9_]{1,60}$/;
/** The rule of a service-type code in words (a refusal names it, not the pattern). */
export const SERVICE_TYPE_CODE_RULE =
  'Angebotsart: Kennung aus Kleinbuchstaben, Ziffern und _ (höchstens 60 Zeichen), z. B. „kita“';

export const supplyQuerySchema = z.object({
  serviceType: z.string().regex(SERVICE_TYPE_CODE, SERVICE_TYPE_CODE_RULE),
  system: z.string().min(1).max(60).optional(),
  level: z.string().min(1).max(60).optional(),
  date: z.iso.date().optional(),
  distance: z.coerce.number().int().min(100).max(5000).default(500),
});

export const supplyRowSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  facilities: z.number().int(),
  places: z.number().nullable(),
  population: z.number().nullable(),
  ratio: z
    .number()
    .nullable()
    .meta({ description: 'Plätze (oder Einrichtungen) je `per` Personen' }),
  gap: z
    .number()
    .nullable()
    .meta({ description: 'fehlende Plätze zum Stadtwert (negativ = mehr)' }),
  gapRank: z.number().int().nullable(),
  reachShare: z.number().nullable().meta({ description: 'Anteil (0–1) in Gehentfernung' }),
  distanceM: z.number().nullable().meta({ description: 'Entfernung zum nächsten Angebot, Meter' }),
});

export const supplyTypeSchema = z.object({
  code: z.string(),
  name: z.string(),
  measure: z.enum(['places', 'facilities']),
  per: z.number(),
  target: z.object({ min: z.number(), max: z.number().nullable() }).nullable(),
});

export const supplySchema = z
  .object({
    serviceType: supplyTypeSchema,
    systemId: z.string(),
    levelId: z.string(),
    refDate: z.string().nullable().meta({ description: 'Stichtag der Bevölkerung' }),
    populationIndicators: z.array(z.string()),
    directoryStand: z.string().nullable().meta({ description: 'jüngster Zähltag der Plätze' }),
    provenance: z.string(),
    licences: z.array(z.string()),
    cityRatio: z.number().nullable(),
    distanceM: z.number(),
    method: z.enum(POPULATION_LOCATIONS),
    methodText: z.string(),
    rows: z.array(supplyRowSchema),
    largestGaps: z.array(supplyRowSchema),
  })
  .meta({ id: 'Supply', description: 'Versorgung gegen Bedarf je Gebiet für eine Angebotsart' });

export const supplyTypesSchema = z.array(supplyTypeSchema.extend({ available: z.boolean() }));

/** The target population of a service type: the population indicators whose sum it is. */
export const supplyTargetSchema = z
  .object({
    serviceType: z.string(),
    name: z.string(),
    targetAge: z.object({ min: z.number(), max: z.number().nullable() }).nullable(),
    indicatorIds: z
      .array(z.string())
      .meta({ description: 'leer = keine Zielbevölkerung festgelegt' }),
  })
  .meta({ id: 'SupplyTarget' });

export const supplyTargetsSchema = z.array(supplyTargetSchema);

/** Body of the target edit: population indicators (counts) that add up to the target population. */
export const supplyTargetBodySchema = z
  .object({
    indicatorIds: z.array(z.string().min(1).max(120)).max(20).meta({
      description: 'Zählindikatoren, deren Summe die Zielbevölkerung ist; leer = entfernen',
    }),
  })
  .strict();

/** The tenant's indicator of all residents ("Einwohnende insgesamt"): the denominator of the gaps
 * need "share of the target population" and the count of the disclosure rule for indexes. */
export const supplyResidentsSchema = z
  .object({
    indicatorId: z
      .string()
      .nullable()
      .meta({ description: 'Zählindikator der Einwohnenden insgesamt; null = nicht festgelegt' }),
  })
  .meta({ id: 'SupplyResidents' });

/** Body of the residents setting: one count indicator of the tenant (null = remove). */
export const supplyResidentsBodySchema = z
  .object({
    indicatorId: z.string().min(1).max(120).nullable().meta({
      description: 'Zählindikator der Einwohnenden insgesamt; null = Festlegung entfernen',
    }),
  })
  .strict();

export const serviceTypeParamsSchema = z.object({
  serviceType: z.string().min(1).max(60),
});

/** Body of storing a supply ratio as an indicator: the department that owns it (default: the caller's). */
export const supplyIndicatorBodySchema = z
  .object({ department: z.string().min(1).max(60).nullable().optional() })
  .strict();

/** What was stored: the indicator, its reference date and how many area values it holds. */
export const supplyIndicatorResultSchema = z
  .object({
    indicatorId: z.string(),
    name: z.string(),
    refDate: z.string(),
    observations: z.number().int(),
  })
  .meta({ id: 'SupplyIndicatorResult' });

/** The supply ratios kept as indicators, with what they were computed from. */
export const supplyIndicatorsSchema = z.array(
  z.object({
    serviceType: z.string(),
    indicatorId: z.string(),
    systemId: z.string(),
    refDate: z.string().meta({ description: 'Stichtag der Bevölkerung' }),
    directoryStand: z.string().nullable(),
    computedAt: z.string(),
  }),
);

/** The need measures of the gaps view: the target population's share, or the status index. */
export const NEED_MEASURES = ['target-share', 'status-index'] as const;

/** The largest threshold of a need (in either direction) the gaps view accepts (ADR 0061). */
export const THRESHOLD_LIMIT = 100;

/** Query of GET /api/supply/gaps: service type, need measure, threshold (default top quintile). */
export const supplyGapsQuerySchema = z
  .object({
    serviceType: z.string().regex(SERVICE_TYPE_CODE, SERVICE_TYPE_CODE_RULE),
    need: z.enum(NEED_MEASURES).default('target-share'),
    threshold: z.coerce.number().min(-THRESHOLD_LIMIT).max(THRESHOLD_LIMIT).optional().meta({
      title: 'Schwelle',
      description:
        'Bedarf ab diesem Wert: beim Anteil der Zielbevölkerung ein Anteil von 0 bis 1 (0,25 = 25 %), beim Statusindex ein Indexwert von −100 bis 100; ohne: oberstes Fünftel der Gebiete',
    }),
    system: z.string().min(1).max(60).optional(),
    level: z.string().min(1).max(60).optional(),
  })
  // a share is 0 … 1 (ADR 0061); the index's wider range is in the field's own schema
  .refine(
    (q) =>
      q.need !== 'target-share' ||
      q.threshold === undefined ||
      // out of the field's own range: its message says so already
      !(Math.abs(q.threshold) <= THRESHOLD_LIMIT) ||
      (q.threshold <= 1 && q.threshold >= 0),
    {
      path: ['threshold'],
      message:
        'beim Bedarf „Anteil der Zielbevölkerung“ ein Anteil von 0 bis 1 erwartet (0,25 = 25 %)',
    },
  );

export const supplyGapRowSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  need: z.number(),
  needClass: z.string().nullable().meta({ description: 'Klasse des Statusindex, sonst null' }),
  nearest: z
    .object({ serviceId: z.string(), name: z.string(), distanceM: z.number() })
    .nullable()
    .meta({ description: 'nächstes Angebot der Art (Luftlinie vom Gebietsschwerpunkt)' }),
});

export const supplyGapsSchema = z
  .object({
    serviceType: z.object({ code: z.string(), name: z.string() }),
    systemId: z.string(),
    levelId: z.string(),
    need: z.object({
      measure: z.enum(NEED_MEASURES),
      label: z.string(),
      unit: z.enum(['share', 'index']),
      date: z.string().nullable(),
      indicators: z.array(z.string()),
    }),
    threshold: z.number().nullable(),
    thresholdRule: z.enum(['top-quintile', 'value']),
    considered: z.number().int(),
    highNeed: z.number().int(),
    directoryStand: z.string().nullable(),
    provenance: z.string(),
    rule: z.string().meta({ description: 'was als „kein Angebot dort“ zählt' }),
    rows: z.array(supplyGapRowSchema),
  })
  .meta({ id: 'SupplyGaps', description: 'Gebiete mit hohem Bedarf ohne Angebot der Art' });
