// The area on a small map with its neighbours (issue 11 § 3), at the top of the profile page: the
// level's cached geometry drawn as SVG (no map library, works offline), the area filled, the
// surrounding areas of the same level as links to their profiles, and a link to the big map.
import { areasApi, type AreaDetail, type AreaFeature } from '../../api/areas.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { onLinkClick } from '../../lib/router.ts';
import { boundsMeet, boundsOf, projector, type Bounds } from '../../lib/svg-projection.ts';
import { useI18n } from '../../i18n/index.tsx';

const WIDTH = 320;

/** The window around an area: its bounds grown by 60 % on each side (at least ~1 km). */
export function windowAround(b: Bounds): Bounds {
  const dx = Math.max((b[2] - b[0]) * 0.6, 0.012);
  const dy = Math.max((b[3] - b[1]) * 0.6, 0.008);
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

/** The area and the current areas of its level whose bounds meet the window around it. */
export function neighbourhood(
  features: readonly AreaFeature[],
  areaId: number,
): { area: AreaFeature; around: AreaFeature[]; window: Bounds } | null {
  const area = features.find((f) => f.properties.id === areaId);
  const b = area && boundsOf([area]);
  if (!area || !b) return null;
  const window = windowAround(b);
  const around = features.filter((f) => {
    if (f === area || f.properties.validTo !== null) return false;
    const fb = boundsOf([f]);
    return fb !== null && boundsMeet(fb, window);
  });
  return { area, around, window };
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
  const n = q.data ? neighbourhood(q.data.features, area.id) : null;
  if (!n) return null;
  const p = projector(n.window, WIDTH);
  return (
    <figure className="profile-minimap">
      <svg
        viewBox={`0 0 ${WIDTH} ${p.height}`}
        role="group"
        aria-label={t.miniMapLabel(area.name, n.around.length)}
      >
        {n.around.map((f) => (
          <a
            key={f.properties.id}
            href={profileHref(f.properties.id, date)}
            onClick={onLinkClick}
            aria-label={t.miniMapNeighbour(f.properties.name)}
          >
            <path className="minimap-neighbour" d={p.path(f.geometry)}>
              <title>{f.properties.name}</title>
            </path>
          </a>
        ))}
        <path className="minimap-area" d={p.path(n.area.geometry)}>
          <title>{area.name}</title>
        </path>
      </svg>
      <figcaption>
        {t.miniMapCaption(area.levelName, n.around.length)}{' '}
        <a href={mapHref} onClick={onLinkClick}>
          {t.miniMapOpenMap}
        </a>
      </figcaption>
    </figure>
  );
}
