// One index part (status or dynamics) on the general path: standardise the inputs, combine them,
// re-standardise the combined value when the definition says so, classify. Every method the
// definition allows (z-score, min–max, percentile rank; sum, mean, weighted sum; sd, quantile and
// fixed classes). The fast path for the MSS presets (./fast-path.ts) gives identical results.
import type { IndexPart } from '../types.ts';
import { boundariesKnownInAdvance, classifyColumn, resolveBoundaries } from './classify.ts';
import { lazyZColumns, standardiseZFused, writeStandardised } from './standardise.ts';
import { assertVariance, statsOf } from './stats.ts';
import type { ColumnStats, PartResult, ResolvedBoundary } from './types.ts';
import { F64, I8 } from './workspace.ts';
import type { Take } from './workspace.ts';

/** The valid areas and where the part's buffers come from. */
export interface PartContext {
  valid: Uint8Array;
  validCount: number;
  n: number;
  take: Take;
}

/** Weights per input (1 for sum and mean), weights per term ('mean' = the sum with weights 1/m) and signs of z-scores. */
export function termsOf(part: IndexPart): {
  weights: number[];
  termWeights: number[];
  signs: number[];
} {
  const m = part.inputs.length;
  const weights = part.inputs.map((inp) =>
    part.combination === 'weighted_sum' ? (part.weights?.[inp.indicatorId] as number) : 1,
  );
  const termWeights = part.combination === 'mean' ? weights.map((w) => w / m) : weights;
  const signs = part.inputs.map((inp) => (inp.direction === 'higher_is_better' ? -1 : 1));
  return { weights, termWeights, signs };
}

/** The message subject of an input in errors. */
export function inputSubject(input: IndexPart['inputs'][number]): string {
  return `Indikator „${input.label}“ (${input.indicatorId})`;
}

/** The message subject of a part's combined values in errors. */
export function combinedSubject(part: IndexPart): string {
  return `Die verknüpften Werte von „${part.label}“`;
}

/** Computes one part on the general path; `key` names its buffers in the workspace. */
export function computePart(
  part: IndexPart,
  columns: Readonly<Record<string, Float64Array>>,
  inputStats: ColumnStats[],
  ctx: PartContext,
  key: string,
): PartResult {
  const { valid, validCount, n, take } = ctx;
  part.inputs.forEach((input, j) =>
    assertVariance(inputStats[j] as ColumnStats, validCount, inputSubject(input)),
  );
  const { combined, combinedStats, standardisedOf, weights } = combinePart(part, columns, inputStats, ctx, key); // prettier-ignore
  const classOf = take(`${key}.classOf`, I8, n);
  const known = boundariesKnownInAdvance(part);
  if (part.restandardise) assertVariance(combinedStats, validCount, combinedSubject(part));
  const classCount = part.classes.classes.length;
  const result = (index: Float64Array, boundaries: ResolvedBoundary[], counts: number[]) =>
    partResult(part, standardisedOf, inputStats, weights, combined, combinedStats, index, classOf, boundaries, counts); // prettier-ignore
  if (part.restandardise && part.standardisation === 'zscore' && known) {
    // MSS step 3–4: re-standardise the sum and classify, in one pass.
    const index = take(`${key}.index`, F64, n);
    const re = { combined, mean: combinedStats.mean, inv: 1 / combinedStats.sd };
    const counts = classifyColumn({ valid, index, classOf }, known, classCount, re);
    return result(index, known, counts);
  }
  let index = combined;
  if (part.restandardise) {
    index = take(`${key}.index`, F64, n);
    const stats =
      part.standardisation === 'minmax' ? statsOf(combined, valid, validCount) : combinedStats;
    writeStandardised(combined, valid, validCount, part.standardisation, 1, stats, index, null, 1);
  }
  const boundaries =
    known ??
    resolveBoundaries(
      part,
      index,
      part.restandardise ? statsOf(index, valid, validCount) : combinedStats,
      valid,
      validCount,
    );
  const counts = classifyColumn({ valid, index, classOf }, boundaries, classCount);
  return result(index, boundaries, counts);
}

/** Standardises the inputs of a part and combines them (MSS steps 1–2). */
function combinePart(
  part: IndexPart,
  columns: Readonly<Record<string, Float64Array>>,
  inputStats: ColumnStats[],
  ctx: PartContext,
  key: string,
): {
  combined: Float64Array;
  combinedStats: ColumnStats;
  standardisedOf: () => Float64Array[];
  weights: number[];
} {
  const { valid, validCount, n, take } = ctx;
  const { weights, termWeights, signs } = termsOf(part);
  const cols = part.inputs.map((inp) => columns[inp.indicatorId] as Float64Array);
  const combined = take(`${key}.combined`, F64, n);
  if (part.standardisation === 'zscore') {
    // MSS steps 1–2 (demo-data/README.md): z = (x − mean) / SD, Statussumme = Σ z — fused in one pass.
    const combinedStats = standardiseZFused(cols, inputStats, signs, termWeights, valid, validCount, combined); // prettier-ignore
    return { combined, combinedStats, standardisedOf: lazyZColumns(cols, inputStats, signs, valid), weights }; // prettier-ignore
  }
  const standardised = part.inputs.map(() => new Float64Array(n));
  // writeStandardised adds to `combined`: start from 0, also in a reused workspace buffer (before
  // ADR 0023 a second run with the same workspace added to the first run's sums).
  combined.fill(0);
  part.inputs.forEach((_, j) =>
    writeStandardised(
      cols[j] as Float64Array,
      valid,
      validCount,
      part.standardisation,
      signs[j] as number,
      inputStats[j] as ColumnStats,
      standardised[j] as Float64Array,
      combined,
      termWeights[j] as number,
    ),
  );
  const combinedStats = statsOf(combined, valid, validCount);
  return { combined, combinedStats, standardisedOf: () => standardised, weights };
}

/**
 * The columnar result of a part; the standardised inputs are built on first access, and so is the
 * index when given as a function (fast path).
 */
export function partResult(
  part: IndexPart,
  standardisedOf: () => Float64Array[],
  inputStats: ColumnStats[],
  weights: number[],
  combined: Float64Array,
  combinedStats: ColumnStats,
  index: Float64Array | (() => Float64Array),
  classOf: Int8Array,
  boundaries: ResolvedBoundary[],
  counts: number[],
): PartResult {
  return {
    label: part.label,
    inputs: part.inputs,
    standardisation: part.standardisation,
    combination: part.combination,
    get standardised() {
      return standardisedOf();
    },
    inputStats,
    weights,
    combined,
    combinedStats,
    get index() {
      return typeof index === 'function' ? index() : index;
    },
    classOf,
    classes: part.classes.classes,
    boundaries,
    counts,
  };
}
