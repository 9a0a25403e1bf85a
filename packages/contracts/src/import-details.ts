// `details` of a table import's report (issue 9 § 2, tables as cities publish them): how the first
// row was taken, how area names were matched, rows that are not areas, dates from the headers, empty
// and marked cells, plausibility findings and what the run overwrites. The server builds it in
// modules/imports/published.ts from core's tabular summaries; the review screen reads it.
import { z } from 'zod';

/** A problem of a file: which file, line and column, and why (German). */
export const fileIssueSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  column: z.union([z.number(), z.string()]).optional(),
  message: z.string(),
  hint: z
    .enum(['swap_axes'])
    .optional()
    .meta({ description: 'swap_axes: mit swapAxes erneut hochladen bzw. ausführen' }),
});

const areaRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const headerDecisionSchema = z.object({
  hasHeader: z.boolean(),
  confidence: z.enum(['high', 'medium']),
  reason: z.string().meta({ description: 'Deutsch: welche Zellen entschieden haben' }),
  used: z.boolean().meta({ description: 'Erste Zeile als Überschrift verwendet' }),
  decidedBy: z.enum(['person', 'detection']),
});

export const areaNameMatchSchema = z.discriminatedUnion('status', [
  z.object({
    input: z.string(),
    status: z.literal('matched'),
    area: areaRef,
    confidence: z.enum(['exact', 'high', 'medium']),
    reasons: z.array(z.string()).meta({ description: 'z. B. „Nummer vorangestellt“' }),
  }),
  z.object({
    input: z.string(),
    status: z.literal('ambiguous'),
    candidates: z.array(areaRef),
    reasons: z.array(z.string()),
  }),
  z.object({
    input: z.string(),
    status: z.literal('unmatched'),
    candidates: z.array(areaRef).meta({ description: 'Hinweise, nie automatisch übernommen' }),
    reasons: z.array(z.string()),
  }),
]);

export const nonAreaRowGroupSchema = z.object({
  kind: z.enum(['total', 'city', 'subtotal', 'blank']),
  label: z.string(),
  count: z.number(),
  lines: z.array(z.number()).meta({ description: 'Erste Zeilen der Datei (bis 20)' }),
  examples: z.array(z.string()),
  skipped: z.boolean().meta({ description: 'Ausgelassen (true) oder noch Fehler (false)' }),
});

const missingMarkerCount = z.object({
  marker: z.string(),
  kind: z.enum(['blank', 'symbol', 'text']),
  count: z.number(),
  firstLine: z.number(),
  firstColumn: z.string(),
});

export const cellTallySchema = z.object({
  missingCount: z.number(),
  missingByMarker: z.array(missingMarkerCount),
  footnoteCount: z.number(),
  footnoteMarks: z.array(z.string()),
  footnoteExample: z.object({ line: z.number(), column: z.string(), text: z.string() }).nullable(),
});

export const plausibilitySchema = z.object({
  decimalsInCounts: z.array(
    z.object({
      indicatorId: z.string(),
      count: z.number(),
      firstLine: z.number(),
      example: z.string(),
    }),
  ),
  thousandsInPercent: z
    .object({ count: z.number(), firstLine: z.number(), column: z.string(), example: z.string() })
    .nullable(),
  zeroRows: z.object({
    count: z.number(),
    lines: z.array(z.number()),
    treatedAsMissing: z.boolean(),
  }),
});

export const overwriteExampleSchema = z.object({
  indicatorId: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  refDate: z.string(),
  old: z.number().nullable(),
  new: z.number().nullable(),
});

export const tableImportDetailsSchema = z
  .object({
    headerPresence: headerDecisionSchema,
    nameMatches: z.array(areaNameMatchSchema),
    nonAreaRows: z.array(nonAreaRowGroupSchema),
    columnDates: z.array(
      z.object({ column: z.string(), indicatorId: z.string(), date: z.string() }),
    ),
    cells: cellTallySchema,
    plausibility: plausibilitySchema,
    textMarkers: z.array(missingMarkerCount.omit({ kind: true })),
    textMarkersAccepted: z.boolean(),
    overwrite: z.object({
      changed: z.number(),
      unchanged: z.number(),
      added: z.number(),
      examples: z.array(overwriteExampleSchema),
    }),
    synonymsSaved: z.number(),
  })
  .meta({ description: 'Details eines Tabellenimports (Prüfansicht)' });

export type HeaderDecision = z.infer<typeof headerDecisionSchema>;
export type OverwriteExample = z.infer<typeof overwriteExampleSchema>;
export type PlausibilitySummary = z.infer<typeof plausibilitySchema>;
export type TableImportDetails = z.infer<typeof tableImportDetailsSchema>;
