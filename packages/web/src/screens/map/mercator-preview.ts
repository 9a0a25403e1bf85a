// The map's first picture without WebGL (issue 11 § 6): the areas as SVG paths in Web Mercator,
// the projection MapLibre draws in, so that the picture lies where the map will draw the same
// areas once MapLibre has started (both fit the level's bounds into the same padded box, centred).
// Pure: geometry in, view box and path data out.
import { areaRings } from '../../lib/core-bridge.ts';

/** Web Mercator of a longitude/latitude in world units (0…1 across, y growing southwards). */
export function mercator(lon: number, lat: number): [number, number] {
  const phi = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180;
  return [(lon + 180) / 360, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2];
}

/** Units of the view box across the bounds' width: paths keep 0.1 of these (sub-pixel at any screen). */
const VIEW_WIDTH = 4000;

export interface PreviewPaths {
  /** SVG viewBox: "0 0 width height". */
  viewBox: string;
  width: number;
  height: number;
  /** Path data per area id (all rings; holes by the even-odd rule). */
  paths: { id: number; d: string }[];
}

/** The areas' path data in one view box around their bounds; null without any coordinate. */
export function previewPaths(
  features: readonly { id: number | string | undefined; geometry: unknown }[],
): PreviewPaths | null {
  const rings: { id: number; rings: [number, number][][] }[] = [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const f of features) {
    if (typeof f.id !== 'number') continue;
    const projected = areaRings(f.geometry).map((ring) =>
      ring.map(([lon, lat]) => {
        const p = mercator(lon as number, lat as number);
        if (p[0] < x0) x0 = p[0];
        if (p[0] > x1) x1 = p[0];
        if (p[1] < y0) y0 = p[1];
        if (p[1] > y1) y1 = p[1];
        return p;
      }),
    );
    rings.push({ id: f.id, rings: projected });
  }
  if (!(x1 > x0) || !(y1 >= y0)) return null;
  const k = VIEW_WIDTH / (x1 - x0);
  const height = Math.max(1, Math.round((y1 - y0) * k));
  const paths = rings.map(({ id, rings: rs }) => ({
    id,
    d: rs
      .map(
        (ring) =>
          'M' +
          ring
            .map(([x, y]) => `${((x - x0) * k).toFixed(1)},${((y - y0) * k).toFixed(1)}`)
            .join('L') +
          'Z',
      )
      .join(''),
  }));
  return { viewBox: `0 0 ${VIEW_WIDTH} ${height}`, width: VIEW_WIDTH, height, paths };
}
