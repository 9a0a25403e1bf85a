// Writing tables as CSV, the one writer of the repository (audit log, survey answers, transparency,
// network edge lists). RFC 4180 quoting; a text starting with = + - @ tab or CR gets a leading
// apostrophe so a spreadsheet never runs it as a formula (CSV injection, OWASP). The German
// default is what Excel opens without a wizard: semicolon, decimal comma, UTF-8 with BOM, CRLF.

/** One cell: text, a number (written with the chosen decimal mark) or empty. */
export type CsvCell = string | number | null | undefined;

export interface CsvWriteOptions {
  /** Field separator; default `;`. */
  readonly delimiter?: ';' | ',' | '\t';
  /** Numbers with a decimal comma (1234,5); default true. */
  readonly decimalComma?: boolean;
  /** Start with a UTF-8 byte order mark so Excel reads umlauts; default true. */
  readonly bom?: boolean;
}

/** One field, quoted when it holds the separator, a quote or a line break. */
export function csvField(value: CsvCell, options: CsvWriteOptions = {}): string {
  if (value === null || value === undefined) return '';
  const delimiter = options.delimiter ?? ';';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const s = String(value);
    return options.decimalComma === false ? s : s.replace('.', ',');
  }
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const needsQuotes = s.includes(delimiter) || /["\r\n]/.test(s);
  return needsQuotes ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The rows (header first) as CSV text with CRLF line ends. */
export function toCsv(
  rows: readonly (readonly CsvCell[])[],
  options: CsvWriteOptions = {},
): string {
  const delimiter = options.delimiter ?? ';';
  const body = rows.map((r) => r.map((v) => csvField(v, options)).join(delimiter)).join('\r\n');
  return (options.bom === false ? '' : '\uFEFF') + body + '\r\n';
}
