// Chart of an effect estimate: mean of the treated and of the comparison areas per period, the
// start marked by a dashed line. Plain SVG; the numbers are also in the sentence and the table.
import type { EffectEstimate } from '../../api/funding.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';

const W = 640;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

export function EffectChart({ e }: { e: EffectEstimate }) {
  const { t, lang } = useI18n();
  const points = e.series;
  if (points.length < 2) return null;
  const values = points
    .flatMap((p) => [p.treated, p.comparison])
    .filter((v): v is number => v !== null);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (points.length - 1);
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / span;
  const line = (key: 'treated' | 'comparison') =>
    points
      .map((p, i) => (p[key] === null ? null : `${x(i).toFixed(1)},${y(p[key]!).toFixed(1)}`))
      .filter(Boolean)
      .join(' ');
  const firstPost = points.findIndex((p) => p.period >= e.start);
  const startX = firstPost <= 0 ? null : (x(firstPost - 1) + x(firstPost)) / 2;
  const dec = e.indicator.decimals;
  return (
    <figure className="effect-chart">
      <figcaption>{t.effectChart}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t.effectChart}: ${t.effectTreated} / ${t.effectComparison}, ${formatDate(points[0]!.period, lang)} – ${formatDate(points[points.length - 1]!.period, lang)}`}
      >
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="axis"
        />
        <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="tick">
          {formatNumber(max, dec, lang)}
        </text>
        <text x={PAD.left - 6} y={y(min) + 4} textAnchor="end" className="tick">
          {formatNumber(min, dec, lang)}
        </text>
        {points.map((p, i) => (
          <text
            key={p.period}
            x={x(i)}
            y={H - PAD.bottom + 18}
            textAnchor="middle"
            className="tick"
          >
            {p.period.slice(0, 4)}
          </text>
        ))}
        {startX !== null && (
          <g className="start-line">
            <line x1={startX} x2={startX} y1={PAD.top} y2={H - PAD.bottom} />
            <text x={startX + 4} y={PAD.top + 10}>
              {t.effectStartLine}
            </text>
          </g>
        )}
        <polyline points={line('comparison')} className="series-comparison" />
        <polyline points={line('treated')} className="series-treated" />
        {points.map((p, i) => (
          <g key={`p-${p.period}`}>
            {p.comparison !== null && (
              <circle cx={x(i)} cy={y(p.comparison)} r={3} className="dot-comparison" />
            )}
            {p.treated !== null && (
              <circle cx={x(i)} cy={y(p.treated)} r={3.5} className="dot-treated" />
            )}
          </g>
        ))}
      </svg>
      <div className="effect-legend">
        <span className="legend-treated">{t.effectTreated}</span>
        <span className="legend-comparison">{t.effectComparison}</span>
      </div>
    </figure>
  );
}
