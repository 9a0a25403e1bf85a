// The records a table import writes into, checked one by one before anything is written (issue 8):
// new indicators are created — never an existing one modified — internal, owned by a department the
// importing person may write for, citing a source that the import references or adds but never
// changes; existing indicators are visible to the import only as far as the person may read them.
import type { Sql } from '../../db/db.ts';
import { selectDepartmentIds } from '../access/index.ts';
import {
  selectIndicatorOwners,
  selectIndicatorTargets,
  type ReadableIndicator,
} from '../indicators/index.ts';
import { resolveImportSource, type SourceReference } from '../sources/index.ts';
import { insertNewIndicators, type IndicatorInput } from '../ingest/index.ts';
import type { FileIssue } from './report.ts';

export interface NewIndicatorInput {
  id: string;
  nameDe: string;
  nameEn?: string;
  definitionDe?: string;
  unit: string;
  kind?: 'count' | 'share' | 'value';
  dimension: string;
  polarity: 'higher_is_better' | 'higher_is_worse' | 'neutral';
  department?: string;
  decimals?: number;
}

/** What the importing person may do; undefined = the system (CLI, demo), which may do everything. */
export interface ImportRights {
  /** May she write values of (and create) indicators owned by this department? */
  mayWrite?: ((department: string) => boolean) | undefined;
  /** May she read this indicator? Indicators she may not read are unknown to her import. */
  mayRead?: ((indicator: ReadableIndicator) => boolean) | undefined;
}

export interface TargetIndicator extends ReadableIndicator {
  id: string;
  kind: string;
  scale: number;
}

/** The tenant's indicators as the importing person may see them (others are simply unknown). */
export async function visibleIndicators(
  tx: Sql,
  tenantId: string,
  rights: ImportRights,
): Promise<TargetIndicator[]> {
  const rows = await selectIndicatorTargets(tx, tenantId);
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      scale: Number(r.scale),
      department: r.department,
      visibility: r.visibility,
      sharedWith: r.shared_with ?? [],
    }))
    .filter((i) => !rights.mayRead || rights.mayRead(i));
}

export interface CreatedTargets {
  /** Indicators this import adds (internal until someone publishes them). */
  created: { id: string; department: string }[];
  /** The source the new indicators cite, and whether the import added it. */
  source: { id: string; created: boolean } | null;
  warnings: string[];
  errors: FileIssue[];
}

const scaleOf = (unit: string) => (unit === 'percent' ? 100 : unit === 'per_mille' ? 1000 : 1);

/**
 * Creates the import's new indicators (issue 8 § 1, § 5). An id that exists is refused with the same
 * words whether or not the person could see it ("schon vergeben"); only where she may write values
 * into that indicator anyway is it used as it is (metadata unchanged, with a warning). Each new
 * indicator belongs to a department she may write for and starts 'internal'.
 */
export async function createImportIndicators(
  tx: Sql,
  tenantId: string,
  opts: {
    file: string;
    newIndicators: NewIndicatorInput[];
    source: SourceReference | undefined;
    defaultDepartment: string | undefined;
    rights: ImportRights;
  },
): Promise<CreatedTargets> {
  const out: CreatedTargets = { created: [], source: null, warnings: [], errors: [] };
  if (opts.newIndicators.length === 0) return out;
  const err = (message: string) => out.errors.push({ file: opts.file, message });
  if (!opts.source) {
    err(
      'Für neue Indikatoren bitte die Quelle angeben (Titel, Herausgeber, Lizenz, Namensnennung).',
    );
    return out;
  }
  const ids = opts.newIndicators.map((n) => n.id);
  const existing = new Map(
    (await selectIndicatorOwners(tx, tenantId, ids)).map((r) => [r.id, r.department]),
  );
  const departments = new Set((await selectDepartmentIds(tx, tenantId)).map((r) => r.id));
  const mayWrite = opts.rights.mayWrite ?? (() => true);
  const toCreate: NewIndicatorInput[] = [];
  for (const n of opts.newIndicators) {
    const owner = existing.get(n.id);
    if (owner !== undefined) {
      if (mayWrite(owner))
        out.warnings.push(
          `Den Indikator „${n.id}“ gibt es schon: die Werte gehen in diesen Indikator, seine Beschreibung bleibt unverändert (ändern unter „Indikator bearbeiten“).`,
        );
      else
        err(
          `Die Kennung „${n.id}“ ist schon vergeben. Bitte für den neuen Indikator eine andere Kennung wählen.`,
        );
      continue;
    }
    const department = n.department ?? opts.defaultDepartment ?? 'sozialplanung';
    if (!departments.has(department)) err(`Die Abteilung „${department}“ gibt es nicht.`);
    else if (!mayWrite(department))
      err(
        `Keine Berechtigung: neue Indikatoren legen Sie für die eigene Abteilung${opts.defaultDepartment ? ` „${opts.defaultDepartment}“` : ''} an, nicht für „${department}“ (Berechtigung „indicators.edit_all“ fehlt).`,
      );
    else toCreate.push({ ...n, department });
  }
  if (out.errors.length > 0 || toCreate.length === 0) return out;
  const source = await resolveImportSource(tx, tenantId, opts.source);
  out.source = { id: source.id, created: source.created };
  out.warnings.push(...source.warnings);
  const inputs: IndicatorInput[] = toCreate.map((n) => ({
    id: n.id,
    nameDe: n.nameDe,
    nameEn: n.nameEn ?? n.nameDe,
    definitionDe: n.definitionDe ?? n.nameDe,
    unit: n.unit,
    kind: n.kind ?? (n.unit === 'count' ? 'count' : 'value'),
    scale: scaleOf(n.unit),
    dimension: n.dimension,
    polarity: n.polarity,
    department: n.department!,
    sourceId: source.id,
    decimals: n.decimals ?? (n.unit === 'count' ? 0 : 1),
    methodNote: `Importiert aus ${opts.file}.`,
  }));
  // a concurrent import may have taken an id since the check above: refuse rather than modify
  for (const id of await insertNewIndicators(tx, tenantId, inputs, 'internal'))
    err(`Die Kennung „${id}“ ist schon vergeben. Bitte eine andere Kennung wählen.`);
  out.created = toCreate.map((n) => ({ id: n.id, department: n.department! }));
  return out;
}
