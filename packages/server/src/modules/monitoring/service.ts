// Monitoring service: index definitions (presets + stored versions), and index results computed on
// request from the observations: load → core computeIndex → shape. Results are cached per
// (tenant, index, version, system, level, date, latest import run), so a new import clears them.
import type { AuditActor } from '../audit/index.ts';
import {
  MonitoringError,
  computeIndex,
  compareClasses,
  explainArea,
  findRepeatedNegativeDynamics,
  findSimilarAreas,
  validateIndexDefinition,
  type IndexAreaInput,
  type IndexDefinition,
  type IndexResult,
  type PartResult,
} from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { HttpError, badRequest, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { loadIndexPopulationReasons } from '../disclosure/index.ts';
import { PRESETS } from './presets.ts';
import {
  existingIndicatorIds,
  getLatestDefinition,
  indicatorNames,
  latestImportRunId,
  listEditions,
  listLatestDefinitions,
  loadAreaObservations,
  saveDefinitionVersion,
} from './store.ts';
import type { AreaObservations } from './store.ts';

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

/** Where an index is computed. */
export interface ComputeKey {
  system: string;
  level: string;
  date: string;
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

/** Presets first (MSS 2019/2021 is the default), then the stored definitions (latest version each). */
export async function listIndices(sql: Sql, tenantId: string): Promise<IndexSummary[]> {
  const stored = await listLatestDefinitions(sql, tenantId);
  return [
    ...PRESETS.map(presetSummary),
    ...stored.map((s) => ({
      id: s.id,
      version: s.version,
      label: s.nameDe,
      preset: false,
      basedOn: s.preset,
      createdAt: s.createdAt,
      createdBy: s.createdBy,
      definition: s.definition as unknown as IndexDefinition,
    })),
  ];
}

/** One index (preset or latest stored version); 404 in German when unknown. */
export async function getIndex(sql: Sql, tenantId: string, id: string): Promise<IndexSummary> {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset) return presetSummary(preset);
  const s = await getLatestDefinition(sql, tenantId, id);
  if (!s) throw notFound(`Den Index „${id}“ gibt es nicht.`);
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

/** The index with the system/level/date combinations where all its inputs have values. */
export async function getIndexDetail(sql: Sql, tenantId: string, id: string) {
  const idx = await getIndex(sql, tenantId, id);
  return { ...idx, editions: await listEditions(sql, tenantId, inputIds(idx.definition)) };
}

function inputIds(def: IndexDefinition): string[] {
  return [...def.status.inputs, ...(def.dynamics?.inputs ?? [])].map((i) => i.indicatorId);
}

/** A MonitoringError as HTTP error: unknown area → 404, anything else → 400 with the German message. */
export function toHttpError(err: unknown): unknown {
  if (!(err instanceof MonitoringError)) return err;
  if (err.code === 'unknown_area') return new HttpError(404, 'not_found', err.message);
  return new HttpError(400, err.code, err.message, { problems: err.problems });
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

/** A computed index with the area metadata needed to shape answers. */
export interface ComputedIndex {
  result: IndexResult;
  areas: AreaObservations[];
  /** reason per area position for unscored areas (ours: exclusion, stored flag reason, missing value). */
  reasons: (string | null)[];
}

/**
 * Computes an index from the observations. Valid areas: not on the definition's exclusion list and
 * a value for every input at the date; every other area carries the reason (the exclusion's, the
 * stored flag reason of an invalid observation, or the missing indicator). The minimum population
 * is applied through the data: the MSS data mark areas under 300 residents as invalid.
 */
export async function computeFromObservations(
  sql: Sql,
  tenantId: string,
  def: IndexDefinition,
  key: ComputeKey,
): Promise<ComputedIndex> {
  const statusIds = def.status.inputs.map((i) => i.indicatorId);
  const dynIds = def.dynamics?.inputs.map((i) => i.indicatorId) ?? [];
  const areas = await loadAreaObservations(sql, tenantId, key, [...statusIds, ...dynIds]);
  if (areas.length === 0)
    throw notFound(
      `Auf der Ebene „${key.level}“ der Gebietsgliederung „${key.system}“ gibt es keine Gebiete.`,
    );
  const labels = new Map(
    [...def.status.inputs, ...(def.dynamics?.inputs ?? [])].map((i) => [i.indicatorId, i.label]),
  );
  const excluded = new Map((def.validity.exclusions ?? []).map((e) => [e.areaId, e.reason]));
  // Public output: no index for areas under the minimum population (docs/methods/disclosure-control.md).
  const tooSmall = await loadIndexPopulationReasons(
    sql,
    tenantId,
    areas.map((a) => a.areaId),
    key.date,
    def.validity.minPopulation,
  );
  const valid: string[] = [];
  const reasons: (string | null)[] = [];
  const inputs: IndexAreaInput[] = areas.map((a) => {
    const pick = (ids: string[]) =>
      Object.fromEntries(ids.map((id) => [id, a.values.get(id)?.value ?? null]));
    let reason: string | null = null;
    const ex = excluded.get(a.code);
    if (ex !== undefined) reason = `Ausgeschlossen: ${ex}`;
    else {
      for (const id of [...statusIds, ...dynIds]) {
        const v = a.values.get(id);
        if (v && v.value !== null) continue;
        reason = v?.flagReason
          ? v.flagReason
          : `Kein Wert für ${labels.get(id) ?? id} am ${key.date}`;
        break;
      }
    }
    // the data's own reason (e.g. the MSS's stored one) comes first; ours only for areas it would score
    if (reason === null) reason = tooSmall.get(a.areaId) ?? null;
    reasons.push(reason);
    if (reason === null) valid.push(a.code);
    return {
      id: a.code,
      population: null,
      values: pick(statusIds),
      ...(def.dynamics ? { dynamics: pick(dynIds) } : {}),
    };
  });
  if (valid.length === 0) {
    // every area withheld by the population rule (e.g. no residents indicator set): say why
    const ruled = areas.filter((a, i) => reasons[i] === tooSmall.get(a.areaId));
    throw badRequest(
      ruled.length === areas.length
        ? `Kein Gebiet erhält am ${key.date} auf der Ebene „${key.level}“ (${key.system}) einen Wert von „${def.label}“ – ${reasons[0]}.`
        : `Für „${def.label}“ hat am ${key.date} auf der Ebene „${key.level}“ (${key.system}) kein Gebiet Werte für alle Indikatoren.`,
    );
  }
  try {
    return { result: computeIndex(def, { areas: inputs, validAreaIds: valid }), areas, reasons };
  } catch (err) {
    throw toHttpError(err);
  }
}

const CACHE_MAX = 64;
// Keyed by the database object first, so test apps on different databases never share entries.
let cache = new WeakMap<object, Map<string, Promise<ComputedIndex>>>();

/** computeFromObservations, cached until the next import run (its id is part of the key). */
export async function computeCached(
  sql: Sql,
  tenantId: string,
  idx: IndexSummary,
  key: ComputeKey,
): Promise<ComputedIndex> {
  const run = await latestImportRunId(sql, tenantId);
  const k = JSON.stringify([
    tenantId,
    idx.id,
    idx.version,
    idx.preset,
    key.system,
    key.level,
    key.date,
    run,
  ]);
  let perDb = cache.get(sql);
  if (!perDb) cache.set(sql, (perDb = new Map()));
  const entries = perDb;
  let hit = entries.get(k);
  if (!hit) {
    hit = computeFromObservations(sql, tenantId, idx.definition, key);
    entries.set(k, hit);
    hit.catch(() => entries.delete(k));
    if (entries.size > CACHE_MAX) entries.delete(entries.keys().next().value as string);
  }
  return hit;
}

/** Forgets every cached index result (tests; the import-run key makes this unnecessary in normal use). */
export function clearIndexCache(): void {
  cache = new WeakMap();
}

function countsOf(c: ComputedIndex) {
  const { result } = c;
  const classCounts = (part: PartResult | null) =>
    part
      ? part.classes.map((cl, i) => ({
          code: cl.code,
          label: cl.label,
          count: part.counts[i] ?? 0,
        }))
      : [];
  return {
    scored: result.validCount,
    unscored: result.ids.length - result.validCount,
    status: classCounts(result.status),
    dynamics: classCounts(result.dynamics),
    matrix: (result.definition.matrix ?? []).map((g, i) => ({
      ...g,
      count: result.groupCounts[i] ?? 0,
    })),
    attention: result.attentionCount,
  };
}

function partOf(part: PartResult, i: number) {
  const z: Record<string, number> = {};
  part.inputs.forEach(
    (inp, j) => (z[inp.indicatorId] = (part.standardised[j] as Float64Array)[i] as number),
  );
  const c = part.classOf[i] as number;
  const cls = part.classes[c];
  return {
    z,
    sum: part.combined[i] as number,
    index: part.index[i] as number,
    classCode: cls?.code ?? '',
    classLabel: cls?.label ?? '',
  };
}

/** Results for every area: scored or why not, z-values, sums, indices, classes, group, attention; plus counts. */
export async function getResults(sql: Sql, tenantId: string, id: string, key: ComputeKey) {
  const idx = await getIndex(sql, tenantId, id);
  const c = await computeCached(sql, tenantId, idx, key);
  const { result } = c;
  const matrix = result.definition.matrix ?? [];
  return {
    index: { id: idx.id, version: idx.version, label: idx.label },
    ...key,
    inputs: [
      ...idx.definition.status.inputs.map((i) => ({
        part: 'status' as const,
        indicatorId: i.indicatorId,
        label: i.label,
      })),
      ...(idx.definition.dynamics?.inputs ?? []).map((i) => ({
        part: 'dynamics' as const,
        indicatorId: i.indicatorId,
        label: i.label,
      })),
    ],
    counts: countsOf(c),
    areas: c.areas.map((a, i) => {
      const scored = result.valid[i] === 1;
      const g = result.groupOf[i] as number;
      const group = g >= 0 ? matrix[g] : undefined;
      return {
        areaId: a.areaId,
        code: a.code,
        name: a.name,
        scored,
        reason: scored ? null : (c.reasons[i] ?? result.reasonAt(i)),
        status: scored ? partOf(result.status, i) : null,
        dynamics: scored && result.dynamics ? partOf(result.dynamics, i) : null,
        group: group ? { code: group.code, label: group.label } : null,
        attention: result.attention[i] === 1,
      };
    }),
  };
}

/** Class counts of a definition that is not stored (validated first; nothing is written). */
export async function previewIndex(
  sql: Sql,
  tenantId: string,
  definition: unknown,
  key: ComputeKey,
  mayRead?: IndicatorTest,
) {
  const def = await checkDefinition(sql, tenantId, definition, mayRead);
  const c = await computeFromObservations(sql, tenantId, def, key);
  return { ...key, counts: countsOf(c) };
}

/** The core explanation of one area (by database id), with our reason for unscored areas. */
export async function explainIndexArea(
  sql: Sql,
  tenantId: string,
  id: string,
  areaId: number,
  key: ComputeKey,
) {
  const idx = await getIndex(sql, tenantId, id);
  const c = await computeCached(sql, tenantId, idx, key);
  const i = c.areas.findIndex((a) => a.areaId === areaId);
  const area = c.areas[i];
  if (!area)
    throw notFound(
      `Das Gebiet ${areaId} liegt nicht auf der Ebene „${key.level}“ (${key.system}).`,
    );
  let e;
  try {
    e = explainArea(c.result, area.code);
  } catch (err) {
    throw toHttpError(err);
  }
  if (!e.scored) {
    const reason = c.reasons[i] ?? e.reason ?? 'nicht bewertet';
    return {
      ...e,
      areaId,
      code: area.code,
      name: area.name,
      reason,
      status: null,
      dynamics: null,
      text: `Nicht bewertet: ${reason}.`,
    };
  }
  return { ...e, areaId, code: area.code, name: area.name } as typeof e & {
    areaId: number;
    code: string;
    name: string;
  };
}

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

/**
 * The k areas most similar to one area (Euclidean distance of z-values over the level, core
 * findSimilarAreas), by default over the index's status indicators, or over `indicators` (any ids).
 */
export async function similarAreas(
  sql: Sql,
  tenantId: string,
  id: string,
  areaId: number,
  key: ComputeKey,
  options: { k?: number | undefined; indicators?: string[] | undefined } = {},
) {
  const idx = await getIndex(sql, tenantId, id);
  let inds = idx.definition.status.inputs.map((i) => ({
    indicatorId: i.indicatorId,
    label: i.label,
  }));
  if (options.indicators && options.indicators.length > 0) {
    const names = await indicatorNames(sql, tenantId, options.indicators);
    const unknown = options.indicators.filter((i) => !names.has(i));
    if (unknown.length > 0)
      throw new HttpError(
        400,
        'unknown_indicator',
        `Den Indikator ${unknown.map((u) => `„${u}“`).join(', ')} gibt es nicht.`,
      );
    inds = options.indicators.map((i) => ({ indicatorId: i, label: names.get(i) as string }));
  }
  const areas = await loadAreaObservations(
    sql,
    tenantId,
    key,
    inds.map((i) => i.indicatorId),
  );
  const target = areas.find((a) => a.areaId === areaId);
  if (!target)
    throw notFound(
      `Das Gebiet ${areaId} liegt nicht auf der Ebene „${key.level}“ (${key.system}).`,
    );
  const byCode = new Map(areas.map((a) => [a.code, a]));
  let r;
  try {
    r = findSimilarAreas(
      areas.map((a) => ({
        id: a.code,
        values: Object.fromEntries(
          inds.map((i) => [i.indicatorId, a.values.get(i.indicatorId)?.value ?? null]),
        ),
      })),
      target.code,
      { indicators: inds, k: options.k ?? 5 },
    );
  } catch (err) {
    throw toHttpError(err);
  }
  return {
    areaId,
    code: target.code,
    name: target.name,
    indicators: r.indicators,
    compared: r.compared,
    skipped: r.skipped,
    similar: r.neighbours.map((n) => {
      const a = byCode.get(n.areaId) as AreaObservations;
      return {
        areaId: a.areaId,
        code: a.code,
        name: a.name,
        distance: n.distance,
        differences: n.differences,
      };
    }),
  };
}

/**
 * Changes between two editions of the same area system and level (core compareClasses, and
 * findRepeatedNegativeDynamics for dynamics in the most adverse class in both): class changes of
 * status and dynamics of the areas scored in both, with the German explanation.
 */
export async function getChanges(
  sql: Sql,
  tenantId: string,
  id: string,
  q: { system: string; level: string; from: string; to: string },
) {
  if (q.from >= q.to) throw badRequest(`„from“ (${q.from}) muss vor „to“ (${q.to}) liegen.`);
  const idx = await getIndex(sql, tenantId, id);
  const prev = await computeCached(sql, tenantId, idx, {
    system: q.system,
    level: q.level,
    date: q.from,
  });
  const cur = await computeCached(sql, tenantId, idx, {
    system: q.system,
    level: q.level,
    date: q.to,
  });
  const byCode = new Map(cur.areas.map((a) => [a.code, a]));
  const withArea = <T extends { areaId: string }>(list: T[]) =>
    list.map((c) => {
      const a = byCode.get(c.areaId) as AreaObservations;
      return { ...c, areaId: a.areaId, code: a.code, name: a.name };
    });
  // the explanation names the editions by their reference dates, not by the (equal) index label
  const dated = (c: ComputedIndex, date: string): IndexResult => ({
    ...c.result,
    definition: { ...c.result.definition, label: `Stand ${date.split('-').reverse().join('.')}` },
  });
  const [a, b] = [dated(prev, q.from), dated(cur, q.to)];
  try {
    return {
      index: { id: idx.id, version: idx.version, label: idx.label },
      system: q.system,
      level: q.level,
      from: q.from,
      to: q.to,
      status: withArea(compareClasses(a, b, 'status')),
      dynamics: a.dynamics && b.dynamics ? withArea(compareClasses(a, b, 'dynamics')) : [],
      repeatedNegativeDynamics:
        a.dynamics && b.dynamics ? withArea(findRepeatedNegativeDynamics([a, b])) : [],
    };
  } catch (err) {
    throw toHttpError(err);
  }
}
