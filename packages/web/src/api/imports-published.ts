// Shapes of the import answers for tables as cities publish them (issue 9 § 2): what the analysis adds
// (`published`) and what a run's report carries in `details`. They mirror the server's
// analyze-published.ts and published.ts (the contract types them as unknown); the web only reads them.
import type {
  AreaNameMatch,
  CellTallySummary,
  NonAreaRowGroup,
  WideByDatePlan,
} from '@sozialraum/core';
import type { runBodySchema } from '@sozialraum/contracts/imports';
import type { z } from 'zod';

/** How the first row was taken: detected, and whether it was used as the header. */
export interface HeaderDecision {
  hasHeader: boolean;
  confidence: 'high' | 'medium';
  reason: string;
  used: boolean;
  decidedBy: 'person' | 'detection';
}

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

export interface OverwriteExample {
  indicatorId: string;
  areaCode: string;
  areaName: string;
  refDate: string;
  old: number | null;
  new: number | null;
}

export interface PlausibilitySummary {
  decimalsInCounts: { indicatorId: string; count: number; firstLine: number; example: string }[];
  thousandsInPercent: { count: number; firstLine: number; column: string; example: string } | null;
  zeroRows: { count: number; lines: number[]; treatedAsMissing: boolean };
}

/** `details` of a table run's report. */
export interface TableImportDetails {
  headerPresence: HeaderDecision;
  nameMatches: AreaNameMatch[];
  nonAreaRows: NonAreaRowGroup[];
  columnDates: { column: string; indicatorId: string; date: string }[];
  cells: CellTallySummary;
  plausibility: PlausibilitySummary;
  textMarkers: { marker: string; count: number; firstLine: number; firstColumn: string }[];
  textMarkersAccepted: boolean;
  overwrite: { changed: number; unchanged: number; added: number; examples: OverwriteExample[] };
  synonymsSaved: number;
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

/** Reads report details defensively: a table report's details, or null for other shapes. */
export function tableDetails(details: unknown): TableImportDetails | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Partial<TableImportDetails>;
  if (!d.headerPresence || !Array.isArray(d.nameMatches) || !d.overwrite) return null;
  return d as TableImportDetails;
}

/** Column names of a table read without header row: "Spalte 1", "Spalte 2", … (as the server names them). */
export function syntheticColumns(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `Spalte ${i + 1}`);
}
