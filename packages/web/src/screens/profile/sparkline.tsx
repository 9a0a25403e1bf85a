// A small hand-written SVG line chart with German axis labels (Plot would add 2 MB for this).
import type { SeriesPoint } from '../../api/indicators.ts';
import { layoutSeries } from './series-layout.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';

export interface SparklineProps {
  series: SeriesPoint[];
  label: string;
  decimals: number;
  unit: string;
  highlightDate?: string | null;
  cityValue?: number | null;
}

const W = 180;
const H = 44;
const PAD_L = 40;
const PAD_R = 6;
const PAD_T = 6;
const PAD_B = 16;

/** Line chart of one indicator over time; its accessible name lists every point in German format. */
export function Sparkline({ series, label, decimals, unit, highlightDate }: SparklineProps) {
  const g = layoutSeries(series, W, H);
  if (!g) return null;
  const { lang } = useI18n();
  const fmt = (n: number) => formatNumber(n, decimals, lang);
  const desc = g.points
    .map((p) => `${formatDate(p.date, lang)}: ${fmt(p.value)}${unit ? ` ${unit}` : ''}`)
    .join('; ');
  const path = g.points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${(p.x + PAD_L).toFixed(1)},${(p.y + PAD_T).toFixed(1)}`)
    .join(' ');
  const first = g.points[0]!;
  const last = g.points[g.points.length - 1]!;
  return (
    <svg
      className="sparkline"
      width={W + PAD_L + PAD_R}
      height={H + PAD_T + PAD_B}
      viewBox={`0 0 ${W + PAD_L + PAD_R} ${H + PAD_T + PAD_B}`}
      role="img"
      aria-label={`${label}: ${desc}`}
    >
      <line x1={PAD_L} x2={PAD_L} y1={PAD_T} y2={PAD_T + H} className="spark-axis" />
      <line x1={PAD_L} x2={PAD_L + W} y1={PAD_T + H} y2={PAD_T + H} className="spark-axis" />
      <text x={PAD_L - 4} y={PAD_T + 4} className="spark-label" textAnchor="end">
        {fmt(g.max)}
      </text>
      <text x={PAD_L - 4} y={PAD_T + H} className="spark-label" textAnchor="end">
        {fmt(g.min)}
      </text>
      <text x={PAD_L} y={PAD_T + H + 12} className="spark-label" textAnchor="start">
        {formatDate(first.date, lang)}
      </text>
      {last.date !== first.date && (
        <text x={PAD_L + W} y={PAD_T + H + 12} className="spark-label" textAnchor="end">
          {formatDate(last.date, lang)}
        </text>
      )}
      <path d={path} className="spark-line" />
      {g.points.map((p) => (
        <circle
          key={p.date}
          cx={p.x + PAD_L}
          cy={p.y + PAD_T}
          r={p.date === highlightDate ? 3.5 : 2}
          className={p.date === highlightDate ? 'spark-dot is-current' : 'spark-dot'}
        >
          <title>{`${formatDate(p.date, lang)}: ${fmt(p.value)}${unit ? ` ${unit}` : ''}`}</title>
        </circle>
      ))}
    </svg>
  );
}
