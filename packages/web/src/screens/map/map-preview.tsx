// The map's first picture (issue 11 § 6): while MapLibre's code loads and WebGL starts — seconds
// on a machine without a graphics card — the areas are drawn as SVG in the same projection and
// place (mercator-preview.ts, fitPadding), coloured like the map. MapLibre's first frame with the
// areas replaces it (LazyMapView); without WebGL the picture stays. It is a picture only: hidden
// from assistive technology and the pointer, the map's own controls and the area list take input.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AreaCollection } from '../../api/areas.ts';
import { fitPadding } from '../../lib/fit-padding.ts';
import { HATCH_BACKGROUND, HATCH_LINE } from '../../lib/hatch.ts';
import { previewPaths } from './mercator-preview.ts';

export interface MapPreviewProps {
  geometry: AreaCollection;
  colors: ReadonlyMap<number, string | null>;
  hidden?: ReadonlySet<number>;
}

const HATCH_ID = 'map-preview-hatch';
/** Performance mark at the first frame with the coloured picture. */
export const PAINT_MARK = 'sozialraum:map-preview-painted';

export function MapPreview({ geometry, colors, hidden }: MapPreviewProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const drawn = useMemo(() => previewPaths(geometry.features), [geometry]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // when the first coloured picture is on screen (after the frame that shows it): what the
  // first-paint bench reads, next to the interactive map's own `data-painted-at`
  useEffect(() => {
    const el = box.current;
    if (!el || !drawn || width === 0 || el.dataset.previewPaintedAt) return;
    if (![...colors.values()].some((c) => c !== null)) return;
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => {
        el.dataset.previewPaintedAt ??= String(Math.round(performance.now()));
        // kept after the picture has gone (the bench reads it once the map has taken over)
        if (performance.getEntriesByName(PAINT_MARK).length === 0) performance.mark(PAINT_MARK);
      });
    });
    return () => cancelAnimationFrame(id);
  }, [drawn, colors, width]);

  const pad = fitPadding(width);
  // view-box units per screen pixel (the frame's height ≈ the box's: the box fills the stage)
  const height = box.current?.clientHeight ?? 0;
  const unit = drawn
    ? Math.max(
        drawn.width / Math.max(1, width - pad.left - pad.right),
        drawn.height / Math.max(1, height - pad.top - pad.bottom),
      )
    : 1;
  return (
    <div ref={box} className="map-preview" aria-hidden="true">
      {drawn && width > 0 && (
        <div className="map-preview-frame" style={{ ...pad }}>
          <svg viewBox={drawn.viewBox} preserveAspectRatio="xMidYMid meet">
            <defs>
              <pattern
                id={HATCH_ID}
                width={8 * unit}
                height={8 * unit}
                patternUnits="userSpaceOnUse"
              >
                <rect width={8 * unit} height={8 * unit} fill={HATCH_BACKGROUND} />
                <path
                  d={`M0,${8 * unit}L${8 * unit},0`}
                  stroke={HATCH_LINE}
                  strokeWidth="1.5"
                  vectorEffect="non-scaling-stroke"
                />
              </pattern>
            </defs>
            {drawn.paths.map(({ id, d }) =>
              hidden?.has(id) ? null : (
                <path key={id} d={d} fill={colors.get(id) ?? `url(#${HATCH_ID})`} />
              ),
            )}
          </svg>
        </div>
      )}
    </div>
  );
}
