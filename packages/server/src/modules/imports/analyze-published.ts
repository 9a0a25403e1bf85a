// What the analysis adds for tables as cities publish them (issue 9 § 2): whether the first row is a
// header, years/dates in the column headers, the name review of the preview (stored synonyms
// applied), non-area rows of the preview, and for long tables every distinct label of the whole file
// with its count (a streamed pass, not only the preview) and a suggested indicator.
import { selectLevelAreaRefs } from '../areas/index.ts';
import {
  createAreaNameMatcher,
  detectDateColumns,
  detectNonAreaRows,
  normalizeAreaName,
  syntheticHeader,
  type AreaNameMatch,
  type AreaRef,
  type CsvRecord,
  type NonAreaRowGroup,
  type TableMapping,
  type WideByDatePlan,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { decideHeader, loadSynonyms, nonAreaContext, type HeaderDecision } from './published.ts';
import { readCsvRecords, readXlsxRecords, type TableDetection } from './table-source.ts';
import type { FileIssue } from './report.ts';
import type { UploadedFile } from './uploads.ts';

export interface LabelCount {
  label: string;
  count: number;
  suggestedIndicatorId: string | null;
  suggestedName: string | null;
  /** 1-based line of the label's first row (in its context). */
  firstLine: number;
  /**
   * Set when the same label occurs with different context (another Thema, another source file):
   * one entry per context, mapped separately via mapping.labelContext.
   */
  context?: { column: string; value: string };
}

export interface PublishedAnalysis {
  headerPresence: HeaderDecision;
  dateColumns: WideByDatePlan | null;
  nameMatches: AreaNameMatch[];
  nonAreaRows: NonAreaRowGroup[];
  labels?: LabelCount[];
  /** The column that tells same-named labels apart (long tables), or null. */
  labelContextColumn?: string | null;
}

/** Header and rows of the preview under the header decision ("Spalte 1" … without a header). */
export function previewRows(det: TableDetection, useHeader: boolean) {
  if (useHeader) return { header: det.header, rows: det.sampleRows };
  const rows = [det.header, ...det.sampleRows];
  return { header: syntheticHeader(Math.max(...rows.map((r) => r.length))), rows };
}

const key = (s: string) =>
  normalizeAreaName(s)
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');

/** The known indicator whose id or name is most like the label (equal, else contained), or null. */
export function suggestIndicator(
  label: string,
  known: readonly { id: string; name: string }[],
): { id: string; name: string } | null {
  const k = key(label);
  if (k === '') return null;
  const equal = known.find((i) => key(i.id) === k || key(i.name) === k);
  if (equal) return equal;
  const contained = known
    .filter((i) => key(i.name).length >= 4 && (k.includes(key(i.name)) || key(i.name).includes(k)))
    .sort((a, b) => b.name.length - a.name.length);
  return contained[0] ?? null;
}

/** Per label: rows and first line in each value of each candidate context column. */
export interface LabelTally {
  label: string;
  count: number;
  firstLine: number;
  /** candidate column index → context value → { count, firstLine } */
  byContext: Map<number, Map<string, { count: number; firstLine: number }>>;
}

/** At most this many distinct values make a column a context (a Thema, a source file), not data. */
const MAX_CONTEXTS = 50;

/** Counts every distinct label of a column over the whole file (streamed), with candidate contexts. */
export async function countLabels(
  file: UploadedFile,
  det: TableDetection,
  column: number,
  useHeader: boolean,
  contextColumns: readonly number[] = [],
  areaColumn = -1,
): Promise<Map<string, LabelTally>> {
  const tallies = new Map<string, LabelTally>();
  const distinct = new Map<number, Set<string>>(contextColumns.map((c) => [c, new Set()]));
  // a column with one value per area (the area's name, its district) says nothing about a label
  const perArea = new Map<number, Map<string, string>>(contextColumns.map((c) => [c, new Map()]));
  const variesWithinArea = new Set<number>();
  const issues: FileIssue[] = [];
  const source =
    det.format === 'csv'
      ? readCsvRecords(file, { encoding: 'auto', delimiter: det.dialect!.delimiter }, issues)
      : readXlsxRecords(file.path, 5000);
  let first = true;
  for await (const batch of source) {
    let records: CsvRecord[] = batch;
    if (first && useHeader) records = batch.slice(1);
    first = false;
    for (const r of records) {
      const v = (r.fields[column] ?? '').trim();
      if (v === '') continue;
      let t = tallies.get(v);
      if (!t) {
        t = { label: v, count: 0, firstLine: r.line, byContext: new Map() };
        tallies.set(v, t);
      }
      t.count++;
      for (const [c, seen] of distinct) {
        if (seen.size > MAX_CONTEXTS) continue; // too many values: no context column
        const ctx = (r.fields[c] ?? '').trim();
        seen.add(ctx);
        if (areaColumn >= 0 && !variesWithinArea.has(c)) {
          const area = (r.fields[areaColumn] ?? '').trim();
          const before = perArea.get(c)!.get(area);
          if (before === undefined) perArea.get(c)!.set(area, ctx);
          else if (before !== ctx) variesWithinArea.add(c);
        }
        let byValue = t.byContext.get(c);
        if (!byValue) t.byContext.set(c, (byValue = new Map()));
        const e = byValue.get(ctx);
        if (e) e.count++;
        else byValue.set(ctx, { count: 1, firstLine: r.line });
      }
    }
  }
  for (const [c, seen] of distinct)
    if (seen.size > MAX_CONTEXTS || (areaColumn >= 0 && !variesWithinArea.has(c)))
      for (const t of tallies.values()) t.byContext.delete(c);
  return tallies;
}

/**
 * The column that tells same-named labels apart: of the candidates, the one under which most
 * labels occur with more than one value (ties: fewer distinct values); null when no label repeats.
 */
export function pickContextColumn(tallies: Iterable<LabelTally>): number | null {
  const score = new Map<number, { split: number; values: Set<string> }>();
  for (const t of tallies)
    for (const [c, byValue] of t.byContext) {
      const s = score.get(c) ?? { split: 0, values: new Set<string>() };
      if (byValue.size > 1) s.split++;
      for (const v of byValue.keys()) s.values.add(v);
      score.set(c, s);
    }
  let best: { c: number; split: number; values: number } | null = null;
  for (const [c, s] of score) {
    if (s.split === 0) continue;
    if (!best || s.split > best.split || (s.split === best.split && s.values.size < best.values))
      best = { c, split: s.split, values: s.values.size };
  }
  return best?.c ?? null;
}

/**
 * Text columns that may carry a label's context: not the area, label, value, numerator,
 * denominator or date column, and not numbers in the preview.
 */
export function contextCandidates(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  used: readonly string[],
): number[] {
  const out: number[] = [];
  header.forEach((h, i) => {
    if (used.includes(h)) return;
    const cells = rows.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
    if (cells.length === 0) return;
    if (cells.every((v) => /^[\d.,\s%*°+\-–]+$/.test(v))) return; // numbers (or dates): no context
    out.push(i);
  });
  return out.slice(0, 8);
}

/** The label list of the analysis: one entry per label, or per label and context where it repeats. */
export function labelList(
  tallies: Map<string, LabelTally>,
  contextColumn: { index: number; name: string } | null,
  known: readonly { id: string; name: string }[],
): LabelCount[] {
  const out: LabelCount[] = [];
  const entry = (label: string, count: number, firstLine: number): LabelCount => {
    const s = suggestIndicator(label, known);
    return {
      label,
      count,
      suggestedIndicatorId: s?.id ?? null,
      suggestedName: s?.name ?? null,
      firstLine,
    };
  };
  for (const t of tallies.values()) {
    const byValue = contextColumn ? t.byContext.get(contextColumn.index) : undefined;
    if (!contextColumn || !byValue || byValue.size < 2) {
      out.push(entry(t.label, t.count, t.firstLine));
      continue;
    }
    for (const [value, e] of byValue)
      out.push({
        ...entry(t.label, e.count, e.firstLine),
        context: { column: contextColumn.name, value },
      });
  }
  return out;
}

export async function analysePublished(
  db: Sql,
  tenantId: string,
  o: {
    file: UploadedFile;
    det: TableDetection;
    level: { system_id: string; level_id: string } | null;
    mapping: TableMapping;
    known: readonly { id: string; name: string }[];
    hasHeader: boolean | 'auto' | undefined;
  },
): Promise<PublishedAnalysis> {
  const areas: AreaRef[] = o.level
    ? await selectLevelAreaRefs(db, tenantId, o.level.system_id, o.level.level_id)
    : [];
  const numberFormat = o.det.dialect
    ? { decimal: o.det.dialect.decimal, thousands: o.det.dialect.thousands }
    : undefined;
  const headerPresence = decideHeader(
    [o.det.header, ...o.det.sampleRows],
    o.hasHeader,
    areas,
    numberFormat,
  );
  const { header, rows } = previewRows(o.det, headerPresence.used);
  const areaIdx = header.indexOf(o.mapping.areaColumn);
  const dateColumns = headerPresence.used
    ? detectDateColumns(header, areaIdx >= 0 ? [areaIdx] : [])
    : null;
  const out: PublishedAnalysis = { headerPresence, dateColumns, nameMatches: [], nonAreaRows: [] };
  if (o.level && areaIdx >= 0) {
    const synonyms = await loadSynonyms(db, tenantId, o.level.system_id, o.level.level_id);
    const matcher = createAreaNameMatcher(areas, { synonyms });
    const codes = new Set(areas.map((a) => a.code));
    const values = rows.map((r) => (r[areaIdx] ?? '').trim());
    if (o.mapping.areaKey === 'name')
      out.nameMatches = [...new Set(values.filter((v) => v !== ''))]
        .map((v) => matcher.match(v))
        .filter((m) => !(m.status === 'matched' && m.reasons.every((r) => r === 'gleicher Name')));
    const ctx = await nonAreaContext(db, tenantId, o.level.system_id, o.level.level_id);
    const firstLine = o.det.headerLine + (headerPresence.used ? 1 : 0);
    out.nonAreaRows = detectNonAreaRows(
      values
        .map((value, i) => ({ line: firstLine + i, value }))
        .filter((r) => !codes.has(r.value) && !(matcher.match(r.value).status === 'matched')),
      { ...ctx, knownCodes: [...codes] },
    );
  }
  if (o.mapping.layout === 'long') {
    const m = o.mapping;
    const col = header.indexOf(m.indicatorColumn);
    if (col >= 0) {
      const used = [
        m.areaColumn,
        m.indicatorColumn,
        m.valueColumn,
        m.numeratorColumn ?? '',
        m.denominatorColumn ?? '',
        'column' in m.date ? m.date.column : '',
      ];
      const candidates = contextCandidates(header, rows, used);
      const tallies = await countLabels(
        o.file,
        o.det,
        col,
        headerPresence.used,
        candidates,
        areaIdx,
      );
      const ctxIdx = pickContextColumn(tallies.values());
      const ctx = ctxIdx === null ? null : { index: ctxIdx, name: header[ctxIdx]! };
      out.labels = labelList(tallies, ctx, o.known);
      out.labelContextColumn = ctx?.name ?? null;
    }
  }
  return out;
}
