// Binding an index to other indicators (issue 9 § 6): the method of an existing index — a preset
// such as MSS 2019/2021 or a stored definition — applied to other indicators, e.g. a new edition's
// inputs, in one call instead of copying the definition's JSON. The caller names one indicator per
// input; every indicator named must be readable by her (else 404, like one that does not exist);
// differences in direction and unit are warnings, not refusals (an input may be measured differently
// on purpose). The new definition is saved as version 1 with its audit entry (which names the
// bindings) in one transaction. Decision: docs/adr/0014-indicator-edit-and-index-binding.md.
import { UNITS, unitLabel, type IndexDefinition, type Unit } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { HttpError, badRequest, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import type { AuditActor } from '../audit/index.ts';
import { getCatalogue, type Indicator } from '../indicators/index.ts';
import { renameIndicators } from './presets.ts';
import type { ComputeKey } from './compute.ts';
import { getIndex, saveIndex, type IndexSummary } from './definitions.ts';

/** What the caller asks for: the new index and one indicator per input of the bound index. */
export interface BindRequest {
  id: string;
  label?: string | undefined;
  bindings: Record<string, string>;
  check?: ComputeKey | undefined;
}

/** One input of the bound index and the indicator it is bound to. */
export interface BoundInput {
  part: 'status' | 'dynamics';
  input: string;
  label: string;
  direction: string;
  indicatorId: string;
  indicatorName: string;
  unit: string;
  polarity: string;
}

/** The definition a binding creates, its inputs and the warnings to read before saving. */
export interface BindPlan {
  basedOn: string;
  definition: IndexDefinition;
  inputs: BoundInput[];
  warnings: string[];
}

const DIRECTION_DE: Record<string, string> = {
  higher_is_worse: 'höher ist ungünstiger',
  higher_is_better: 'höher ist günstiger',
  neutral: 'neutral',
};

/** A unit in German for messages ("Prozent (%)"); unknown codes as they are. */
const unitDe = (u: string): string =>
  (UNITS as readonly string[]).includes(u) ? unitLabel(u as Unit, 'de') : u;

/** The inputs of an index, status first, with their part. */
export function indexInputs(def: IndexDefinition) {
  return [
    ...def.status.inputs.map((i) => ({ part: 'status' as const, ...i })),
    ...(def.dynamics?.inputs ?? []).map((i) => ({ part: 'dynamics' as const, ...i })),
  ];
}

/** Refuses bindings that leave an input open, name no input, or use one indicator twice. */
function checkCoverage(
  inputs: { indicatorId: string; label: string }[],
  bindings: Record<string, string>,
) {
  const problems: string[] = [];
  for (const inp of inputs)
    if (!bindings[inp.indicatorId]?.trim())
      problems.push(`Eingang „${inp.indicatorId}“ (${inp.label}) ist keinem Indikator zugeordnet.`);
  const known = new Set(inputs.map((i) => i.indicatorId));
  for (const key of Object.keys(bindings))
    if (!known.has(key)) problems.push(`„${key}“ ist kein Eingang dieses Index.`);
  const seen = new Map<string, string>();
  for (const inp of inputs) {
    const target = bindings[inp.indicatorId];
    if (!target) continue;
    const other = seen.get(target);
    if (other)
      problems.push(
        `Der Indikator „${target}“ ist den Eingängen „${other}“ und „${inp.indicatorId}“ zugeordnet; jeder Eingang braucht einen eigenen.`,
      );
    seen.set(target, inp.indicatorId);
  }
  if (problems.length > 0)
    throw new HttpError(400, 'invalid_binding', problems.join(' '), { problems });
}

/**
 * Works out what binding the index `source` to the named indicators creates, without writing: 404 when the
 * index or a named indicator is not readable for the caller, 400 when an input is left open.
 */
export async function planBinding(
  sql: Sql,
  auth: Principal,
  source: IndexSummary,
  req: BindRequest,
): Promise<BindPlan> {
  const inputs = indexInputs(source.definition);
  checkCoverage(inputs, req.bindings);
  const readable = (await getCatalogue(sql, auth)).byId;
  const targets = new Map<string, Indicator>();
  for (const inp of inputs) {
    const id = (req.bindings[inp.indicatorId] as string).trim();
    const ind = readable.get(id);
    if (!ind) throw notFound(`Den Indikator „${id}“ gibt es nicht.`);
    targets.set(inp.indicatorId, ind);
  }
  const warnings: string[] = [];
  const bound: BoundInput[] = inputs.map((inp) => {
    const ind = targets.get(inp.indicatorId) as Indicator;
    if (ind.polarity !== inp.direction)
      warnings.push(
        `Eingang „${inp.indicatorId}“ (${inp.label}) rechnet „${DIRECTION_DE[inp.direction] ?? inp.direction}“, der Indikator „${ind.id}“ ist als „${DIRECTION_DE[ind.polarity]}“ beschrieben.`,
      );
    const original = readable.get(inp.indicatorId);
    if (original && original.unit !== ind.unit)
      warnings.push(
        `Eingang „${inp.indicatorId}“ hatte die Einheit „${unitDe(original.unit)}“, der Indikator „${ind.id}“ hat „${unitDe(ind.unit)}“.`,
      );
    return {
      part: inp.part,
      input: inp.indicatorId,
      label: inp.label,
      direction: inp.direction,
      indicatorId: ind.id,
      indicatorName: ind.nameDe,
      unit: ind.unit,
      polarity: ind.polarity,
    };
  });
  const map = Object.fromEntries(bound.map((b) => [b.input, b.indicatorId]));
  const renamed = renameIndicators(source.definition, map);
  const definition: IndexDefinition = {
    ...renamed,
    id: req.id,
    label: req.label?.trim() || `${source.label} – eigene Indikatoren`,
  };
  return { basedOn: source.id, definition, inputs: bound, warnings };
}

/** Loads the index to bind (404 when unknown or not readable for the caller). */
export async function loadBindable(
  sql: Sql,
  auth: Principal,
  id: string,
  readable: (def: IndexDefinition) => boolean,
): Promise<IndexSummary> {
  const idx = await getIndex(sql, auth.tenantId, id);
  if (!readable(idx.definition)) throw notFound(`Den Index „${id}“ gibt es nicht.`);
  return idx;
}

/** Saves the planned binding as a new index (version 1), audited with its bindings. */
export async function saveBinding(
  db: Db,
  auth: Principal,
  plan: BindPlan,
  opts: { check?: ComputeKey | undefined; actor: AuditActor; mayRead: (id: string) => boolean },
): Promise<IndexSummary> {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(plan.definition.id))
    throw badRequest(
      `„${plan.definition.id}“ ist keine gültige Kennung (Kleinbuchstaben, Ziffern, - und _, höchstens 63 Zeichen).`,
      [{ in: 'body', field: 'id', reason: 'ungültig' }],
    );
  try {
    return await saveIndex(
      db,
      auth.tenantId,
      {
        definition: plan.definition as unknown as Record<string, unknown>,
        basedOn: plan.basedOn,
        check: opts.check,
        actor: opts.actor,
        mayRead: opts.mayRead,
        auditDetail: {
          bindings: Object.fromEntries(plan.inputs.map((b) => [b.input, b.indicatorId])),
        },
      },
      'create',
    );
  } catch (err) {
    // the form names the field; an API path means nothing to the person filling it in
    if (err instanceof HttpError && err.statusCode === 409 && err.code === 'conflict')
      throw new HttpError(
        409,
        'conflict',
        `Die Kennung „${plan.definition.id}“ ist schon vergeben; bitte eine andere Kennung wählen.`,
        [{ in: 'body', field: 'id', reason: 'vergeben' }],
      );
    throw err;
  }
}
