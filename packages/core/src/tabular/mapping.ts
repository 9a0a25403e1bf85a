// Turning table records into observations (indicator × area × reference date → value).
// Two layouts: "wide" (one row per area, one column per indicator – how planners keep tables in
// Excel) and "long" (one row per area and indicator – how databases export). Area codes are text:
// Excel drops leading zeros when it opens a CSV, so a code that is shorter than the known codes and
// matches exactly one of them after zero-padding is accepted, with one summary warning.

import { parseGermanDate } from './dates.ts';
import { parseLocaleNumber, type NumberFormat, type ParsedNumber } from './numbers.ts';
import type { CsvRecord } from './csv-parser.ts';
import { normalizeAreaName, type AreaNameMatch, type NameMatchConfidence } from './area-names.ts';
import { AreaResolver } from './area-resolver.ts';
import { CellTally, type CellTallySummary } from './cell-tally.ts';
import { PlausibilityTally, type PlausibilitySummary } from './plausibility.ts';
import {
  NonAreaRowCollector,
  type NonAreaRowGroup,
  type NonAreaRowOptions,
} from './non-area-rows.ts';

export { normalizeAreaName };

export type AreaKey = 'code' | 'name';
/** `perColumn`: every wide indicator column carries its own `date` (tables with years in the headers). */
export type DateSpec = { column: string } | { fixed: string } | { perColumn: true };

export interface WideIndicatorColumn {
  column: string;
  indicatorId: string;
  /** Default 'value'; numerator/denominator columns attach counts to the same indicator. */
  role?: 'value' | 'numerator' | 'denominator';
  /** Stichtag of this column ("Einwohner_2017" → '2017'); overrides the mapping's date (detectDateColumns). */
  date?: string;
}

export interface WideMapping {
  layout: 'wide';
  areaColumn: string;
  areaKey: AreaKey;
  date: DateSpec;
  indicators: WideIndicatorColumn[];
}

export interface LongMapping {
  layout: 'long';
  areaColumn: string;
  areaKey: AreaKey;
  date: DateSpec;
  indicatorColumn: string;
  valueColumn: string;
  numeratorColumn?: string;
  denominatorColumn?: string;
  /** Source label → indicator id; labels not listed must be indicator ids themselves. */
  indicatorMap?: Record<string, string>;
  /** Labels the person chose to skip: their rows are counted and reported, not imported (issue 9 § 2). */
  skipLabels?: string[];
  /**
   * The same label with different meanings (e.g. 'Anteil in %' under the Thema 'Arbeitslose' and
   * under 'SGB II', or rows from several source files): `column` holds the context of each row;
   * `indicatorMap[context][label]` and `skipLabels[context]` decide per context and come before
   * the plain `indicatorMap`/`skipLabels` (issue 9 § 2).
   */
  labelContext?: LabelContext;
}

export interface LabelContext {
  column: string;
  indicatorMap?: Record<string, Record<string, string>>;
  skipLabels?: Record<string, string[]>;
}

/** How a label with its context is named in messages: 'Anteil' (Thema: Arbeitslose). */
export function labelWithContext(label: string, column: string | null, context: string): string {
  return column === null ? `'${label}'` : `'${label}' (${column}: ${context || 'leer'})`;
}

export type TableMapping = WideMapping | LongMapping;

export interface AreaRef {
  id: number;
  code: string;
  name: string;
}

/** Lookup tables for one area level, built once per import by `createAreaLookup`. */
export interface AreaLookup {
  byCode: ReadonlyMap<string, number>;
  byName: ReadonlyMap<string, readonly number[]>;
  /** Distinct lengths of the known codes, longest first (for zero-padding). */
  codeLengths: readonly number[];
  /** The areas themselves, for matching names written differently (area-names.ts). */
  areas?: readonly AreaRef[];
}

export interface MappingContext {
  areas: AreaLookup;
  indicatorIds: ReadonlySet<string>;
  numberFormat: NumberFormat;
  /** Line number of the header row in the source (for messages). Default 1. */
  headerLine?: number;
  /** How many errors to keep in detail; all are counted. Default 1000. */
  maxErrors?: number;
  /** Joining by name: accepted synonyms (name → area code) and the least confidence taken without review (default 'medium': every unique match). */
  nameMatching?: {
    synonyms?: Readonly<Record<string, string>>;
    minConfidence?: NameMatchConfidence;
  };
  /** Leave out rows recognised as sums, the whole city, subtotals or blank area cells (reported as groups). Default false: they are errors. */
  skipNonAreaRows?: boolean;
  /** City and parent-area names that mark non-area rows (non-area-rows.ts). */
  nonAreaRows?: NonAreaRowOptions;
  /** Indicators that count (kind 'count'): values with decimals get a plausibility warning. */
  countIndicatorIds?: ReadonlySet<string>;
  /**
   * Wide rows whose values are all 0: 'report' counts them with a plausibility warning, 'missing'
   * also imports them as missing (flag 'suppressed'). Default: not checked – uninhabited areas
   * (forests, airports) have real zeros, e.g. 15 rows of Berlin's population file.
   */
  zeroRows?: 'report' | 'missing';
}

export interface Observation {
  indicatorId: string;
  areaId: number;
  refDate: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  /** 'suppressed' when the cell held a missing-value marker such as "." or "x". */
  flag?: 'suppressed';
  flagReason?: string;
  /** Source line of the record (1-based). */
  line: number;
}

/** A problem tied to a place in the file: line and 1-based column with its header name (null = whole row/file). */
export interface TableError {
  line: number;
  column: number | null;
  columnName: string | null;
  message: string;
}

export interface MappingSummary {
  rowsRead: number;
  observationCount: number;
  errors: TableError[];
  errorCount: number;
  warnings: string[];
  /** Distinct area codes or names that matched no known area. */
  unmatchedAreas: string[];
  /** Names that match more than one area (join by name impossible for them). */
  ambiguousAreaNames: { name: string; areaIds: number[] }[];
  unknownIndicators: string[];
  /** Blank and placeholder cells in mapped number columns (counted, never skipped silently) and stripped footnote marks. */
  cells: CellTallySummary;
  /** Joining by name: names matched other than literally, ambiguous or unmatched (the review table). */
  nameMatches: AreaNameMatch[];
  /** Rows recognised as no area (sums, city, subtotals, blank), with counts; `skipped` says whether they were left out. */
  nonAreaRows: NonAreaRowGroup[];
  /** Decimals in counts, thousands separators in percent columns, all-zero rows (plausibility.ts). */
  plausibility: PlausibilitySummary;
}

/** Builds code and name lookups for the areas of one level. */
export function createAreaLookup(areas: Iterable<AreaRef>): AreaLookup {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const lengths = new Set<number>();
  const list: AreaRef[] = [];
  for (const a of areas) {
    list.push(a);
    byCode.set(a.code, a.id);
    lengths.add(a.code.length);
    const key = normalizeAreaName(a.name);
    const ids = byName.get(key);
    if (ids) ids.push(a.id);
    else byName.set(key, [a.id]);
  }
  return { byCode, byName, codeLengths: [...lengths].sort((x, y) => y - x), areas: list };
}

interface ColumnRef {
  index: number;
  name: string;
}

interface IndicatorColumns {
  indicatorId: string;
  /** Column's own Stichtag (ISO), or null for the mapping's date. */
  date: string | null;
  value: ColumnRef | null;
  numerator: ColumnRef | null;
  denominator: ColumnRef | null;
}

const MAX_LIST = 200;
const ZERO_ROW: ParsedNumber = {
  ok: true,
  kind: 'missing',
  value: null,
  percent: false,
  marker: '0',
};
// Sum rows of published tables; they match no area and are skipped with a warning.
const TOTAL_ROW =
  /^(insgesamt|gesamt|summe|zusammen|total|berlin( insgesamt)?|land berlin|alle( gebiete)?)$/i;

// Per cell, so module-level functions: closures made per row cost the 1,000,000-row import ~0.4 s
// (created, and named by the TypeScript loader, once per row).
function hasContent(p: ParsedNumber | null): boolean {
  return p !== null && (p.kind === 'number' || (p.kind === 'missing' && p.marker !== ''));
}

/** The cell if it holds a missing-value marker (".", "x", …), else undefined. */
function markerOf(p: ParsedNumber | null): ParsedNumber | undefined {
  return p !== null && p.ok && p.kind === 'missing' && p.marker !== '' ? p : undefined;
}

/** Streaming mapper: construct with the header, push parsed records, call `finish()` for the summary. */
export class ObservationMapper {
  /** True when the mapping cannot be applied at all (missing column, bad fixed date); rows are then skipped. */
  readonly fatal: boolean;
  private readonly header: string[];
  private readonly ctx: MappingContext;
  private readonly mapping: TableMapping;
  private readonly maxErrors: number;
  private readonly errors: TableError[] = [];
  /** Errors found so far (all counted, the first maxErrors kept in detail). */
  errorCount = 0;
  private readonly warnings: string[] = [];
  private rowsRead = 0;
  private observationCount = 0;
  private area!: ColumnRef;
  private dateColumn: ColumnRef | null = null;
  private fixedDate: string | null = null;
  private wide: IndicatorColumns[] = [];
  private longCols: {
    indicator: ColumnRef;
    value: ColumnRef;
    numerator: ColumnRef | null;
    denominator: ColumnRef | null;
    context: ColumnRef | null;
  } | null = null;
  private readonly dateCache = new Map<string, ReturnType<typeof parseGermanDate>>();
  private readonly indicatorCache = new Map<string, string | null>();
  // indicator → date → source line per area (dense area index; 0 = not seen): no allocation per cell
  private readonly seen = new Map<string, Map<string, Int32Array>>();
  private readonly areaIndex = new Map<number, number>();
  private readonly unknownIndicators = new Set<string>();
  /** Rows of skipped labels (long layout), per label. */
  private readonly skippedLabels = new Map<string, number>();
  private readonly skipped = {
    textRows: { count: 0, first: 0, example: '' },
    totalRows: { count: 0, first: 0, example: '' },
    nonAreaRows: { count: 0, first: 0, example: '' },
    nonAreaErrors: { count: 0, first: 0, example: '' },
  };
  private readonly areas: AreaResolver;
  private readonly cells = new CellTally();
  private readonly nonArea = new NonAreaRowCollector();
  private readonly plausible: PlausibilityTally;
  private lastDuplicateLine = -1;
  private maxNeededIndex = 0;

  constructor(header: readonly string[], mapping: TableMapping, ctx: MappingContext) {
    this.header = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
    this.mapping = mapping;
    this.ctx = ctx;
    this.maxErrors = ctx.maxErrors ?? 1000;
    this.areas = new AreaResolver(ctx.areas, mapping.areaKey, ctx);
    this.plausible = new PlausibilityTally(
      ctx.numberFormat,
      ctx.countIndicatorIds ?? new Set(),
      ctx.zeroRows,
    );
    for (const id of ctx.areas.byCode.values())
      if (!this.areaIndex.has(id)) this.areaIndex.set(id, this.areaIndex.size);
    for (const ids of ctx.areas.byName.values())
      for (const id of ids)
        if (!this.areaIndex.has(id)) this.areaIndex.set(id, this.areaIndex.size);
    this.fatal = !this.resolveColumns();
  }

  private get headerLine(): number {
    return this.ctx.headerLine ?? 1;
  }

  private addError(line: number, col: ColumnRef | null, message: string): void {
    this.errorCount++;
    if (this.errors.length >= this.maxErrors) return;
    const where = col ? `Zeile ${line}, Spalte ${col.index + 1} (${col.name})` : `Zeile ${line}`;
    this.errors.push({
      line,
      column: col ? col.index + 1 : null,
      columnName: col ? col.name : null,
      message: `${where}: ${message}`,
    });
  }

  private findColumn(name: string, role: string): ColumnRef | null {
    let index = this.header.indexOf(name);
    if (index === -1) {
      const want = name.trim().toLowerCase();
      index = this.header.findIndex((h) => h.trim().toLowerCase() === want);
    }
    if (index === -1) {
      const shown = this.header.map((h) => `'${h}'`).join(', ');
      this.addError(
        this.headerLine,
        null,
        `Spalte '${name}' (${role}) fehlt in der Kopfzeile; vorhanden: ${shown}`,
      );
      return null;
    }
    if (this.header.indexOf(this.header[index]!, index + 1) !== -1) {
      this.warnings.push(
        `Spaltenname '${this.header[index]}' kommt mehrfach vor; die erste Spalte (${index + 1}) wird verwendet.`,
      );
    }
    this.maxNeededIndex = Math.max(this.maxNeededIndex, index);
    return { index, name: this.header[index]! };
  }

  private resolveColumns(): boolean {
    const m = this.mapping;
    let ok = true;
    const area = this.findColumn(
      m.areaColumn,
      m.areaKey === 'code' ? 'Gebietsschlüssel' : 'Gebietsname',
    );
    if (area) this.area = area;
    else ok = false;
    if ('fixed' in m.date) {
      const d = parseGermanDate(m.date.fixed);
      if (d.ok) this.fixedDate = d.date;
      else {
        this.addError(this.headerLine, null, `Stichtag ungültig: ${d.reason}`);
        ok = false;
      }
    } else if ('column' in m.date) {
      this.dateColumn = this.findColumn(m.date.column, 'Stichtag');
      if (!this.dateColumn) ok = false;
    } else if (m.layout === 'long') {
      this.addError(this.headerLine, null, 'Stichtag je Spalte gibt es nur im breiten Format');
      ok = false;
    }
    if (m.layout === 'wide') {
      const byId = new Map<string, IndicatorColumns>();
      for (const ic of m.indicators) {
        const col = this.findColumn(ic.column, `Indikator ${ic.indicatorId}`);
        if (!col) {
          ok = false;
          continue;
        }
        if (!this.ctx.indicatorIds.has(ic.indicatorId)) {
          this.unknownIndicators.add(ic.indicatorId);
          this.addError(this.headerLine, col, `Indikator '${ic.indicatorId}' ist unbekannt`);
          ok = false;
          continue;
        }
        const date = this.columnDate(ic, col);
        if (date === false) {
          ok = false;
          continue;
        }
        // one group per indicator and Stichtag: "Einwohner_2017" and "Einwohner_2018" are two values
        const gKey = `${ic.indicatorId}\u0000${date ?? ''}`;
        let g = byId.get(gKey);
        if (!g) {
          g = {
            indicatorId: ic.indicatorId,
            date,
            value: null,
            numerator: null,
            denominator: null,
          };
          byId.set(gKey, g);
        }
        const role = ic.role ?? 'value';
        if (g[role]) {
          this.addError(
            this.headerLine,
            col,
            `Indikator '${ic.indicatorId}' hat zwei Spalten für ${role === 'value' ? 'den Wert' : role === 'numerator' ? 'den Zähler' : 'den Nenner'}${date ? ` zum Stichtag ${date}` : ''}`,
          );
          ok = false;
        }
        g[role] = col;
      }
      for (const g of byId.values()) {
        // numerator + denominator without a value column is fine: the share is computed from them
        if (!g.value && !(g.numerator && g.denominator)) {
          this.addError(
            this.headerLine,
            null,
            `Indikator '${g.indicatorId}' hat weder eine Wert-Spalte noch Zähler und Nenner`,
          );
          ok = false;
        }
      }
      if (m.indicators.length === 0) {
        this.addError(this.headerLine, null, 'Keine Indikator-Spalte zugeordnet');
        ok = false;
      }
      this.wide = [...byId.values()];
    } else {
      const indicator = this.findColumn(m.indicatorColumn, 'Indikator');
      const value = this.findColumn(m.valueColumn, 'Wert');
      const numerator = m.numeratorColumn ? this.findColumn(m.numeratorColumn, 'Zähler') : null;
      const denominator = m.denominatorColumn
        ? this.findColumn(m.denominatorColumn, 'Nenner')
        : null;
      const context = m.labelContext ? this.findColumn(m.labelContext.column, 'Kontext') : null;
      if (
        !indicator ||
        !value ||
        (m.numeratorColumn && !numerator) ||
        (m.denominatorColumn && !denominator) ||
        (m.labelContext && !context)
      )
        ok = false;
      else this.longCols = { indicator, value, numerator, denominator, context };
    }
    return ok;
  }

  /** The column's own Stichtag (ISO), null for the mapping's date, false after reporting an error. */
  private columnDate(ic: WideIndicatorColumn, col: ColumnRef): string | null | false {
    if (ic.date === undefined) {
      if (!('perColumn' in this.mapping.date)) return null;
      this.addError(
        this.headerLine,
        col,
        'Spalte hat keinen Stichtag (Stichtag je Spalte gewählt)',
      );
      return false;
    }
    const d = parseGermanDate(ic.date);
    if (d.ok) return d.date;
    this.addError(this.headerLine, col, `Stichtag der Spalte ungültig: ${d.reason}`);
    return false;
  }

  /** Whether the label (in its context, if the mapping has one) is skipped; counts its rows. */
  private isSkippedLabel(label: string, context: string | null): boolean {
    if (this.mapping.layout !== 'long') return false;
    const lc = this.mapping.labelContext;
    const skip =
      (context !== null && lc?.skipLabels?.[context]?.includes(label)) ||
      this.mapping.skipLabels?.includes(label);
    if (!skip) return false;
    const name = context === null ? `'${label}'` : labelWithContext(label, lc!.column, context);
    this.skippedLabels.set(name, (this.skippedLabels.get(name) ?? 0) + 1);
    return true;
  }

  private resolveIndicator(raw: string, context: string | null): string | null {
    const key = context === null ? raw : `${context}\u0000${raw}`;
    const cached = this.indicatorCache.get(key);
    if (cached !== undefined) return cached;
    const label = raw.trim();
    const m = this.mapping.layout === 'long' ? this.mapping : null;
    const id =
      (context !== null ? m?.labelContext?.indicatorMap?.[context]?.[label] : undefined) ??
      m?.indicatorMap?.[label] ??
      label;
    const res = this.ctx.indicatorIds.has(id) ? id : null;
    this.indicatorCache.set(key, res);
    return res;
  }

  /** Parses a number cell; `indicatorId` is given for value columns (plausibility checks). */
  private parseNumberCell(
    rec: CsvRecord,
    col: ColumnRef | null,
    indicatorId?: string,
  ): ParsedNumber | null {
    if (!col) return null;
    const text = rec.fields[col.index] ?? '';
    const p = parseLocaleNumber(text, this.ctx.numberFormat);
    if (!p.ok) this.addError(rec.line, col, p.reason);
    else {
      this.cells.add(p, rec.line, col.name, text);
      if (indicatorId !== undefined) this.plausible.cell(indicatorId, p, text, rec.line, col.name);
    }
    return p;
  }

  private record(
    out: Observation[],
    rec: CsvRecord,
    indicatorId: string,
    areaId: number,
    refDate: string,
    value: ParsedNumber | null,
    numerator: ParsedNumber | null,
    denominator: ParsedNumber | null,
  ): void {
    if (!hasContent(value) && !hasContent(numerator) && !hasContent(denominator)) return; // empty cells: no observation
    if ((value && !value.ok) || (numerator && !numerator.ok) || (denominator && !denominator.ok))
      return; // already reported
    let byDate = this.seen.get(indicatorId);
    if (!byDate) {
      byDate = new Map();
      this.seen.set(indicatorId, byDate);
    }
    let lines = byDate.get(refDate);
    if (!lines) {
      lines = new Int32Array(this.areaIndex.size);
      byDate.set(refDate, lines);
    }
    const slot = this.areaIndex.get(areaId)!;
    const prev = lines[slot]!;
    if (prev !== 0) {
      // One message per row, even when a wide row repeats several indicators.
      if (this.lastDuplicateLine !== rec.line) {
        this.lastDuplicateLine = rec.line;
        const areaText = (rec.fields[this.area.index] ?? '').trim();
        const more =
          this.mapping.layout === 'wide' && this.wide.length > 1
            ? ' (und ggf. weitere Indikatoren dieser Zeile)'
            : '';
        this.addError(
          rec.line,
          this.area,
          `doppelter Eintrag für Gebiet '${areaText}', Indikator '${indicatorId}'${more}, Stichtag ${refDate} – steht schon in Zeile ${prev}`,
        );
      }
      return;
    }
    lines[slot] = rec.line;
    const obs: Observation = {
      indicatorId,
      areaId,
      refDate,
      value: value?.ok ? value.value : null,
      line: rec.line,
    };
    if (numerator) obs.numerator = numerator.ok ? numerator.value : null;
    if (denominator) obs.denominator = denominator.ok ? denominator.value : null;
    // a missing-value marker (".", "x", …) in the value — or, without a value column, in a count
    const marked = markerOf(value) ?? markerOf(numerator) ?? markerOf(denominator);
    if (marked && marked.ok && marked.kind === 'missing' && (value === null || marked === value)) {
      obs.flag = 'suppressed';
      obs.flagReason =
        marked === ZERO_ROW
          ? 'alle Werte der Zeile 0 (als fehlend übernommen)'
          : `Kennzeichen '${marked.marker}' in der Quelle`;
    }
    out.push(obs);
    this.observationCount++;
  }

  /** Maps a batch of records (data rows, not the header) to observations; errors are collected. */
  push(records: readonly CsvRecord[]): Observation[] {
    const out: Observation[] = [];
    if (this.fatal) {
      this.rowsRead += records.length;
      return out;
    }
    const width = this.header.length;
    for (const rec of records) {
      this.rowsRead++;
      const f = rec.fields;
      // Title and footnote rows of statistical tables ("Quelle: …", "1) ohne …") have one filled cell.
      let filled = 0;
      for (let i = 0; i < f.length && filled < 2; i++)
        if (f[i] !== '' && f[i]!.trim() !== '') filled++;
      if (filled < 2) {
        this.note('textRows', rec.line, f.find((x) => x.trim() !== '') ?? '');
        continue;
      }
      if (f.length > width && f.slice(width).some((x) => x.trim() !== '')) {
        this.addError(
          rec.line,
          null,
          `${f.length} Felder statt ${width} wie in der Kopfzeile – enthält ein Wert das Trennzeichen ohne Anführungszeichen?`,
        );
        continue;
      }
      if (f.length <= this.maxNeededIndex) {
        this.addError(rec.line, null, `nur ${f.length} Felder statt ${width} wie in der Kopfzeile`);
        continue;
      }
      const areaCell = f[this.area.index]!;
      const areaRes = this.areas.resolve(areaCell);
      if (!areaRes.ok) {
        if (!this.skipNonAreaRow(rec.line, areaCell)) {
          this.areas.noteFailure(areaCell.trim(), areaRes);
          this.addError(rec.line, this.area, areaRes.message);
        }
        continue;
      }
      this.areas.noteRow(areaRes, areaCell);
      let refDate = this.fixedDate;
      if (this.dateColumn) {
        const raw = f[this.dateColumn.index]!;
        let d = this.dateCache.get(raw);
        if (!d) {
          d = parseGermanDate(raw);
          this.dateCache.set(raw, d);
        }
        if (!d.ok) {
          this.addError(rec.line, this.dateColumn, d.reason);
          continue;
        }
        refDate = d.date;
      }
      if (this.longCols) {
        const c = this.longCols;
        const rawInd = f[c.indicator.index]!;
        const context = c.context ? (f[c.context.index] ?? '').trim() : null;
        if (this.isSkippedLabel(rawInd.trim(), context)) continue;
        const indicatorId = this.resolveIndicator(rawInd, context);
        if (!indicatorId) {
          const label = rawInd.trim();
          if (this.unknownIndicators.size < MAX_LIST) this.unknownIndicators.add(label);
          this.addError(
            rec.line,
            c.indicator,
            label === ''
              ? 'Indikator fehlt'
              : `Indikator ${labelWithContext(label, c.context?.name ?? null, context ?? '')} ist unbekannt`,
          );
          continue;
        }
        const value = this.parseNumberCell(rec, c.value, indicatorId)!;
        this.record(
          out,
          rec,
          indicatorId,
          areaRes.areaId,
          refDate!,
          value,
          this.parseNumberCell(rec, c.numerator),
          this.parseNumberCell(rec, c.denominator),
        );
      } else {
        const values = this.wide.map((g) => this.parseNumberCell(rec, g.value, g.indicatorId));
        // all values 0: a placeholder row of published tables, kept as missing only when asked
        const zero = this.plausible.zeroRow(rec.line, values) ? ZERO_ROW : null;
        this.wide.forEach((g, i) => {
          this.record(
            out,
            rec,
            g.indicatorId,
            areaRes.areaId,
            g.date ?? refDate!,
            zero && values[i] ? zero : values[i]!,
            this.parseNumberCell(rec, g.numerator),
            this.parseNumberCell(rec, g.denominator),
          );
        });
      }
    }
    return out;
  }

  private note(kind: keyof ObservationMapper['skipped'], line: number, example: string): void {
    const k = this.skipped[kind];
    if (k.count++ === 0) {
      k.first = line;
      k.example = example.length > 60 ? `${example.slice(0, 57)}…` : example;
    }
  }

  /**
   * Sum rows of the old list (TOTAL_ROW) are always skipped, as before; other rows recognised as no
   * area (non-area-rows.ts) only when the caller asked for it. Either way they are counted in groups.
   */
  private skipNonAreaRow(line: number, cell: string): boolean {
    const cls = this.areas.classifyNonArea(cell);
    if (TOTAL_ROW.test(cell.trim())) {
      this.note('totalRows', line, cell.trim());
      this.nonArea.add(cls?.kind ?? 'total', line, cell, true);
      return true;
    }
    if (!cls) return false;
    const skip = this.ctx.skipNonAreaRows === true;
    this.nonArea.add(cls.kind, line, cell, skip);
    this.note(skip ? 'nonAreaRows' : 'nonAreaErrors', line, cls.reason);
    return skip;
  }

  /** Ends the mapping and returns counts, errors (first `maxErrors`), warnings and unmatched lists. */
  finish(): MappingSummary {
    const warnings = [...this.warnings, ...this.areas.warnings()];
    const { textRows, totalRows } = this.skipped;
    if (totalRows.count > 0)
      warnings.push(
        `${totalRows.count} Summenzeile(n) übersprungen (z. B. Zeile ${totalRows.first}: '${totalRows.example}').`,
      );
    if (textRows.count > 0)
      warnings.push(
        `${textRows.count} Zeile(n) mit nur einem gefüllten Feld übersprungen (Titel/Fußnoten; z. B. Zeile ${textRows.first}: '${textRows.example}').`,
      );
    const { nonAreaRows, nonAreaErrors } = this.skipped;
    if (nonAreaRows.count > 0)
      warnings.push(
        `${nonAreaRows.count} Zeile(n) übersprungen, die keine Gebiete sind (z. B. Zeile ${nonAreaRows.first}: ${nonAreaRows.example}).`,
      );
    if (nonAreaErrors.count > 0)
      warnings.push(
        `${nonAreaErrors.count} Zeile(n) sind vermutlich keine Gebiete (z. B. Zeile ${nonAreaErrors.first}: ${nonAreaErrors.example}); sie lassen sich als Gruppe überspringen.`,
      );
    if (this.skippedLabels.size > 0)
      warnings.push(
        `Übersprungene Merkmale (nicht importiert): ${[...this.skippedLabels].map(([l, n]) => `${l} ${n} ${n === 1 ? 'Zeile' : 'Zeilen'}`).join(', ')}.`,
      );
    warnings.push(...this.cells.warnings(), ...this.plausible.warnings());
    if (this.errorCount > this.errors.length)
      warnings.push(
        `Nur die ersten ${this.errors.length} von ${this.errorCount} Fehlern werden einzeln aufgeführt.`,
      );
    return {
      rowsRead: this.rowsRead,
      observationCount: this.observationCount,
      errors: [...this.errors],
      errorCount: this.errorCount,
      warnings,
      unmatchedAreas: [...this.areas.unmatched],
      ambiguousAreaNames: [...this.areas.ambiguous].map(([name, areaIds]) => ({ name, areaIds })),
      unknownIndicators: [...this.unknownIndicators],
      cells: this.cells.summary(),
      nameMatches: [...this.areas.nameMatches.values()],
      nonAreaRows: this.nonArea.result(),
      plausibility: this.plausible.summary(),
    };
  }
}

/** Maps all records of a table at once; see `ObservationMapper` for the streaming form. */
export function mapTableToObservations(
  header: readonly string[],
  records: Iterable<CsvRecord>,
  mapping: TableMapping,
  ctx: MappingContext,
): MappingSummary & { observations: Observation[] } {
  const mapper = new ObservationMapper(header, mapping, ctx);
  const observations: Observation[] = [];
  const batch: CsvRecord[] = [];
  for (const r of records) {
    batch.push(r);
    if (batch.length >= 10_000) {
      for (const o of mapper.push(batch)) observations.push(o);
      batch.length = 0;
    }
  }
  for (const o of mapper.push(batch)) observations.push(o);
  return { ...mapper.finish(), observations };
}
