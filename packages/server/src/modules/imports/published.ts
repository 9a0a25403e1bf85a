// Tables as cities publish them (issue 9 § 2), the server's part: the header switch, accepted area
// name synonyms (stored per area system and level, migration 0009), the overwrite list of the dry
// run and the report details the review screen shows. The rules themselves live in core/tabular.
import {
  detectHeaderPresence,
  normalizeAreaName,
  syntheticHeader,
  type AreaNameMatch,
  type AreaRef,
  type CellTallySummary,
  type HeaderPresence,
  type MappingSummary,
  type NonAreaRowGroup,
  type NumberFormat,
  type TableMapping,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import type { FileIssue } from './report.ts';
import { selectStoredValues, type ObservationInput } from '../ingest/index.ts';
import { selectTenantName } from '../access/index.ts';
import { selectCoarserAreaNames } from '../areas/index.ts';
import { selectSynonyms, upsertSynonyms } from './store.ts';

/** How the first row was taken: detected, and whether it was used as the header. */
export interface HeaderDecision extends HeaderPresence {
  /** True when the first row is the header (set by the person or by the detection). */
  used: boolean;
  /** Who decided: the person (`hasHeader` true/false) or the detection (`auto`). */
  decidedBy: 'person' | 'detection';
}

export function decideHeader(
  rows: readonly (readonly string[])[],
  hasHeader: boolean | 'auto' | undefined,
  areas: readonly AreaRef[],
  numberFormat: NumberFormat | undefined,
): HeaderDecision {
  const found = detectHeaderPresence(rows, { areas, ...(numberFormat ? { numberFormat } : {}) });
  if (hasHeader === true || hasHeader === false)
    return { ...found, used: hasHeader, decidedBy: 'person' };
  return { ...found, used: found.hasHeader, decidedBy: 'detection' };
}

/** Header and data rows of the first batch under the decision ("Spalte 1" … without a header). */
export function splitHeader<R extends { fields: string[]; line: number }>(
  batch: readonly R[],
  useHeader: boolean,
): { header: string[]; headerLine: number; rows: R[] } {
  if (useHeader)
    return { header: batch[0]!.fields, headerLine: batch[0]!.line, rows: batch.slice(1) };
  const width = Math.max(...batch.slice(0, 200).map((r) => r.fields.length));
  return { header: syntheticHeader(width), headerLine: 0, rows: [...batch] };
}

/** Accepted synonyms of a level: normalised name → area code (the core matcher checks them first). */
export async function loadSynonyms(
  tx: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<Record<string, string>> {
  const rows = await selectSynonyms(tx, tenantId, systemId, levelId);
  return Object.fromEntries(rows.map((r) => [r.synonym, r.code]));
}

export interface AcceptedName {
  name: string;
  areaId: number;
}

/**
 * Checks the names the person accepted against the level's areas: every areaId must be an area of
 * this system and level (another tenant's or level's id is refused like an unknown one).
 */
export function checkAcceptedNames(
  accepted: readonly AcceptedName[],
  areas: readonly AreaRef[],
  file: string,
): { synonyms: Record<string, string>; errors: FileIssue[] } {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const synonyms: Record<string, string> = {};
  const errors: FileIssue[] = [];
  for (const a of accepted) {
    const area = byId.get(a.areaId);
    const key = normalizeAreaName(a.name);
    if (!area)
      errors.push({
        file,
        message: `Bestätigte Zuordnung „${a.name}“: das Gebiet ${a.areaId} gehört nicht zur gewählten Gebietsebene.`,
      });
    else if (key === '') errors.push({ file, message: 'Bestätigte Zuordnung mit leerem Namen.' });
    else if (synonyms[key] !== undefined && synonyms[key] !== area.code)
      errors.push({
        file,
        message: `Der Name „${a.name}“ wurde zwei verschiedenen Gebieten zugeordnet.`,
      });
    else synonyms[key] = area.code;
  }
  return { synonyms, errors };
}

/** Stores accepted names (insert or re-point) and audits them, in the import's transaction. */
export async function saveSynonyms(
  tx: Sql,
  tenantId: string,
  o: {
    systemId: string;
    levelId: string;
    accepted: readonly AcceptedName[];
    actor: string | AuditActor;
    actorName: string;
  },
): Promise<number> {
  if (o.accepted.length === 0) return 0;
  const names = o.accepted.map((a) => normalizeAreaName(a.name));
  const ids = o.accepted.map((a) => a.areaId);
  await upsertSynonyms(tx, tenantId, {
    systemId: o.systemId,
    levelId: o.levelId,
    names,
    ids,
    actorName: o.actorName,
  });
  await writeAudit(tx, tenantId, {
    actor: o.actor,
    action: 'import.area_synonyms',
    entity: 'area_system',
    entityId: o.systemId,
    detail: {
      levelId: o.levelId,
      synonyms: o.accepted.map((a, i) => ({ name: a.name, synonym: names[i], areaId: a.areaId })),
    },
  });
  return o.accepted.length;
}

export interface OverwriteExample {
  indicatorId: string;
  areaCode: string;
  areaName: string;
  refDate: string;
  old: number | null;
  new: number | null;
}

const MAX_EXAMPLES = 20;

/** Compares what an import writes with what is stored: changed (old → new), unchanged, added. */
export class OverwriteTally {
  changed = 0;
  unchanged = 0;
  added = 0;
  readonly examples: OverwriteExample[] = [];
  private readonly areas: Map<number, AreaRef>;

  constructor(areas: readonly AreaRef[]) {
    this.areas = new Map(areas.map((a) => [a.id, a]));
  }

  /** Checks one batch before it is written (inside the transaction, so a dry run sees the same). */
  async check(tx: Sql, tenantId: string, rows: readonly ObservationInput[]): Promise<void> {
    if (rows.length === 0) return;
    const old = await selectStoredValues(tx, tenantId, {
      indicatorIds: rows.map((r) => r.indicatorId),
      areaIds: rows.map((r) => r.areaId),
      refDates: rows.map((r) => r.refDate),
    });
    const stored = new Map(old.map((o) => [`${o.i}\u0000${o.a}\u0000${o.d}`, o.v]));
    for (const r of rows) {
      const key = `${r.indicatorId}\u0000${r.areaId}\u0000${r.refDate}`;
      if (!stored.has(key)) {
        this.added++;
        continue;
      }
      const before = stored.get(key) ?? null;
      const after = r.value ?? null;
      const same =
        before === after || (before !== null && after !== null && Math.abs(before - after) < 1e-9);
      if (same) {
        this.unchanged++;
        continue;
      }
      this.changed++;
      if (this.examples.length < MAX_EXAMPLES) {
        const area = this.areas.get(r.areaId);
        this.examples.push({
          indicatorId: r.indicatorId,
          areaCode: area?.code ?? String(r.areaId),
          areaName: area?.name ?? '',
          refDate: r.refDate,
          old: before,
          new: after,
        });
      }
    }
  }

  summary() {
    return {
      changed: this.changed,
      unchanged: this.unchanged,
      added: this.added,
      examples: this.examples,
    };
  }

  /** German sentence for the warnings list. */
  warning(): string | null {
    if (this.changed === 0 && this.unchanged === 0) return null;
    const fmt = (v: number | null) => (v === null ? 'fehlend' : v.toLocaleString('de-DE'));
    const ex = this.examples
      .slice(0, 3)
      .map(
        (e) =>
          `${e.indicatorId} ${e.areaCode} ${e.areaName} ${e.refDate}: ${fmt(e.old)} → ${fmt(e.new)}`,
      )
      .join('; ');
    return `Vorhandene Werte: ${this.changed.toLocaleString('de-DE')} werden überschrieben${ex ? ` (z. B. ${ex})` : ''}, ${this.unchanged.toLocaleString('de-DE')} bleiben unverändert.`;
  }
}

/** Text markers (n.v., k.A.) found in number columns. */
export function textMarkers(cells: CellTallySummary) {
  return cells.missingByMarker
    .filter((m) => m.kind === 'text')
    .map(({ marker, count, firstLine, firstColumn }) => ({
      marker,
      count,
      firstLine,
      firstColumn,
    }));
}

export interface TableImportDetails {
  headerPresence: HeaderDecision;
  nameMatches: AreaNameMatch[];
  nonAreaRows: NonAreaRowGroup[];
  columnDates: { column: string; indicatorId: string; date: string }[];
  cells: CellTallySummary;
  plausibility: MappingSummary['plausibility'];
  textMarkers: ReturnType<typeof textMarkers>;
  textMarkersAccepted: boolean;
  overwrite: ReturnType<OverwriteTally['summary']>;
  synonymsSaved: number;
}

export function buildDetails(
  summary: MappingSummary,
  o: {
    header: HeaderDecision;
    mapping: TableMapping;
    overwrite: OverwriteTally;
    acceptMarkers: boolean;
    synonymsSaved: number;
  },
): TableImportDetails {
  const columnDates =
    o.mapping.layout === 'wide' && 'perColumn' in o.mapping.date
      ? o.mapping.indicators.map((i) => ({
          column: i.column,
          indicatorId: i.indicatorId,
          date: i.date ?? '',
        }))
      : [];
  return {
    headerPresence: o.header,
    nameMatches: summary.nameMatches,
    nonAreaRows: summary.nonAreaRows,
    columnDates,
    cells: summary.cells,
    plausibility: summary.plausibility,
    textMarkers: textMarkers(summary.cells),
    textMarkersAccepted: o.acceptMarkers,
    overwrite: o.overwrite.summary(),
    synonymsSaved: o.synonymsSaved,
  };
}

/** City name and the names of coarser areas, so "Musterstadt" and Bezirk rows are told from areas. */
export async function nonAreaContext(
  tx: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ cityNames: string[]; parentAreaNames: string[] }> {
  const city = await selectTenantName(tx, tenantId);
  const parents = await selectCoarserAreaNames(tx, tenantId, systemId, levelId);
  return { cityNames: city.map((c) => c.name), parentAreaNames: parents.map((p) => p.name) };
}
