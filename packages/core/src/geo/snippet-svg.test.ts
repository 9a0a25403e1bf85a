import { describe, expect, it } from 'vitest';
import { areaSnippetSvg } from './snippet-svg.ts';
import type { AreaGeometry } from './types.ts';

const square = (x0: number, y0: number, d: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + d, y0],
      [x0 + d, y0 + d],
      [x0, y0 + d],
      [x0, y0],
    ],
  ],
});

describe('areaSnippetSvg', () => {
  const focus = { id: 1, geometry: square(13.4, 52.5, 0.01) };
  const west = { id: 2, geometry: square(13.39, 52.5, 0.01) };
  const far = { id: 3, geometry: square(13.9, 52.9, 0.01) };

  it('draws the focus highlighted in the middle and only the neighbours in view', () => {
    const svg = areaSnippetSvg({ focus: [focus], others: [focus, west, far], title: 'Mitte' })!;
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2); // neighbours (one: west) and focus
    expect(paths[0]!.match(/M/g)).toHaveLength(1); // the far square is out of view
    // the focus is centred: its x coordinates are symmetric around 80
    const xs = [...paths[1]!.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(Math.min(...xs) + Math.max(...xs)).toBeCloseTo(160, 0);
    expect(svg).toContain('<title>Mitte</title>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('escapes the title and answers null without positions', () => {
    const svg = areaSnippetSvg({ focus: [focus], others: [], title: 'A & B <c>' })!;
    expect(svg).toContain('<title>A &amp; B &lt;c&gt;</title>');
    expect(svg).not.toContain('fill="#d5dbe3"');
    expect(
      areaSnippetSvg({
        focus: [{ id: 1, geometry: { type: 'Polygon', coordinates: [] } }],
        others: [],
        title: 'x',
      }),
    ).toBeNull();
  });
});
