// The effect estimate of a treatment (areas + start + indicator): comparison areas by the
// pre-period, DiD, a 95 % interval from placebo treatments drawn from the pool, a pre-trend check,
// and an honest verdict. Method: docs/methods/difference-in-differences.md.
import { quantileSorted, sumPrecise } from '../stats/index.ts';
import {
  computeDistanceScale,
  describePrePeriod,
  selectComparisons,
  type ComparisonChoice,
  type DistanceScale,
  type PreProfile,
} from './comparison.ts';
import {
  areaChange,
  computePanelDid,
  computePeriodMeans,
  olsSlope,
  periodToYears,
  splitPanel,
  type AreaSeries,
  type PanelPoint,
  type PeriodMeans,
} from './did.ts';
import { createSeededRandom, drawWithoutReplacement } from './random.ts';

/** Tunables of the estimate, each with a documented default (EFFECT_DEFAULTS). */
export interface EffectOptions {
  /** nearest neighbours per treated area (at least enough to reach minComparisons). */
  comparisonsPerTreated: number;
  minComparisons: number;
  minPrePeriods: number;
  /** placebo treatments drawn from the pool for the interval. */
  replications: number;
  seed: number;
  /** sum of the treated areas' base (e.g. residents) below which the estimate is refused; 0 = off. */
  minBase: number;
}

/** Defaults: 3 neighbours per area, ≥ 5 comparison areas, ≥ 2 pre periods, 999 placebos. */
export const EFFECT_DEFAULTS: EffectOptions = {
  comparisonsPerTreated: 3,
  minComparisons: 5,
  minPrePeriods: 2,
  replications: 999,
  seed: 20_261_206,
  minBase: 0,
};

/** What to estimate: the panel, the treated areas, the untreated pool (same level) and the start. */
export interface EffectInput {
  panel: readonly PanelPoint[];
  treatedIds: readonly string[];
  poolIds: readonly string[];
  /** first day of the treatment (YYYY-MM-DD); periods before it are the pre-period. */
  start: string;
  /** optional base per area (e.g. residents), for the "too small base" refusal. */
  baseByArea?: ReadonlyMap<string, number>;
  options?: Partial<EffectOptions>;
}

/** Why an estimate is not possible. */
export type EffectReason =
  | { code: 'too-few-pre-periods'; prePeriods: number; needed: number }
  | { code: 'no-post-period' }
  | { code: 'no-treated-data' }
  | { code: 'too-few-comparisons'; available: number; needed: number }
  | { code: 'small-base'; base: number; needed: number };

/** The pre-trend check: does the treated–comparison gap drift before the start? */
export interface PreTrendCheck {
  status: 'ok' | 'diverging' | 'not-testable';
  /** slope per year of (treated mean − comparison mean) over the pre-period. */
  gapSlopePerYear: number | null;
  /** the central 95 % of the same slope over the placebo treatments. */
  placeboRange: { lower: number; upper: number } | null;
}

/** A treated or comparison area with its pre-period profile and its change post − pre. */
export interface EffectArea extends PreProfile {
  change: number | null;
}

/** The answer: verdict, estimate, 95 % interval, comparisons and the series for the chart. */
export interface EffectEstimate {
  verdict: 'effect' | 'no-clear-effect' | 'not-measurable';
  reasons: EffectReason[];
  estimate: number | null;
  interval: { lower: number; upper: number } | null;
  /** share of placebo estimates at least as far from 0 as the estimate (two-sided). */
  pValue: number | null;
  prePeriods: string[];
  postPeriods: string[];
  treated: EffectArea[];
  treatedWithoutData: string[];
  comparisons: (ComparisonChoice & { change: number | null })[];
  preTrend: PreTrendCheck;
  series: PeriodMeans[];
  method: { interval: 'placebo'; replications: number; seed: number; perTreated: number };
}

/** Slope per year of the treated − comparison gap over the pre-period; null below 2 periods. */
export function gapSlope(
  series: ReadonlyMap<string, AreaSeries>,
  treatedIds: readonly string[],
  comparisonIds: readonly string[],
): number | null {
  const prePanel: PanelPoint[] = [];
  for (const id of [...treatedIds, ...comparisonIds]) {
    for (const p of series.get(id)?.pre ?? []) prePanel.push({ areaId: id, ...p });
  }
  const gaps = computePeriodMeans(prePanel, treatedIds, comparisonIds).flatMap((m) =>
    m.treated === null || m.comparison === null
      ? []
      : [{ x: periodToYears(m.period), y: m.treated - m.comparison }],
  );
  return olsSlope(
    gaps.map((g) => g.x),
    gaps.map((g) => g.y),
  );
}

function distinctPeriods(list: readonly AreaSeries[], side: 'pre' | 'post'): string[] {
  return [...new Set(list.flatMap((s) => s[side].map((p) => p.period)))].sort();
}

function perTreatedFor(nTreated: number, o: EffectOptions): number {
  return Math.max(o.comparisonsPerTreated, Math.ceil(o.minComparisons / Math.max(1, nTreated)));
}

/**
 * The panel arranged for many repeated estimates: each area's change (post − pre mean) and its
 * pre-period values aligned to the distinct pre periods. Gives the same numbers as
 * computePanelDid and gapSlope (tested), without rebuilding arrays per placebo.
 */
export interface PanelIndex {
  change: Map<string, number | null>;
  preYears: number[];
  preValues: Map<string, Float64Array>;
}

export function indexPanel(series: ReadonlyMap<string, AreaSeries>): PanelIndex {
  const periods = [
    ...new Set([...series.values()].flatMap((s) => s.pre.map((p) => p.period))),
  ].sort();
  const at = new Map(periods.map((p, i) => [p, i]));
  const change = new Map<string, number | null>();
  const preValues = new Map<string, Float64Array>();
  for (const s of series.values()) {
    change.set(s.areaId, areaChange(s));
    const row = new Float64Array(periods.length).fill(Number.NaN);
    for (const p of s.pre) row[at.get(p.period)!] = p.value;
    preValues.set(s.areaId, row);
  }
  return { change, preYears: periods.map(periodToYears), preValues };
}

export function fastDid(
  ix: PanelIndex,
  treated: readonly string[],
  comps: readonly string[],
): number | null {
  const avg = (ids: readonly string[]): number | null => {
    let sum = 0;
    let n = 0;
    for (const id of ids) {
      const c = ix.change.get(id);
      if (c !== null && c !== undefined) {
        sum += c;
        n++;
      }
    }
    return n === 0 ? null : sum / n;
  };
  const t = avg(treated);
  const c = avg(comps);
  return t === null || c === null ? null : t - c;
}

export function fastGapSlope(
  ix: PanelIndex,
  treated: readonly string[],
  comps: readonly string[],
): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const meanAt = (ids: readonly string[], j: number): number | null => {
    let sum = 0;
    let n = 0;
    for (const id of ids) {
      const v = ix.preValues.get(id)?.[j];
      if (v !== undefined && !Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? null : sum / n;
  };
  for (let j = 0; j < ix.preYears.length; j++) {
    const t = meanAt(treated, j);
    const c = meanAt(comps, j);
    if (t === null || c === null) continue;
    xs.push(ix.preYears[j]!);
    ys.push(t - c);
  }
  return olsSlope(xs, ys);
}

/** Runs the placebo treatments: DiD and pre-trend slope for random untreated sets of the same size. */
function runPlacebos(
  series: ReadonlyMap<string, AreaSeries>,
  pool: readonly PreProfile[],
  nTreated: number,
  scale: DistanceScale,
  o: EffectOptions,
): { dids: number[]; slopes: number[] } {
  const random = createSeededRandom(o.seed);
  const perTreated = perTreatedFor(nTreated, o);
  const ix = indexPanel(series);
  const dids: number[] = [];
  const slopes: number[] = [];
  for (let b = 0; b < o.replications; b++) {
    const fake = drawWithoutReplacement(pool, nTreated, random);
    const fakeIds = new Set(fake.map((p) => p.areaId));
    const rest = pool.filter((p) => !fakeIds.has(p.areaId));
    const comps = selectComparisons(fake, rest, perTreated, scale).map((c) => c.areaId);
    const ids = [...fakeIds];
    const did = fastDid(ix, ids, comps);
    if (did !== null) dids.push(did);
    const slope = fastGapSlope(ix, ids, comps);
    if (slope !== null) slopes.push(slope);
  }
  return { dids: dids.sort((a, b) => a - b), slopes: slopes.sort((a, b) => a - b) };
}

interface Prepared {
  series: Map<string, AreaSeries>;
  treatedProfiles: PreProfile[];
  treatedWithoutData: string[];
  pool: PreProfile[];
  prePeriods: string[];
  postPeriods: string[];
  reasons: EffectReason[];
}

/** Splits the panel, profiles treated areas and pool, and collects the refusal reasons. */
function prepare(input: EffectInput, o: EffectOptions): Prepared {
  const series = splitPanel(input.panel, input.start);
  const treatedSet = new Set(input.treatedIds);
  const treatedSeries = [...treatedSet].flatMap((id) => {
    const s = series.get(id);
    return s ? [s] : [];
  });
  const prePeriods = distinctPeriods(treatedSeries, 'pre');
  const postPeriods = distinctPeriods(treatedSeries, 'post');
  const usable = (s: AreaSeries): PreProfile | null =>
    s.post.length > 0 ? describePrePeriod(s, o.minPrePeriods) : null;
  const treatedProfiles: PreProfile[] = [];
  const treatedWithoutData: string[] = [];
  for (const id of [...treatedSet].sort()) {
    const s = series.get(id);
    const p = s ? usable(s) : null;
    if (p) treatedProfiles.push(p);
    else treatedWithoutData.push(id);
  }
  const pool = [...new Set(input.poolIds)]
    .filter((id) => !treatedSet.has(id))
    .sort()
    .flatMap((id) => {
      const s = series.get(id);
      const p = s ? usable(s) : null;
      return p ? [p] : [];
    });
  const reasons: EffectReason[] = [];
  if (prePeriods.length < o.minPrePeriods) {
    reasons.push({
      code: 'too-few-pre-periods',
      prePeriods: prePeriods.length,
      needed: o.minPrePeriods,
    });
  }
  if (postPeriods.length === 0) reasons.push({ code: 'no-post-period' });
  if (reasons.length === 0 && treatedProfiles.length === 0)
    reasons.push({ code: 'no-treated-data' });
  const neededPool = treatedProfiles.length + o.minComparisons;
  if (reasons.length === 0 && pool.length < neededPool) {
    reasons.push({ code: 'too-few-comparisons', available: pool.length, needed: neededPool });
  }
  if (o.minBase > 0 && input.baseByArea) {
    const base = sumPrecise(treatedProfiles.map((p) => input.baseByArea?.get(p.areaId) ?? 0));
    if (base < o.minBase) reasons.push({ code: 'small-base', base, needed: o.minBase });
  }
  return { series, treatedProfiles, treatedWithoutData, pool, prePeriods, postPeriods, reasons };
}

/** Estimates the effect of a treatment by DiD against matched comparison areas (see file head). */
export function estimateEffect(input: EffectInput): EffectEstimate {
  const o: EffectOptions = { ...EFFECT_DEFAULTS, ...input.options };
  const p = prepare(input, o);
  const perTreated = perTreatedFor(p.treatedProfiles.length, o);
  const method = {
    interval: 'placebo' as const,
    replications: o.replications,
    seed: o.seed,
    perTreated,
  };
  const withChange = <T extends PreProfile>(a: T): T & { change: number | null } => {
    const s = p.series.get(a.areaId);
    return { ...a, change: s ? areaChange(s) : null };
  };
  const base = {
    prePeriods: p.prePeriods,
    postPeriods: p.postPeriods,
    treated: p.treatedProfiles.map(withChange),
    treatedWithoutData: p.treatedWithoutData,
    method,
  };
  if (p.reasons.length > 0) {
    return {
      ...base,
      verdict: 'not-measurable',
      reasons: p.reasons,
      estimate: null,
      interval: null,
      pValue: null,
      comparisons: [],
      preTrend: { status: 'not-testable', gapSlopePerYear: null, placeboRange: null },
      series: computePeriodMeans(input.panel, input.treatedIds, []),
    };
  }
  const scale = computeDistanceScale([...p.pool, ...p.treatedProfiles]);
  const comparisons = selectComparisons(p.treatedProfiles, p.pool, perTreated, scale);
  const treatedIds = p.treatedProfiles.map((t) => t.areaId);
  const comparisonIds = comparisons.map((c) => c.areaId);
  const estimate = computePanelDid(p.series, treatedIds, comparisonIds) as number;
  const placebo = runPlacebos(p.series, p.pool, treatedIds.length, scale, o);
  const qLo = quantileSorted(placebo.dids, 0.025) ?? 0;
  const qHi = quantileSorted(placebo.dids, 0.975) ?? 0;
  // The placebo estimates are draws of the estimation error under "no effect" (Conley & Taber
  // 2011): the interval is the estimate minus their central 95 %.
  const interval = { lower: estimate - qHi, upper: estimate - qLo };
  const extreme = placebo.dids.filter((d) => Math.abs(d) >= Math.abs(estimate)).length;
  const pValue = (1 + extreme) / (1 + placebo.dids.length);
  const preTrend = checkPreTrend(p, treatedIds, comparisonIds, placebo.slopes, o);
  const flagged = interval.lower > 0 || interval.upper < 0;
  return {
    ...base,
    verdict: flagged ? 'effect' : 'no-clear-effect',
    reasons: [],
    estimate,
    interval,
    pValue,
    comparisons: comparisons.map(withChange),
    preTrend,
    series: computePeriodMeans(input.panel, treatedIds, comparisonIds),
  };
}

/**
 * With ≥ 3 pre periods, the treated–comparison gap's slope is compared with the placebo slopes;
 * with 2 the trend was used to choose the comparisons, so it is matched but cannot be tested.
 */
function checkPreTrend(
  p: Prepared,
  treatedIds: readonly string[],
  comparisonIds: readonly string[],
  placeboSlopes: readonly number[],
  o: EffectOptions,
): PreTrendCheck {
  const slope = gapSlope(p.series, treatedIds, comparisonIds);
  if (p.prePeriods.length < Math.max(3, o.minPrePeriods) || slope === null) {
    return { status: 'not-testable', gapSlopePerYear: slope, placeboRange: null };
  }
  const lower = quantileSorted(placeboSlopes, 0.025);
  const upper = quantileSorted(placeboSlopes, 0.975);
  if (lower === null || upper === null) {
    return { status: 'not-testable', gapSlopePerYear: slope, placeboRange: null };
  }
  const status = slope < lower || slope > upper ? 'diverging' : 'ok';
  return { status, gapSlopePerYear: slope, placeboRange: { lower, upper } };
}

/** A refusal in German, for the API answer and the screen ("nicht messbar: …"). */
export function describeEffectReason(r: EffectReason): string {
  switch (r.code) {
    case 'too-few-pre-periods':
      return r.prePeriods === 1
        ? 'nicht messbar: nur 1 Zeitpunkt vor Beginn'
        : `nicht messbar: ${r.prePeriods} Zeitpunkte vor Beginn, mindestens ${r.needed} nötig`;
    case 'no-post-period':
      return 'nicht messbar: noch kein Zeitpunkt nach Beginn';
    case 'no-treated-data':
      return 'nicht messbar: keine Daten für die Maßnahmengebiete';
    case 'too-few-comparisons':
      return `nicht messbar: zu wenige Vergleichsgebiete (${r.available}, mindestens ${r.needed} nötig)`;
    case 'small-base':
      return `nicht messbar: zu kleine Basis (${r.base} statt mindestens ${r.needed})`;
  }
}
