// Aggregation of indicator observations to upper area levels and to the whole city.
// Method and reasons: docs/methods/aggregation.md (cite it when changing these rules).
import { median, sumPrecise } from './descriptive.ts';

/** How an indicator aggregates: counts are summed, shares recomputed from sums, values not aggregated. */
export type IndicatorKind = 'count' | 'share' | 'value';

/** The allowed indicator kinds, in the order they are documented. */
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['count', 'share', 'value'];

/** One observation of one area: `value` plus, for shares, numerator and denominator (counts). */
export interface ObservationInput {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  /** false when this value is itself an aggregate over incomplete children (default true). */
  complete?: boolean;
}

/** Result of aggregating child observations into one parent value. */
export interface AggregateResult {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** true only if every child contributed and none was itself incomplete. */
  complete: boolean;
  /** number of children that contributed to the value. */
  usedCount: number;
  /** number of children that could not contribute (missing value or missing numerator/denominator). */
  missingCount: number;
  /** German reason when `value` is null or incomplete; null otherwise. */
  reason: string | null;
}

/** A share derived from numerator and denominator, or null with a German reason. */
export interface DerivedShare {
  value: number | null;
  reason: string | null;
}

/** German method texts for city values (shown in the UI next to the city value). */
export const CITY_METHOD = {
  sum: 'Summe aller Gebiete',
  ratioOfSums: 'Quote aus den Summen von Zähler und Nenner',
  median: 'Median der Gebiete',
  none: 'Kein Gesamtwert: keine Werte vorhanden',
} as const;

/** The method text of a city value (one of CITY_METHOD). */
export type CityMethod = (typeof CITY_METHOD)[keyof typeof CITY_METHOD];

function assertKind(kind: string): asserts kind is IndicatorKind {
  if (!(INDICATOR_KINDS as readonly string[]).includes(kind)) {
    throw new Error(
      `Unbekannte Indikatorart "${kind}". Erlaubt sind: ${INDICATOR_KINDS.join(', ')}.`,
    );
  }
}

function assertScale(scale: number): void {
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(
      `Skalierungsfaktor muss eine positive Zahl sein (z. B. 100 für Prozent), erhalten: ${String(scale)}`,
    );
  }
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Share = numerator / denominator × scale (scale 100 → percent, 1000 → per mille).
 * Denominator 0, a negative denominator or a missing part give null with a German reason.
 */
export function deriveShare(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
  scale: number,
): DerivedShare {
  assertScale(scale);
  if (!isNum(numerator) || !isNum(denominator)) {
    return { value: null, reason: 'Zähler oder Nenner fehlt' };
  }
  if (denominator === 0) return { value: null, reason: 'Nenner ist 0: Quote nicht definiert' };
  if (denominator < 0) return { value: null, reason: `Nenner ist negativ (${denominator})` };
  if (numerator < 0) return { value: null, reason: `Zähler ist negativ (${numerator})` };
  return { value: (numerator / denominator) * scale, reason: null };
}

/**
 * Aggregates child observations into one parent value.
 * count: sum of child values. share: Σ numerators / Σ denominators × scale, never a mean of the
 * children's shares. value: not aggregated (null). Missing children are skipped and the result is
 * flagged `complete: false` (a partial count is a lower bound; a partial share covers only the
 * children present) — see docs/methods/aggregation.md § "Missing children".
 */
export function aggregateObservations(
  kind: IndicatorKind,
  scale: number,
  children: readonly ObservationInput[],
): AggregateResult {
  assertKind(kind);
  assertScale(scale);
  if (kind === 'value') {
    return {
      value: null,
      numerator: null,
      denominator: null,
      complete: false,
      usedCount: 0,
      missingCount: 0,
      reason: 'Indikatorart "value" wird nicht auf übergeordnete Gebiete aggregiert',
    };
  }
  if (children.length === 0) {
    return {
      value: null,
      numerator: null,
      denominator: null,
      complete: false,
      usedCount: 0,
      missingCount: 0,
      reason: 'Keine Teilgebiete mit Daten',
    };
  }
  let missing = 0;
  let childIncomplete = false;
  if (kind === 'count') {
    const xs: number[] = [];
    for (const c of children) {
      if (isNum(c.value)) {
        xs.push(c.value);
        if (c.complete === false) childIncomplete = true;
      } else missing++;
    }
    return finish(
      xs.length === 0 ? null : sumPrecise(xs),
      null,
      null,
      xs.length,
      missing,
      childIncomplete,
    );
  }
  // kind === 'share'
  const nums: number[] = [];
  const dens: number[] = [];
  for (const c of children) {
    if (isNum(c.numerator) && isNum(c.denominator)) {
      nums.push(c.numerator);
      dens.push(c.denominator);
      if (c.complete === false) childIncomplete = true;
    } else missing++;
  }
  if (nums.length === 0) {
    return {
      value: null,
      numerator: null,
      denominator: null,
      complete: false,
      usedCount: 0,
      missingCount: missing,
      reason:
        'Keine Teilgebiete mit Zähler und Nenner: Quote kann nicht aus Summen berechnet werden',
    };
  }
  const numerator = sumPrecise(nums);
  const denominator = sumPrecise(dens);
  const derived = deriveShare(numerator, denominator, scale);
  const result = finish(
    derived.value,
    numerator,
    denominator,
    nums.length,
    missing,
    childIncomplete,
  );
  if (derived.reason !== null) result.reason = derived.reason;
  return result;
}

function finish(
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  used: number,
  missing: number,
  childIncomplete: boolean,
): AggregateResult {
  const complete = value !== null && missing === 0 && !childIncomplete;
  let reason: string | null = null;
  if (value === null) reason = 'Keine Teilgebiete mit Daten';
  else if (missing > 0)
    reason = `Unvollständig: ${missing} von ${used + missing} Teilgebieten ohne Daten`;
  else if (childIncomplete)
    reason = 'Unvollständig: mindestens ein Teilgebiet ist selbst unvollständig';
  return {
    value,
    numerator,
    denominator,
    complete,
    usedCount: used,
    missingCount: missing,
    reason,
  };
}

/** An observation of one area with its parent (null = top level). */
export interface AreaObservation extends ObservationInput {
  areaId: number;
  parentId: number | null;
}

/** An aggregated observation of one parent area. */
export interface ParentAggregate extends AggregateResult {
  areaId: number;
}

/**
 * Aggregates area rows to their parents (one result per distinct parentId, ascending by id).
 * Rows without parent are ignored. A missing child must be passed as a row with value null,
 * otherwise it cannot be noticed; `rollUpLevels` does that from the hierarchy.
 */
export function aggregateToParents(
  rows: readonly AreaObservation[],
  kind: IndicatorKind,
  scale: number,
): ParentAggregate[] {
  assertKind(kind);
  const byParent = new Map<number, AreaObservation[]>();
  for (const row of rows) {
    if (row.parentId === null) continue;
    let list = byParent.get(row.parentId);
    if (!list) byParent.set(row.parentId, (list = []));
    list.push(row);
  }
  return [...byParent.keys()]
    .sort((a, b) => a - b)
    .map((parentId) => ({
      areaId: parentId,
      ...aggregateObservations(kind, scale, byParent.get(parentId) ?? []),
    }));
}

/**
 * Rolls observations of the lowest level up through all ancestor levels.
 * `parentOf` maps every area id of the hierarchy (all levels) to its parent id (null at the top);
 * children listed there but absent from `rows` count as missing. All rows must be areas of the
 * same depth. Returns the aggregates of all ancestors (not the input rows), ascending by area id.
 */
export function rollUpLevels(
  rows: readonly (ObservationInput & { areaId: number })[],
  parentOf: ReadonlyMap<number, number | null>,
  kind: IndicatorKind,
  scale: number,
): ParentAggregate[] {
  assertKind(kind);
  const childrenOf = new Map<number, number[]>();
  for (const [child, parent] of parentOf) {
    if (parent === null) continue;
    let list = childrenOf.get(parent);
    if (!list) childrenOf.set(parent, (list = []));
    list.push(child);
  }
  const known = new Map<number, ObservationInput>();
  let depth: number | null = null;
  for (const row of rows) {
    const d = depthOf(row.areaId, parentOf);
    if (depth === null) depth = d;
    else if (d !== depth) {
      throw new Error(
        `Gebiet ${row.areaId} liegt auf einer anderen Ebene als die übrigen Zeilen: alle Zeilen müssen derselben Ebene angehören`,
      );
    }
    if (known.has(row.areaId)) throw new Error(`Gebiet ${row.areaId} kommt mehrfach vor`);
    known.set(row.areaId, row);
  }
  const results = new Map<number, ParentAggregate>();
  let level = new Set<number>(rows.map((r) => r.areaId));
  const seen = new Set<number>();
  while (level.size > 0) {
    const parents = new Set<number>();
    for (const id of level) {
      const p = parentOf.get(id);
      if (p !== null && p !== undefined) parents.add(p);
    }
    for (const p of parents) {
      if (seen.has(p)) throw new Error(`Gebietshierarchie enthält einen Zyklus bei Gebiet ${p}`);
      seen.add(p);
      const kids = (childrenOf.get(p) ?? []).map(
        (id) => known.get(id) ?? { value: null, numerator: null, denominator: null },
      );
      const agg: ParentAggregate = { areaId: p, ...aggregateObservations(kind, scale, kids) };
      results.set(p, agg);
      known.set(p, agg);
    }
    level = parents;
  }
  return [...results.values()].sort((a, b) => a.areaId - b.areaId);
}

function depthOf(id: number, parentOf: ReadonlyMap<number, number | null>): number {
  let depth = 0;
  let current: number | null | undefined = id;
  if (!parentOf.has(id)) throw new Error(`Gebiet ${id} fehlt in der Gebietshierarchie (parentOf)`);
  while (current !== null && current !== undefined) {
    current = parentOf.get(current);
    if (current === undefined) break; // parent outside the map: treated as top
    if (current !== null) depth++;
    if (depth > parentOf.size)
      throw new Error(`Gebietshierarchie enthält einen Zyklus bei Gebiet ${id}`);
  }
  return depth;
}

/** A city-wide value and the German text of how it was computed. */
export interface CityValue {
  value: number | null;
  method: CityMethod;
  /** false when some areas lacked the data the method needs. */
  complete: boolean;
}

/**
 * City-wide value from the areas of one level (which must tile the city).
 * count → sum; share with numerators/denominators → ratio of the sums; value kind, or shares
 * published without numerator/denominator → median of the area values (unweighted, robust to
 * outliers of small areas; a mean of area rates would weight a 300-resident area like one of
 * 30,000 — see docs/methods/aggregation.md § "City value").
 */
export function cityValue(
  kind: IndicatorKind,
  scale: number,
  rows: readonly ObservationInput[],
): CityValue {
  assertKind(kind);
  assertScale(scale);
  if (
    kind === 'count' ||
    (kind === 'share' && rows.some((r) => isNum(r.numerator) && isNum(r.denominator)))
  ) {
    const agg = aggregateObservations(kind, scale, rows);
    return {
      value: agg.value,
      method: kind === 'count' ? CITY_METHOD.sum : CITY_METHOD.ratioOfSums,
      complete: agg.complete,
    };
  }
  const values = rows.map((r) => (isNum(r.value) ? r.value : null));
  const m = median(values);
  if (m === null) return { value: null, method: CITY_METHOD.none, complete: false };
  return { value: m, method: CITY_METHOD.median, complete: values.every((v) => v !== null) };
}
