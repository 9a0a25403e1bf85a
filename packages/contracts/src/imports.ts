// Validation of import requests; the same schemas document the API (OpenAPI).
import { UNITS } from '@sozialraum/core';
import { z } from 'zod';
import { dimensionSchema, polaritySchema } from './enums.ts';
import { tableAnalysisSchema, areasAnalysisSchema } from './import-analysis.ts';
import { fileIssueSchema as fileIssue, tableImportDetailsSchema } from './import-details.ts';

const dateSpec = z.union([
  z.object({ column: z.string().min(1) }),
  z.object({ fixed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT') }),
  z.object({ perColumn: z.literal(true) }).meta({
    description: 'Stichtag je Spalte (Jahre/Daten in den Überschriften): indicators[].date',
  }),
]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT');

export const tableMappingSchema = z.discriminatedUnion('layout', [
  z.object({
    layout: z.literal('wide'),
    areaColumn: z.string().min(1),
    areaKey: z.enum(['code', 'name']),
    date: dateSpec,
    indicators: z
      .array(
        z.object({
          column: z.string().min(1),
          indicatorId: z.string().min(1),
          role: z.enum(['value', 'numerator', 'denominator']).optional(),
          /** Stichtag of this column when date is { perColumn: true }. */
          date: isoDate.optional(),
        }),
      )
      .min(1, 'mindestens eine Indikatorspalte zuordnen'),
  }),
  z.object({
    layout: z.literal('long'),
    areaColumn: z.string().min(1),
    areaKey: z.enum(['code', 'name']),
    date: dateSpec,
    indicatorColumn: z.string().min(1),
    valueColumn: z.string().min(1),
    numeratorColumn: z.string().optional(),
    denominatorColumn: z.string().optional(),
    indicatorMap: z.record(z.string(), z.string()).optional(),
    skipLabels: z
      .array(z.string())
      .max(10000)
      .optional()
      .meta({ description: 'Merkmale, die nicht importiert werden (gezählt und gemeldet)' }),
    labelContext: z
      .object({
        column: z.string().min(1),
        indicatorMap: z.record(z.string(), z.record(z.string(), z.string())).optional(),
        skipLabels: z.record(z.string(), z.array(z.string()).max(10000)).optional(),
      })
      .optional()
      .meta({
        description:
          'gleichnamige Merkmale mit verschiedener Bedeutung: Spalte mit dem Kontext (z. B. Thema, Quelldatei); indicatorMap[Kontext][Merkmal] und skipLabels[Kontext] gelten vor indicatorMap/skipLabels',
      }),
  }),
]);

const sourceSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,60}$/)
    .optional()
    .default(''),
  title: z.string().min(1).max(300),
  publisher: z.string().min(1).max(300),
  licence: z.string().min(1).max(100),
  licenceUrl: z.string().max(500).nullish(),
  attribution: z.string().min(1).max(500),
  url: z.string().max(500).nullish(),
  notes: z.string().max(2000).nullish(),
});

export const newIndicatorSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, 'nur Kleinbuchstaben, Ziffern und _ (z. B. kinder_armut)'),
  nameDe: z.string().min(1).max(200),
  nameEn: z.string().max(200).optional(),
  definitionDe: z.string().max(2000).optional(),
  unit: z.enum(UNITS),
  kind: z.enum(['count', 'share', 'value']).optional(),
  dimension: dimensionSchema,
  polarity: polaritySchema,
  department: z.string().max(200).optional(),
  decimals: z.number().int().min(0).max(6).optional(),
});

/** Options for tables as cities publish them (issue 9 § 2); all optional, defaults keep the strict behaviour. */
const publishedTableOptions = {
  hasHeader: z
    .union([z.boolean(), z.literal('auto')])
    .optional()
    .meta({ description: 'erste Zeile ist eine Überschrift: true, false oder auto (Erkennung)' }),
  skipNonAreaRows: z
    .boolean()
    .optional()
    .meta({ description: 'Summen-, Stadt-, Zwischensummen- und Leerzeilen auslassen (gemeldet)' }),
  zeroRows: z
    .enum(['keep', 'missing'])
    .optional()
    .meta({ description: 'Zeilen nur mit 0: behalten (Warnung) oder als fehlend importieren' }),
  nameMinConfidence: z
    .enum(['exact', 'high', 'medium'])
    .optional()
    .meta({ description: 'geringste Sicherheit einer Namenszuordnung ohne Bestätigung' }),
  acceptMarkers: z
    .boolean()
    .optional()
    .meta({ description: 'Textmarken wie n.v./k.A. in Zahlenspalten als fehlend importieren' }),
  acceptedNames: z
    .array(z.object({ name: z.string().min(1).max(300), areaId: z.number().int() }))
    .max(5000)
    .optional()
    .meta({
      description:
        'bestätigte Namenszuordnungen (Schreibweise in der Datei → Gebiet); beim echten Lauf je Gebietssystem gespeichert',
    }),
};

export const runBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('table'),
    dryRun: z.boolean(),
    systemId: z.string().min(1),
    levelId: z.string().min(1),
    mapping: tableMappingSchema,
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le']).optional(),
    delimiter: z.enum([';', ',', '\t']).optional(),
    decimal: z.enum([',', '.']).optional(),
    thousands: z.enum(['.', ',']).nullable().optional(),
    newIndicators: z.array(newIndicatorSchema).max(200).optional(),
    source: sourceSchema.optional(),
    ...publishedTableOptions,
  }),
  z.object({
    kind: z.literal('areas'),
    dryRun: z.boolean(),
    systemId: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'nur Kleinbuchstaben, Ziffern, _ und -'),
    systemName: z.string().max(200).optional(),
    validFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullish(),
    levelId: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'nur Kleinbuchstaben, Ziffern, _ und -'),
    levelNameDe: z.string().max(200).optional(),
    levelNameEn: z.string().max(200).optional(),
    codeProperty: z.string().min(1),
    nameProperty: z.string().min(1),
    parentLevelId: z.string().nullish(),
    parentCodeProperty: z.string().nullish(),
    crs: z.string().max(40).optional(),
    source: sourceSchema.optional(),
    coveringFeatures: z.enum(['exclude', 'keep']).optional(),
    missingAreas: z.enum(['keep', 'remove', 'retire']).optional().meta({
      description:
        'Gebiete der Ebene, die in der Datei fehlen: behalten, entfernen (mit Werten) oder auflösen (Enddatum: Tag vor validFrom bzw. heute; Werte bleiben)',
    }),
    swapAxes: z.boolean().optional(),
  }),
]);

export type RunBody = z.output<typeof runBodySchema>;

export const reportSchema = z.object({
  status: z.enum(['succeeded', 'failed', 'unchanged', 'dry_run']),
  kind: z.enum(['table', 'areas']),
  rowsRead: z.number(),
  rowsWritten: z.number(),
  errors: z.array(fileIssue),
  errorCount: z.number(),
  warnings: z.array(z.string()),
  unmatched: z.array(z.string()).optional(),
  missingAreas: z
    .object({
      count: z.number(),
      values: z.number(),
      alerts: z.number(),
      examples: z.array(z.string()),
    })
    .optional()
    .meta({ description: 'Gebiete der Ebene, die in der Datei fehlen (behalten oder entfernt)' }),
  importId: z.number().optional(),
  details: tableImportDetailsSchema.optional(),
});

export const analysisSchema = z.object({
  uploadId: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number() })),
  analysis: z.discriminatedUnion('kind', [tableAnalysisSchema, areasAnalysisSchema]),
});

/** GET /api/imports/{uploadId}/events: Server-Sent Events „progress“ (and „done“ at the end). */
export const importEventsSchema = z.string().meta({
  description:
    'text/event-stream: Ereignisse „progress“ mit JSON nach importProgressEventSchema, am Ende „done“ mit {}',
});

/** The data of one „progress“ event of the import's event stream. */
export const importProgressEventSchema = z.object({
  phase: z
    .enum(['warten', 'lesen', 'schreiben', 'berechnen', 'fertig', 'fehler'])
    .meta({ description: 'warten (noch nicht gestartet) … fertig oder fehler (letztes Ereignis)' }),
  rowsRead: z.number(),
  bytesRead: z.number(),
  bytesTotal: z.number(),
  jobId: z.number().optional().meta({ description: 'Der Auftrag, als der der Import läuft' }),
});

/** One earlier import in the history (GET /api/imports). */
export const importRunSchema = z.object({
  id: z.number(),
  kind: z.string(),
  fileName: z.string(),
  format: z.string(),
  status: z.string(),
  rowsRead: z.number(),
  rowsWritten: z.number(),
  errorCount: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  actor: z.string(),
  who: z.string(),
  fileSha256: z.string(),
});
export type ImportRun = z.output<typeof importRunSchema>;
export const importRunListSchema = z.array(importRunSchema);

/** DELETE /api/imports/{uploadId}: the upload was discarded. */
export const uploadDiscardedSchema = z.object({ deleted: z.boolean() });
