// A small choropleth without a map library: the areas of a level as SVG paths (lon scaled by
// cos(latitude), an equirectangular view adequate at city scale), each filled with its class colour
// and named by a <title>. Used by /versorgung, where a static picture of supply is enough.
import type { AreaCollection } from '../../api/areas.ts';
import { areaRings as ringsOf } from '../../lib/core-bridge.ts';

/** SVG path data of all areas in a viewBox of the given width; the height follows the extent. */
export function projectAreas(
  features: AreaCollection['features'],
  width: number,
): { height: number; paths: Map<number, string> } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of features)
    for (const ring of ringsOf(f.geometry))
      for (const [x, y] of ring) {
        minX = Math.min(minX, x!);
        maxX = Math.max(maxX, x!);
        minY = Math.min(minY, y!);
        maxY = Math.max(maxY, y!);
      }
  if (minX === Infinity) return { height: 0, paths: new Map() };
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = width / Math.max(1e-9, (maxX - minX) * k);
  const height = Math.round((maxY - minY) * scale);
  const paths = new Map<number, string>();
  for (const f of features) {
    const d = ringsOf(f.geometry)
      .map(
        (ring) =>
          'M' +
          ring
            .map(
              ([x, y]) =>
                `${((x! - minX) * k * scale).toFixed(1)},${((maxY - y!) * scale).toFixed(1)}`,
            )
            .join('L') +
          'Z',
      )
      .join('');
    paths.set(f.properties.id, d);
  }
  return { height, paths };
}

export function SvgMap({
  features,
  fill,
  title,
  label,
  highlight,
}: {
  features: AreaCollection['features'];
  fill: (areaId: number) => string;
  title: (areaId: number) => string;
  label: string;
  highlight?: ReadonlySet<number>;
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
    </svg>
  );
}
