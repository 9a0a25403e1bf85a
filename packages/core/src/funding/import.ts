// Reading funding tables as finance departments keep them (CSV or the first XLSX sheet, German
// numbers "1.234,56 €"). Two shapes: long (one row per source: Programm; Gebiet; Jahr; Art; Quelle;
// Betrag) or wide (one column per source: …; Art; Bund; Land; Kommune; Gesamt). Every problem names
// file, line and column; the server imports only when there is none (all-or-nothing, ADR 0006).
import { parseLocaleNumber } from '../tabular/index.ts';
import type { CsvRecord } from '../tabular/index.ts';
import type { FundingKind, FundingSource } from './money.ts';

/** One parsed money row, with the programme and area still as written in the file. */
export interface FundingRow {
  line: number;
  programme: string;
  area: string;
  /** The measure as written (id or exact title), or null when the file has no measure column. */
  measure: string | null;
  year: number;
  kind: FundingKind;
  source: FundingSource;
  amount: number;
}

/** A problem in the file: 1-based line and column (0 = the whole line/file). */
export interface FundingFileIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

const HEADERS: Record<
  'programme' | 'area' | 'measure' | 'year' | 'kind' | 'source' | 'amount',
  string[]
> = {
  programme: ['programm', 'förderprogramm', 'programmname', 'programme'],
  area: [
    'gebiet',
    'fördergebiet',
    'gebietsschlüssel',
    'gebietscode',
    'planungsraum',
    'area',
    'raum',
  ],
  measure: ['maßnahme', 'massnahme', 'maßnahme-id', 'maßnahmen-id', 'measure'],
  year: ['jahr', 'haushaltsjahr', 'year'],
  kind: ['art', 'mittelart', 'status', 'kind'],
  source: ['quelle', 'ebene', 'mittelgeber', 'finanzierungsquelle', 'source'],
  amount: ['betrag', 'betrag eur', 'betrag in eur', 'betrag (eur)', 'betrag €', 'euro', 'amount'],
};

const KIND_WORDS: Record<string, FundingKind> = {
  geplant: 'planned',
  plan: 'planned',
  planung: 'planned',
  ansatz: 'planned',
  planned: 'planned',
  bewilligt: 'approved',
  bewilligung: 'approved',
  zuwendung: 'approved',
  approved: 'approved',
  verausgabt: 'spent',
  ausgegeben: 'spent',
  ausgezahlt: 'spent',
  abgerechnet: 'spent',
  ist: 'spent',
  spent: 'spent',
};

const SOURCE_WORDS: Record<string, FundingSource> = {
  eu: 'eu',
  esf: 'eu',
  'esf plus': 'eu',
  'esf+': 'eu',
  efre: 'eu',
  bund: 'bund',
  land: 'land',
  kommune: 'kommune',
  stadt: 'kommune',
  gemeinde: 'kommune',
  bezirk: 'kommune',
  eigenanteil: 'kommune',
  eigenmittel: 'kommune',
  stiftung: 'stiftung',
  träger: 'traeger',
  traeger: 'traeger',
  dritte: 'traeger',
  'träger/dritte': 'traeger',
  gesamt: 'total',
  insgesamt: 'total',
  summe: 'total',
  gesamtkosten: 'total',
  total: 'total',
};

const GERMAN_MONEY = { decimal: ',', thousands: '.' } as const;

/** Reads an amount like "1.234,56 €", "1234,5", "12.000 EUR"; an error text when it is none. */
export function parseEuroAmount(text: string): { value: number } | { error: string } {
  const t = text.replace(/€|eur\b/gi, '').trim();
  const parsed = parseLocaleNumber(t, GERMAN_MONEY);
  if (parsed.kind !== 'number' || parsed.percent) {
    return { error: `„${text}“ ist kein Betrag (erwartet z. B. 1.234,56)` };
  }
  if (parsed.value < 0) return { error: `negativer Betrag „${text}“` };
  return { value: parsed.value };
}

interface Layout {
  columns: Partial<Record<keyof typeof HEADERS, number>>;
  sourceColumns: { column: number; source: FundingSource }[];
}

function readLayout(header: readonly string[]): Layout {
  const columns: Layout['columns'] = {};
  const sourceColumns: Layout['sourceColumns'] = [];
  header.forEach((h, i) => {
    const n = norm(h);
    for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
      if (names.includes(n) && columns[key] === undefined) {
        columns[key] = i;
        return;
      }
    }
    const src = SOURCE_WORDS[n.replace(/\s*\((eur|€)\)$|\s+(eur|€)$/, '')];
    if (src) sourceColumns.push({ column: i, source: src });
  });
  return { columns, sourceColumns };
}

/** Parses the records (first = header) of one funding file; rows only when there are no issues. */
export function parseFundingRecords(
  records: readonly CsvRecord[],
  file: string,
): {
  rows: FundingRow[];
  issues: FundingFileIssue[];
  columns: { programme: number; area: number; measure: number };
} {
  const issues: FundingFileIssue[] = [];
  const header = records[0];
  if (!header)
    return {
      rows: [],
      issues: [{ file, line: 0, column: 0, message: 'Die Datei ist leer.' }],
      columns: { programme: 0, area: 0, measure: 0 },
    };
  const { columns, sourceColumns } = readLayout(header.fields);
  const missing = (['programme', 'area', 'year', 'kind'] as const).filter(
    (k) => columns[k] === undefined,
  );
  const long = columns.source !== undefined && columns.amount !== undefined;
  if (missing.length > 0 || (!long && sourceColumns.length === 0)) {
    const names = missing.map((k) => HEADERS[k][0]);
    if (!long && sourceColumns.length === 0)
      names.push('Quelle + Betrag oder Spalten Bund/Land/Kommune/Gesamt');
    issues.push({
      file,
      line: header.line,
      column: 0,
      message: `Es fehlen Spalten: ${names.join(', ')}.`,
    });
    return { rows: [], issues, columns: { programme: 0, area: 0, measure: 0 } };
  }
  const rows: FundingRow[] = [];
  const seen = new Map<string, number>();
  for (const r of records.slice(1)) {
    const cell = (i: number | undefined): string =>
      i === undefined ? '' : (r.fields[i] ?? '').trim();
    const issue = (col: number | undefined, message: string): void => {
      issues.push({ file, line: r.line, column: (col ?? -1) + 1, message });
    };
    const programme = cell(columns.programme);
    const area = cell(columns.area);
    const measure = columns.measure === undefined ? null : cell(columns.measure) || null;
    if (!programme) issue(columns.programme, 'Programm fehlt');
    if (!area) issue(columns.area, 'Gebiet fehlt');
    const yearText = cell(columns.year);
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1990 && year <= 2100))
      issue(columns.year, `„${yearText}“ ist kein Jahr (z. B. 2024)`);
    const kindText = cell(columns.kind);
    const kind = KIND_WORDS[norm(kindText)];
    if (!kind)
      issue(columns.kind, `Art „${kindText}“ unbekannt (geplant, bewilligt oder verausgabt)`);
    const cells = long
      ? [
          {
            column: columns.amount as number,
            source: SOURCE_WORDS[norm(cell(columns.source))],
            sourceText: cell(columns.source),
          },
        ]
      : sourceColumns.map((s) => ({ ...s, sourceText: s.source as string }));
    for (const c of cells) {
      const text = cell(c.column);
      if (!c.source) {
        issue(
          columns.source,
          `Quelle „${c.sourceText}“ unbekannt (EU, Bund, Land, Kommune, Stiftung, Träger, Gesamt)`,
        );
        continue;
      }
      if (text === '' && !long) continue;
      const amount = parseEuroAmount(text);
      if ('error' in amount) {
        issue(c.column, amount.error);
        continue;
      }
      if (!programme || !area || !kind || Number.isNaN(year)) continue;
      const key = [programme, area, measure ?? '', year, kind, c.source].join('\u0000');
      const first = seen.get(key);
      if (first !== undefined) {
        issue(c.column, `doppelt: dieselbe Kombination steht schon in Zeile ${first}`);
        continue;
      }
      seen.set(key, r.line);
      rows.push({
        line: r.line,
        programme,
        area,
        measure,
        year,
        kind,
        source: c.source,
        amount: amount.value,
      });
    }
  }
  if (rows.length === 0 && issues.length === 0) {
    issues.push({ file, line: 0, column: 0, message: 'Die Datei enthält keine Beträge.' });
  }
  const at = {
    programme: (columns.programme ?? -1) + 1,
    area: (columns.area ?? -1) + 1,
    measure: (columns.measure ?? -1) + 1,
  };
  return { rows: issues.length > 0 ? [] : rows, issues, columns: at };
}
