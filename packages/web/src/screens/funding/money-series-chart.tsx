// Money of one area per budget year (issue 15 § 2): bars in plain SVG like the other charts, amounts
// in German format, and the same numbers as a table for screen readers and copying. Years without
// money between the first and the last are drawn as 0, so gaps are visible.
import { useI18n } from '../../i18n/index.tsx';
import { formatEuro } from '../../lib/money.ts';

const W = 640;
const H = 220;
const PAD = { left: 72, right: 16, top: 20, bottom: 28 };

export interface MoneyPoint {
  year: number;
  money: number;
}

/** Every year from the first to the last, missing ones as 0. */
export function fillYears(series: readonly MoneyPoint[]): MoneyPoint[] {
  if (series.length === 0) return [];
  const by = new Map(series.map((p) => [p.year, p.money]));
  const years = series.map((p) => p.year);
  const out: MoneyPoint[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++)
    out.push({ year: y, money: by.get(y) ?? 0 });
  return out;
}

export function MoneySeriesChart({
  series,
  areaName,
  selectedYear,
}: {
  series: readonly MoneyPoint[];
  areaName: string;
  selectedYear: number | null;
}) {
  const { t, lang } = useI18n();
  const points = fillYears(series);
  if (points.length === 0) return <p className="muted">{t.trSeriesNone}</p>;
  const max = Math.max(...points.map((p) => p.money)) || 1;
  const slot = (W - PAD.left - PAD.right) / points.length;
  const bar = Math.min(56, slot * 0.7);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const step = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="effect-chart money-series">
      <figcaption>{t.trSeriesCaption(areaName)}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.trSeriesLabel(areaName)}>
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <text className="tick" x={PAD.left - 6} y={y(max) + 4} textAnchor="end">
          {formatEuro(max, lang)}
        </text>
        <text className="tick" x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
          {formatEuro(0, lang)}
        </text>
        {points.map((p, i) => {
          const cx = PAD.left + slot * (i + 0.5);
          return (
            <g key={p.year}>
              <rect
                className={p.year === selectedYear ? 'bar bar-selected' : 'bar'}
                x={cx - bar / 2}
                y={y(p.money)}
                width={bar}
                height={Math.max(0, y(0) - y(p.money))}
              >
                <title>{`${p.year}: ${formatEuro(p.money, lang)}`}</title>
              </rect>
              {i % step === 0 && (
                <text className="tick" x={cx} y={H - 8} textAnchor="middle">
                  {p.year}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t.trSeriesTable}</summary>
        <table className="money-table">
          <caption className="visually-hidden">{t.trSeriesCaption(areaName)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.trYear}</th>
              <th scope="col">{t.trMoney}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.year}>
                <td>{p.year}</td>
                <td className="num">{formatEuro(p.money, lang, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
