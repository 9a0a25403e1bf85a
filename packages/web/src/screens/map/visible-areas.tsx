// The keyboard way into the map (issue 11 § 2): a folding list of the areas in the current map view,
// each a button that opens the area's profile. Updated after every pan or zoom (map-view.tsx).
import { useI18n } from '../../i18n/index.tsx';
import type { NamedArea } from './area-find.ts';

/** At most this many buttons; beyond that the list asks to zoom in (a long tab path helps nobody). */
export const VISIBLE_AREAS_MAX = 150;

export function VisibleAreas({
  areas,
  selected,
  onSelect,
}: {
  areas: readonly NamedArea[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t } = useI18n();
  const shown = areas.slice(0, VISIBLE_AREAS_MAX);
  return (
    <details className="visible-areas">
      <summary>{t.visibleAreasCount(areas.length)}</summary>
      <p className="visible-areas-hint">
        {areas.length > VISIBLE_AREAS_MAX
          ? t.visibleAreasMore(VISIBLE_AREAS_MAX)
          : t.visibleAreasHint}
      </p>
      <ul aria-label={t.visibleAreas}>
        {shown.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="linklike"
              aria-current={a.id === selected ? 'true' : undefined}
              onClick={() => onSelect(a.id)}
            >
              {a.name} <span className="mono">{a.code}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
