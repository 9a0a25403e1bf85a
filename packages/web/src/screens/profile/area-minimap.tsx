// The area on a small map with its neighbours (issue 11 § 3), at the top of the profile page: the
// level's cached geometry drawn by core's areaView (the same drawing as the agenda evidence's
// snippet; no map library, works offline), the area filled, the surrounding current areas of the
// same level as links to their profiles, and a link to the big map.
import { areasApi, type AreaDetail, type AreaFeature } from '../../api/areas.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { onLinkClick } from '../../lib/router.ts';
import { areaViewOf, type AreaView } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';

const WIDTH = 320;
const HEIGHT = 240;

/** The view of an area among the current areas of its level (retired ones left out); null if absent. */
export function minimapView(
  features: readonly AreaFeature[],
  areaId: number,
): { view: AreaView<number>; names: Map<number, string> } | null {
  const area = features.find((f) => f.properties.id === areaId);
  if (!area) return null;
  const current = features.filter((f) => f.properties.validTo === null || f === area);
  const shape = (f: AreaFeature) => ({ id: f.properties.id, geometry: f.geometry });
  const view = areaViewOf([shape(area)], current.map(shape), WIDTH, HEIGHT);
  if (!view) return null;
  return { view, names: new Map(features.map((f) => [f.properties.id, f.properties.name])) };
}

export function AreaMiniMap({
  area,
  date,
  mapHref,
  profileHref,
}: {
  area: AreaDetail;
  date: string | null;
  mapHref: string;
  profileHref: (id: number, date: string | null) => string;
}) {
  const { t } = useI18n();
  const q = useFetch(
    () => areasApi.geometry(area.systemId, area.levelId),
    [area.systemId, area.levelId],
  );
  const m = q.data ? minimapView(q.data.features, area.id) : null;
  if (!m) return null;
  const { view, names } = m;
  return (
    <figure className="profile-minimap">
      <svg
        viewBox={view.viewBox}
        role="group"
        aria-label={t.miniMapLabel(area.name, view.neighbours.length)}
      >
        {view.neighbours.map((p) => (
          <a
            key={p.id}
            href={profileHref(p.id, date)}
            onClick={onLinkClick}
            aria-label={t.miniMapNeighbour(names.get(p.id) ?? '')}
          >
            <path className="minimap-neighbour" d={p.d}>
              <title>{names.get(p.id)}</title>
            </path>
          </a>
        ))}
        {view.focus.map((p) => (
          <path key={p.id} className="minimap-area" d={p.d}>
            <title>{area.name}</title>
          </path>
        ))}
      </svg>
      <figcaption>
        {t.miniMapCaption(area.levelName, view.neighbours.length)}{' '}
        <a href={mapHref} onClick={onLinkClick}>
          {t.miniMapOpenMap}
        </a>
      </figcaption>
    </figure>
  );
}
