// Change detection for the "seismograph": class changes between editions, repeated negative
// dynamics, least-squares trends, changes standing out against the city-wide distribution, and the
// reliability of shares from small denominators (Wilson intervals). Pure functions; they produce
// alert candidates with a plain-German explanation. Method and sources: docs/methods/change-detection.md.
import { formatNumber } from '../format/number.ts';
import { wilsonInterval } from '../stats/wilson.ts';
import { MonitoringError } from './errors.ts';
import type { IndexResult, IndexWorkspace, PartResult } from './compute-index.ts';
import { flagOutstandingChangeColumns } from './index-engine/outstanding.ts';
import type { ChangeColumnFlags, OutstandingChangeOptions } from './index-engine/outstanding.ts';
import { primeKernel } from './index-engine/prime.ts';
import { zeroedBytes } from './index-engine/workspace.ts';

// The distribution of changes and its flags live in index-engine/outstanding.ts (the index engine
// computes them in its own passes, option outstandingChanges); their public names stay here.
export {
  changeColumnFlagsOf,
  firstFiniteValue,
  flagOutstandingChangeColumns,
  outstandingLimits,
} from './index-engine/outstanding.ts';
export type {
  ChangeColumnFlags,
  OutstandingChangeOptions,
  OutstandingLimits,
  OutstandingSums,
} from './index-engine/outstanding.ts';

const YEARS = [
  'null',
  'einem',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
];

/** A class change of one area between two editions. */
export interface ClassChange {
  areaId: string;
  fromCode: string;
  fromLabel: string;
  toCode: string;
  toLabel: string;
  /** classes moved; > 0 = towards the more disadvantaged end (classes ascend with the index). */
  steps: number;
  direction: 'verschlechtert' | 'verbessert';
  explanation: string;
}

/**
 * Maps positions of `current` to positions of `previous` by area id (−1 = absent); null when both list
 * the same ids in the same order (identity, the common case of one area system).
 */
function alignByIds(previous: readonly string[], current: readonly string[]): Int32Array | null {
  if (previous === current) return null;
  if (previous.length === current.length) {
    let same = true;
    for (let i = 0; i < current.length && same; i++) same = previous[i] === current[i];
    if (same) return null;
  }
  const pos = new Map<string, number>();
  previous.forEach((id, i) => pos.set(id, i));
  const map = new Int32Array(current.length);
  for (let i = 0; i < current.length; i++) map[i] = pos.get(current[i] as string) ?? -1;
  return map;
}

function partOf(result: IndexResult, part: 'status' | 'dynamics'): PartResult {
  const p = part === 'status' ? result.status : result.dynamics;
  if (!p)
    throw new MonitoringError(
      'missing_dynamics',
      `„${result.definition.label}“ hat keinen Dynamik-Teil.`,
    );
  return p;
}

/** Class changes in columns: positions in `current`, and from/to class (0-based) per change. */
export interface ClassChangeColumns {
  /** position in current.ids of each changed area, ascending. */
  positions: Int32Array;
  from: Int8Array;
  to: Int8Array;
  count: number;
}

/**
 * Columnar core of compareClasses: the areas scored in both editions whose class differs, without a
 * per-area object (200,000 areas: bench/monitoring.ts). Throws when the class schemes differ in size.
 */
export function findClassChanges(
  previous: IndexResult,
  current: IndexResult,
  part: 'status' | 'dynamics' = 'status',
): ClassChangeColumns {
  const a = partOf(previous, part);
  const b = partOf(current, part);
  if (a.classes.length !== b.classes.length) {
    throw new MonitoringError(
      'invalid_input',
      `Die Klasseneinteilungen sind nicht vergleichbar: ${a.classes.length} gegenüber ${b.classes.length} Klassen.`,
    );
  }
  const align = alignByIds(previous.ids, current.ids);
  const pv = previous.valid;
  const cv = current.valid;
  const ac = a.classOf;
  const bc = b.classOf;
  if (align === null) {
    // One pass collects the positions into a reused scratch column, then the exactly sized
    // columns are copied out.
    const n = cv.length;
    if (compactScratch.length < n) compactScratch = new Int32Array(n);
    const count = compactChanged(pv, cv, ac, bc, compactScratch);
    const positions = compactScratch.slice(0, count);
    const from = new Int8Array(count);
    const to = new Int8Array(count);
    for (let k = 0; k < count; k++) {
      const j = positions[k] as number;
      from[k] = ac[j] as number;
      to[k] = bc[j] as number;
    }
    return { positions, from, to, count };
  }
  // Count first, then fill exactly sized columns (no growing arrays).
  const count = countChangedAligned(align, pv, cv, ac, bc);
  const positions = new Int32Array(count);
  const from = new Int8Array(count);
  const to = new Int8Array(count);
  if (count > 0) fillChangedAligned(align, pv, cv, ac, bc, positions, from, to);
  return { positions, from, to, count };
}

// Kernels of findClassChanges (own functions: V8 optimises them as a whole). Comparisons become 0/1
// with Number(…), which compiles without a jump; `? 1 : 0` would be a branch per area.

/** Scratch of compactChanged, grown to the largest area count seen (one per process, not per call). */
let compactScratch = new Int32Array(0);

/** Positions of the areas scored in both editions (same order) whose class differs, into pos; returns their number. */
function compactChanged(
  pv: Uint8Array,
  cv: Uint8Array,
  ac: Int8Array,
  bc: Int8Array,
  pos: Int32Array,
): number {
  const n = cv.length;
  let k = 0;
  let j0 = 0;
  // A class differs rarely: compare the class columns four areas at a time (as 32-bit words over
  // the same bytes) and look at single areas only where a word differs.
  if (ac.byteOffset % 4 === 0 && bc.byteOffset % 4 === 0 && n >= 4) {
    const words = n >> 2;
    const aw = new Int32Array(ac.buffer, ac.byteOffset, words);
    const bw = new Int32Array(bc.buffer, bc.byteOffset, words);
    for (let w = 0; w < words; w++) {
      if (aw[w] === bw[w]) continue;
      const end = (w << 2) + 4;
      for (let j = w << 2; j < end; j++)
        if (ac[j] !== bc[j] && ((pv[j] as number) & (cv[j] as number)) === 1) pos[k++] = j;
    }
    j0 = words << 2;
  }
  for (let j = j0; j < n; j++) {
    if (ac[j] !== bc[j] && ((pv[j] as number) & (cv[j] as number)) === 1) pos[k++] = j;
  }
  return k;
}

// Type feedback for every site before the first large call (index-engine/prime.ts): without it
// compactChanged deoptimised again and again in the chain (bench/monitoring.ts, ADR 0054). Nine
// areas: a differing word, an equal word and a tail, with differences scored in both editions and
// not; then the same shifted by one byte (unaligned: the single-area loop only).
primeKernel(() => {
  const ones = new Uint8Array(9).fill(1);
  const a = Int8Array.of(0, 1, 2, 1, 0, 0, 0, 0, 1);
  const b = Int8Array.of(0, 2, 2, -1, 0, 0, 0, 0, 2);
  compactChanged(ones, Uint8Array.of(1, 1, 1, 0, 1, 1, 1, 1, 1), a, b, new Int32Array(9));
  compactChanged(ones, ones, a.subarray(1), b.subarray(1), new Int32Array(8));
});

function countChangedAligned(
  align: Int32Array,
  pv: Uint8Array,
  cv: Uint8Array,
  ac: Int8Array,
  bc: Int8Array,
): number {
  const n = cv.length;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const i = align[j] as number;
    if (i >= 0 && pv[i] === 1 && cv[j] === 1 && ac[i] !== bc[j]) count++;
  }
  return count;
}

function fillChangedAligned(
  align: Int32Array,
  pv: Uint8Array,
  cv: Uint8Array,
  ac: Int8Array,
  bc: Int8Array,
  positions: Int32Array,
  from: Int8Array,
  to: Int8Array,
): void {
  const n = cv.length;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = align[j] as number;
    if (i < 0 || pv[i] !== 1 || cv[j] !== 1 || ac[i] === bc[j]) continue;
    positions[k] = j;
    from[k] = ac[i] as number;
    to[k] = bc[j] as number;
    k++;
  }
}

/** Class changes of the areas scored in both editions (matched by area id; different area systems never match). */
export function compareClasses(
  previous: IndexResult,
  current: IndexResult,
  part: 'status' | 'dynamics' = 'status',
): ClassChange[] {
  const cols = findClassChanges(previous, current, part);
  const a = partOf(previous, part);
  const b = partOf(current, part);
  const out: ClassChange[] = [];
  // One explanation per (from, to) pair, not per area.
  const texts = new Map<number, string>();
  for (let k = 0; k < cols.count; k++) {
    const from = cols.from[k] as number;
    const to = cols.to[k] as number;
    const fromC = a.classes[from];
    const toC = b.classes[to];
    if (!fromC || !toC) continue;
    const key = from * 64 + to;
    let text = texts.get(key);
    if (text === undefined) {
      text = `${b.label}: von '${fromC.label}' (${previous.definition.label}) nach '${toC.label}' (${current.definition.label})`;
      texts.set(key, text);
    }
    out.push({
      areaId: current.ids[cols.positions[k] as number] as string,
      fromCode: fromC.code,
      fromLabel: fromC.label,
      toCode: toC.code,
      toLabel: toC.label,
      steps: to - from,
      direction: to > from ? 'verschlechtert' : 'verbessert',
      explanation: text,
    });
  }
  return out;
}

/** An area whose dynamics fell into the negative class in consecutive editions. */
export interface RepeatedNegativeDynamics {
  areaId: string;
  editions: string[];
  explanation: string;
}

/** Repeated negative dynamics in columns: 1 per position of the last result, with the count and the shared explanation. */
export interface RepeatedNegativeDynamicsColumns {
  hit: Uint8Array;
  count: number;
  editions: string[];
  explanation: string;
}

/**
 * Columnar core of findRepeatedNegativeDynamics: hit[j] = 1 when area j of the last result is in
 * the dynamics class `classCode` (default: the last, most adverse class, MSS 'negativ') in each of
 * the last `times` results (chronological order; default 2). With a workspace the hit column is
 * reused between runs (like IndexWorkspace for the index).
 */
export function findRepeatedNegativeDynamicsColumns(
  results: readonly IndexResult[],
  options: { classCode?: string; times?: number } = {},
  workspace?: IndexWorkspace,
): RepeatedNegativeDynamicsColumns {
  const times = options.times ?? 2;
  if (results.length < times)
    throw new MonitoringError(
      'missing_dynamics',
      `Für ${times} aufeinanderfolgende Dynamiken sind ${times} Ausgaben nötig, vorhanden: ${results.length}.`,
    );
  const window = results.slice(results.length - times);
  const parts = window.map((r) => partOf(r, 'dynamics'));
  const first = parts[0] as PartResult;
  const code = options.classCode ?? (first.classes[first.classes.length - 1]?.code as string);
  const targetClass = parts.map((p) => p.classes.findIndex((c) => c.code === code));
  if (targetClass.some((c) => c < 0))
    throw new MonitoringError(
      'invalid_input',
      `Dynamik-Klasse "${code}" gibt es nicht in allen Ausgaben.`,
    );
  const label = first.classes[targetClass[0] as number]?.label ?? code;
  const last = window[window.length - 1] as IndexResult;
  const editions = window.map((r) => r.definition.label);
  const explanation = `Dynamik ${times >= 2 && times <= 12 ? `${YEARS[times] as string}mal` : `${times}-mal`} in Folge '${label}' (${editions.join(', ')})`;
  // hit[j] = 1 while area j of the last edition is in the target class in every edition seen so far.
  const n = last.ids.length;
  const hit = zeroedBytes(workspace, 'change.repeated', n);
  let count = 0;
  const aligns = window.map((r) => alignByIds(r.ids, last.ids));
  // Two editions with the same areas in the same order (the common case): one pass for both.
  const pair = aligns[0] === null && aligns[1] === null && window.length >= 2;
  if (pair) {
    const r0 = window[0] as IndexResult;
    const r1 = window[1] as IndexResult;
    count = inClassPairKernel(
      r0.valid,
      (parts[0] as PartResult).classOf,
      targetClass[0] as number,
      r1.valid,
      (parts[1] as PartResult).classOf,
      targetClass[1] as number,
      hit,
    );
  }
  for (let k = pair ? 2 : 0; k < window.length; k++) {
    const r = window[k] as IndexResult;
    const align = aligns[k] as Int32Array | null;
    const cls = (parts[k] as PartResult).classOf;
    const target = targetClass[k] as number;
    count =
      align === null
        ? inClassKernel(k === 0, r.valid, cls, target, hit)
        : inClassAligned(k === 0, align, r.valid, cls, target, hit);
  }
  return { hit, count, editions, explanation };
}

/**
 * Kernel: hit[j] = (first ? 1 : hit[j]) ∧ area j scored ∧ class = target, branch-free (valid is
 * 0/1, unscored areas hold class −1); returns the number of hits.
 */
function inClassKernel(
  first: boolean,
  v: Uint8Array,
  cls: Int8Array,
  target: number,
  hit: Uint8Array,
): number {
  const n = hit.length;
  let count = 0;
  if (first)
    for (let j = 0; j < n; j++) {
      const h = (v[j] as number) & Number(cls[j] === target);
      hit[j] = h;
      count += h;
    }
  else
    for (let j = 0; j < n; j++) {
      const h = (hit[j] as number) & (v[j] as number) & Number(cls[j] === target);
      hit[j] = h;
      count += h;
    }
  return count;
}

/** inClassKernel for the first two editions at once (same areas in the same order) into a fresh (all 0) hit column. */
function inClassPairKernel(
  v0: Uint8Array,
  cls0: Int8Array,
  target0: number,
  v1: Uint8Array,
  cls1: Int8Array,
  target1: number,
  hit: Uint8Array,
): number {
  const n = hit.length;
  let count = 0;
  let j0 = 0;
  // Four areas at a time as 32-bit words over the same bytes (all columns start at a multiple of 4):
  // a byte of x ^ (target in every byte) is 0 exactly where the class is the target.
  if (
    n >= 4 &&
    v0.byteOffset % 4 === 0 &&
    v1.byteOffset % 4 === 0 &&
    cls0.byteOffset % 4 === 0 &&
    cls1.byteOffset % 4 === 0 &&
    hit.byteOffset % 4 === 0
  ) {
    const words = n >> 2;
    count = inClassPairWords(
      new Int32Array(v0.buffer, v0.byteOffset, words),
      new Int32Array(cls0.buffer, cls0.byteOffset, words),
      Math.imul(target0 & 0xff, 0x01010101),
      new Int32Array(v1.buffer, v1.byteOffset, words),
      new Int32Array(cls1.buffer, cls1.byteOffset, words),
      Math.imul(target1 & 0xff, 0x01010101),
      new Int32Array(hit.buffer, hit.byteOffset, words),
    );
    j0 = words << 2;
  }
  // hit is fresh (all 0): write only the hits
  for (let j = j0; j < n; j++) {
    if (
      cls1[j] === target1 &&
      cls0[j] === target0 &&
      ((v0[j] as number) & (v1[j] as number)) === 1
    ) {
      hit[j] = 1;
      count++;
    }
  }
  return count;
}

/**
 * inClassPairKernel on words of 4 areas: per byte 1 where both classes are the targets and both
 * areas are scored (valid bytes are 0/1), else 0, written for every word; returns the number of 1s.
 * Exact zero-byte test (no carries between bytes): for y = x ^ target, ((y & 0x7f…) + 0x7f…) | y
 * has the high bit of a byte set exactly where that byte of y is not 0.
 */
function inClassPairWords(
  v0: Int32Array,
  c0: Int32Array,
  t0: number,
  v1: Int32Array,
  c1: Int32Array,
  t1: number,
  hit: Int32Array,
): number {
  const words = hit.length;
  let count = 0;
  for (let w = 0; w < words; w++) {
    const y0 = (c0[w] as number) ^ t0;
    const y1 = (c1[w] as number) ^ t1;
    const nz0 = (((y0 & 0x7f7f7f7f) + 0x7f7f7f7f) | y0) & 0x80808080;
    const nz1 = (((y1 & 0x7f7f7f7f) + 0x7f7f7f7f) | y1) & 0x80808080;
    // 0x01 in the bytes where neither differs, masked by both valid columns
    const h = (~(nz0 | nz1) >>> 7) & 0x01010101 & (v0[w] as number) & (v1[w] as number);
    hit[w] = h;
    // number of 1 bytes: their sum in the top byte
    count += Math.imul(h, 0x01010101) >>> 24;
  }
  return count;
}

/** inClassKernel for an edition with other ids or order (align[j] = position in that edition, −1 = absent). */
function inClassAligned(
  first: boolean,
  align: Int32Array,
  v: Uint8Array,
  cls: Int8Array,
  target: number,
  hit: Uint8Array,
): number {
  const n = hit.length;
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (!first && hit[j] !== 1) continue;
    const i = align[j] as number;
    const h = i >= 0 && v[i] === 1 && cls[i] === target ? 1 : 0;
    hit[j] = h;
    count += h;
  }
  return count;
}

/**
 * Areas whose dynamics class is `classCode` (default: the last, most adverse class, MSS 'negativ') in
 * each of the last `times` results (chronological order; default 2).
 */
export function findRepeatedNegativeDynamics(
  results: readonly IndexResult[],
  options: { classCode?: string; times?: number } = {},
): RepeatedNegativeDynamics[] {
  const { hit, editions, explanation } = findRepeatedNegativeDynamicsColumns(results, options);
  const ids = (results[results.length - 1] as IndexResult).ids;
  const out: RepeatedNegativeDynamics[] = [];
  for (let j = 0; j < hit.length; j++)
    if (hit[j] === 1) out.push({ areaId: ids[j] as string, editions, explanation });
  return out;
}

/** One observation of a time series. */
export interface TrendPoint {
  year: number;
  value: number | null;
}

/** Least-squares trend over the last k observations. */
export interface Trend {
  /** change per year in the unit of the values (percentage points per year for shares in %). */
  slope: number;
  /** slope ÷ |mean of the values in the window| × 100: % of the level per year (null when the mean is 0). */
  relativePercentPerYear: number | null;
  intercept: number;
  n: number;
  fromYear: number;
  toYear: number;
}

/**
 * Ordinary least-squares slope per year over the last `k` observations with a value (default: all);
 * null with fewer than 2 points or a single distinct year.
 */
export function computeTrend(points: readonly TrendPoint[], k?: number): Trend | null {
  const pts = points
    .filter(
      (p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value),
    )
    .sort((a, b) => a.year - b.year);
  const window = k === undefined ? pts : pts.slice(Math.max(0, pts.length - k));
  const n = window.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (const p of window) {
    sx += p.year;
    sy += p.value;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of window) {
    sxx += (p.year - mx) ** 2;
    sxy += (p.year - mx) * (p.value - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return {
    slope,
    relativePercentPerYear: my === 0 ? null : (slope / Math.abs(my)) * 100,
    intercept: my - slope * mx,
    n,
    fromYear: (window[0] as { year: number }).year,
    toYear: (window[n - 1] as { year: number }).year,
  };
}

/** A change measured against the city-wide distribution of changes. */
export interface StandingOutChange {
  areaId: string;
  change: number;
  /** (change − mean change) ÷ SD of changes (population SD over all areas with a change). */
  z: number;
  outstanding: boolean;
}

/** Distribution of changes over all areas and the areas beyond the threshold. */
export interface ChangeDistribution {
  n: number;
  mean: number;
  sd: number;
  items: StandingOutChange[];
}

/**
 * Columnar core of flagOutstandingChanges: changes as a Float64Array (NaN = no value); z against the
 * mean and population SD of all finite changes; |z| > threshold (or one-sided by `direction`).
 */
export function flagOutstandingChangeColumn(
  changes: Float64Array,
  options: OutstandingChangeOptions = {},
): ChangeColumnFlags {
  return flagOutstandingChangeColumns([changes], options)[0] as ChangeColumnFlags;
}

/**
 * Marks changes that stand out against the city-wide distribution of changes: |z| > threshold
 * (default 2 SD), only increases / decreases when `direction` says so.
 */
export function flagOutstandingChanges(
  changes: readonly { areaId: string; change: number | null }[],
  options: { threshold?: number; direction?: 'increase' | 'decrease' | 'both' } = {},
): ChangeDistribution {
  const valid = changes.filter(
    (c): c is { areaId: string; change: number } => c.change !== null && Number.isFinite(c.change),
  );
  const flags = flagOutstandingChangeColumn(
    Float64Array.from(valid, (c) => c.change),
    options,
  );
  const items = valid.map((c, i) => ({
    areaId: c.areaId,
    change: c.change,
    z: (flags.z as Float64Array)[i] as number,
    outstanding: flags.outstanding[i] === 1,
  }));
  return { n: flags.n, mean: flags.mean, sd: flags.sd, items };
}

/** A count and its base (e.g. children in SGB II and all children < 15). */
export interface CountShare {
  count: number;
  base: number;
}

/** Reliability of the change of a share between two dates. */
export interface ShareChangeReliability {
  /** shares in percent */
  previousPercent: number;
  currentPercent: number;
  /** change in percentage points */
  changePp: number;
  previousInterval: { lower: number; upper: number };
  currentInterval: { lower: number; upper: number };
  /** a base below `minBase` at either date */
  smallDenominator: boolean;
  /** the two Wilson intervals overlap → the change is treated as noise (no alert on it alone). */
  noise: boolean;
  reason: string | null;
}

/**
 * Wilson 95 % intervals (stats/wilson.ts) for both shares; the change counts as noise when the
 * intervals overlap (conservative rule, docs/methods/change-detection.md § Rauschen). Shares in percent.
 */
export function assessShareChange(
  previous: CountShare,
  current: CountShare,
  options: { z?: number; minBase?: number } = {},
): ShareChangeReliability {
  const z = options.z ?? 1.96;
  const minBase = options.minBase ?? 100;
  const a = wilsonInterval(previous.count, previous.base, z);
  const b = wilsonInterval(current.count, current.base, z);
  if (!a || !b)
    throw new MonitoringError(
      'invalid_input',
      'Anteil mit Nenner 0: keine Aussage über die Veränderung möglich.',
    );
  const previousPercent = (previous.count / previous.base) * 100;
  const currentPercent = (current.count / current.base) * 100;
  const overlap = a.lower * 100 <= b.upper * 100 && b.lower * 100 <= a.upper * 100;
  const smallDenominator = previous.base < minBase || current.base < minBase;
  const pct = (x: number) => formatNumber(x * 100, { decimals: 1 });
  return {
    previousPercent,
    currentPercent,
    changePp: currentPercent - previousPercent,
    previousInterval: { lower: a.lower * 100, upper: a.upper * 100 },
    currentInterval: { lower: b.lower * 100, upper: b.upper * 100 },
    smallDenominator,
    noise: overlap,
    reason: overlap
      ? `Konfidenzintervalle überschneiden sich (${pct(a.lower)}–${pct(a.upper)} % und ${pct(b.lower)}–${pct(b.upper)} %)`
      : null,
  };
}

/** "in zwei Jahren" / "in einem Jahr" / "in 15 Jahren". */
export function formatYearsPhrase(years: number): string {
  const word =
    Number.isInteger(years) && years >= 1 && years <= 12 ? YEARS[years] : formatNumber(years);
  return `in ${word as string} ${years === 1 ? 'Jahr' : 'Jahren'}`;
}

/** An alert candidate: not yet an alert (rules, subscriptions and status live on the server). */
export interface AlertCandidate {
  kind: 'outstanding_change';
  areaId: string;
  indicatorId: string;
  changePp: number;
  z: number;
  previousPercent: number;
  currentPercent: number;
  smallDenominator: boolean;
  /** plain German, e.g. "Kinderarmut +4,1 Prozentpunkte in zwei Jahren, 2,3 Standardabweichungen über der gesamtstädtischen Veränderung" */
  explanation: string;
}

/** Input of buildAlertCandidates: one indicator (a share), two dates `years` apart, counts per area. */
export interface AlertInput {
  indicator: { id: string; label: string };
  years: number;
  areas: readonly { areaId: string; previous: CountShare | null; current: CountShare | null }[];
  options?: {
    sdThreshold?: number;
    direction?: 'increase' | 'decrease' | 'both';
    z?: number;
    minBase?: number;
  };
}

/** Result: candidates, and the changes that stood out but were held back as noise (with reason). */
export interface AlertCandidates {
  distribution: { n: number; meanPp: number; sdPp: number };
  candidates: AlertCandidate[];
  heldBack: { areaId: string; changePp: number; z: number; reason: string }[];
}

/**
 * Alert candidates for changes of a share that stand out against the city-wide distribution
 * (default > 2 SD, increases only) and are not noise (Wilson intervals of both dates do not overlap).
 */
export function buildAlertCandidates(input: AlertInput): AlertCandidates {
  const o = input.options ?? {};
  const direction = o.direction ?? 'increase';
  const rows = input.areas.filter(
    (a) => a.previous && a.current && a.previous.base > 0 && a.current.base > 0,
  );
  const changes = rows.map((a) => ({
    areaId: a.areaId,
    change:
      ((a.current as CountShare).count / (a.current as CountShare).base -
        (a.previous as CountShare).count / (a.previous as CountShare).base) *
      100,
  }));
  const dist = flagOutstandingChanges(changes, { threshold: o.sdThreshold ?? 2, direction });
  const byId = new Map(rows.map((r) => [r.areaId, r]));
  const candidates: AlertCandidate[] = [];
  const heldBack: AlertCandidates['heldBack'] = [];
  for (const item of dist.items) {
    if (!item.outstanding) continue;
    const row = byId.get(item.areaId) as (typeof rows)[number];
    const rel = assessShareChange(row.previous as CountShare, row.current as CountShare, {
      ...(o.z !== undefined ? { z: o.z } : {}),
      ...(o.minBase !== undefined ? { minBase: o.minBase } : {}),
    });
    if (rel.noise) {
      heldBack.push({
        areaId: item.areaId,
        changePp: item.change,
        z: item.z,
        reason: `Nicht gemeldet: ${rel.reason ?? ''}`,
      });
      continue;
    }
    const pp = formatNumber(item.change, { decimals: 1 });
    const sign = item.change > 0 && pp !== '0,0' ? '+' : '';
    const side = item.z >= 0 ? 'über' : 'unter';
    candidates.push({
      kind: 'outstanding_change',
      areaId: item.areaId,
      indicatorId: input.indicator.id,
      changePp: item.change,
      z: item.z,
      previousPercent: rel.previousPercent,
      currentPercent: rel.currentPercent,
      smallDenominator: rel.smallDenominator,
      explanation:
        `${input.indicator.label} ${sign}${pp} Prozentpunkte ${formatYearsPhrase(input.years)}, ` +
        `${formatNumber(Math.abs(item.z), { decimals: 1 })} Standardabweichungen ${side} der gesamtstädtischen Veränderung` +
        (rel.smallDenominator ? ' (kleine Bezugsgröße: Wert mit Vorsicht lesen)' : ''),
    });
  }
  candidates.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.areaId.localeCompare(b.areaId));
  return { distribution: { n: dist.n, meanPp: dist.mean, sdPp: dist.sd }, candidates, heldBack };
}
