// One drawing of „the area among its neighbours“ (issue 14 § 1 agenda evidence, issue 11 § 3 profile
// mini-map, the measure form's location map): the view box around some focus areas and the SVG path
// data of the focus and of the neighbours inside the view, each with its id. The server turns it
// into an SVG string (areaSnippetSvg), the web into interactive links or a map to draw on.
// Equirectangular projection scaled by cos(latitude) at the centre — at the scale of a city district
// the distortion against Web Mercator is below a pixel in a picture a few hundred pixels wide.
// Points closer than `minStepPx` to the previous one are dropped, so the markup stays small.
import { bboxOf } from './measure.ts';
import { polygonsOf, type AreaGeometry, type BBox, type Position } from './types.ts';

/** An area to draw: its id (whatever the caller links by) and its geometry. */
export interface AreaViewShape<K> {
  id: K;
  geometry: AreaGeometry;
}

export interface AreaViewInput<K> {
  /** The areas the view is about (drawn highlighted, centred). */
  focus: readonly AreaViewShape<K>[];
  /** Candidate neighbours (e.g. the level's areas); only those inside the view are kept. */
  others: readonly AreaViewShape<K>[];
  width?: number;
  height?: number;
  /** Room around the focus, as a share of its larger side on each side (default 0.6). */
  margin?: number;
  minStepPx?: number;
}

/** How degrees map to view coordinates: centre, cos(latitude) factor, pixels per degree. */
export interface AreaViewFrame {
  width: number;
  height: number;
  cx: number;
  cy: number;
  kx: number;
  scale: number;
}

export interface AreaView<K> {
  frame: AreaViewFrame;
  /** The SVG viewBox attribute, "0 0 width height". */
  viewBox: string;
  /** The view in degrees [west, south, east, north]. */
  bounds: BBox;
  focus: { id: K; d: string }[];
  neighbours: { id: K; d: string }[];
}

function unionBox(boxes: readonly (BBox | null)[]): BBox | null {
  const list = boxes.filter((b): b is BBox => b !== null);
  if (list.length === 0) return null;
  return [
    Math.min(...list.map((b) => b[0])),
    Math.min(...list.map((b) => b[1])),
    Math.max(...list.map((b) => b[2])),
    Math.max(...list.map((b) => b[3])),
  ];
}

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** A position in degrees → [x, y] in the view (y down). */
export function projectToView(f: AreaViewFrame, p: Position | readonly number[]): [number, number] {
  return [(p[0]! - f.cx) * f.kx * f.scale + f.width / 2, f.height / 2 - (p[1]! - f.cy) * f.scale];
}

/** A point [x, y] in the view → [longitude, latitude] (the inverse of projectToView). */
export function unprojectFromView(f: AreaViewFrame, xy: readonly [number, number]): Position {
  return [f.cx + (xy[0] - f.width / 2) / f.scale / f.kx, f.cy + (f.height / 2 - xy[1]) / f.scale];
}

/** The frame centring the focus boxes with `margin` around their larger side; null without positions. */
function frameAround(focusBox: BBox, w: number, h: number, margin: number): AreaViewFrame {
  const cx = (focusBox[0] + focusBox[2]) / 2;
  const cy = (focusBox[1] + focusBox[3]) / 2;
  const kx = Math.cos((cy * Math.PI) / 180);
  const side = Math.max((focusBox[2] - focusBox[0]) * kx, focusBox[3] - focusBox[1], 1e-6);
  const scale = Math.min(w, h) / (side * (1 + 2 * margin));
  return { width: w, height: h, cx, cy, kx, scale };
}

/** The path data of a geometry's rings in the frame (rings shorter than three points dropped). */
function pathIn(f: AreaViewFrame, g: AreaGeometry, minStep: number): string {
  return polygonsOf(g)
    .flatMap((rings) =>
      rings.map((ring) => {
        const out: string[] = [];
        let last: [number, number] | null = null;
        for (const p of ring) {
          const [x, y] = projectToView(f, p);
          if (last && Math.hypot(x - last[0], y - last[1]) < minStep) continue;
          out.push(`${out.length === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`);
          last = [x, y];
        }
        return out.length > 2 ? `${out.join('')}Z` : '';
      }),
    )
    .join('');
}

/** The view of the focus areas among their neighbours, or null when the focus has no positions. */
export function areaView<K>(input: AreaViewInput<K>): AreaView<K> | null {
  const w = input.width ?? 160;
  const h = input.height ?? 120;
  const focusBox = unionBox(input.focus.map((s) => bboxOf(s.geometry)));
  if (!focusBox) return null;
  const frame = frameAround(focusBox, w, h, input.margin ?? 0.6);
  const [west, north] = unprojectFromView(frame, [0, 0]);
  const [east, south] = unprojectFromView(frame, [w, h]);
  const bounds: BBox = [west, south, east, north];
  const minStep = input.minStepPx ?? 0.7;
  const focusIds = new Set(input.focus.map((s) => s.id));
  const draw = (s: AreaViewShape<K>) => ({ id: s.id, d: pathIn(frame, s.geometry, minStep) });
  const neighbours = input.others
    .filter((s) => {
      if (focusIds.has(s.id)) return false;
      const b = bboxOf(s.geometry);
      return b !== null && overlaps(b, bounds);
    })
    .map(draw)
    .filter((p) => p.d !== '');
  const focus = input.focus.map(draw).filter((p) => p.d !== '');
  return { frame, viewBox: `0 0 ${w} ${h}`, bounds, focus, neighbours };
}
