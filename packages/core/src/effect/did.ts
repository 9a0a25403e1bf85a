// Difference-in-differences (DiD): the 2×2 form and the panel form over areas and periods.
// Method, assumptions and sources: docs/methods/difference-in-differences.md.
import { mean, sumPrecise } from '../stats/index.ts';

/** Group means before and after the start, treated and comparison. */
export interface TwoByTwoMeans {
  treatedBefore: number;
  treatedAfter: number;
  comparisonBefore: number;
  comparisonAfter: number;
}

/** The 2×2 DiD: (treated after − before) − (comparison after − before). */
export function computeDidTwoByTwo(m: TwoByTwoMeans): number {
  return m.treatedAfter - m.treatedBefore - (m.comparisonAfter - m.comparisonBefore);
}

/**
 * Standard error of a difference of two independent estimates: √(se₁² + se₂²). Card & Krueger
 * (1994, Table 3) print the DiD's standard error this way from the two states' changes.
 */
export function combineIndependentSe(se1: number, se2: number): number {
  return Math.sqrt(se1 * se1 + se2 * se2);
}

/** One observation of an area in a period; `period` is an ISO date (YYYY-MM-DD). */
export interface PanelPoint {
  areaId: string;
  period: string;
  value: number;
}

/** Values of one area split at the start: ordered pre-period and post-period observations. */
export interface AreaSeries {
  areaId: string;
  pre: { period: string; value: number }[];
  post: { period: string; value: number }[];
}

/** Groups a panel by area and splits each area at `start` (periods before `start` are "pre"). */
export function splitPanel(panel: readonly PanelPoint[], start: string): Map<string, AreaSeries> {
  const byArea = new Map<string, AreaSeries>();
  for (const p of panel) {
    if (!Number.isFinite(p.value)) continue;
    let s = byArea.get(p.areaId);
    if (!s) {
      s = { areaId: p.areaId, pre: [], post: [] };
      byArea.set(p.areaId, s);
    }
    (p.period < start ? s.pre : s.post).push({ period: p.period, value: p.value });
  }
  for (const s of byArea.values()) {
    s.pre.sort((a, b) => a.period.localeCompare(b.period));
    s.post.sort((a, b) => a.period.localeCompare(b.period));
  }
  return byArea;
}

/** Post mean − pre mean of one area; null when it lacks either side. */
export function areaChange(s: AreaSeries): number | null {
  const pre = mean(s.pre.map((p) => p.value));
  const post = mean(s.post.map((p) => p.value));
  return pre === null || post === null ? null : post - pre;
}

/**
 * Panel DiD in the mean-difference form: mean over treated areas of (post mean − pre mean) minus
 * the same over comparison areas. On a balanced panel this equals the coefficient of the
 * two-way fixed-effects regression y = α_area + λ_period + δ·treated·post (Angrist & Pischke 2009,
 * ch. 5.2). Null when either group has no area with both sides.
 */
export function computePanelDid(
  series: ReadonlyMap<string, AreaSeries>,
  treatedIds: readonly string[],
  comparisonIds: readonly string[],
): number | null {
  const changes = (ids: readonly string[]): number[] =>
    ids.flatMap((id) => {
      const s = series.get(id);
      const c = s ? areaChange(s) : null;
      return c === null ? [] : [c];
    });
  const t = changes(treatedIds);
  const c = changes(comparisonIds);
  if (t.length === 0 || c.length === 0) return null;
  return sumPrecise(t) / t.length - sumPrecise(c) / c.length;
}

/** Mean of each group per period, for the chart (treated vs comparison over time). */
export interface PeriodMeans {
  period: string;
  treated: number | null;
  comparison: number | null;
}

/** Per-period means of the treated and the comparison areas, ordered by period. */
export function computePeriodMeans(
  panel: readonly PanelPoint[],
  treatedIds: readonly string[],
  comparisonIds: readonly string[],
): PeriodMeans[] {
  const treated = new Set(treatedIds);
  const comparison = new Set(comparisonIds);
  const byPeriod = new Map<string, { t: number[]; c: number[] }>();
  for (const p of panel) {
    const inT = treated.has(p.areaId);
    if (!inT && !comparison.has(p.areaId)) continue;
    let slot = byPeriod.get(p.period);
    if (!slot) byPeriod.set(p.period, (slot = { t: [], c: [] }));
    (inT ? slot.t : slot.c).push(p.value);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, { t, c }]) => ({ period, treated: mean(t), comparison: mean(c) }));
}

/** A period's date as decimal years (2019-07-02 → ≈ 2019.5), for slopes per year. */
export function periodToYears(period: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (!m) throw new RangeError(`Zeitpunkt ist kein Datum JJJJ-MM-TT: ${period}`);
  const year = Number(m[1]);
  const dayMs = Date.UTC(year, Number(m[2]) - 1, Number(m[3])) - Date.UTC(year, 0, 1);
  const yearMs = Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1);
  return year + dayMs / yearMs;
}

/** Ordinary least squares slope of y on x; null for fewer than 2 distinct x. */
export function olsSlope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = sumPrecise(xs) / n;
  const my = sumPrecise(ys) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}
