// `analysis` of an upload (POST /api/imports/analyze): what was detected in a table (format,
// encoding, dialect, header, preview rows), the suggested mapping and what tables as cities publish
// them add (issue 9 § 2), or what an area file holds (format, CRS, properties, covering features).
// The server builds it in modules/imports/analyze*.ts; the import screen reads it.
import { z } from 'zod';
import {
  areaNameMatchSchema,
  fileIssueSchema,
  headerDecisionSchema,
  nonAreaRowGroupSchema,
} from './import-details.ts';

const numberFormat = z.object({
  decimal: z.enum([',', '.']),
  thousands: z.enum(['.', ',']).nullable(),
});

const dialectSchema = numberFormat.extend({
  delimiter: z.enum([';', ',', '\t']),
  confidence: z.number().meta({ description: '0–1: wie sicher die Erkennung ist' }),
  reasons: z.array(z.string()),
});

const wideByDatePlan = z.object({
  columns: z.array(
    z.object({
      index: z.number(),
      column: z.string(),
      label: z.string(),
      date: z.string(),
      dateText: z.string(),
    }),
  ),
  labels: z.array(
    z.object({ label: z.string(), dates: z.array(z.string()), columns: z.array(z.string()) }),
  ),
  reason: z.string(),
});

export const labelCountSchema = z.object({
  label: z.string(),
  count: z.number(),
  suggestedIndicatorId: z.string().nullable(),
  suggestedName: z.string().nullable(),
  firstLine: z.number().meta({ description: 'Erste Zeile des Labels (in seinem Kontext)' }),
  context: z.object({ column: z.string(), value: z.string() }).optional(),
});

export const publishedAnalysisSchema = z.object({
  headerPresence: headerDecisionSchema,
  dateColumns: wideByDatePlan.nullable(),
  nameMatches: z.array(areaNameMatchSchema),
  nonAreaRows: z.array(nonAreaRowGroupSchema),
  labels: z.array(labelCountSchema).optional(),
  labelContextColumn: z.string().nullable().optional(),
});

export const numberPreviewSchema = z.object({
  format: numberFormat,
  columns: z.array(
    z.object({
      column: z.string(),
      examples: z.array(z.object({ text: z.string(), value: z.number().nullable() })),
      invalid: z.number(),
      withDecimals: z.number(),
    }),
  ),
});

const dateSpec = z.union([
  z.object({ column: z.string() }),
  z.object({ fixed: z.string() }),
  z.object({ perColumn: z.literal(true) }),
]);
const mappingBase = { areaColumn: z.string(), areaKey: z.enum(['code', 'name']), date: dateSpec };

/**
 * The suggested mapping: the shape of the run body's `mapping` (tableMappingSchema), but possibly
 * incomplete (no indicator column matched yet), so without its minimum counts.
 */
const suggestedMapping = z.discriminatedUnion('layout', [
  z.object({
    layout: z.literal('wide'),
    ...mappingBase,
    indicators: z.array(
      z.object({
        column: z.string(),
        indicatorId: z.string(),
        role: z.enum(['value', 'numerator', 'denominator']).optional(),
        date: z.string().optional(),
      }),
    ),
  }),
  z.object({
    layout: z.literal('long'),
    ...mappingBase,
    indicatorColumn: z.string(),
    valueColumn: z.string(),
    numeratorColumn: z.string().optional(),
    denominatorColumn: z.string().optional(),
    indicatorMap: z.record(z.string(), z.string()).optional(),
    skipLabels: z.array(z.string()).optional(),
    labelContext: z
      .object({
        column: z.string(),
        indicatorMap: z.record(z.string(), z.record(z.string(), z.string())).optional(),
        skipLabels: z.record(z.string(), z.array(z.string())).optional(),
      })
      .optional(),
  }),
]);

export const tableAnalysisSchema = z.object({
  kind: z.literal('table'),
  file: z.string(),
  detection: z.object({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le']).optional(),
    bom: z.boolean().optional(),
    dialect: dialectSchema.optional(),
    headerLine: z.number(),
    header: z.array(z.string()),
    sampleRows: z.array(z.array(z.string())),
  }),
  problems: z.array(fileIssueSchema),
  suggestion: z.object({
    systemId: z.string().nullable(),
    levelId: z.string().nullable(),
    matchedCodes: z.number(),
    mapping: suggestedMapping,
    confidence: z.number(),
    reasons: z.array(z.string()),
    unresolved: z.array(z.string()),
    unmatchedColumns: z.array(z.string()),
  }),
  published: publishedAnalysisSchema,
  numbers: numberPreviewSchema.nullable(),
});

export const areasAnalysisSchema = z.object({
  kind: z.literal('areas'),
  files: z.array(z.string()),
  format: z.string(),
  crs: z.string(),
  featureCount: z.number(),
  properties: z.array(z.string()),
  sampleProperties: z.array(z.record(z.string(), z.unknown())),
  warnings: z.array(z.string()),
  problems: z.array(fileIssueSchema),
  suggestion: z.object({
    codeProperty: z.string().nullable(),
    nameProperty: z.string().nullable(),
    parentCodeProperty: z.string().nullable(),
  }),
  covering: z.array(z.object({ feature: z.number(), message: z.string() })),
});

export type TableAnalysis = z.infer<typeof tableAnalysisSchema>;
export type AreasAnalysis = z.infer<typeof areasAnalysisSchema>;
export type PublishedAnalysis = z.infer<typeof publishedAnalysisSchema>;
export type NumberPreview = z.infer<typeof numberPreviewSchema>;
export type LabelCount = z.infer<typeof labelCountSchema>;
