// A goal's chart: the indicator's actual values in the area against the straight target line from
// baseline to target (issue 14 § 2). SVG with a text alternative: the values as a table below.
import type { MeasureGoal } from '../../api/measures.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatValue } from '../../lib/core-bridge.ts';
import { dayOf, goalStatusLabel, todayIso } from './labels.ts';

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 28 };

export function GoalChart({ goal }: { goal: MeasureGoal }) {
  const { t, lang } = useI18n();
  const fmt = (v: number | null) => formatValue(v, goal.unit, goal.decimals, lang);
  const points = goal.actual.filter((p) => p.value !== null) as { date: string; value: number }[];
  const dates = [goal.baseline.date, goal.target.date, ...points.map((p) => p.date)].map(dayOf);
  const values = [goal.baseline.value, goal.target.value, ...points.map((p) => p.value)];
  const x0 = Math.min(...dates);
  const x1 = Math.max(...dates, x0 + 1);
  let y0 = Math.min(...values);
  let y1 = Math.max(...values);
  const pad = (y1 - y0) * 0.1 || Math.abs(y1) * 0.1 || 1;
  y0 -= pad;
  y1 += pad;
  const x = (iso: string) =>
    PAD.left + ((dayOf(iso) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const today = todayIso();
  const firstYear = new Date(x0 * 86_400_000).getUTCFullYear() + 1;
  const lastYear = new Date(x1 * 86_400_000).getUTCFullYear();
  const years: number[] = [];
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 6));
  for (let yr = firstYear; yr <= lastYear; yr += step) years.push(yr);
  return (
    <figure className="ms-goal-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t.msChartLabel(goal.indicatorName, goal.areaName)}
      >
        <line
          className="ms-axis-line"
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
        />
        <text className="ms-axis-label" x={PAD.left - 6} y={y(y1 - pad) + 4} textAnchor="end">
          {fmt(y1 - pad)}
        </text>
        <text className="ms-axis-label" x={PAD.left - 6} y={y(y0 + pad) + 4} textAnchor="end">
          {fmt(y0 + pad)}
        </text>
        {years.map((yr) => (
          <text
            key={yr}
            className="ms-axis-label"
            x={x(`${yr}-01-01`)}
            y={H - 8}
            textAnchor="middle"
          >
            {yr}
          </text>
        ))}
        {dayOf(today) >= x0 && dayOf(today) <= x1 && (
          <line
            className="ms-chart-today"
            x1={x(today)}
            x2={x(today)}
            y1={PAD.top}
            y2={H - PAD.bottom}
          />
        )}
        <line
          className="ms-target-line"
          x1={x(goal.baseline.date)}
          y1={y(goal.baseline.value)}
          x2={x(goal.target.date)}
          y2={y(goal.target.value)}
        />
        <circle
          className="ms-target-point"
          cx={x(goal.target.date)}
          cy={y(goal.target.value)}
          r={5}
        />
        {points.length > 0 && (
          <polyline
            className="ms-actual-line"
            points={points.map((p) => `${x(p.date)},${y(p.value)}`).join(' ')}
          />
        )}
        {points.map((p) => (
          <circle key={p.date} className="ms-actual-point" cx={x(p.date)} cy={y(p.value)} r={3.5} />
        ))}
      </svg>
      <figcaption>
        <span className="ms-legend ms-legend-actual">{t.msChartActual}</span>
        <span className="ms-legend ms-legend-target">{t.msChartTargetLine}</span>
      </figcaption>
      <dl className="ms-goal-facts">
        <div>
          <dt>{t.msBaseline}</dt>
          <dd>
            {fmt(goal.baseline.value)} ({formatDate(goal.baseline.date, lang)})
          </dd>
        </div>
        <div>
          <dt>{t.msTarget}</dt>
          <dd>
            {fmt(goal.target.value)} ({formatDate(goal.target.date, lang)})
          </dd>
        </div>
        {goal.latest && (
          <div>
            <dt>{t.msLatest}</dt>
            <dd>
              {fmt(goal.latest.value)} ({formatDate(goal.latest.date, lang)})
            </dd>
          </div>
        )}
        {goal.expected !== null && (
          <div>
            <dt>{t.msExpected}</dt>
            <dd>{fmt(goal.expected)}</dd>
          </div>
        )}
      </dl>
      <p className={`ms-goal-status ms-goal-${goal.status}`}>
        {goalStatusLabel(t, goal.status)} · {t.msTolerance(fmt(goal.tolerance))}
      </p>
      <details>
        <summary>{t.msChartActual}</summary>
        <table className="ms-values">
          <tbody>
            {goal.actual.map((p) => (
              <tr key={p.date}>
                <th scope="row">{formatDate(p.date, lang)}</th>
                <td>{fmt(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
