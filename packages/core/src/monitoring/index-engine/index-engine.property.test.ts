// The index engine equals the plain per-area reference (reference.test-support.ts) on hundreds of
// random definitions and inputs (seeded, so every failure reproduces): random part counts, weights,
// polarities, standardisations, combinations, class schemes (sd, quantile, fixed; 1–4 boundaries),
// missing values, minimum populations, exclusions, explicit lists, matrix and rules on or off, the
// outstanding-changes option, materialise 'lazy' / 'all', and a workspace reused between runs.
// Both the fast path (MSS-like definitions) and the general path are hit (asserted below).
//
// Equality: everything discrete — validity, reason codes, classes, class counts, matrix groups, rule
// hits, attention, outstanding flags and counts, error codes — must be EXACTLY equal. Numbers (input
// statistics, standardised values, combined values, index values, resolved boundaries, z-values of
// the outstanding changes) must agree within 1e-12 (relative, absolute below 1): the engine sums in
// one pass with shifted sums and multiplies by 1/SD, the reference sums textbook-style and divides,
// so the last bits may legitimately differ. The generator keeps class boundaries of z-scored parts
// off values an index can hit exactly, so rounding cannot move an area across a boundary. Cases
// whose combined values differ only by rounding noise are skipped (degenerate(), < 1 % of cases).
// Run with other seeds and more cases before tuning the engine (done for 10 seeds × 4,000
// cases when this test was written).
import { describe, expect, it } from 'vitest';
import { MonitoringError } from '../errors.ts';
import type {
  ClassScheme,
  DynamicsPart,
  IndexDefinition,
  IndexPart,
  MatrixRule,
  StandardisationMethod,
} from '../types.ts';
import { computeIndex, computeIndexColumns } from './compute.ts';
import type { OutstandingChangeOptions } from './outstanding.ts';
import { referenceIndex } from './reference.test-support.ts';
import type { ReferencePart, ReferenceResult } from './reference.test-support.ts';
import type { IndexAreaInput, IndexColumnsInput, IndexResult, PartResult } from './types.ts';
import { createIndexWorkspace } from './workspace.ts';
import type { IndexWorkspace } from './workspace.ts';

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rng, p: number) => r() < p;
/** A value with 3 decimals (never a round number an index can hit exactly). */
const odd = (r: Rng, lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) * 1000) / 1000 + 0.0001; // prettier-ignore

/** Ascending distinct values from `draw`. */
function ascending(r: Rng, k: number, draw: () => number): number[] {
  for (;;) {
    const xs = Array.from({ length: k }, draw).sort((a, b) => a - b);
    if (xs.every((x, i) => i === 0 || x > (xs[i - 1] as number))) return xs;
  }
}

function classScheme(
  r: Rng,
  part: 'S' | 'D',
  std: StandardisationMethod,
  fast: boolean,
): ClassScheme {
  const kind = fast ? pick(r, ['sd', 'sd', 'fixed'] as const) : pick(r, ['sd', 'quantile', 'fixed'] as const); // prettier-ignore
  const k = fast ? int(r, 1, 3) : int(r, 1, 4);
  const side = () => pick(r, ['lower', 'upper'] as const);
  let values: number[];
  if (kind === 'quantile') values = ascending(r, k, () => odd(r, 0.05, 0.95));
  else if (kind === 'sd' && fast && k === 2 && chance(r, 0.5))
    values = [-1, 1]; // the MSS boundaries
  else if (kind === 'sd')
    values = ascending(r, k, () => (chance(r, 0.5) ? -1 : 1) * odd(r, 0.3, 1.8)); // prettier-ignore
  // fixed: in the range of the index (z about ±2; min–max and percentile ranks 0–1, sums up to m)
  else values = ascending(r, k, () => (std === 'zscore' ? odd(r, -2, 2) : odd(r, 0, 1.5)));
  return {
    kind,
    boundaries: values.map((value) => ({ value, onBoundary: side() })),
    classes: Array.from({ length: k + 1 }, (_, c) => ({ code: `${part}${c}`, label: `Klasse ${c}` })), // prettier-ignore
  };
}

function indexPart(r: Rng, part: 'S' | 'D', fast: boolean): IndexPart {
  const m = fast ? int(r, 1, 4) : int(r, 1, 5);
  const standardisation: StandardisationMethod = fast ? 'zscore' : pick(r, ['zscore', 'minmax', 'percentile_rank']); // prettier-ignore
  const combination = pick(r, ['sum', 'mean', 'weighted_sum'] as const);
  const inputs = Array.from({ length: m }, (_, j) => ({
    indicatorId: `${part}${j + 1}`,
    label: `Indikator ${part}${j + 1}`,
    direction: pick(r, ['higher_is_worse', 'higher_is_better'] as const),
  }));
  // weighted sums with all weights 1 too (the fast path's unit-weight kernel)
  const unit = chance(r, 0.25);
  return {
    label: part === 'S' ? 'Status-Index' : 'Dynamik-Index',
    inputs,
    standardisation,
    combination,
    ...(combination === 'weighted_sum'
      ? { weights: Object.fromEntries(inputs.map((inp) => [inp.indicatorId, unit ? 1 : odd(r, 0.2, 3)])) } // prettier-ignore
      : {}),
    restandardise: fast || chance(r, 0.6),
    classes: classScheme(r, part, standardisation, fast),
  };
}

function matrixAndRules(r: Rng, s: IndexPart, d: IndexPart | undefined): Partial<IndexDefinition> {
  const sCodes = s.classes.classes.map((c) => c.code);
  const dCodes = d ? d.classes.classes.map((c) => c.code) : [];
  const subset = (codes: string[]) => {
    const xs = codes.filter(() => chance(r, 0.4));
    return xs.length > 0 ? xs : [pick(r, codes)];
  };
  const rules: MatrixRule[] = Array.from({ length: int(r, 0, 2) }, (_, k) => ({
    id: `regel${k}`,
    label: `Regel ${k}`,
    when: Array.from({ length: int(r, 1, 2) }, () => ({
      status: subset(sCodes),
      ...(d && chance(r, 0.6) ? { dynamics: subset(dCodes) } : {}),
    })),
  }));
  const matrix =
    d && chance(r, 0.7)
      ? sCodes.flatMap((sc) => dCodes.map((dc) => ({ status: sc, dynamics: dc, code: `${sc}${dc}`, label: `${sc} / ${dc}` }))) // prettier-ignore
      : undefined;
  return { ...(matrix ? { matrix } : {}), ...(rules.length > 0 ? { rules } : {}) };
}

function definitionOf(r: Rng, ids: readonly string[], fast: boolean): IndexDefinition {
  const status = indexPart(r, 'S', fast);
  const dynamics: DynamicsPart | undefined =
    fast || chance(r, 0.6) ? { ...indexPart(r, 'D', fast), periodYears: 2 } : undefined;
  const exclusions = ids.filter(() => chance(r, 0.05)).map((areaId) => ({ areaId, reason: 'Gewerbegebiet' })); // prettier-ignore
  return {
    id: 'zufall',
    label: 'Zufallsindex',
    status,
    ...(dynamics ? { dynamics } : {}),
    validity: {
      minPopulation: chance(r, 0.7) ? int(r, 0, 400) : null,
      ...(exclusions.length > 0 ? { exclusions } : {}),
      missingValues: chance(r, 0.7) ? 'exclude' : 'error',
    },
    ...matrixAndRules(r, status, dynamics),
  };
}

/** A column of n values: uniform or skewed, with an offset, sometimes rounded (ties), with missing values. */
function column(r: Rng, n: number, missing: number): Float64Array {
  const offset = pick(r, [0, 10, 1000]);
  const scale = odd(r, 0.5, 30);
  const skewed = chance(r, 0.3);
  const ties = chance(r, 0.3);
  return Float64Array.from({ length: n }, () => {
    if (chance(r, missing)) return chance(r, 0.9) ? NaN : Infinity;
    const u = r();
    const x = offset + scale * (skewed ? u * u * u : u);
    return ties ? Math.round(x) : x;
  });
}

function inputOf(r: Rng, definition: IndexDefinition, n: number): IndexColumnsInput {
  const ids = Array.from({ length: n }, (_, i) => `A${i}`);
  const missing = definition.validity.missingValues === 'exclude' ? pick(r, [0, 0.03, 0.1]) : pick(r, [0, 0, 0, 0.01]); // prettier-ignore
  const population = Float64Array.from({ length: n }, () => (chance(r, 0.05) ? NaN : int(r, 0, 3000))); // prettier-ignore
  const values = Object.fromEntries(definition.status.inputs.map((inp) => [inp.indicatorId, column(r, n, missing)])); // prettier-ignore
  const dynamics = definition.dynamics
    ? Object.fromEntries(definition.dynamics.inputs.map((inp) => [inp.indicatorId, column(r, n, missing)])) // prettier-ignore
    : undefined;
  const validAreaIds = chance(r, 0.1) ? ids.filter(() => chance(r, 0.8)) : undefined;
  return { ids, population, values, ...(dynamics ? { dynamics } : {}), ...(validAreaIds ? { validAreaIds } : {}) }; // prettier-ignore
}

/** The same input as area objects (computeIndex): NaN becomes null. */
function areasOf(input: IndexColumnsInput): IndexAreaInput[] {
  const record = (cols: Readonly<Record<string, Float64Array>> | undefined, i: number) =>
    Object.fromEntries(Object.entries(cols ?? {}).map(([id, c]) => [id, Number.isNaN(c[i]) ? null : (c[i] as number)])); // prettier-ignore
  return input.ids.map((id, i) => ({
    id,
    population: Number.isNaN(input.population[i]) ? null : (input.population[i] as number),
    values: record(input.values, i),
    ...(input.dynamics ? { dynamics: record(input.dynamics, i) } : {}),
  }));
}

const TOLERANCE = 1e-12;

/** Numbers equal within 1e-12 (relative; absolute below 1); NaN only equals NaN. */
function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The first difference between engine and reference, or null. */
function firstDifference(
  what: string,
  engine: ArrayLike<number>,
  reference: ArrayLike<number>,
  exact: boolean,
): string | null {
  if (engine.length !== reference.length) return `${what}: length ${engine.length} ≠ ${reference.length}`; // prettier-ignore
  for (let i = 0; i < engine.length; i++) {
    const a = engine[i] as number;
    const b = reference[i] as number;
    if (exact ? !Object.is(a, b) : !close(a, b))
      return `${what}[${i}]: engine ${a}, reference ${b}`;
  }
  return null;
}

function partDifferences(name: string, e: PartResult, r: ReferencePart): (string | null)[] {
  return [
    firstDifference(`${name}.weights`, e.weights, r.weights, true),
    firstDifference(`${name}.inputStats.mean`, e.inputStats.map((s) => s.mean), r.inputStats.map((s) => s.mean), false), // prettier-ignore
    firstDifference(`${name}.inputStats.sd`, e.inputStats.map((s) => s.sd), r.inputStats.map((s) => s.sd), false), // prettier-ignore
    ...r.standardised.map((col, j) => firstDifference(`${name}.standardised[${j}]`, e.standardised[j] as Float64Array, col, false)), // prettier-ignore
    firstDifference(`${name}.combined`, e.combined, r.combined, false),
    firstDifference(`${name}.combinedStats`, [e.combinedStats.mean, e.combinedStats.sd], [r.combinedStats.mean, r.combinedStats.sd], false), // prettier-ignore
    firstDifference(`${name}.index`, e.index, r.index, false),
    firstDifference(`${name}.boundaries`, e.boundaries.map((b) => b.value), r.boundaries.map((b) => b.value), false), // prettier-ignore
    e.boundaries.some((b, k) => b.onBoundary !== r.boundaries[k]?.onBoundary) ? `${name}.boundaries: onBoundary` : null, // prettier-ignore
    firstDifference(`${name}.classOf`, e.classOf, r.classOf, true),
    firstDifference(`${name}.counts`, e.counts, r.counts, true),
  ];
}

/** Every difference between an engine result and the reference (empty = equal). */
function differences(e: IndexResult, r: ReferenceResult): string[] {
  const bits = (xs: readonly boolean[]) => xs.map(Number);
  const out = [
    firstDifference('valid', e.valid, bits(r.valid), true),
    e.validCount === r.validCount ? null : `validCount ${e.validCount} ≠ ${r.validCount}`,
    e.reasonCodes.every((c, i) => c === r.reasonCodes[i]) ? null : 'reasonCodes',
    ...partDifferences('status', e.status, r.status),
    ...(r.dynamics && e.dynamics ? partDifferences('dynamics', e.dynamics, r.dynamics) : []),
    (e.dynamics === null) === (r.dynamics === null) ? null : 'dynamics present',
    firstDifference('groupOf', e.groupOf, r.groupOf, true),
    firstDifference('groupCounts', e.groupCounts, r.groupCounts, true),
    ...Object.entries(r.ruleHits).map(([id, hits]) => firstDifference(`ruleHits.${id}`, e.ruleHits[id] ?? [], bits(hits), true)), // prettier-ignore
    Object.keys(e.ruleHits).length === Object.keys(r.ruleHits).length ? null : 'rule count',
    firstDifference('attention', e.attention, bits(r.attention), true),
    e.attentionCount === r.attentionCount ? null : `attentionCount ${e.attentionCount} ≠ ${r.attentionCount}`, // prettier-ignore
    (e.outstandingChanges === null) === (r.outstanding === null) ? null : 'outstanding present',
    ...(r.outstanding ?? []).flatMap((o, j) => {
      const f = e.outstandingChanges?.[j];
      if (!f) return [`outstanding[${j}] missing`];
      return [
        firstDifference(`outstanding[${j}].n/count`, [f.n, f.outstandingCount], [o.n, o.count], true), // prettier-ignore
        firstDifference(`outstanding[${j}].mean/sd`, [f.mean, f.sd], [o.mean, o.sd], false),
        f.z ? firstDifference(`outstanding[${j}].z`, f.z, o.z, false) : null,
        firstDifference(`outstanding[${j}].flags`, f.outstanding, bits(o.outstanding), true),
      ];
    }),
  ];
  return out.filter((x): x is string => x !== null);
}

/**
 * A part whose combined values are equal in exact arithmetic but not after rounding (e.g. two valid
 * areas: every z is ±1, and ±1 terms can cancel). Their SD is rounding noise, so a re-standardised
 * index of them is noise too, in the engine and in the reference alike: such cases are not compared.
 */
function degenerate(r: ReferenceResult): boolean {
  return [r.status, r.dynamics].some((p) => p !== null && p.combinedStats.sd < 1e-9);
}

/** The error code of a computation, or its result. */
function attempt<T>(f: () => T): { ok: T } | { code: string } {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof MonitoringError) return { code: e.code };
    throw e;
  }
}

const CASES = 600;
const SEED = 20261205;

describe('index engine against the per-area reference (seeded property test)', () => {
  // 600 full runs: about a second alone, several on a busy 2-core machine (not a speed check)
  it(
    `gives the reference's result on ${CASES} random definitions and inputs`,
    { timeout: 60_000 },
    () => {
      const r = mulberry32(SEED);
      // one workspace for all runs: stale buffers of an earlier run must not leak into a result
      const shared: IndexWorkspace = createIndexWorkspace();
      const seen = { fast: 0, general: 0, errors: 0, outstanding: 0, compared: 0, degenerate: 0 };
      for (let k = 0; k < CASES; k++) {
        const fast = chance(r, 0.4);
        const n = int(r, 12, 60);
        const ids = Array.from({ length: n }, (_, i) => `A${i}`);
        const definition = definitionOf(r, ids, fast);
        const input = inputOf(r, definition, n);
        const outstandingChanges: OutstandingChangeOptions | undefined = chance(r, 0.4)
          ? { threshold: odd(r, 1, 2.5), direction: pick(r, ['both', 'increase', 'decrease'] as const), withZ: chance(r, 0.7) } // prettier-ignore
          : undefined;
        const workspace = pick(r, [undefined, shared, createIndexWorkspace()]);
        const materialise = pick(r, ['lazy', 'all'] as const);
        const objects = !outstandingChanges && chance(r, 0.15);
        const context = `case ${k} (seed ${SEED}): ${JSON.stringify(definition)}`;
        const engine = attempt(
          () =>
        objects
          ? computeIndex(definition, { areas: areasOf(input), ...(input.validAreaIds ? { validAreaIds: input.validAreaIds } : {}) }) // prettier-ignore
          : computeIndexColumns(definition, input, workspace, { ...(outstandingChanges ? { outstandingChanges } : {}), materialise }), // prettier-ignore
        );
        const reference = attempt(() => referenceIndex(definition, input, outstandingChanges ? { outstandingChanges } : {})); // prettier-ignore
        if ('code' in reference || 'code' in engine) {
          expect('code' in engine ? engine.code : 'result', context).toBe('code' in reference ? reference.code : 'result'); // prettier-ignore
          seen.errors++;
          continue;
        }
        if (degenerate(reference.ok)) {
          seen.degenerate++;
          continue;
        }
        expect(differences(engine.ok, reference.ok), context).toEqual([]);
        seen.compared++;
        if (engine.ok.outstandingChanges) seen.outstanding++;
        if (fast) seen.fast++;
        else seen.general++;
      }
      // the generator reaches every branch it is meant to test
      expect(seen.fast).toBeGreaterThan(100);
      expect(seen.general).toBeGreaterThan(150);
      expect(seen.outstanding).toBeGreaterThan(60);
      expect(seen.errors).toBeGreaterThan(10);
      expect(seen.compared).toBeGreaterThan(CASES / 2);
      expect(seen.degenerate).toBeLessThan(CASES / 100);
    },
  );

  it('notices a changed result (the comparison can fail)', () => {
    const r = mulberry32(7);
    const ids = Array.from({ length: 30 }, (_, i) => `A${i}`);
    const definition = definitionOf(r, ids, true);
    const input = inputOf(r, { ...definition, validity: { missingValues: 'exclude' } }, 30);
    const def = { ...definition, validity: { missingValues: 'exclude' as const } };
    const engine = computeIndexColumns(def, input);
    const reference = referenceIndex(def, input);
    expect(differences(engine, reference)).toEqual([]);
    const i = engine.valid.indexOf(1);
    (reference.status.combined as number[])[i] = (reference.status.combined[i] as number) + 1e-9;
    reference.status.classOf[i] = (reference.status.classOf[i] as number) + 1;
    const found = differences(engine, reference);
    expect(found).toContainEqual(expect.stringContaining('status.combined['));
    expect(found).toContainEqual(expect.stringContaining('status.classOf['));
  });
});
