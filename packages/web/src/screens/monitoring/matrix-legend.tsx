// Legends of the monitoring map. The matrix legend is a 4 × 3 grid (rows status hoch → sehr niedrig,
// columns dynamics positiv → negativ) with the number of areas in each cell, so a planner reads the
// distribution at a glance; cells of the attention rule are outlined. On phones the legend starts folded
// to its title (map/fold.tsx, like the map legend) so it does not cover the map.
import type { IndexResults } from '../../api/monitoring.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FoldButton, useFold, type Fold } from '../map/fold.tsx';
import {
  DYNAMICS_COLORS,
  matrixColor,
  STATUS_COLORS,
  textOn,
  type MonitoringView,
} from './colors.ts';

/** Attention cells of the MSS rule (status sehr niedrig, or niedrig with dynamics negativ), by position. */
export const isAttentionCell = (s: number, d: number, nStatus: number, nDyn: number) =>
  s === nStatus - 1 || (s === nStatus - 2 && d === nDyn - 1);

// the map hatches areas without a result (lib/hatch.ts); the legend swatch imitates it
const HATCH = 'repeating-linear-gradient(45deg, #9aa3ad 0 1.5px, #eef0f2 1.5px 5px)';

/** Title row with the fold button (phones only). */
function LegendHead({ title, fold }: { title: string; fold: Fold }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8, marginBottom: 6 }}>
      <h2 style={{ fontSize: 15, margin: 0, flex: 1 }}>{title}</h2>
      <FoldButton fold={fold} showLabel={t.legendShow} hideLabel={t.legendHide} />
    </div>
  );
}

const cellStyle: React.CSSProperties = {
  width: 46,
  height: 30,
  textAlign: 'center',
  fontVariantNumeric: 'tabular-nums',
  fontSize: 13,
};

/** Legend for the current view with counts per class or per group. */
export function MonitoringLegend({
  results,
  view,
  title,
}: {
  results: IndexResults;
  view: MonitoringView;
  title: string;
}) {
  const { t, lang } = useI18n();
  const fold = useFold();
  const c = results.counts;
  const n = (x: number) => formatNumber(x, 0, lang);
  const box: React.CSSProperties = {
    position: 'absolute',
    left: 12,
    bottom: 12,
    background: '#fff',
    padding: '10px 12px',
    borderRadius: 6,
    boxShadow: '0 1px 4px rgba(0,0,0,.25)',
    maxWidth: 'min(340px, calc(100% - 60px))',
    fontSize: 14,
  };
  if (view !== 'matrix') {
    const classes = view === 'status' ? c.status : c.dynamics;
    const colors = view === 'status' ? STATUS_COLORS : DYNAMICS_COLORS;
    return (
      <section style={box} className={fold.className} aria-label={t.legend}>
        <LegendHead title={title} fold={fold} />
        <ul
          className="fold-body"
          id={fold.bodyId}
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {classes.map((cl, i) => (
            <li
              key={cl.code}
              style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '3px 0' }}
            >
              <span
                aria-hidden="true"
                style={{
                  width: 18,
                  height: 14,
                  background: colors[i],
                  border: '1px solid #888',
                  display: 'inline-block',
                }}
              />
              <span style={{ flex: 1 }}>{cl.label}</span>
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>{n(cl.count)}</span>
            </li>
          ))}
          <li
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              margin: '3px 0',
              color: '#555',
            }}
          >
            <span
              aria-hidden="true"
              style={{
                width: 18,
                height: 14,
                background: HATCH,
                border: '1px solid #888',
                display: 'inline-block',
              }}
            />
            <span style={{ flex: 1 }}>{t.monNotScored}</span>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{n(c.unscored)}</span>
          </li>
        </ul>
      </section>
    );
  }
  const count = (s: string, d: string) =>
    c.matrix.find((g) => g.status === s && g.dynamics === d)?.count ?? 0;
  return (
    <section style={box} className={fold.className} aria-label={t.legend}>
      <LegendHead title={title} fold={fold} />
      <div className="fold-body" id={fold.bodyId}>
        <table style={{ borderCollapse: 'separate', borderSpacing: 3 }}>
          <caption
            style={{
              captionSide: 'bottom',
              fontSize: 12,
              color: '#444',
              textAlign: 'left',
              paddingTop: 4,
            }}
          >
            {t.monMatrixCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col" style={{ fontSize: 12, textAlign: 'left', fontWeight: 'normal' }}>
                {t.monStatusClass} ↓ / {t.monDynamicsClass} →
              </th>
              {c.dynamics.map((d) => (
                <th key={d.code} scope="col" style={{ fontSize: 12, fontWeight: 600 }}>
                  {d.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.status.map((s, si) => (
              <tr key={s.code}>
                <th
                  scope="row"
                  style={{ fontSize: 12, textAlign: 'left', fontWeight: 600, paddingRight: 4 }}
                >
                  {s.label}
                </th>
                {c.dynamics.map((d, di) => {
                  const bg = matrixColor(si, di);
                  const attention = isAttentionCell(si, di, c.status.length, c.dynamics.length);
                  return (
                    <td
                      key={d.code}
                      title={`Status ${s.label}, Dynamik ${d.label}`}
                      style={{
                        ...cellStyle,
                        background: bg,
                        color: textOn(bg),
                        outline: attention ? '2.5px solid #1a1a1a' : undefined,
                        outlineOffset: -2,
                      }}
                    >
                      {n(count(s.code, d.code))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p
          style={{
            margin: '4px 0 0',
            fontSize: 12,
            color: '#444',
            display: 'flex',
            alignItems: 'center',
            gap: 6,
          }}
        >
          <span
            aria-hidden="true"
            style={{
              width: 18,
              height: 12,
              background: HATCH,
              border: '1px solid #888',
              display: 'inline-block',
            }}
          />
          {t.monNotScored}: {n(c.unscored)}
        </p>
      </div>
    </section>
  );
}
