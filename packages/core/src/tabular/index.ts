// Tabular import engine: bytes → text (encoding) → dialect → records (CSV) → numbers/dates →
// observations (mapping). Pure and streaming-friendly; the server module does the file I/O.
export * from './encoding.ts';
export * from './csv-parser.ts';
export * from './dialect.ts';
export * from './numbers.ts';
export * from './dates.ts';
export * from './mapping.ts';
export * from './suggest.ts';
export * from './read-table.ts';
export * from './xlsx.ts';
export * from './write-csv.ts';
export * from './area-names.ts';
export * from './non-area-rows.ts';
export * from './header-dates.ts';
export * from './header-presence.ts';
export type { CellTallySummary, MissingMarkerCount } from './cell-tally.ts';
