// Reads the demo's clean CSV files (UTF-8, comma, RFC 4180 quotes; see demo-data/README.md).
// Planners' files go through the general importer (modules/imports) instead.

/** Splits a clean CSV text into a header and records with their 1-based line numbers. */
export function readCsvRecords(text: string): {
  header: string[];
  records: { line: number; fields: string[] }[];
} {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const parse = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (quoted) throw new Error(`CSV: Anführungszeichen nicht geschlossen: ${line.slice(0, 60)}`);
    out.push(cur);
    return out;
  };
  const header = parse(lines[0] ?? '');
  const records: { line: number; fields: string[] }[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    records.push({ line: i + 1, fields: parse(lines[i]!) });
  }
  return { header, records };
}
