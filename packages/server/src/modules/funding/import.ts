// Import of funding tables (CSV or the first XLSX sheet) as finance departments keep them:
// all-or-nothing (ADR 0006) — every problem is named with file, line and column, and nothing is
// written while there is one. Shares that do not add up to the total are such a problem; spent >
// approved is a warning (it happens, and must be visible, not refused).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkCoFinancing,
  flagSpentOverApproved,
  parseFundingRecords,
  readCsvBytes,
  type CsvRecord,
  type FundingEntry,
  type FundingFileIssue,
  type FundingRow,
} from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { readXlsxRecords, type Upload } from '../imports/index.ts';
import { listMeasureRefs, type MeasureRef } from '../measures/index.ts';
import { matchProgramme } from './catalogue.ts';
import { selectAreasByCode, upsertEntries } from './store.ts';

/** Words in the area column that mean "the programme's whole area". */
const WHOLE_PROGRAMME = new Set(['*', 'alle', 'gesamt', 'programmgebiet', 'insgesamt']);

async function readRecords(file: { name: string; path: string }): Promise<{
  records: CsvRecord[];
  issues: FundingFileIssue[];
}> {
  if (/\.xlsx$/i.test(file.name)) {
    const records: CsvRecord[] = [];
    for await (const batch of readXlsxRecords(file.path)) records.push(...batch);
    return { records, issues: [] };
  }
  if (!/\.(csv|txt)$/i.test(file.name)) {
    throw badRequest(`${file.name}: bitte eine CSV- oder XLSX-Datei hochladen.`);
  }
  const read = readCsvBytes(new Uint8Array(await readFile(file.path)));
  const issues = read.errors.map((e) => ({ file: file.name, ...e }));
  return { records: read.records, issues };
}

interface Resolved {
  programmeId: string;
  areaId: number | null;
  measureId: number | null;
  row: FundingRow;
}

/**
 * Resolves a measure written as its id or its exact title among the measures the importer may
 * read; anything else (unknown, another tenant's, not visible) is the same row error.
 */
function resolveMeasure(
  text: string,
  refs: readonly MeasureRef[],
): { id: number } | { error: string } {
  if (/^\d{1,9}$/.test(text)) {
    const byId = refs.find((m) => m.id === Number(text));
    if (byId) return { id: byId.id };
  }
  const byTitle = refs.filter((m) => m.title === text);
  if (byTitle.length === 1) return { id: byTitle[0]!.id };
  if (byTitle.length > 1)
    return {
      error: `Maßnahmentitel „${text}“ ist mehrdeutig (${byTitle.length} Maßnahmen); bitte die Nummer angeben`,
    };
  return { error: `Maßnahme „${text}“ gibt es nicht` };
}

/** Resolves programmes (catalogue) and area codes (current areas of the tenant). */
async function resolveRows(
  sql: Sql,
  principal: Principal,
  file: string,
  rows: readonly FundingRow[],
  columns: { programme: number; area: number; measure: number },
): Promise<{ resolved: Resolved[]; issues: FundingFileIssue[] }> {
  const tenantId = principal.tenantId;
  const issues: FundingFileIssue[] = [];
  const refs = rows.some((r) => r.measure !== null) ? await listMeasureRefs(sql, principal) : [];
  const codes = [
    ...new Set(rows.map((r) => r.area).filter((a) => !WHOLE_PROGRAMME.has(a.toLowerCase()))),
  ];
  const areaRows = await selectAreasByCode(sql, tenantId, codes);
  const byCode = new Map<string, number[]>();
  for (const a of areaRows) byCode.set(a.code, [...(byCode.get(a.code) ?? []), a.id]);
  const resolved: Resolved[] = [];
  for (const row of rows) {
    const programme = matchProgramme(row.programme);
    if (!programme) {
      issues.push({
        file,
        line: row.line,
        column: columns.programme,
        message: `Förderprogramm „${row.programme}“ steht nicht im Katalog`,
      });
      continue;
    }
    let areaId: number | null = null;
    if (!WHOLE_PROGRAMME.has(row.area.toLowerCase())) {
      const ids = byCode.get(row.area) ?? [];
      if (ids.length !== 1) {
        issues.push({
          file,
          line: row.line,
          column: columns.area,
          message:
            ids.length === 0
              ? `Gebiet „${row.area}“ gibt es nicht`
              : `Gebietsschlüssel „${row.area}“ ist mehrdeutig (${ids.length} Ebenen)`,
        });
        continue;
      }
      areaId = ids[0]!;
    }
    let measureId: number | null = null;
    if (row.measure !== null) {
      const m = resolveMeasure(row.measure, refs);
      if ('error' in m) {
        issues.push({ file, line: row.line, column: columns.measure, message: m.error });
        continue;
      }
      measureId = m.id;
    }
    resolved.push({ programmeId: programme.id, areaId, measureId, row });
  }
  return { resolved, issues };
}

const asEntry = (r: Resolved): FundingEntry => ({
  programmeId: r.programmeId,
  areaKey: r.areaId === null ? '*' : String(r.areaId),
  measureKey: r.measureId === null ? '' : String(r.measureId),
  year: r.row.year,
  kind: r.row.kind,
  source: r.row.source,
  amount: r.row.amount,
});

/** Co-financing problems as file issues, placed on the line of the group's total row. */
function coFinancingIssues(file: string, resolved: readonly Resolved[]): FundingFileIssue[] {
  return checkCoFinancing(resolved.map(asEntry)).map((p) => {
    const total = resolved.find(
      (r) =>
        r.programmeId === p.programmeId &&
        (r.areaId === null ? '*' : String(r.areaId)) === p.areaKey &&
        (r.measureId === null ? '' : String(r.measureId)) === (p.measureKey ?? '') &&
        r.row.year === p.year &&
        r.row.kind === p.kind &&
        r.row.source === 'total',
    );
    return { file, line: total?.row.line ?? 0, column: 0, message: p.message };
  });
}

/** Reads, checks and (unless dryRun or with problems) writes a funding table, audited. */
export async function importFundingTable(
  db: Db,
  principal: Principal,
  upload: Upload,
  opts: { dryRun: boolean; actor: AuditActor },
) {
  if (upload.files.length !== 1) throw badRequest('Bitte genau eine Datei hochladen.');
  const file = upload.files[0]!;
  const name = path.basename(file.name);
  const read = await readRecords(file);
  const parsed = parseFundingRecords(read.records, name);
  const tenantId = principal.tenantId;
  const { resolved, issues } = await resolveRows(db, principal, name, parsed.rows, parsed.columns);
  const all = [...read.issues, ...parsed.issues, ...issues, ...coFinancingIssues(name, resolved)];
  const warnings = flagSpentOverApproved(resolved.map(asEntry)).map((p) => ({
    code: p.code,
    programmeId: p.programmeId,
    areaKey: p.areaKey,
    year: p.year,
    message: p.message,
  }));
  const report = {
    dryRun: opts.dryRun,
    imported: false,
    rows: read.records.length > 0 ? read.records.length - 1 : 0,
    written: 0,
    issues: all.slice(0, 200),
    warnings,
  };
  if (all.length > 0 && !opts.dryRun) {
    throw badRequest(
      `${name}: nichts importiert – ${all.length} Problem(e), zuerst: Zeile ${all[0]!.line}, Spalte ${all[0]!.column}: ${all[0]!.message}`,
      report,
    );
  }
  if (opts.dryRun || all.length > 0) return report;
  const written = await db.transaction(async (tx) => {
    const n = await upsertEntries(
      tx,
      tenantId,
      resolved.map((r) => ({ ...asEntry(r), areaId: r.areaId, measureId: r.measureId })),
    );
    await writeAudit(tx, tenantId, {
      actor: opts.actor,
      action: 'funding.import',
      entity: 'funding_entry',
      entityId: name,
      detail: {
        rows: n,
        programmes: [...new Set(resolved.map((r) => r.programmeId))],
        measures: [
          ...new Set(resolved.flatMap((r) => (r.measureId === null ? [] : [r.measureId]))),
        ],
      },
    });
    return n;
  });
  // the transparency view and the pages that sum money are made again (http/prepared.ts)
  bumpDataVersion();
  return { ...report, imported: true, written };
}
