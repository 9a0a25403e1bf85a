// A small static map of an area and its neighbours as SVG (issue 14 § 1: an agenda proposal's
// evidence shows where it happened without a tile server or any network). Equirectangular
// projection scaled by cos(latitude) at the centre — at the scale of a city district the
// distortion against Web Mercator is below a pixel in a 160 px picture. Points closer than
// `minStepPx` to the previous one are dropped, so the markup stays a few kilobytes.
import { bboxOf } from './measure.ts';
import { polygonsOf, type AreaGeometry, type BBox } from './types.ts';

export interface AreaSnippetInput {
  /** The areas the evidence is about (drawn highlighted). */
  focus: readonly AreaGeometry[];
  /** Candidate neighbours (e.g. the level's areas); only those inside the view are drawn. */
  others: readonly AreaGeometry[];
  /** The picture's accessible name (<title>). */
  title: string;
  width?: number;
  height?: number;
  /** Room around the focus, as a share of its larger side on each side (default 0.6). */
  margin?: number;
  minStepPx?: number;
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );

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

/** The SVG markup of the snippet, or null when the focus has no positions. */
export function areaSnippetSvg(input: AreaSnippetInput): string | null {
  const w = input.width ?? 160;
  const h = input.height ?? 120;
  const focusBox = unionBox(input.focus.map((g) => bboxOf(g)));
  if (!focusBox) return null;
  const cx = (focusBox[0] + focusBox[2]) / 2;
  const cy = (focusBox[1] + focusBox[3]) / 2;
  const kx = Math.cos((cy * Math.PI) / 180);
  const side = Math.max((focusBox[2] - focusBox[0]) * kx, focusBox[3] - focusBox[1], 1e-6);
  const span = side * (1 + 2 * (input.margin ?? 0.6));
  const scale = Math.min(w, h) / span;
  const halfLon = w / 2 / scale / kx;
  const halfLat = h / 2 / scale;
  const view: BBox = [cx - halfLon, cy - halfLat, cx + halfLon, cy + halfLat];
  const minStep = input.minStepPx ?? 0.7;
  const path = (g: AreaGeometry): string =>
    polygonsOf(g)
      .flatMap((rings) =>
        rings.map((ring) => {
          const out: string[] = [];
          let last: [number, number] | null = null;
          for (const p of ring) {
            const x = (p[0] - cx) * kx * scale + w / 2;
            const y = h / 2 - (p[1] - cy) * scale;
            if (last && Math.hypot(x - last[0], y - last[1]) < minStep) continue;
            out.push(`${out.length === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`);
            last = [x, y];
          }
          return out.length > 2 ? `${out.join('')}Z` : '';
        }),
      )
      .join('');
  const neighbours = input.others
    .filter((g) => {
      const b = bboxOf(g);
      return b !== null && overlaps(b, view) && !input.focus.includes(g);
    })
    .map(path)
    .filter(Boolean);
  const focus = input.focus.map(path).filter(Boolean);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">` +
    `<title>${escapeXml(input.title)}</title>` +
    `<rect width="${w}" height="${h}" fill="#eef1f5"/>` +
    (neighbours.length
      ? `<path d="${neighbours.join('')}" fill="#d5dbe3" stroke="#ffffff" stroke-width="1" fill-rule="evenodd"/>`
      : '') +
    `<path d="${focus.join('')}" fill="#b3261e" fill-opacity="0.75" stroke="#6b0f0a" stroke-width="1.5" fill-rule="evenodd"/>` +
    `</svg>`
  );
}
