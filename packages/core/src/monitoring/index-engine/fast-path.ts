// The fast path for a status and a dynamics part that are both z-scores of ≤ 4 inputs, z
// re-standardised, with ≤ 3 boundaries known in advance (all MSS presets): the z-standardisation
// and combination of each part in one pass over its ≤ 4 input columns, and — inside
// applyMatrix — re-standardisation, classes of both parts and the matrix cells in one more pass
// (./kernels.ts). The arithmetic per value is that of the general path (./part.ts), so the results
// are identical (index-engine.property.test.ts); the errors come in the same order.
import type { IndexDefinition, IndexPart } from '../types.ts';
import { boundariesKnownInAdvance, strictThresholds } from './classify.ts';
import {
  finalKernel,
  finalKernelAll,
  flagTerms,
  restandardisedColumn,
  zCombine,
  zSum,
  zSumFlag4,
  zTerms,
} from './kernels.ts';
import type { ClassTerms, ZTerms } from './kernels.ts';
import type { FusedFinalPass } from './matrix.ts';
import { limitSlots, outstandingFlagSlots } from './outstanding.ts';
import type { OutstandingLimits } from './outstanding.ts';
import { combinedSubject, inputSubject, partResult, termsOf } from './part.ts';
import type { PartContext } from './part.ts';
import { quadOf, slotValues } from './quad.ts';
import { lazyZColumns } from './standardise.ts';
import { assertVariance, statsOfSums } from './stats.ts';
import type { ColumnStats, IndexColumnsInput, PartResult, ResolvedBoundary } from './types.ts';
import { F64, I8 } from './workspace.ts';
import type { IndexWorkspace } from './workspace.ts';

/** A part the fast path can take: z-scores of ≤ 4 inputs, z re-standardised, ≤ 3 boundaries known in advance. */
export function fastPart(part: IndexPart): boolean {
  const known = boundariesKnownInAdvance(part);
  return (
    part.standardisation === 'zscore' &&
    part.restandardise &&
    known !== null &&
    known.length <= 3 &&
    part.inputs.length >= 1 &&
    part.inputs.length <= 4
  );
}

/** The outstanding changes to flag in the z-sum pass: the limits per dynamics column, the workspace for the flag columns. */
export interface FusedOutstanding {
  limits: readonly OutstandingLimits[];
  workspace: IndexWorkspace | undefined;
}

/** What the fast path gives: both parts, the final pass for applyMatrix, the flags when taken in the z-sum pass. */
export interface FusedParts {
  status: PartResult;
  dynamics: PartResult;
  fused: FusedFinalPass;
  outstanding: { flags: Uint8Array; count: number }[] | null;
}

/** One part of the fast path: its definition, columns, input statistics and terms. */
interface FastPart {
  part: IndexPart;
  cols: Float64Array[];
  stats: ColumnStats[];
  terms: ReturnType<typeof termsOf>;
  z: ZTerms;
}

function fastPartOf(
  part: IndexPart,
  columns: Readonly<Record<string, Float64Array>>,
  stats: ColumnStats[],
  combined: Float64Array,
): FastPart {
  const cols = part.inputs.map((inp) => columns[inp.indicatorId] as Float64Array);
  const terms = termsOf(part);
  // 4 slots per part; unused slots compute on column 0 with mean, scale and weight 0 (as standardiseZFused).
  const z = zTerms(
    quadOf(cols),
    slotValues(
      stats.map((c) => c.mean),
      0,
    ),
    slotValues(
      stats.map((c, j) => (terms.signs[j] as number) / c.sd),
      0,
    ),
    slotValues(terms.termWeights, 0),
    combined,
  );
  return { part, cols, stats, terms, z };
}

/** Fast path for both parts (fastPart holds for both); see the file comment. */
export function computePartsFused(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  stats: ColumnStats[],
  ctx: PartContext,
  outstanding: FusedOutstanding | null,
  materialiseAll = false,
): FusedParts {
  const { valid, validCount, n, take } = ctx;
  const ns = definition.status.inputs.length;
  const s = fastPartOf(definition.status, input.values, stats.slice(0, ns), take('status.combined', F64, n)); // prettier-ignore
  const d = fastPartOf(definition.dynamics as IndexPart, input.dynamics ?? {}, stats.slice(ns), take('dynamics.combined', F64, n)); // prettier-ignore
  // All weights of the used inputs exactly 1 (combination 'sum', the MSS): 1·z = z, so the kernel
  // without the weight products gives identical sums (an unused slot's z is ±0 like 0·z was).
  const unit = s.terms.termWeights.every((x) => x === 1) && d.terms.termWeights.every((x) => x === 1); // prettier-ignore
  let flagged: FusedParts['outstanding'] = null;
  const sSums = (unit ? zSum : zCombine)(valid, s.z);
  let dSums: Float64Array;
  if (outstanding && unit) {
    // The outstanding changes in the dynamics part's pass: only the 1s written into zeroed flag
    // columns; unused slots flag nothing into a scratch column.
    const { limits, workspace } = outstanding;
    const flags = outstandingFlagSlots(workspace, 0, limits.length, n);
    const counts = new Float64Array(4);
    const { lo, hi } = limitSlots(limits);
    dSums = zSumFlag4(valid, d.z, flagTerms(lo, hi, flags, counts));
    const flagCols = [flags.c0, flags.c1, flags.c2, flags.c3];
    flagged = limits.map((_, j) => ({ flags: flagCols[j] as Uint8Array, count: counts[j] as number })); // prettier-ignore
  } else dSums = (unit ? zSum : zCombine)(valid, d.z);
  const sCombStats = statsOfSums(0, sSums[0] as number, sSums[1] as number, validCount);
  const dCombStats = statsOfSums(0, dSums[0] as number, dSums[1] as number, validCount);
  // Errors in the order of computePart: inputs, then the combined values, status before dynamics.
  for (const [p, comb] of [
    [s, sCombStats],
    [d, dCombStats],
  ] as const) {
    p.part.inputs.forEach((inp, j) =>
      assertVariance(p.stats[j] as ColumnStats, validCount, inputSubject(inp)),
    );
    assertVariance(comb, validCount, combinedSubject(p.part));
  }
  const sFinal = finalPart(s, sCombStats, 'status', ctx, materialiseAll);
  const dFinal = finalPart(d, dCombStats, 'dynamics', ctx, materialiseAll);
  const fused: FusedFinalPass = (nd, nc, out) => {
    const cells =
      out && sFinal.indexAll && dFinal.indexAll
        ? finalKernelAll(valid, sFinal.terms, dFinal.terms, { sIndex: sFinal.indexAll, dIndex: dFinal.indexAll }, nd, out) // prettier-ignore
        : finalKernel(valid, sFinal.terms, dFinal.terms, nd, nc);
    // areas per class of either part: sums over the cells (status class × nd + dynamics class)
    const sClasses = s.part.classes.classes.length;
    for (let c = 0; c < sClasses; c++) {
      let k = 0;
      for (let dc = 0; dc < nd; dc++) k += cells[c * nd + dc] as number;
      sFinal.counts.push(k);
    }
    for (let dc = 0; dc < d.part.classes.classes.length; dc++) {
      let k = 0;
      for (let c = 0; c < sClasses; c++) k += cells[c * nd + dc] as number;
      dFinal.counts.push(k);
    }
    return cells;
  };
  return { status: sFinal.result, dynamics: dFinal.result, fused, outstanding: flagged };
}

/**
 * The final pass's view of one part and its result. The index column is not written by the final
 * pass (which needs the values only for the classes): built on first access from the combined
 * column with the same arithmetic — or, with materialise 'all', written by the final pass itself
 * (same arithmetic, same values). The class counts are filled by the final pass.
 */
function finalPart(
  p: FastPart,
  combinedStats: ColumnStats,
  key: 'status' | 'dynamics',
  ctx: PartContext,
  materialiseAll: boolean,
): { terms: ClassTerms; indexAll: Float64Array | null; counts: number[]; result: PartResult } {
  const { valid, n, take } = ctx;
  const combined = p.z.combined;
  const indexAll = materialiseAll ? take(`${key}.index`, F64, n) : null;
  let cache: Float64Array | null = null;
  const lazyIndex = () => {
    if (!cache) cache = restandardisedColumn(combined, combinedStats.mean, 1 / combinedStats.sd, take(`${key}.index`, F64, n)); // prettier-ignore
    return cache;
  };
  const known = boundariesKnownInAdvance(p.part) as ResolvedBoundary[];
  const classOf = take(`${key}.classOf`, I8, n);
  const counts: number[] = [];
  const terms: ClassTerms = {
    combined,
    mean: combinedStats.mean,
    inv: 1 / combinedStats.sd,
    t: strictThresholds(known),
    classOf,
  };
  const standardisedOf = lazyZColumns(p.cols, p.stats, p.terms.signs, valid);
  const result = partResult(p.part, standardisedOf, p.stats, p.terms.weights, combined, combinedStats, indexAll ?? lazyIndex, classOf, known, counts); // prettier-ignore
  return { terms, indexAll, counts, result };
}
