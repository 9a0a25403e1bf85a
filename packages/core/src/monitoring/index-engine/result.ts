// Stage "result": the columnar IndexResult (reasons and matrix columns built on first read) and the
// per-area views of it (areaResultAt, getAreaResult, listAreaResults).
import { MonitoringError } from '../errors.ts';
import type { ClassLabel, IndexDefinition, MatrixGroup } from '../types.ts';
import type { MatrixColumns } from './matrix.ts';
import { changeColumnFlagsOf } from './outstanding.ts';
import type {
  ChangeColumnFlags,
  OutstandingChangeOptions,
  OutstandingLimits,
} from './outstanding.ts';
import type {
  AreaIndexResult,
  AreaPartResult,
  IndexColumnsInput,
  IndexResult,
  PartResult,
  UnscoredReasonCode,
} from './types.ts';
import { reasonsOf } from './validity.ts';
import type { Validity } from './validity.ts';

/** The computed parts of a result. */
export interface ComputedParts {
  status: PartResult;
  dynamics: PartResult | null;
  matrix: { counts: Int32Array; attentionCount: number; columns: () => MatrixColumns };
  outstandingChanges: ChangeColumnFlags[] | null;
}

/** The result of the outstanding changes flagged in the fast path's z-sum pass. */
export function outstandingOfFused(
  dynCols: readonly Float64Array[],
  limits: readonly OutstandingLimits[],
  flagged: readonly { flags: Uint8Array; count: number }[],
  options: OutstandingChangeOptions,
): ChangeColumnFlags[] {
  return flagged.map(
    (f, j) =>
    changeColumnFlagsOf(dynCols[j] as Float64Array, limits[j] as OutstandingLimits, f.flags, f.count, options), // prettier-ignore
  );
}

/** The IndexResult: reasons, reason texts, matrix group, rule hits and attention built on first read. */
export function assembleResult(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  validity: Validity,
  validCount: number,
  parts: ComputedParts,
): IndexResult {
  const n = input.ids.length;
  const { reasonCodeAt, reasonAt } = reasonsOf(validity, definition.validity, input.population);
  const { counts, attentionCount, columns: matrixColumns } = parts.matrix;
  const groupCounts = (definition.matrix ?? []).map((_, g) => counts[g] as number);
  const ruleIds = (definition.rules ?? []).map((r) => r.id);
  let ruleHitsCache: Record<string, Uint8Array> | null = null;
  let codesCache: (UnscoredReasonCode | null)[] | null = null;
  let reasonsCache: (string | null)[] | null = null;
  return {
    definition,
    ids: input.ids,
    valid: validity.valid,
    validCount,
    reasonCodeAt,
    reasonAt,
    get reasonCodes() {
      if (!codesCache) {
        codesCache = [];
        for (let i = 0; i < n; i++) codesCache.push(reasonCodeAt(i));
      }
      return codesCache;
    },
    get reasons() {
      if (!reasonsCache) {
        reasonsCache = [];
        for (let i = 0; i < n; i++) reasonsCache.push(reasonAt(i));
      }
      return reasonsCache;
    },
    status: parts.status,
    dynamics: parts.dynamics,
    get groupOf() {
      return matrixColumns().groupOf;
    },
    groupCounts,
    get ruleHits() {
      if (!ruleHitsCache) {
        const hits = matrixColumns().hits;
        ruleHitsCache = Object.fromEntries(ruleIds.map((id, r) => [id, hits[r] as Uint8Array]));
      }
      return ruleHitsCache;
    },
    get attention() {
      return matrixColumns().attention;
    },
    attentionCount,
    outstandingChanges: parts.outstandingChanges,
  };
}

/** One part of one area as an object. */
function areaPart(part: PartResult, i: number): AreaPartResult {
  const standardised: Record<string, number> = {};
  part.inputs.forEach(
    (inp, j) =>
      (standardised[inp.indicatorId] = (part.standardised[j] as Float64Array)[i] as number),
  );
  const c = part.classOf[i] as number;
  const cls = part.classes[c] as ClassLabel;
  return {
    standardised,
    combined: part.combined[i] as number,
    index: part.index[i] as number,
    classIndex: c,
    classCode: cls.code,
    classLabel: cls.label,
  };
}

/** The result of one area by position. */
export function areaResultAt(result: IndexResult, i: number): AreaIndexResult {
  const valid = result.valid[i] === 1;
  const g = result.groupOf[i] as number;
  const group = g >= 0 ? (result.definition.matrix?.[g] as MatrixGroup) : null;
  return {
    id: result.ids[i] as string,
    valid,
    reasonCode: result.reasonCodeAt(i),
    reason: result.reasonAt(i),
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
  if (i < 0)
    throw new MonitoringError(
      'unknown_area',
      `Gebiet ${areaId} ist im Ergebnis von „${result.definition.label}“ nicht enthalten.`,
    );
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
