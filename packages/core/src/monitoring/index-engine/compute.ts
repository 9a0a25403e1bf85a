// The index engine: computes a composite index (status, optional dynamics, status × dynamics matrix,
// rules on the matrix) from an index definition that is data. Columnar typed arrays inside, so
// 200,000 areas × 8 indicators stay within a few plain passes over the input (bench/monitoring.ts).
// Method, sources and the reproduction of the official Berlin MSS: docs/methods/index-engine.md;
// MSS method: SenSBW, Monitoring Soziale Stadtentwicklung Berlin 2021, Kap. 2 (Methodik), as
// summarised in demo-data/README.md "How the official MSS result is computed".
//
// Stages (one file each, ADR 0023): validity.ts → stats.ts → standardise.ts → classify.ts (general
// path: part.ts; fast path for the MSS presets: fast-path.ts with kernels.ts) → matrix.ts → result.ts.
// A plain per-area reference of the same method (index-engine/reference.ts, tests only) is
// compared with this engine by index-engine.property.test.ts.
import { MonitoringError } from '../errors.ts';
import type { IndexDefinition } from '../types.ts';
import { assertValidIndexDefinition } from '../validate-definition.ts';
import { computePartsFused, fastPart } from './fast-path.ts';
import type { FusedParts } from './fast-path.ts';
import { applyMatrix, matrixTables } from './matrix.ts';
import {
  distributionSums,
  flagOutstandingChangeColumns,
  outstandingLimits,
} from './outstanding.ts';
import type { ChangeColumnFlags, OutstandingLimits, OutstandingSums } from './outstanding.ts';
import { computePart } from './part.ts';
import type { PartContext } from './part.ts';
import { assembleResult, outstandingOfFused } from './result.ts';
import { statsOfColumns } from './stats.ts';
import type {
  ColumnStats,
  ComputeIndexInput,
  ComputeIndexOptions,
  IndexAreaInput,
  IndexColumnsInput,
  IndexResult,
} from './types.ts';
import { countValid, determineValidity, handleMissingValues } from './validity.ts';
import type { InputColumn, Validity } from './validity.ts';
import { takerOf, U8 } from './workspace.ts';
import type { IndexWorkspace } from './workspace.ts';

/** Computes an index from columnar input (NaN = missing). Throws MonitoringError; never returns partial results. */
export function computeIndexColumns(
  definition: IndexDefinition,
  input: IndexColumnsInput,
  workspace?: IndexWorkspace,
  options: ComputeIndexOptions = {},
): IndexResult {
  assertValidIndexDefinition(definition);
  assertInputColumns(definition, input);
  const take = takerOf(workspace);
  const n = input.ids.length;
  // Validity (docs/methods/index-engine.md § Gültige Gebiete): explicit list, or rules in this order:
  // exclusion list → population missing → population below minimum → missing values.
  const validity = determineValidity(definition.validity, input, take('valid', U8, n));
  const columns = inputColumns(definition, input);
  const { validCount, stats } = statisticsOf(definition, validity, columns, input.ids);
  const ctx: PartContext = { valid: validity.valid, validCount, n, take };
  const dynCols = columns.filter((c) => c.dyn).map((c) => c.col);
  const outstandingOptions = definition.dynamics ? (options.outstandingChanges ?? null) : null;
  const materialiseAll = options.materialise === 'all';
  let fast: FusedParts | null = null;
  // Outstanding changes asked for: flagged in the fast path's z-sum pass when their limits are
  // computable (else their own function throws, after the index's own errors).
  let sums: OutstandingSums[] | null = null;
  let limits: OutstandingLimits[] | null = null;
  if (definition.dynamics && fastPart(definition.status) && fastPart(definition.dynamics)) {
    if (outstandingOptions) {
      sums = distributionSums(dynCols);
      limits = limitsOrNull(sums, outstandingOptions);
    }
    fast = computePartsFused(definition, input, stats, ctx, limits ? { limits, workspace } : null, materialiseAll); // prettier-ignore
  }
  const ns = definition.status.inputs.length;
  const status = fast ? fast.status : computePart(definition.status, input.values, stats.slice(0, ns), ctx, 'status'); // prettier-ignore
  const dynamics = fast
    ? fast.dynamics
    : definition.dynamics
      ? computePart(definition.dynamics, input.dynamics ?? {}, stats.slice(ns), ctx, 'dynamics')
      : null;
  // Matrix and rules via lookup tables over (status class, dynamics class).
  const matrix = applyMatrix(
    matrixTables(definition),
    { valid: validity.valid, sClass: status.classOf, dClass: dynamics ? dynamics.classOf : null },
    take,
    fast ? fast.fused : null,
    materialiseAll,
  );
  let outstandingChanges: ChangeColumnFlags[] | null = null;
  if (outstandingOptions)
    outstandingChanges =
      fast?.outstanding && limits
        ? outstandingOfFused(dynCols, limits, fast.outstanding, outstandingOptions)
        : flagOutstandingChangeColumns(dynCols, outstandingOptions, workspace, sums ?? undefined);
  return assembleResult(definition, input, validity, validCount, { status, dynamics, matrix, outstandingChanges }); // prettier-ignore
}

/** The limits of the outstanding changes, or null when they cannot be computed (flagOutstandingChangeColumns then throws why). */
function limitsOrNull(
  sums: readonly OutstandingSums[],
  options: NonNullable<ComputeIndexOptions['outstandingChanges']>,
): OutstandingLimits[] | null {
  try {
    return sums.map((x) => outstandingLimits(x, options));
  } catch (e) {
    if (!(e instanceof MonitoringError)) throw e;
    return null;
  }
}

/** Every input column the definition names exists and has one value per area. */
function assertInputColumns(definition: IndexDefinition, input: IndexColumnsInput): void {
  const n = input.ids.length;
  if (input.population.length !== n)
    throw new MonitoringError(
      'invalid_input',
      `Einwohnerzahlen: ${input.population.length} Werte für ${n} Gebiete.`,
    );
  const missingColumns: string[] = [];
  for (const inp of definition.status.inputs) {
    const col = input.values[inp.indicatorId];
    if (!col)
      missingColumns.push(
        `Der Index verwendet den Indikator „${inp.label}“ (${inp.indicatorId}), die Eingabedaten enthalten ihn nicht.`,
      );
    else if (col.length !== n)
      throw new MonitoringError(
        'invalid_input',
        `Indikator ${inp.indicatorId}: ${col.length} Werte für ${n} Gebiete.`,
      );
  }
  if (missingColumns.length > 0) throw new MonitoringError('unknown_indicator', missingColumns);
  if (!definition.dynamics) return;
  const missing: string[] = [];
  for (const inp of definition.dynamics.inputs) {
    const col = input.dynamics?.[inp.indicatorId];
    if (!col)
      missing.push(
        `Für den Dynamik-Indikator „${inp.label}“ (${inp.indicatorId}, Veränderung über ${definition.dynamics.periodYears} Jahre) liegen keine Werte vor.`,
      );
    else if (col.length !== n)
      throw new MonitoringError(
        'invalid_input',
        `Dynamik-Indikator ${inp.indicatorId}: ${col.length} Werte für ${n} Gebiete.`,
      );
  }
  if (missing.length > 0) throw new MonitoringError('missing_dynamics', missing);
}

/** The input columns of both parts in definition order (status first). */
function inputColumns(definition: IndexDefinition, input: IndexColumnsInput): InputColumn[] {
  return [
    ...definition.status.inputs.map((inp) => ({
      inp,
      col: input.values[inp.indicatorId] as Float64Array,
      dyn: false,
    })),
    ...(definition.dynamics?.inputs ?? []).map((inp) => ({
      inp,
      col: input.dynamics?.[inp.indicatorId] as Float64Array,
      dyn: true,
    })),
  ];
}

/**
 * The number of valid areas and the statistics of every input column over them. One pass per
 * column gives mean, SD, min and max; a missing value of a valid area shows up as a non-finite
 * mean, and only then the column-by-column check runs (refuse, or exclude and recount).
 */
function statisticsOf(
  definition: IndexDefinition,
  validity: Validity,
  columns: readonly InputColumn[],
  ids: readonly string[],
): { validCount: number; stats: ColumnStats[] } {
  const needRange = (dyn: boolean) =>
    (dyn ? definition.dynamics?.standardisation : definition.status.standardisation) === 'minmax';
  const statusCols = columns.filter((c) => !c.dyn).map((c) => c.col);
  const dynCols = columns.filter((c) => c.dyn).map((c) => c.col);
  const computeStats = (validCount: number) => [
    ...statsOfColumns(statusCols, validity.valid, validCount, needRange(false)),
    ...statsOfColumns(dynCols, validity.valid, validCount, needRange(true)),
  ];
  let validCount = countValid(validity, definition);
  let stats = computeStats(validCount);
  if (stats.some((st) => !Number.isFinite(st.mean))) {
    handleMissingValues(validity, definition.validity, ids, columns);
    validCount = countValid(validity, definition);
    stats = computeStats(validCount);
  }
  return { validCount, stats };
}

function toColumn(
  areas: readonly IndexAreaInput[],
  id: string,
  key: 'values' | 'dynamics',
): Float64Array | null {
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
    if (seen.has(a.id))
      throw new MonitoringError(
        'invalid_input',
        `Gebiet ${a.id} kommt in den Eingabedaten mehrfach vor.`,
      );
    seen.add(a.id);
  }
  const population = new Float64Array(areas.length);
  areas.forEach(
    (a, i) =>
      (population[i] = a.population === null || a.population === undefined ? NaN : a.population),
  );
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
