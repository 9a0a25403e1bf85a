// A small choropleth without a map library: the areas of a level as SVG paths (lon scaled by
// cos(latitude), an equirectangular view adequate at city scale), each filled with its class colour
// and named by a <title>. Used by /versorgung, where a static picture of supply is enough.
import type { AreaCollection } from '../../api/areas.ts';
import { boundsOf, projector } from '../../lib/svg-projection.ts';

/** SVG path data of all areas in a viewBox of the given width; the height follows the extent. */
export function projectAreas(
  features: AreaCollection['features'],
  width: number,
): { height: number; paths: Map<number, string> } {
  const bounds = boundsOf(features);
  if (!bounds) return { height: 0, paths: new Map() };
  const p = projector(bounds, width);
  return {
    height: p.height,
    paths: new Map(features.map((f) => [f.properties.id, p.path(f.geometry)])),
  };
}

export function SvgMap({
  features,
  fill,
  title,
  label,
  highlight,
  marked,
}: {
  features: AreaCollection['features'];
  fill: (areaId: number) => string;
  title: (areaId: number) => string;
  label: string;
  highlight?: ReadonlySet<number>;
  /** areas marked with a dashed red outline (the gaps of the „Lücken“ part), drawn on top */
  marked?: ReadonlySet<number>;
}) {
  const width = 800;
  const { height, paths } = projectAreas(features, width);
  if (height === 0) return null;
  return (
    <svg className="svg-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {features.map((f) => (
        <path
          key={f.properties.id}
          d={paths.get(f.properties.id)}
          fill={fill(f.properties.id)}
          stroke={highlight?.has(f.properties.id) ? '#000' : '#fff'}
          strokeWidth={highlight?.has(f.properties.id) ? 1.6 : 0.4}
        >
          <title>{title(f.properties.id)}</title>
        </path>
      ))}
      {features
        .filter((f) => marked?.has(f.properties.id))
        .map((f) => (
          <path
            key={`m${f.properties.id}`}
            className="svg-map-marked"
            d={paths.get(f.properties.id)}
            fill="none"
            stroke="#b00020"
            strokeWidth={2.4}
            strokeDasharray="5 3"
            pointerEvents="none"
          />
        ))}
    </svg>
  );
}
