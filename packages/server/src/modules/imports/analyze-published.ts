// What the analysis adds for tables as cities publish them (issue 9 § 2): whether the first row is a
// header, years/dates in the column headers, the name review of the preview (stored synonyms
// applied), non-area rows of the preview, and for long tables every distinct label of the whole file
// with its count (a streamed pass, not only the preview) and a suggested indicator.
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
}

export interface PublishedAnalysis {
  headerPresence: HeaderDecision;
  dateColumns: WideByDatePlan | null;
  nameMatches: AreaNameMatch[];
  nonAreaRows: NonAreaRowGroup[];
  labels?: LabelCount[];
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

/** Counts every distinct label of a column over the whole file (streamed). */
export async function countLabels(
  file: UploadedFile,
  det: TableDetection,
  column: number,
  useHeader: boolean,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
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
      if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
  return counts;
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
  const areas = o.level
    ? await db.query<AreaRef>(
        'SELECT id, code, name FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3',
        [tenantId, o.level.system_id, o.level.level_id],
      )
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
    const col = header.indexOf(o.mapping.indicatorColumn);
    if (col >= 0) {
      const counts = await countLabels(o.file, o.det, col, headerPresence.used);
      out.labels = [...counts].map(([label, count]) => {
        const s = suggestIndicator(label, o.known);
        return {
          label,
          count,
          suggestedIndicatorId: s?.id ?? null,
          suggestedName: s?.name ?? null,
        };
      });
    }
  }
  return out;
}
