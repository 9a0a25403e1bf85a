// Geometry of the small time-series charts.
import type { SeriesPoint } from '../../api/indicators.ts';

export interface SparkGeometry {
  points: { x: number; y: number; date: string; value: number }[];
  min: number;
  max: number;
}

/** Places the non-missing points of a series in a w×h box (time on x by date, value on y, padded). */
export function layoutSeries(
  series: readonly SeriesPoint[],
  w: number,
  h: number,
): SparkGeometry | null {
  const pts = series
    .filter(
      (p): p is { date: string; value: number } => p.value !== null && Number.isFinite(p.value),
    )
    .sort((a, b) => a.date.localeCompare(b.date));
  if (pts.length === 0) return null;
  const times = pts.map((p) => Date.parse(p.date));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  let min = Math.min(...pts.map((p) => p.value));
  let max = Math.max(...pts.map((p) => p.value));
  if (min === max) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  return {
    min,
    max,
    points: pts.map((p, i) => ({
      x: t1 === t0 ? w / 2 : ((times[i]! - t0) / (t1 - t0)) * w,
      y: h - ((p.value - min) / (max - min)) * h,
      date: p.date,
      value: p.value,
    })),
  };
}
