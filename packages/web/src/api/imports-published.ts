// Shapes of the import answers for tables as cities publish them (issue 9 § 2). A run's report
// `details` is typed by the contract (contracts/import-details.ts); what the analysis adds
// (`published`) mirrors the server's analyze-published.ts (the contract types the analysis as
// unknown); the web only reads it.
import type { AreaNameMatch, NonAreaRowGroup, WideByDatePlan } from '@sozialraum/core';
import type { HeaderDecision } from '@sozialraum/contracts/import-details';
import type { runBodySchema } from '@sozialraum/contracts/imports';
import type { z } from 'zod';

export type { HeaderDecision, TableImportDetails } from '@sozialraum/contracts/import-details';

/** A label of a long table's indicator column, counted over the whole file. */
export interface LabelCount {
  label: string;
  count: number;
  suggestedIndicatorId: string | null;
  suggestedName: string | null;
  /** 1-based line of the label's first row (in its context). */
  firstLine?: number;
  /** Set when the same label occurs with different context: one entry per context. */
  context?: { column: string; value: string };
}

/** The mapped value columns of the preview, read with the detected or chosen separators. */
export interface NumberPreview {
  format: { decimal: ',' | '.'; thousands: '.' | ',' | null };
  columns: {
    column: string;
    examples: { text: string; value: number | null }[];
    invalid: number;
    withDecimals: number;
  }[];
}

/** What the analysis found in a published table. */
export interface PublishedAnalysis {
  headerPresence: HeaderDecision;
  dateColumns: WideByDatePlan | null;
  nameMatches: AreaNameMatch[];
  nonAreaRows: NonAreaRowGroup[];
  labels?: LabelCount[];
  /** The column that tells same-named labels apart (long tables), or null. */
  labelContextColumn?: string | null;
}

/** Request fields of a table run for published tables (all optional; the contract's run body). */
export type PublishedRunFields = Pick<
  Extract<z.input<typeof runBodySchema>, { kind: 'table' }>,
  | 'hasHeader'
  | 'skipNonAreaRows'
  | 'zeroRows'
  | 'nameMinConfidence'
  | 'acceptMarkers'
  | 'acceptedNames'
  | 'decimal'
  | 'thousands'
>;

/** Column names of a table read without header row: "Spalte 1", "Spalte 2", … (as the server names them). */
export function syntheticColumns(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `Spalte ${i + 1}`);
}
