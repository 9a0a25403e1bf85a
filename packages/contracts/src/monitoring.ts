// Request and response shapes of the monitoring API (documented in /api/openapi.json).
import { z } from 'zod';

const isoDate = z.iso.date({ error: 'erwartet ein Datum im Format JJJJ-MM-TT, z. B. 2020-12-31' });

/** Where an index is computed: area system, level and reference date (Stichtag). */
export const computeKeySchema = z.object({
  system: z.string().min(1),
  level: z.string().min(1),
  date: isoDate,
});

/** An edition: a system/level/date where every input indicator of the index has values. */
export const editionSchema = z.object({ system: z.string(), level: z.string(), date: z.string() });

/** An index definition as listed: preset or stored (latest version). */
export const indexSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  label: z.string(),
  preset: z.boolean().meta({ description: 'true = eingebaute, nicht änderbare Vorlage' }),
  basedOn: z
    .string()
    .nullable()
    .meta({ description: 'Vorlage, von der eine gespeicherte Definition ausging' }),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  definition: z
    .record(z.string(), z.unknown())
    .meta({ description: 'IndexDefinition (docs/methods/index-engine.md)' }),
});

/** One index with the editions it can be computed on. */
export const indexDetailSchema = indexSummarySchema.extend({ editions: z.array(editionSchema) });

/** Body of POST /api/indices and PUT /api/indices/:id. */
export const saveBodySchema = z.object({
  definition: z.record(z.string(), z.unknown()),
  basedOn: z.string().min(1).optional(),
  /** optional trial computation: refuse the definition when it cannot be computed there. */
  check: computeKeySchema.optional(),
});

/** Body of POST /api/indices/preview. */
export const previewBodySchema = computeKeySchema.extend({
  definition: z.record(z.string(), z.unknown()),
});

const classCountSchema = z.object({ code: z.string(), label: z.string(), count: z.number().int() });
const partSchema = z.object({
  z: z
    .record(z.string(), z.number())
    .meta({ description: 'standardisierter Wert je Indikator (höher = ungünstiger)' }),
  sum: z.number().meta({ description: 'Summe (MSS: Statussumme / Dynamiksumme)' }),
  index: z.number(),
  classCode: z.string(),
  classLabel: z.string(),
});

/** Counts per class and per matrix group. */
export const countsSchema = z.object({
  scored: z.number().int(),
  unscored: z.number().int(),
  status: z.array(classCountSchema),
  dynamics: z.array(classCountSchema),
  matrix: z.array(
    z.object({
      status: z.string(),
      dynamics: z.string(),
      code: z.string(),
      label: z.string(),
      count: z.number().int(),
    }),
  ),
  attention: z.number().int(),
});

/** The result of an index for every area of a level at a date. */
export const resultsSchema = z.object({
  index: z.object({ id: z.string(), version: z.number().int(), label: z.string() }),
  system: z.string(),
  level: z.string(),
  date: z.string(),
  inputs: z.array(
    z.object({ part: z.enum(['status', 'dynamics']), indicatorId: z.string(), label: z.string() }),
  ),
  counts: countsSchema,
  areas: z.array(
    z.object({
      areaId: z.number().int(),
      code: z.string(),
      name: z.string(),
      scored: z.boolean(),
      reason: z.string().nullable(),
      status: partSchema.nullable(),
      dynamics: partSchema.nullable(),
      group: z.object({ code: z.string(), label: z.string() }).nullable(),
      attention: z.boolean(),
    }),
  ),
});

/** Response of POST /api/indices/preview: counts only. */
export const previewSchema = z.object({
  system: z.string(),
  level: z.string(),
  date: z.string(),
  counts: countsSchema,
});

const boundarySchema = z
  .object({ value: z.number(), distance: z.number(), classLabel: z.string() })
  .nullable();

/** Explanation of one index part for one area (core PartExplanation). */
export const partExplanationSchema = z.object({
  label: z.string(),
  index: z.number(),
  combined: z.number(),
  classLabel: z.string(),
  rank: z.number().int().meta({ description: '1 = höchster Index (ungünstigste Lage)' }),
  of: z.number().int(),
  contributions: z.array(
    z.object({
      indicatorId: z.string(),
      label: z.string(),
      standardised: z.number(),
      contribution: z.number(),
      shareOfCombined: z.number(),
      shareOfAbsolute: z.number(),
    }),
  ),
  lower: boundarySchema,
  upper: boundarySchema,
  nearest: boundarySchema,
  nearThreshold: z.boolean(),
  sentence: z.string(),
});

/** Explanation of one area (core explainArea) with the area's code and name. */
export const explanationSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  scored: z.boolean(),
  reason: z.string().nullable(),
  status: partExplanationSchema.nullable(),
  dynamics: partExplanationSchema.nullable(),
  group: z.object({ code: z.string(), label: z.string() }).nullable(),
  attention: z.boolean(),
  text: z.string().meta({ description: 'Erklärung in ganzen deutschen Sätzen' }),
});

/** Response of GET /api/indices/:id/similar/:areaId. */
export const similarSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  indicators: z.array(z.object({ indicatorId: z.string(), label: z.string() })),
  compared: z
    .number()
    .int()
    .meta({ description: 'verglichene Gebiete (alle gewählten Werte vorhanden)' }),
  skipped: z.number().int().meta({ description: 'wegen fehlender Werte ausgelassene Gebiete' }),
  similar: z.array(
    z.object({
      areaId: z.number().int(),
      code: z.string(),
      name: z.string(),
      distance: z
        .number()
        .meta({ description: 'euklidischer Abstand der z-Werte (Standardabweichungen)' }),
      differences: z
        .array(z.object({ indicatorId: z.string(), label: z.string(), difference: z.number() }))
        .meta({ description: 'größte Unterschiede: z des Vergleichsgebiets − z des Gebiets' }),
    }),
  ),
});

const changeSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  fromCode: z.string(),
  fromLabel: z.string(),
  toCode: z.string(),
  toLabel: z.string(),
  steps: z.number().int().meta({ description: '> 0 = zur ungünstigeren Seite' }),
  direction: z.enum(['verschlechtert', 'verbessert']),
  explanation: z.string(),
});

/** Response of GET /api/indices/:id/changes. */
export const changesSchema = z.object({
  index: z.object({ id: z.string(), version: z.number().int(), label: z.string() }),
  system: z.string(),
  level: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.array(changeSchema),
  dynamics: z.array(changeSchema),
  repeatedNegativeDynamics: z.array(
    z.object({
      areaId: z.number().int(),
      code: z.string(),
      name: z.string(),
      editions: z.array(z.string()),
      explanation: z.string(),
    }),
  ),
});

/** Body of POST /api/indices/:id/bind and …/bind/preview: the new index and one indicator per input. */
export const bindBodySchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
      error: 'Kleinbuchstaben, Ziffern, - und _, höchstens 63 Zeichen (z. B. mss-2023)',
    })
    .meta({ description: 'Kennung des neuen Index' }),
  label: z.string().trim().max(200).optional().meta({ description: 'Name des neuen Index' }),
  bindings: z
    .record(z.string().min(1).max(100), z.string().trim().min(1).max(100))
    .meta({ description: 'Eingang des gebundenen Index (indicatorId) → Indikator-Kennung' }),
  check: computeKeySchema
    .optional()
    .meta({ description: 'probeweise Berechnung: nur speichern, wenn sie dort gelingt' }),
});

/** One input of the bound index with the indicator it now reads. */
export const boundInputSchema = z.object({
  part: z.enum(['status', 'dynamics']),
  input: z.string().meta({ description: 'Eingang der Vorlage (z. B. mss_s1_unemployment)' }),
  label: z.string(),
  direction: z.string(),
  indicatorId: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  polarity: z.string(),
});

/** Answer of POST /api/indices/:id/bind/preview: what would be created (nothing is written). */
export const bindPlanSchema = z.object({
  basedOn: z.string(),
  definition: z.record(z.string(), z.unknown()),
  inputs: z.array(boundInputSchema),
  warnings: z
    .array(z.string())
    .meta({ description: 'abweichende Richtung oder Einheit gegenüber dem Eingang' }),
});

/** Answer of POST /api/indices/:id/bind: the created index with its bindings and warnings. */
export const bindResultSchema = indexSummarySchema.extend({
  inputs: z.array(boundInputSchema),
  warnings: z.array(z.string()),
});

export const indexSummaryListSchema = z.array(indexSummarySchema);
