// What the monitoring answers from a computed index: results per area with counts, a preview of
// an unsaved definition, the explanation of one area, similar areas, and the changes between two
// editions. Definitions: definitions.ts; computing and caching: compute.ts.
import {
  compareClasses,
  explainArea,
  findRepeatedNegativeDynamics,
  findSimilarAreas,
  formatDate,
  type IndexResult,
  type PartResult,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { HttpError, badRequest, notFound } from '../../http/errors.ts';
import {
  computeCached,
  computeFromObservations,
  toHttpError,
  type ComputedIndex,
  type ComputeKey,
} from './compute.ts';
import { checkDefinition, getIndex, type IndicatorTest } from './definitions.ts';
import { indicatorNames, loadAreaObservations } from './store.ts';
import type { AreaObservations } from './store.ts';

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
    definition: { ...c.result.definition, label: `Stand ${formatDate(date)}` },
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
