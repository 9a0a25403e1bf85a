// The one place where the web app calls the pure helpers (classification, palettes, German formatting).
// Screens import from here, so a change of the core's signatures touches only this file.
import type { ClassMethod } from './url-state.ts';
import type { Polarity } from './api.ts';

/** Colour for areas without a value (drawn under the hatch pattern). */
export const NO_DATA_COLOR = '#d9d9d9';

const nf = (decimals: number) =>
  new Intl.NumberFormat('de-DE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** German number format with fixed decimals: 1234.5 → "1.234,5". */
export function formatNumber(value: number, decimals = 0): string {
  return nf(decimals).format(value);
}

/** German number with a unit: percent with a non-breaking space ("12,3 %"), other units after a space. */
export function formatValue(value: number | null, unit: string | null | undefined, decimals: number | null | undefined): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const s = formatNumber(value, decimals ?? 1);
  if (!unit) return s;
  return `${s}\u00a0${unit}`;
}

/** ISO date → German date: "2020-12-31" → "31.12.2020". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Number of decimals that shows differences between class breaks of this range. */
export function breakDecimals(values: readonly number[], fallback: number): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return fallback;
  const span = Math.max(...finite) - Math.min(...finite);
  if (span === 0) return fallback;
  return Math.max(fallback, Math.min(4, Math.ceil(-Math.log10(span / 100))));
}

// ---- classification --------------------------------------------------------------------------

function quantileBreaks(sorted: number[], k: number): number[] {
  // type-7 quantiles (linear interpolation, as R's default and d3.quantile)
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const h = (sorted.length - 1) * (i / k);
    const lo = Math.floor(h);
    const a = sorted[lo]!;
    const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
    out.push(a + (h - lo) * (b - a));
  }
  return out;
}

function equalBreaks(sorted: number[], k: number): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(min + ((max - min) * i) / k);
  return out;
}

/** Fisher–Jenks natural breaks (Jenks 1977), O(k·n²) dynamic programme on sorted values. */
function jenksBreaks(sorted: number[], k: number): number[] {
  const n = sorted.length;
  if (k >= n) return sorted.slice(0, -1);
  const lower: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(0));
  const variance: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(Infinity));
  for (let j = 1; j <= k; j++) {
    lower[1]![j] = 1;
    variance[1]![j] = 0;
  }
  for (let l = 2; l <= n; l++) {
    let s1 = 0;
    let s2 = 0;
    let w = 0;
    for (let m = 1; m <= l; m++) {
      const i3 = l - m + 1;
      const val = sorted[i3 - 1]!;
      s2 += val * val;
      s1 += val;
      w += 1;
      const v = s2 - (s1 * s1) / w;
      const i4 = i3 - 1;
      if (i4 !== 0) {
        for (let j = 2; j <= k; j++) {
          if (variance[l]![j]! >= v + variance[i4]![j - 1]!) {
            lower[l]![j] = i3;
            variance[l]![j] = v + variance[i4]![j - 1]!;
          }
        }
      }
    }
    lower[l]![1] = 1;
    variance[l]![1] = s2 - (s1 * s1) / w;
  }
  const breaks = new Array<number>(k - 1);
  let kk = n;
  for (let j = k; j >= 2; j--) {
    const id = lower[kk]![j]! - 2;
    breaks[j - 2] = sorted[id]!;
    kk = lower[kk]![j]! - 1;
  }
  return breaks;
}

/**
 * Inner class breaks (ascending, length classes−1) for the values; upper bounds are inclusive.
 * Duplicate breaks (many equal values) are kept so the number of colours stays as chosen.
 */
export function classifyBreaks(values: readonly (number | null)[], method: ClassMethod, classes: number, manual: number[] | null): number[] {
  if (method === 'manual') return manual ?? [];
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const k = Math.max(1, classes);
  if (method === 'equal') return equalBreaks(sorted, k);
  if (method === 'jenks') return jenksBreaks(sorted, Math.min(k, sorted.length));
  return quantileBreaks(sorted, k);
}

// ---- palettes ------------------------------------------------------------------------------------
// ColorBrewer 2.0 sequential schemes (Brewer, Harrower 2003; colorbrewer2.org, Apache-2.0), 3–9 classes.
const OR_RD: Record<number, string[]> = {
  2: ['#fdbb84', '#e34a33'],
  3: ['#fee8c8', '#fdbb84', '#e34a33'],
  4: ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
  5: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
  6: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'],
  7: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
  8: ['#fff7ec', '#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
  9: ['#fff7ec', '#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#b30000', '#7f0000'],
  10: ['#fff7ec', '#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#b30000', '#990000', '#7f0000'],
};
const BLUES: Record<number, string[]> = {
  2: ['#9ecae1', '#3182bd'],
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  8: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  9: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  10: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08458a', '#08306b'],
};

/**
 * Colours for n classes, low to high. The unfavourable end is always dark red: for "higher is worse"
 * high values are dark, for "higher is better" low values are; neutral indicators use blues.
 */
export function paletteFor(polarity: Polarity, n: number): string[] {
  const k = Math.max(2, Math.min(10, n));
  if (n === 1) return [polarity === 'neutral' ? BLUES[3]![1]! : OR_RD[3]![1]!];
  if (polarity === 'neutral') return BLUES[k]!.slice();
  const reds = OR_RD[k]!.slice();
  return polarity === 'higher_is_better' ? reds.reverse() : reds;
}
