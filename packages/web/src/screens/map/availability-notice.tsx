// Why the map shows nothing, said out loud (issue 11 § 1): an unknown or hidden indicator, an
// indicator that has no data on the chosen level, or a date it has no values for. The choice stays
// in the URL; the notice offers the way out (another level, the nearest date) as an explicit button.
import type { AreaSystem, Level } from '../../api/areas.ts';
import type { Indicator } from '../../api/indicators.ts';
import { formatDate } from '../../lib/core-bridge.ts';
import { levelName } from '../../lib/labels.ts';
import type { MapState } from '../../lib/url-state.ts';
import { useI18n } from '../../i18n/index.tsx';
import { levelsWithData, nearestDate } from './resolve.ts';

/** Which of the three cases applies; null when values can be fetched. */
export type Unavailable =
  | { kind: 'unknown-indicator'; id: string }
  | { kind: 'not-on-level' }
  | { kind: 'date'; wanted: string; nearest: string | null };

/** Decides whether the chosen indicator, level and date can be shown at all. */
export function unavailability(
  state: MapState,
  indicator: Indicator | null,
  dates: readonly string[],
): Unavailable | null {
  if (state.indicator !== null && indicator === null)
    return { kind: 'unknown-indicator', id: state.indicator };
  if (!indicator) return null;
  if (dates.length === 0) return { kind: 'not-on-level' };
  if (state.date !== null && !dates.includes(state.date))
    return { kind: 'date', wanted: state.date, nearest: nearestDate(state.date, dates) };
  return null;
}

export interface AvailabilityNoticeProps {
  why: Unavailable;
  indicator: Indicator | null;
  level: Level | null;
  systems: readonly AreaSystem[];
  onChange: (patch: Partial<MapState>) => void;
}

/** The notice with its way out; rendered in the map's overlay and the table's. */
export function AvailabilityNotice({
  why,
  indicator,
  level,
  systems,
  onChange,
}: AvailabilityNoticeProps) {
  const { t, lang } = useI18n();
  if (why.kind === 'unknown-indicator')
    return (
      <div className="state state-empty" role="status">
        <p className="state-title-neutral">{t.unknownIndicator(why.id)}</p>
        <button type="button" className="btn" onClick={() => onChange({ indicator: null })}>
          {t.chooseStartIndicator}
        </button>
      </div>
    );
  if (why.kind === 'date')
    return (
      <div className="state state-empty" role="status">
        <p className="state-title-neutral">{t.dateNotAvailable(formatDate(why.wanted, lang))}</p>
        {why.nearest && (
          <button type="button" className="btn" onClick={() => onChange({ date: why.nearest })}>
            {t.showNearestDate(formatDate(why.nearest, lang))}
          </button>
        )}
      </div>
    );
  const targets = indicator ? levelsWithData(indicator, systems).slice(0, 4) : [];
  return (
    <div className="state state-empty" role="status">
      <p className="state-title-neutral">
        {targets.length > 0
          ? t.indicatorNotOnLevel(level ? levelName(level, lang) : '')
          : t.indicatorNowhere}
      </p>
      <div className="notice-actions">
        {targets.map((x) => {
          const sys = systems.find((s) => s.id === x.systemId);
          const lvl = sys?.levels.find((l) => l.id === x.levelId);
          if (!sys || !lvl) return null;
          return (
            <button
              key={`${x.systemId}/${x.levelId}`}
              type="button"
              className="btn"
              onClick={() =>
                onChange({ system: x.systemId, level: x.levelId, area: null, date: null })
              }
            >
              {t.switchToLevel(levelName(lvl, lang), sys.name)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
