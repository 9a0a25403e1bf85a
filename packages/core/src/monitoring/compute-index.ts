// The index engine: computes a composite index (status, optional dynamics, status × dynamics matrix,
// rules on the matrix) from an index definition that is data. Columnar typed arrays inside, so
// 200,000 areas × 8 indicators stay within a few plain passes over the input (bench/monitoring.ts).
// Method, sources and the reproduction of the official Berlin MSS: docs/methods/index-engine.md;
// MSS method: SenSBW, Monitoring Soziale Stadtentwicklung Berlin 2021, Kap. 2 (Methodik), as
// summarised in ../shared/data/berlin/SOURCE.md "How the official result is computed".
import { formatNumber } from '../format/number.ts';
import { quantileSorted } from '../stats/descriptive.ts';
import { MonitoringError } from './errors.ts';
import type { ClassBoundary, ClassLabel, CombinationMethod, IndexDefinition, IndexInput, IndexPart, MatrixGroup, StandardisationMethod } from './types.ts';
import { assertValidIndexDefinition } from './validate-definition.ts';

/** One area as input: values are shares in percent (status) and changes in percentage points (dynamics). */
export interface IndexAreaInput {
  id: string;
  population: number | null;
  values: Readonly<Record<string, number | null | undefined>>;
  dynamics?: Readonly<Record<string, number | null | undefined>>;
}

/** Input of computeIndex. `validAreaIds`, when given, replaces the validity rules (explicit list of scored areas). */
export interface ComputeIndexInput {
  areas: readonly IndexAreaInput[];
  validAreaIds?: readonly string[];
}

/** Columnar input (NaN = missing), the fast path used by computeIndex itself. */
export interface IndexColumnsInput {
  ids: readonly string[];
  /** residents per area; NaN = unknown. */
  population: Float64Array;
  /** one column per status indicator id. */
  values: Readonly<Record<string, Float64Array>>;
  /** one column per dynamics indicator id. */
  dynamics?: Readonly<Record<string, Float64Array>>;
  validAreaIds?: readonly string[];
}

/** Why an area is not scored. */
export type UnscoredReasonCode = 'not_in_valid_list' | 'excluded' | 'population_missing' | 'population_below_min' | 'missing_value';

/** Location and spread of a column over the valid areas. */
export interface ColumnStats {
  mean: number;
  /** population SD (÷ N). */
  sd: number;
  min: number;
  max: number;
}

/** A class boundary resolved to index units. */
export interface ResolvedBoundary extends ClassBoundary {
  /** the boundary in the definition's terms (SD multiple, probability or fixed value). */
  defined: number;
}

/** Result of one index part (status or dynamics), columnar; unscored areas hold NaN / −1. */
export interface PartResult {
  label: string;
  inputs: IndexInput[];
  standardisation: StandardisationMethod;
  combination: CombinationMethod;
  /** standardised value per input (same order as `inputs`), oriented "higher = more disadvantaged". */
  standardised: Float64Array[];
  inputStats: ColumnStats[];
  /** weights used per input (1 for sum and mean). */
  weights: number[];
  /** the combined value (MSS: Statussumme / Dynamiksumme). */
  combined: Float64Array;
  combinedStats: ColumnStats;
  /** the index (re-standardised combined value, or the combined value). */
  index: Float64Array;
  /** class per area (0-based), −1 for unscored areas. */
  classOf: Int8Array;
  classes: ClassLabel[];
  boundaries: ResolvedBoundary[];
  /** number of scored areas per class. */
  counts: number[];
}

/** Result of computeIndex: columnar; see listAreaResults / getAreaResult for per-area objects. */
export interface IndexResult {
  definition: IndexDefinition;
  ids: readonly string[];
  /** 1 = scored */
  valid: Uint8Array;
  validCount: number;
  reasonCodes: (UnscoredReasonCode | null)[];
  /** German reason for unscored areas, null for scored ones. */
  reasons: (string | null)[];
  status: PartResult;
  dynamics: PartResult | null;
  /** index into definition.matrix per area, −1 when unscored or without matrix. */
  groupOf: Int16Array;
  /** number of scored areas per matrix group (same order as definition.matrix). */
  groupCounts: number[];
  /** per rule id: 1 where the rule matches. */
  ruleHits: Record<string, Uint8Array>;
  /** 1 where any rule matches ("Gebiet mit besonderem Aufmerksamkeitsbedarf" in the MSS presets). */
  attention: Uint8Array;
  attentionCount: number;
}

const de2 = (x: number) => formatNumber(x, { decimals: 2 });

function statsOf(x: Float64Array, valid: Uint8Array, validCount: number): ColumnStats {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (valid[i] === 1) {
      const v = x[i] as number;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const mean = sum / validCount;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] === 1) {
      const d = (x[i] as number) - mean;
      ss += d * d;
    }
  }
  // Population SD (divide by N), as the MSS does (SOURCE.md step 1).
  return { mean, sd: Math.sqrt(ss / validCount), min, max };
}

/**
 * Standardises x over the valid areas into `out` (NaN elsewhere); sign −1 flips "higher is better".
 * Returns the stats of the raw column. Throws zero_variance when all valid values are equal.
 */
function standardise(
  x: Float64Array,
  valid: Uint8Array,
  validCount: number,
  method: StandardisationMethod,
  sign: number,
  out: Float64Array,
  what: string,
): ColumnStats {
  const stats = statsOf(x, valid, validCount);
  if (!(stats.max > stats.min)) {
    throw new MonitoringError(
      'zero_variance',
      `${what} hat über die ${validCount} gültigen Gebiete keine Streuung (alle Werte ${de2(stats.min)}); standardisieren ist nicht möglich.`,
    );
  }
  const n = x.length;
  if (method === 'zscore') {
    const scale = sign / stats.sd;
    for (let i = 0; i < n; i++) out[i] = valid[i] === 1 ? ((x[i] as number) - stats.mean) * scale : NaN;
  } else if (method === 'minmax') {
    // KomMonitor Leitindikator: (value − min) / (max − min), inverted as 1 − … for the other polarity.
    const range = stats.max - stats.min;
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) out[i] = NaN;
      else {
        const r = ((x[i] as number) - stats.min) / range;
        out[i] = sign > 0 ? r : 1 - r;
      }
    }
  } else {
    // Percentile rank with mid-rank ties: (#below + ½ #equal) / N, oriented by sign.
    const sorted = new Float64Array(validCount);
    let k = 0;
    for (let i = 0; i < n; i++) if (valid[i] === 1) sorted[k++] = sign * (x[i] as number);
    sorted.sort();
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) {
        out[i] = NaN;
        continue;
      }
      const v = sign * (x[i] as number);
      let lo = 0;
      let hi = validCount;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      let up = lo;
      hi = validCount;
      while (up < hi) {
        const mid = (up + hi) >>> 1;
        if ((sorted[mid] as number) <= v) up = mid + 1;
        else hi = mid;
      }
      out[i] = (lo + (up - lo) / 2) / validCount;
    }
  }
  return stats;
}

function resolveBoundaries(part: IndexPart, index: Float64Array, valid: Uint8Array, validCount: number): ResolvedBoundary[] {
  const scheme = part.classes;
  if (scheme.kind === 'fixed') return scheme.boundaries.map((b) => ({ ...b, defined: b.value }));
  if (scheme.kind === 'sd') {
    // A z re-standardised index has mean 0 and SD 1 by construction: use the thresholds exactly (as
    // the MSS does) instead of 0 + k·1.0000000000000002, which could move a value lying on a boundary.
    if (part.restandardise && part.standardisation === 'zscore') return scheme.boundaries.map((b) => ({ ...b, defined: b.value }));
    const s = statsOf(index, valid, validCount);
    return scheme.boundaries.map((b) => ({ value: s.mean + b.value * s.sd, onBoundary: b.onBoundary, defined: b.value }));
  }
  const sorted = new Float64Array(validCount);
  let k = 0;
  for (let i = 0; i < index.length; i++) if (valid[i] === 1) sorted[k++] = index[i] as number;
  sorted.sort();
  const arr = Array.from(sorted);
  return scheme.boundaries.map((b) => ({ value: quantileSorted(arr, b.value) as number, onBoundary: b.onBoundary, defined: b.value }));
}

/** Class (0-based) of a value for ascending boundaries with explicit inclusivity. */
export function classOfValue(value: number, boundaries: readonly ClassBoundary[]): number {
  let c = 0;
  for (const b of boundaries) {
    if (value > b.value || (value === b.value && b.onBoundary === 'upper')) c++;
    else break;
  }
  return c;
}

function computePart(part: IndexPart, columns: Readonly<Record<string, Float64Array>>, valid: Uint8Array, validCount: number, n: number): PartResult {
  const m = part.inputs.length;
  const weights = part.inputs.map((inp) => (part.combination === 'weighted_sum' ? (part.weights?.[inp.indicatorId] as number) : 1));
  const standardised: Float64Array[] = [];
  const inputStats: ColumnStats[] = [];
  const combined = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    const input = part.inputs[j] as IndexInput;
    const out = new Float64Array(n);
    const sign = input.direction === 'higher_is_better' ? -1 : 1;
    inputStats.push(standardise(columns[input.indicatorId] as Float64Array, valid, validCount, part.standardisation, sign, out, `Indikator „${input.label}“ (${input.indicatorId})`));
    standardised.push(out);
    const w = weights[j] as number;
    // MSS step 2: Statussumme = Σ z (SOURCE.md); NaN propagates to unscored areas.
    if (w === 1) for (let i = 0; i < n; i++) combined[i] = (combined[i] as number) + (out[i] as number);
    else for (let i = 0; i < n; i++) combined[i] = (combined[i] as number) + w * (out[i] as number);
  }
  if (part.combination === 'mean') for (let i = 0; i < n; i++) combined[i] = (combined[i] as number) / m;
  let index = combined;
  let combinedStats: ColumnStats;
  if (part.restandardise) {
    // MSS step 3: the sums are standardised again the same way → Status-Index / Dynamik-Index.
    index = new Float64Array(n);
    combinedStats = standardise(combined, valid, validCount, part.standardisation, 1, index, `Die verknüpften Werte von „${part.label}“`);
  } else combinedStats = statsOf(combined, valid, validCount);
  const boundaries = resolveBoundaries(part, index, valid, validCount);
  const classOf = new Int8Array(n);
  const counts = part.classes.classes.map(() => 0);
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) {
      classOf[i] = -1;
      continue;
    }
    const c = classOfValue(index[i] as number, boundaries);
    classOf[i] = c;
    counts[c] = (counts[c] as number) + 1;
  }
  return {
    label: part.label,
    inputs: part.inputs,
    standardisation: part.standardisation,
    combination: part.combination,
    standardised,
    inputStats,
    weights,
    combined,
    combinedStats,
    index,
    classOf,
    classes: part.classes.classes,
    boundaries,
    counts,
  };
}

/** Computes an index from columnar input (NaN = missing). Throws MonitoringError; never returns partial results. */
export function computeIndexColumns(definition: IndexDefinition, input: IndexColumnsInput): IndexResult {
  assertValidIndexDefinition(definition);
  const n = input.ids.length;
  if (input.population.length !== n) throw new MonitoringError('invalid_input', `Einwohnerzahlen: ${input.population.length} Werte für ${n} Gebiete.`);
  const missingColumns: string[] = [];
  for (const inp of definition.status.inputs) {
    const col = input.values[inp.indicatorId];
    if (!col) missingColumns.push(`Der Index verwendet den Indikator „${inp.label}“ (${inp.indicatorId}), die Eingabedaten enthalten ihn nicht.`);
    else if (col.length !== n) throw new MonitoringError('invalid_input', `Indikator ${inp.indicatorId}: ${col.length} Werte für ${n} Gebiete.`);
  }
  if (missingColumns.length > 0) throw new MonitoringError('unknown_indicator', missingColumns);
  if (definition.dynamics) {
    const missing: string[] = [];
    for (const inp of definition.dynamics.inputs) {
      const col = input.dynamics?.[inp.indicatorId];
      if (!col) missing.push(`Für den Dynamik-Indikator „${inp.label}“ (${inp.indicatorId}, Veränderung über ${definition.dynamics.periodYears} Jahre) liegen keine Werte vor.`);
      else if (col.length !== n) throw new MonitoringError('invalid_input', `Dynamik-Indikator ${inp.indicatorId}: ${col.length} Werte für ${n} Gebiete.`);
    }
    if (missing.length > 0) throw new MonitoringError('missing_dynamics', missing);
  }

  // Validity (docs/methods/index-engine.md § Gültige Gebiete): explicit list, or rules in this order:
  // exclusion list → population missing → population below minimum → missing values.
  const valid = new Uint8Array(n);
  const reasonCodes: (UnscoredReasonCode | null)[] = new Array<UnscoredReasonCode | null>(n).fill(null);
  const reasons: (string | null)[] = new Array<string | null>(n).fill(null);
  const rules = definition.validity;
  if (input.validAreaIds) {
    const index = new Map<string, number>();
    input.ids.forEach((id, i) => index.set(id, i));
    const unknown = input.validAreaIds.filter((id) => !index.has(id));
    if (unknown.length > 0) {
      throw new MonitoringError('unknown_area', `Die Liste gültiger Gebiete nennt ${unknown.length} Gebiet(e), die in den Eingabedaten fehlen: ${unknown.slice(0, 10).join(', ')}.`);
    }
    for (const id of input.validAreaIds) valid[index.get(id) as number] = 1;
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) {
        reasonCodes[i] = 'not_in_valid_list';
        reasons[i] = 'Nicht in der Liste der bewerteten Gebiete';
      }
    }
  } else {
    const excluded = new Map<string, string>();
    for (const e of rules.exclusions ?? []) excluded.set(e.areaId, e.reason);
    const min = rules.minPopulation ?? null;
    for (let i = 0; i < n; i++) {
      const id = input.ids[i] as string;
      const pop = input.population[i] as number;
      const ex = excluded.get(id);
      if (ex !== undefined) {
        reasonCodes[i] = 'excluded';
        reasons[i] = `Ausgeschlossen: ${ex}`;
      } else if (min !== null && Number.isNaN(pop)) {
        reasonCodes[i] = 'population_missing';
        reasons[i] = `Einwohnerzahl fehlt (mindestens ${formatNumber(min)} nötig)`;
      } else if (min !== null && pop < min) {
        reasonCodes[i] = 'population_below_min';
        reasons[i] = `Weniger als ${formatNumber(min)} Einwohnerinnen und Einwohner (${formatNumber(pop)})`;
      } else valid[i] = 1;
    }
  }
  const missingProblems: string[] = [];
  let missingCode: 'missing_value' | 'missing_dynamics' = 'missing_value';
  const checkMissing = (parts: { inp: IndexInput; col: Float64Array; dyn: boolean }[]) => {
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) continue;
      for (const { inp, col, dyn } of parts) {
        if (!Number.isFinite(col[i] as number)) {
          const what = dyn ? `Dynamik-Indikator „${inp.label}“ (${inp.indicatorId})` : `Indikator „${inp.label}“ (${inp.indicatorId})`;
          if (rules.missingValues === 'exclude') {
            valid[i] = 0;
            reasonCodes[i] = 'missing_value';
            reasons[i] = `Kein Wert für ${what}`;
            break;
          }
          if (dyn) missingCode = 'missing_dynamics';
          if (missingProblems.length < 10) missingProblems.push(`Gebiet ${input.ids[i] as string}: kein Wert für ${what}.`);
          else if (missingProblems.length === 10) missingProblems.push('Weitere fehlende Werte nicht aufgeführt.');
        }
      }
    }
  };
  checkMissing([
    ...definition.status.inputs.map((inp) => ({ inp, col: input.values[inp.indicatorId] as Float64Array, dyn: false })),
    ...(definition.dynamics?.inputs ?? []).map((inp) => ({ inp, col: input.dynamics?.[inp.indicatorId] as Float64Array, dyn: true })),
  ]);
  if (missingProblems.length > 0) {
    missingProblems.push('Werte nachliefern oder solche Gebiete ausschließen (validity.missingValues = "exclude").');
    throw new MonitoringError(missingCode, missingProblems);
  }
  let validCount = 0;
  for (let i = 0; i < n; i++) validCount += valid[i] as number;
  if (validCount === 0) {
    throw new MonitoringError('no_valid_area', `Kein Gebiet erfüllt die Gültigkeitsregeln von „${definition.label}“ (${n} Gebiete geprüft); der Index kann nicht berechnet werden.`);
  }

  const status = computePart(definition.status, input.values, valid, validCount, n);
  const dynamics = definition.dynamics ? computePart(definition.dynamics, input.dynamics ?? {}, valid, validCount, n) : null;

  // Matrix and rules via lookup tables over (status class, dynamics class).
  const groupOf = new Int16Array(n).fill(-1);
  const matrix = definition.matrix ?? [];
  const groupCounts = matrix.map(() => 0);
  const ruleHits: Record<string, Uint8Array> = {};
  const attention = new Uint8Array(n);
  let attentionCount = 0;
  const sCodes = definition.status.classes.classes.map((c) => c.code);
  const dCodes = definition.dynamics ? definition.dynamics.classes.classes.map((c) => c.code) : [];
  const nd = Math.max(1, dCodes.length);
  const groupTable = new Int16Array(sCodes.length * nd).fill(-1);
  matrix.forEach((g: MatrixGroup, gi) => {
    groupTable[sCodes.indexOf(g.status) * nd + dCodes.indexOf(g.dynamics)] = gi;
  });
  const ruleTables = (definition.rules ?? []).map((r) => {
    const t = new Uint8Array(sCodes.length * nd);
    for (let s = 0; s < sCodes.length; s++) {
      for (let d = 0; d < nd; d++) {
        const hit = r.when.some((w) => w.status.includes(sCodes[s] as string) && (w.dynamics === undefined || (dCodes[d] !== undefined && w.dynamics.includes(dCodes[d] as string))));
        t[s * nd + d] = hit ? 1 : 0;
      }
    }
    const hits = new Uint8Array(n);
    ruleHits[r.id] = hits;
    return { t, hits };
  });
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1) continue;
    const cell = (status.classOf[i] as number) * nd + (dynamics ? (dynamics.classOf[i] as number) : 0);
    const g = groupTable[cell] as number;
    groupOf[i] = g;
    if (g >= 0) groupCounts[g] = (groupCounts[g] as number) + 1;
    let any = 0;
    for (const rt of ruleTables) {
      const h = rt.t[cell] as number;
      rt.hits[i] = h;
      any |= h;
    }
    attention[i] = any;
    attentionCount += any;
  }
  return { definition, ids: input.ids, valid, validCount, reasonCodes, reasons, status, dynamics, groupOf, groupCounts, ruleHits, attention, attentionCount };
}

function toColumn(areas: readonly IndexAreaInput[], id: string, key: 'values' | 'dynamics'): Float64Array | null {
  const n = areas.length;
  const col = new Float64Array(n);
  let present = false;
  for (let i = 0; i < n; i++) {
    const v = (areas[i] as IndexAreaInput)[key]?.[id];
    if (v === null || v === undefined) col[i] = NaN;
    else {
      col[i] = v;
      present = true;
    }
  }
  return present ? col : null;
}

/** Computes an index (status, dynamics, matrix, rules) for areas given as objects. Throws MonitoringError (German message). */
export function computeIndex(definition: IndexDefinition, input: ComputeIndexInput): IndexResult {
  assertValidIndexDefinition(definition);
  const { areas } = input;
  const seen = new Set<string>();
  for (const a of areas) {
    if (seen.has(a.id)) throw new MonitoringError('invalid_input', `Gebiet ${a.id} kommt in den Eingabedaten mehrfach vor.`);
    seen.add(a.id);
  }
  const population = new Float64Array(areas.length);
  areas.forEach((a, i) => (population[i] = a.population === null || a.population === undefined ? NaN : a.population));
  const values: Record<string, Float64Array> = {};
  for (const inp of definition.status.inputs) {
    const col = toColumn(areas, inp.indicatorId, 'values');
    if (col) values[inp.indicatorId] = col;
  }
  let dynamics: Record<string, Float64Array> | undefined;
  if (definition.dynamics) {
    dynamics = {};
    for (const inp of definition.dynamics.inputs) {
      const col = toColumn(areas, inp.indicatorId, 'dynamics');
      if (col) dynamics[inp.indicatorId] = col;
    }
  }
  return computeIndexColumns(definition, {
    ids: areas.map((a) => a.id),
    population,
    values,
    ...(dynamics ? { dynamics } : {}),
    ...(input.validAreaIds ? { validAreaIds: input.validAreaIds } : {}),
  });
}

/** Per-area view of one index part. */
export interface AreaPartResult {
  /** standardised value per indicator id */
  standardised: Record<string, number>;
  combined: number;
  index: number;
  classIndex: number;
  classCode: string;
  classLabel: string;
}

/** Per-area view of an index result. */
export interface AreaIndexResult {
  id: string;
  valid: boolean;
  reasonCode: UnscoredReasonCode | null;
  reason: string | null;
  status: AreaPartResult | null;
  dynamics: AreaPartResult | null;
  group: { code: string; label: string } | null;
  rules: string[];
  attention: boolean;
}

function areaPart(part: PartResult, i: number): AreaPartResult {
  const standardised: Record<string, number> = {};
  part.inputs.forEach((inp, j) => (standardised[inp.indicatorId] = (part.standardised[j] as Float64Array)[i] as number));
  const c = part.classOf[i] as number;
  const cls = part.classes[c] as ClassLabel;
  return { standardised, combined: part.combined[i] as number, index: part.index[i] as number, classIndex: c, classCode: cls.code, classLabel: cls.label };
}

/** The result of one area by position. */
export function areaResultAt(result: IndexResult, i: number): AreaIndexResult {
  const valid = result.valid[i] === 1;
  const g = result.groupOf[i] as number;
  const group = g >= 0 ? (result.definition.matrix?.[g] as MatrixGroup) : null;
  return {
    id: result.ids[i] as string,
    valid,
    reasonCode: result.reasonCodes[i] ?? null,
    reason: result.reasons[i] ?? null,
    status: valid ? areaPart(result.status, i) : null,
    dynamics: valid && result.dynamics ? areaPart(result.dynamics, i) : null,
    group: group ? { code: group.code, label: group.label } : null,
    rules: Object.entries(result.ruleHits)
      .filter(([, hits]) => hits[i] === 1)
      .map(([id]) => id),
    attention: result.attention[i] === 1,
  };
}

/** Position of an area in the result; throws unknown_area. */
export function areaPosition(result: IndexResult, areaId: string): number {
  const i = result.ids.indexOf(areaId);
  if (i < 0) throw new MonitoringError('unknown_area', `Gebiet ${areaId} ist im Ergebnis von „${result.definition.label}“ nicht enthalten.`);
  return i;
}

/** The result of one area by id (throws unknown_area). */
export function getAreaResult(result: IndexResult, areaId: string): AreaIndexResult {
  return areaResultAt(result, areaPosition(result, areaId));
}

/** All areas as objects (in input order). */
export function listAreaResults(result: IndexResult): AreaIndexResult[] {
  return result.ids.map((_, i) => areaResultAt(result, i));
}
