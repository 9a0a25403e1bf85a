// A plain reference of the index method (docs/methods/index-engine.md), for tests only: one area at a
// time, one step after the other, no typed-array kernels, no fast path, no workspace. It is not
// shipped (monitoring/index.ts does not export it); index-engine.property.test.ts compares the
// engine with it on hundreds of random definitions, so tuning the engine cannot change a result.
// Arithmetic: means and SDs are computed the textbook way (two passes: the mean, then Σ(x − mean)² / N),
// so the numbers agree with the engine's one-pass shifted sums within rounding, not bit for bit.
import { MonitoringError } from '../errors.ts';
import type {
  ClassBoundary,
  DynamicsPart,
  IndexDefinition,
  IndexPart,
  ValidityRules,
} from '../types.ts';
import type { IndexColumnsInput, UnscoredReasonCode } from './types.ts';
import type { OutstandingChangeOptions } from './outstanding.ts';

/** One part as the reference computes it (per area: NaN / −1 for unscored areas). */
export interface ReferencePart {
  weights: number[];
  inputStats: { mean: number; sd: number }[];
  /** per input, per area */
  standardised: number[][];
  combined: number[];
  combinedStats: { mean: number; sd: number };
  index: number[];
  boundaries: ClassBoundary[];
  classOf: number[];
  counts: number[];
}

/** The outstanding changes of one dynamics column as the reference computes them. */
export interface ReferenceOutstanding {
  n: number;
  mean: number;
  sd: number;
  z: number[];
  outstanding: boolean[];
  count: number;
}

/** The whole result of the reference. */
export interface ReferenceResult {
  valid: boolean[];
  validCount: number;
  reasonCodes: (UnscoredReasonCode | null)[];
  status: ReferencePart;
  dynamics: ReferencePart | null;
  groupOf: number[];
  groupCounts: number[];
  ruleHits: Record<string, boolean[]>;
  attention: boolean[];
  attentionCount: number;
  outstanding: ReferenceOutstanding[] | null;
}

const isFiniteNumber = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x); // prettier-ignore

/**
 * Mean with one correction step (the corrected two-pass algorithm, Chan, Golub & LeVeque 1983): Σx / N
 * of values far from 0 (e.g. 1000 ± 0.5) is off by rounding that 1 / SD would magnify in z-values.
 */
function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  const m = s / xs.length;
  let d = 0;
  for (const x of xs) d += x - m;
  return m + d / xs.length;
}

/** Population SD (÷ N). */
function sd(xs: readonly number[], m: number): number {
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

/** The scored areas and the reason code of every other one. */
function validityOf(
  rules: ValidityRules,
  input: IndexColumnsInput,
): { valid: boolean[]; reasons: (UnscoredReasonCode | null)[] } {
  const n = input.ids.length;
  const reasons: (UnscoredReasonCode | null)[] = [];
  if (input.validAreaIds) {
    const unknown = input.validAreaIds.filter((id) => !input.ids.includes(id));
    if (unknown.length > 0) throw new MonitoringError('unknown_area', unknown.join(', '));
    for (let i = 0; i < n; i++)
      reasons.push(input.validAreaIds.includes(input.ids[i] as string) ? null : 'not_in_valid_list'); // prettier-ignore
  } else {
    const excluded = new Set((rules.exclusions ?? []).map((e) => e.areaId));
    const min = rules.minPopulation ?? null;
    for (let i = 0; i < n; i++) {
      const pop = input.population[i] as number;
      if (excluded.has(input.ids[i] as string)) reasons.push('excluded');
      else if (min !== null && Number.isNaN(pop)) reasons.push('population_missing');
      else if (min !== null && !(pop >= min)) reasons.push('population_below_min');
      else reasons.push(null);
    }
  }
  return { valid: reasons.map((r) => r === null), reasons };
}

/** Every input column of the definition (status, then dynamics). */
function inputsOf(
  definition: IndexDefinition,
  input: IndexColumnsInput,
): { part: 'status' | 'dynamics'; col: Float64Array }[] {
  return [
    ...definition.status.inputs.map((inp) => ({
      part: 'status' as const,
      col: input.values[inp.indicatorId] as Float64Array,
    })),
    ...(definition.dynamics?.inputs ?? []).map((inp) => ({
      part: 'dynamics' as const,
      col: input.dynamics?.[inp.indicatorId] as Float64Array,
    })),
  ];
}

/** Missing values of scored areas: exclude the area, or refuse (missing_value / missing_dynamics). */
function applyMissingValues(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  valid: boolean[],
  reasons: (UnscoredReasonCode | null)[],
): void {
  let code: 'missing_value' | 'missing_dynamics' | null = null;
  for (const { part, col } of inputsOf(definition, input))
    for (let i = 0; i < valid.length; i++) {
      if (!valid[i] || isFiniteNumber(col[i])) continue;
      if (definition.validity.missingValues === 'exclude') {
        valid[i] = false;
        reasons[i] = 'missing_value';
      } else if (code === null || part === 'dynamics') code = part === 'dynamics' ? 'missing_dynamics' : 'missing_value'; // prettier-ignore
    }
  if (code !== null) throw new MonitoringError(code, 'fehlende Werte');
}

/** Standardised value of x among the valid values (oriented: higher = more disadvantaged). */
function standardise(
  method: IndexPart['standardisation'],
  sign: number,
  x: number,
  values: readonly number[],
  stats: { mean: number; sd: number; min: number; max: number },
): number {
  if (method === 'zscore') return (sign * (x - stats.mean)) / stats.sd;
  if (method === 'minmax') {
    const r = (x - stats.min) / (stats.max - stats.min);
    return sign > 0 ? r : 1 - r;
  }
  // percentile rank, ties counted half
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (sign * v < sign * x) below++;
    else if (sign * v === sign * x) equal++;
  }
  return (below + equal / 2) / values.length;
}

/** Statistics of the values of the scored areas; throws zero_variance when they are all equal. */
function statsOrThrow(values: readonly number[]): {
  mean: number;
  sd: number;
  min: number;
  max: number;
} {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) throw new MonitoringError('zero_variance', 'keine Streuung');
  const m = mean(values);
  return { mean: m, sd: sd(values, m), min, max };
}

/** Type-7 quantile of sorted values. */
function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  if (lo >= sorted.length - 1) return sorted[sorted.length - 1] as number;
  const a = sorted[lo] as number;
  const b = sorted[lo + 1] as number;
  return h === lo ? a : a + (h - lo) * (b - a);
}

/** The class boundaries of a part in index units. */
function boundariesOf(part: IndexPart, indexValues: readonly number[]): ClassBoundary[] {
  const scheme = part.classes;
  return scheme.boundaries.map((b) => {
    if (scheme.kind === 'fixed') return { value: b.value, onBoundary: b.onBoundary };
    if (scheme.kind === 'quantile') {
      const sorted = [...indexValues].sort((x, y) => x - y);
      return { value: quantile7(sorted, b.value), onBoundary: b.onBoundary };
    }
    // sd: a z re-standardised index has mean 0 and SD 1 by definition (the MSS uses ±1,0 as given)
    if (part.restandardise && part.standardisation === 'zscore')
      return { value: b.value, onBoundary: b.onBoundary };
    const m = mean(indexValues);
    return { value: m + b.value * sd(indexValues, m), onBoundary: b.onBoundary };
  });
}

/**
 * Class (0-based) of a value: the number of boundaries it lies above (on a boundary: as onBoundary
 * says). Counted over all boundaries, as the engine does: where quantile boundaries over tied values
 * coincide ('lower' then 'upper' at one value), a value there lies above the second only.
 */
function classOf(value: number, boundaries: readonly ClassBoundary[]): number {
  let c = 0;
  for (const b of boundaries)
    if (value > b.value || (value === b.value && b.onBoundary === 'upper')) c++;
  return c;
}

/** One part, area by area. */
function referencePart(
  part: IndexPart,
  columns: Readonly<Record<string, Float64Array>>,
  valid: readonly boolean[],
): ReferencePart {
  const n = valid.length;
  const scored = (col: ArrayLike<number>) => Array.from(col).filter((_, i) => valid[i]);
  const m = part.inputs.length;
  const weights = part.inputs.map((inp) =>
    part.combination === 'weighted_sum' ? (part.weights?.[inp.indicatorId] as number) : 1,
  );
  const inputStats = part.inputs.map((inp) => statsOrThrow(scored(columns[inp.indicatorId] as Float64Array))); // prettier-ignore
  const standardised = part.inputs.map((inp, j) => {
    const col = columns[inp.indicatorId] as Float64Array;
    const values = scored(col);
    const sign = inp.direction === 'higher_is_better' ? -1 : 1;
    const st = inputStats[j] as ReturnType<typeof statsOrThrow>;
    return Array.from(col, (x, i) => (valid[i] ? standardise(part.standardisation, sign, x, values, st) : NaN)); // prettier-ignore
  });
  const combined: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!valid[i]) {
      combined.push(NaN);
      continue;
    }
    let c = 0;
    for (let j = 0; j < m; j++) {
      // 'mean' is the sum with weights 1/m
      const w = part.combination === 'mean' ? (weights[j] as number) / m : (weights[j] as number);
      c += w * ((standardised[j] as number[])[i] as number);
    }
    combined.push(c);
  }
  const combinedValues = scored(combined);
  const cm = mean(combinedValues);
  const combinedStats = { mean: cm, sd: sd(combinedValues, cm) };
  let index = combined;
  if (part.restandardise) {
    const st = statsOrThrow(combinedValues);
    index = combined.map((c) => (Number.isNaN(c) ? NaN : standardise(part.standardisation, 1, c, combinedValues, st))); // prettier-ignore
  }
  const boundaries = boundariesOf(part, scored(index));
  const classes = index.map((v, i) => (valid[i] ? classOf(v, boundaries) : -1));
  const counts = part.classes.classes.map((_, c) => classes.filter((k) => k === c).length);
  return {
    weights,
    inputStats: inputStats.map((s) => ({ mean: s.mean, sd: s.sd })),
    standardised,
    combined,
    combinedStats,
    index,
    boundaries,
    classOf: classes,
    counts,
  };
}

/** The changes standing out against the distribution of all finite changes of one column. */
function referenceOutstanding(
  col: Float64Array,
  options: OutstandingChangeOptions,
): ReferenceOutstanding {
  const threshold = options.threshold ?? 2;
  const direction = options.direction ?? 'both';
  const values = Array.from(col).filter((x) => Number.isFinite(x));
  if (values.length < 2) throw new MonitoringError('no_valid_area', 'zu wenige Werte');
  const m = mean(values);
  const s = sd(values, m);
  if (s === 0) throw new MonitoringError('zero_variance', 'keine Streuung');
  const z = Array.from(col, (x) => (x - m) / s);
  const outstanding = z.map(
    (v) =>
      (direction !== 'decrease' && v > threshold) || (direction !== 'increase' && v < -threshold),
  );
  return { n: values.length, mean: m, sd: s, z, outstanding, count: outstanding.filter(Boolean).length }; // prettier-ignore
}

/** The matrix group, rule hits and attention flag of every area. */
function referenceMatrix(
  definition: IndexDefinition,
  valid: readonly boolean[],
  status: ReferencePart,
  dynamics: ReferencePart | null,
): Pick<ReferenceResult, 'groupOf' | 'groupCounts' | 'ruleHits' | 'attention' | 'attentionCount'> {
  const matrix = definition.matrix ?? [];
  const rules = definition.rules ?? [];
  const sCode = (i: number) => definition.status.classes.classes[status.classOf[i] as number]?.code; // prettier-ignore
  const dCode = (i: number) =>
    dynamics ? (definition.dynamics as DynamicsPart).classes.classes[dynamics.classOf[i] as number]?.code : undefined; // prettier-ignore
  const groupOf = valid.map((ok, i) =>
    ok ? matrix.findIndex((g) => g.status === sCode(i) && g.dynamics === dCode(i)) : -1,
  );
  const ruleHits: Record<string, boolean[]> = {};
  for (const r of rules)
    ruleHits[r.id] = valid.map(
      (ok, i) =>
        ok &&
        r.when.some(
          (w) =>
            w.status.includes(sCode(i) as string) &&
            (w.dynamics === undefined || w.dynamics.includes(dCode(i) as string)),
        ),
    );
  const attention = valid.map((_, i) => rules.some((r) => (ruleHits[r.id] as boolean[])[i]));
  return {
    groupOf,
    groupCounts: matrix.map((_, g) => groupOf.filter((x) => x === g).length),
    ruleHits,
    attention,
    attentionCount: attention.filter(Boolean).length,
  };
}

/**
 * The index of `definition` for columnar input, the plain way. Throws MonitoringError with the
 * engine's code for the same problem (the messages are not the engine's). Assumes a valid
 * definition and complete input columns (the engine's own checks of those are tested elsewhere).
 */
export function referenceIndex(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  options: { outstandingChanges?: OutstandingChangeOptions } = {},
): ReferenceResult {
  const { valid, reasons } = validityOf(definition.validity, input);
  if (!valid.some(Boolean)) throw new MonitoringError('no_valid_area', 'kein Gebiet');
  applyMissingValues(definition, input, valid, reasons);
  if (!valid.some(Boolean)) throw new MonitoringError('no_valid_area', 'kein Gebiet');
  const status = referencePart(definition.status, input.values, valid);
  const dynamics = definition.dynamics
    ? referencePart(definition.dynamics, input.dynamics ?? {}, valid)
    : null;
  const outstanding =
    definition.dynamics && options.outstandingChanges
      ? definition.dynamics.inputs.map(
          (inp) =>
          referenceOutstanding(input.dynamics?.[inp.indicatorId] as Float64Array, options.outstandingChanges as OutstandingChangeOptions), // prettier-ignore
        )
      : null;
  return {
    valid,
    validCount: valid.filter(Boolean).length,
    reasonCodes: reasons,
    status,
    dynamics,
    ...referenceMatrix(definition, valid, status, dynamics),
    outstanding,
  };
}
