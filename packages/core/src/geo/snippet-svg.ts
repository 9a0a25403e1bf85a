// A small static map of an area and its neighbours as SVG (issue 14 § 1: an agenda proposal's
// evidence shows where it happened without a tile server or any network): core's areaView — the
// same drawing the web's profile mini-map and measure location map use — written as markup.
import { areaView, type AreaViewInput } from './area-view.ts';

export interface AreaSnippetInput<K = number> extends AreaViewInput<K> {
  /** The picture's accessible name (<title>). */
  title: string;
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );

/** The SVG markup of the snippet, or null when the focus has no positions. */
export function areaSnippetSvg<K>(input: AreaSnippetInput<K>): string | null {
  const v = areaView(input);
  if (!v) return null;
  const { width: w, height: h } = v.frame;
  const neighbours = v.neighbours.map((p) => p.d).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${v.viewBox}" width="${w}" height="${h}">` +
    `<title>${escapeXml(input.title)}</title>` +
    `<rect width="${w}" height="${h}" fill="#eef1f5"/>` +
    (neighbours
      ? `<path d="${neighbours}" fill="#d5dbe3" stroke="#ffffff" stroke-width="1" fill-rule="evenodd"/>`
      : '') +
    `<path d="${v.focus.map((p) => p.d).join('')}" fill="#b3261e" fill-opacity="0.75" stroke="#6b0f0a" stroke-width="1.5" fill-rule="evenodd"/>` +
    `</svg>`
  );
}
