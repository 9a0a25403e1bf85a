// Shared by the bench parts: German number format and the section a part reports.

export const de = (n: number, digits = 0) =>
  n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const seconds = (ms: number) => `${de(ms / 1000, 1)} s`;
export const mb = (bytes: number) => `${de(bytes / 1048576, 1)} MB`;

export interface Section {
  title: string;
  /** Markdown table rows: [measure, result, baseline, ratio]. */
  rows: [string, string, string, string][];
  notes: string[];
}

/** Prints a section to the console while the run goes on. */
export function printSection(s: Section): void {
  console.log(`  ${s.title}`);
  for (const [m, r, b, x] of s.rows) console.log(`    ${m}: ${r}  |  Vergleich: ${b}  |  ${x}`);
}
