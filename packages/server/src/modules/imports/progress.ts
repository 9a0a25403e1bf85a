// What the import reports while it runs (the job's progress events, ADR 0025).
export interface Progress {
  phase: string;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}
