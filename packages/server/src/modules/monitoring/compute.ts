// Index results computed on request from the observations: load → core computeIndex, with the
// reason of every unscored area. Results are cached per (tenant, index, version, system, level,
// date, latest import run), so a new import clears them.
import {
  MonitoringError,
  computeIndex,
  type IndexAreaInput,
  type IndexDefinition,
  type IndexResult,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { HttpError, badRequest, notFound } from '../../http/errors.ts';
import { loadIndexPopulationReasons } from '../disclosure/index.ts';
import type { IndexSummary } from './definitions.ts';
import { latestImportRunId, loadAreaObservations } from './store.ts';
import type { AreaObservations } from './store.ts';

/** Where an index is computed. */
export interface ComputeKey {
  system: string;
  level: string;
  date: string;
}

/** A MonitoringError as HTTP error: unknown area → 404, anything else → 400 with the German message. */
export function toHttpError(err: unknown): unknown {
  if (!(err instanceof MonitoringError)) return err;
  if (err.code === 'unknown_area') return new HttpError(404, 'not_found', err.message);
  return new HttpError(400, err.code, err.message, { problems: err.problems });
}

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
