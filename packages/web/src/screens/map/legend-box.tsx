// The legend on the map: indicator, unit, date, class ranges in German format with area counts, no-data swatch.
// On phones (fold.tsx, ≤ 600 px) it starts folded to title, unit and date so the map stays visible; the
// button „Legende einblenden“ unfolds it. On wider screens it starts unfolded and can be folded too, so
// it never has to cover areas (issue 11 § 2; orient.css).
import type { Legend } from '../../lib/legend.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FoldButton, useFold } from './fold.tsx';

export interface LegendBoxProps {
  id: string;
  title: string;
  subtitle: string;
  legend: Legend;
  cityLine: string | null;
  /** How to read the colours ("höhere Werte ungünstiger"); the top bar only shows the swatches. */
  note?: string | null;
}

/** Legend panel placed over the map; also the text description of the map colours. */
export function LegendBox({ id, title, subtitle, legend, cityLine, note }: LegendBoxProps) {
  const { t } = useI18n();
  const fold = useFold();
  return (
    <section className={`legend ${fold.className}`} id={id} aria-label={t.legend}>
      <div className="legend-head">
        <h2 className="legend-title">{title}</h2>
        <FoldButton fold={fold} showLabel={t.legendShow} hideLabel={t.legendHide} />
      </div>
      <p className="legend-subtitle">{subtitle}</p>
      <div className="legend-body fold-body" id={fold.bodyId}>
        <ul className="legend-list">
          {legend.entries
            .slice()
            .reverse()
            .map((e) => (
              <li key={e.index} className="legend-row">
                <span className="swatch" style={{ background: e.color }} aria-hidden="true" />
                <span className="legend-label">{e.label}</span>
                <span className="legend-count" aria-label={t.areasCount(e.count)}>
                  {e.count}
                </span>
              </li>
            ))}
          {legend.noDataCount > 0 && (
            <li className="legend-row">
              <span className="swatch swatch-nodata" aria-hidden="true" />
              <span className="legend-label">{t.noData}</span>
              <span className="legend-count" aria-label={t.areasCount(legend.noDataCount)}>
                {legend.noDataCount}
              </span>
            </li>
          )}
        </ul>
        {note && <p className="legend-note">{note}</p>}
        {cityLine && <p className="legend-city">{cityLine}</p>}
      </div>
    </section>
  );
}
