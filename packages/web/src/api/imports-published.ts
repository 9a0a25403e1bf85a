// Shapes of the import answers for tables as cities publish them (issue 9 § 2): what the analysis adds
// (`published`, contracts/import-analysis.ts) and a run's report `details`
// (contracts/import-details.ts), and the run body's fields for them.
import type { runBodySchema } from '@sozialraum/contracts/imports';
import type { z } from 'zod';

export type {
  LabelCount,
  NumberPreview,
  PublishedAnalysis,
} from '@sozialraum/contracts/import-analysis';
export type { HeaderDecision, TableImportDetails } from '@sozialraum/contracts/import-details';

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
