// Stage "validity": which areas are scored (docs/methods/index-engine.md § Gültige Gebiete): an
// explicit list, or the rules in this order: exclusion list → population missing → population below
// the minimum → missing values (refuse, or exclude the area). Reasons are kept per position only for
// exclusions and missing values; the others follow from the rules and the population when asked
// (no reason column written per run: 10,000 strings would cost more than the index).
import { formatNumber } from '../../format/number.ts';
import { MonitoringError } from '../errors.ts';
import type { IndexDefinition, IndexInput, ValidityRules } from '../types.ts';
import type { IndexColumnsInput, UnscoredReasonCode } from './types.ts';

/** Reason codes (0 = scored); excluded and missing_value are stored per position, the others derived. */
const CODE = {
  not_in_valid_list: 1,
  excluded: 2,
  population_missing: 3,
  population_below_min: 4,
  missing_value: 5,
} as const;
const CODE_NAMES: (UnscoredReasonCode | null)[] = [
  null,
  'not_in_valid_list',
  'excluded',
  'population_missing',
  'population_below_min',
  'missing_value',
];

/** The scored areas and what is needed to give the reason for the others. */
export interface Validity {
  /** 1 = scored; every element written. */
  valid: Uint8Array;
  /** reason code by position for exclusions and missing values. */
  special: Map<number, number>;
  /** the exclusion reason or the indicator without a value, by position. */
  detail: Map<number, string>;
  /** the explicit list replaced the rules. */
  listMode: boolean;
  /** valid areas as counted by the validity kernel (null: count them). */
  knownCount: number | null;
}

/** One input column of either part, for the missing-value check. */
export interface InputColumn {
  inp: IndexInput;
  col: Float64Array;
  dyn: boolean;
}

/** Validity by the explicit list of the input, or by the rules; writes every element of `valid`. */
export function determineValidity(
  rules: ValidityRules,
  input: IndexColumnsInput,
  valid: Uint8Array,
): Validity {
  const v: Validity = {
    valid,
    special: new Map(),
    detail: new Map(),
    listMode: false,
    knownCount: null,
  };
  if (input.validAreaIds) {
    const index = new Map<string, number>();
    input.ids.forEach((id, i) => index.set(id, i));
    const unknown = input.validAreaIds.filter((id) => !index.has(id));
    if (unknown.length > 0) {
      throw new MonitoringError(
        'unknown_area',
        `Die Liste gültiger Gebiete nennt ${unknown.length} Gebiet(e), die in den Eingabedaten fehlen: ${unknown.slice(0, 10).join(', ')}.`,
      );
    }
    valid.fill(0);
    for (const id of input.validAreaIds) valid[index.get(id) as number] = 1;
    v.listMode = true;
  } else v.knownCount = applyValidityRules(rules, input.ids, input.population, v);
  return v;
}

/**
 * Validity by rules (docs/methods/index-engine.md § 4): exclusion list → population unknown →
 * population below the minimum. Sets valid[i] = 1 or records the reason; returns the number of
 * valid areas (null after exclusions: count them).
 */
function applyValidityRules(
  rules: ValidityRules,
  ids: readonly string[],
  population: Float64Array,
  v: Validity,
): number | null {
  const n = ids.length;
  const min = rules.minPopulation ?? null;
  let count: number | null = n;
  if (min === null) v.valid.fill(1);
  else count = populationKernel(population, min, v.valid);
  // The exclusion list comes first: it overrides the population reasons.
  if ((rules.exclusions ?? []).length > 0) {
    const excluded = new Map<string, string>();
    for (const e of rules.exclusions ?? []) excluded.set(e.areaId, e.reason);
    for (let i = 0; i < n; i++) {
      const ex = excluded.get(ids[i] as string);
      if (ex === undefined) continue;
      v.valid[i] = 0;
      v.special.set(i, CODE.excluded);
      v.detail.set(i, ex);
    }
    count = null; // recounted by the caller
  }
  return count;
}

/**
 * Kernel: valid = population ≥ minimum (NaN: not valid), branch-free; writes every element;
 * returns the number of valid areas.
 */
function populationKernel(population: Float64Array, minimum: number, valid: Uint8Array): number {
  const n = population.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const pop = population[i] as number;
    const ok = Number(pop >= minimum);
    valid[i] = ok;
    count += ok;
  }
  return count;
}

/** Number of valid areas. */
function countOnes(valid: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < valid.length; i++) c += valid[i] as number;
  return c;
}

/** The number of valid areas (from the validity kernel once, then counted); throws no_valid_area at 0. */
export function countValid(v: Validity, definition: IndexDefinition): number {
  const c = v.knownCount ?? countOnes(v.valid);
  v.knownCount = null;
  if (c === 0) {
    throw new MonitoringError(
      'no_valid_area',
      `Kein Gebiet erfüllt die Gültigkeitsregeln von „${definition.label}“ (${v.valid.length} Gebiete geprüft); der Index kann nicht berechnet werden.`,
    );
  }
  return c;
}

/**
 * Missing values (NaN, ±∞) of valid areas, column by column (cache-friendly for 200,000 areas; an
 * area excluded for one column is skipped later): excluded with the reason, or — validity rule
 * missingValues 'error', the default — thrown as missing_value / missing_dynamics naming ≤ 10 areas.
 */
export function handleMissingValues(
  v: Validity,
  rules: ValidityRules,
  ids: readonly string[],
  columns: readonly InputColumn[],
): void {
  const { valid } = v;
  const n = valid.length;
  const problems: string[] = [];
  let code: 'missing_value' | 'missing_dynamics' = 'missing_value';
  for (const { inp, col, dyn } of columns) {
    const what = dyn
      ? `Dynamik-Indikator „${inp.label}“ (${inp.indicatorId})`
      : `Indikator „${inp.label}“ (${inp.indicatorId})`;
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 1) continue;
      const x = col[i] as number;
      if (x - x === 0) continue; // finite (NaN − NaN and ∞ − ∞ are NaN)
      if (rules.missingValues === 'exclude') {
        valid[i] = 0;
        v.special.set(i, CODE.missing_value);
        v.detail.set(i, what);
        continue;
      }
      if (dyn) code = 'missing_dynamics';
      if (problems.length < 10) problems.push(`Gebiet ${ids[i] as string}: kein Wert für ${what}.`);
      else if (problems.length === 10) problems.push('Weitere fehlende Werte nicht aufgeführt.');
    }
  }
  if (problems.length > 0) {
    problems.push(
      'Werte nachliefern oder solche Gebiete ausschließen (validity.missingValues = "exclude").',
    );
    throw new MonitoringError(code, problems);
  }
}

/** The reason code and German reason of an unscored area by position (null = scored); texts built on demand. */
export function reasonsOf(
  v: Validity,
  rules: ValidityRules,
  population: Float64Array,
): {
  reasonCodeAt: (i: number) => UnscoredReasonCode | null;
  reasonAt: (i: number) => string | null;
} {
  const { valid, special, detail, listMode } = v;
  const minText = formatNumber(rules.minPopulation ?? 0);
  const reasonCodeAt = (i: number): UnscoredReasonCode | null => {
    if (valid[i] === 1) return null;
    const c = special.get(i);
    if (c !== undefined) return CODE_NAMES[c] ?? null;
    if (listMode) return 'not_in_valid_list';
    return Number.isNaN(population[i]) ? 'population_missing' : 'population_below_min';
  };
  const reasonAt = (i: number): string | null => {
    switch (reasonCodeAt(i)) {
      case null:
        return null;
      case 'not_in_valid_list':
        return 'Nicht in der Liste der bewerteten Gebiete';
      case 'excluded':
        return `Ausgeschlossen: ${detail.get(i) ?? ''}`;
      case 'population_missing':
        return `Einwohnerzahl fehlt (mindestens ${minText} nötig)`;
      case 'population_below_min': {
        const pop = population[i] as number;
        return `Weniger als ${minText} Einwohnerinnen und Einwohner (${formatNumber(pop, { decimals: Number.isInteger(pop) ? 0 : 1 })})`;
      }
      case 'missing_value':
        return `Kein Wert für ${detail.get(i) ?? ''}`;
    }
  };
  return { reasonCodeAt, reasonAt };
}
