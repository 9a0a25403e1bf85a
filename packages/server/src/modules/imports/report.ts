// The report every import run returns, successful or not: what was read, what was written, and every
// rejected row with file, line, column and reason.

import type { TableImportDetails } from './published.ts';

/** A problem tied to a place in an uploaded file. */
export interface FileIssue {
  file: string;
  line?: number | undefined;
  column?: number | string | undefined;
  message: string;
}

export interface ImportReport {
  status: 'succeeded' | 'failed' | 'unchanged' | 'dry_run';
  kind: 'table' | 'areas';
  rowsRead: number;
  rowsWritten: number;
  errors: FileIssue[];
  errorCount: number;
  warnings: string[];
  unmatched?: string[];
  /** Areas import: areas of the level that the file no longer has (kept or removed). */
  missingAreas?: { count: number; values: number; alerts: number; examples: string[] };
  importId?: number;
  /** Table imports: what the review screen shows (published.ts, docs/api-contract.md). */
  details?: TableImportDetails;
}

export const MAX_REPORTED_ERRORS = 1000;

/** Thrown inside the import transaction to roll it back and hand the report out. */
export class ImportRejected extends Error {
  constructor(readonly report: ImportReport) {
    super(report.errors[0]?.message ?? 'Import abgelehnt');
  }
}
