// Index definitions: the presets and the tenant's stored versions — listing, reading, checking a
// definition (core validator, then its input indicators) and saving the next version.
import { validateIndexDefinition, type IndexDefinition } from '@sozialraum/core';
import type { AuditActor } from '../audit/index.ts';
import type { Db, Sql } from '../../db/db.ts';
import { HttpError, badRequest, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { computeFromObservations, type ComputeKey } from './compute.ts';
import { PRESETS } from './presets.ts';
import {
  existingIndicatorIds,
  getLatestDefinition,
  listEditions,
  listLatestDefinitions,
  saveDefinitionVersion,
} from './store.ts';

/** An index as the API lists it. */
export interface IndexSummary {
  id: string;
  version: number;
  label: string;
  preset: boolean;
  basedOn: string | null;
  createdAt: string | null;
  createdBy: string | null;
  definition: IndexDefinition;
}

const presetSummary = (p: (typeof PRESETS)[number]): IndexSummary => ({
  id: p.id,
  version: 1,
  label: p.definition.label,
  preset: true,
  basedOn: null,
  createdAt: null,
  createdBy: null,
  definition: p.definition,
});

/** A stored definition as the list and the detail show it. */
function storedSummary(
  s: NonNullable<Awaited<ReturnType<typeof getLatestDefinition>>>,
): IndexSummary {
  return {
    id: s.id,
    version: s.version,
    label: s.nameDe,
    preset: false,
    basedOn: s.preset,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    definition: s.definition as unknown as IndexDefinition,
  };
}

/** Presets first (MSS 2019/2021 is the default), then the stored definitions (latest version each). */
export async function listIndices(sql: Sql, tenantId: string): Promise<IndexSummary[]> {
  const stored = await listLatestDefinitions(sql, tenantId);
  return [...PRESETS.map(presetSummary), ...stored.map(storedSummary)];
}

/** One index (preset or latest stored version); 404 in German when unknown. */
export async function getIndex(sql: Sql, tenantId: string, id: string): Promise<IndexSummary> {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset) return presetSummary(preset);
  const s = await getLatestDefinition(sql, tenantId, id);
  if (!s) throw notFound(`Den Index „${id}“ gibt es nicht.`);
  return storedSummary(s);
}

/** The index with the system/level/date combinations where all its inputs have values. */
export async function getIndexDetail(sql: Sql, tenantId: string, id: string) {
  const idx = await getIndex(sql, tenantId, id);
  return { ...idx, editions: await listEditions(sql, tenantId, inputIds(idx.definition)) };
}

function inputIds(def: IndexDefinition): string[] {
  return [...def.status.inputs, ...(def.dynamics?.inputs ?? [])].map((i) => i.indicatorId);
}

/**
 * Checks a definition before it is stored or computed: the core validator (every problem with its
 * field), then that every input indicator exists — for the author: an indicator she may not read
 * (`mayRead`) is answered exactly like one that does not exist (issue 8 § 3). Throws 400 naming all problems.
 */
export async function checkDefinition(
  sql: Sql,
  tenantId: string,
  definition: unknown,
  mayRead: IndicatorTest = () => true,
): Promise<IndexDefinition> {
  const problems = validateIndexDefinition(definition);
  if (problems.length > 0) {
    throw new HttpError(
      400,
      problems.some((p) => p.code === 'weights_mismatch')
        ? 'weights_mismatch'
        : 'invalid_definition',
      problems.map((p) => `Indexdefinition, Feld ${p.path || '(Wurzel)'}: ${p.message}`).join(' '),
      { problems },
    );
  }
  const def = definition as IndexDefinition;
  const ids = inputIds(def);
  const known = await existingIndicatorIds(sql, tenantId, ids);
  const missing: string[] = [];
  const parts = [
    ['status', def.status] as const,
    ...(def.dynamics ? [['dynamics', def.dynamics] as const] : []),
  ];
  for (const [name, part] of parts) {
    part.inputs.forEach((inp, i) => {
      if (!known.has(inp.indicatorId) || !mayRead(inp.indicatorId))
        missing.push(
          `Indexdefinition, Feld ${name}.inputs[${i}].indicatorId: Den Indikator „${inp.indicatorId}“ gibt es nicht.`,
        );
    });
  }
  if (missing.length > 0)
    throw new HttpError(400, 'unknown_indicator', missing.join(' '), { problems: missing });
  return def;
}

/** May the caller read this indicator (by id)? */
export type IndicatorTest = (indicatorId: string) => boolean;

/** Saves a new definition (version 1) or the next version of a stored one; never a preset id. */
export async function saveIndex(
  db: Db,
  tenantId: string,
  input: {
    id?: string;
    definition: Record<string, unknown>;
    basedOn?: string | undefined;
    check?: ComputeKey | undefined;
    actor?: AuditActor | undefined;
    mayRead?: IndicatorTest | undefined;
    /** more for the audit entry (e.g. the bindings of POST /api/indices/:id/bind) */
    auditDetail?: Record<string, unknown> | undefined;
  },
  mode: 'create' | 'update',
): Promise<IndexSummary> {
  const definition =
    input.id === undefined ? input.definition : { ...input.definition, id: input.id };
  const id = definition.id;
  if (typeof id === 'string' && PRESETS.some((p) => p.id === id)) {
    throw new HttpError(
      mode === 'create' ? 409 : 400,
      'preset_readonly',
      `„${id}“ ist eine eingebaute Vorlage und kann nicht überschrieben werden; speichern Sie sie unter einer eigenen Kennung.`,
    );
  }
  const def = await checkDefinition(db, tenantId, definition, input.mayRead);
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(def.id)) {
    throw badRequest(
      `Indexdefinition, Feld id: „${def.id}“ ist keine gültige Kennung (Kleinbuchstaben, Ziffern, - und _, höchstens 63 Zeichen).`,
    );
  }
  if (input.check) await computeFromObservations(db, tenantId, def, input.check);
  const v = await saveDefinitionVersion(db, tenantId, {
    id: def.id,
    nameDe: def.label,
    definition: def,
    preset: input.basedOn ?? null,
    actor: input.actor ?? { actor: 'system' },
    mode,
    auditDetail: input.auditDetail,
  });
  if (v === 'exists')
    throw new HttpError(
      409,
      'conflict',
      `Den Index „${def.id}“ gibt es schon; ändern Sie ihn mit PUT /api/indices/${def.id}.`,
    );
  if (v === 'missing') throw notFound(`Den Index „${def.id}“ gibt es nicht.`);
  // answers that set money or supply against the index (prepared per data version) are made again
  bumpDataVersion();
  return getIndex(db, tenantId, def.id);
}
