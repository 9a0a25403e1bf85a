// Scatter of the transparency view: euros per resident (x) against need (y, higher = more need;
// reversed indicators are drawn flipped), the two medians dashed. Plain SVG like the effect chart;
// the same numbers are in the tables below, so the chart is a picture of them, not their only home.
import type { Transparency } from '../../api/funding.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';

const W = 640;
const H = 320;
const PAD = { left: 64, right: 16, top: 16, bottom: 44 };

const QUADRANT_CLASS: Record<string, string> = {
  high_need_little_money: 'q-under',
  low_need_much_money: 'q-over',
  high_need_much_money: 'q-other',
  low_need_little_money: 'q-other',
};

export function TransparencyScatter({ data }: { data: Transparency }) {
  const { t, lang } = useI18n();
  const points = data.areas.filter((a) => a.need !== null && a.perResident !== null);
  if (points.length === 0 || !data.need) return null;
  const sign = data.need.reversed ? -1 : 1;
  const xs = points.map((p) => p.perResident!);
  const ys = points.map((p) => sign * p.need!);
  const [x0, x1] = [Math.min(0, ...xs), Math.max(...xs) || 1];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const ySpan = y1 - y0 || 1;
  const x = (v: number) => PAD.left + ((v - x0) * (W - PAD.left - PAD.right)) / (x1 - x0 || 1);
  const y = (v: number) => PAD.top + ((y1 - v) * (H - PAD.top - PAD.bottom)) / ySpan;
  const mx = data.medians.perResident;
  const my = data.medians.need === null ? null : sign * data.medians.need;
  const dec = data.need.kind === 'index' ? 2 : 1;
  return (
    <figure className="effect-chart transparency-scatter">
      <figcaption>{t.trScatter}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.trScatterLabel(points.length)}>
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="axis"
        />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={y(y1) + 4} textAnchor="end" className="tick">
          {formatNumber(sign * y1, dec, lang)}
        </text>
        <text x={PAD.left - 6} y={y(y0) + 4} textAnchor="end" className="tick">
          {formatNumber(sign * y0, dec, lang)}
        </text>
        <text x={x(x0)} y={H - PAD.bottom + 16} textAnchor="start" className="tick">
          {formatNumber(x0, 0, lang)} €
        </text>
        <text x={x(x1)} y={H - PAD.bottom + 16} textAnchor="end" className="tick">
          {formatNumber(x1, 0, lang)} €
        </text>
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 6} textAnchor="middle" className="tick">
          {t.trScatterX}
        </text>
        <text x={12} y={PAD.top + 8} className="tick" transform={`rotate(90 12 ${PAD.top + 8})`}>
          {data.need.label}
        </text>
        {mx !== null && (
          <line x1={x(mx)} x2={x(mx)} y1={PAD.top} y2={H - PAD.bottom} className="median" />
        )}
        {my !== null && (
          <line x1={PAD.left} x2={W - PAD.right} y1={y(my)} y2={y(my)} className="median" />
        )}
        {points.map((p) => (
          <circle
            key={p.areaId}
            cx={x(p.perResident!)}
            cy={y(sign * p.need!)}
            r={4}
            className={`dot ${QUADRANT_CLASS[p.quadrant ?? ''] ?? 'q-other'}`}
          >
            <title>
              {`${p.name}: ${formatNumber(p.perResident, 2, lang)} € / ${formatNumber(p.need, dec, lang)}`}
            </title>
          </circle>
        ))}
      </svg>
      <p className="effect-legend">
        <span className="legend-under">{t.trUnderfunded}</span>
        <span className="legend-over">{t.trOverfunded}</span>
        <span className="legend-median">{t.trMedian}</span>
      </p>
    </figure>
  );
}
