// A light map of the municipality for the portal: the top-level areas as SVG outlines (no tiles,
// works offline and on slow phones), the reports as dots, and — when placing — a tap sets the
// point. Projection: equirectangular with the longitude scaled by cos(mid latitude), which is
// what a city-sized map needs; the server checks the point against the exact geometry.
import type { KeyboardEvent, MouseEvent } from 'react';
import type { AreaCollection } from '../../api/areas.ts';

export interface MapPoint {
  lon: number;
  lat: number;
}

interface Props {
  bbox: readonly number[];
  areas: AreaCollection | null;
  reports: readonly (MapPoint & { id: number; label: string })[];
  point?: MapPoint | null;
  onPlace?: (p: MapPoint) => void;
  onOpen?: (id: number) => void;
  label: string;
}

const W = 1000;

function frame(bbox: readonly number[]) {
  const [x0 = 0, y0 = 0, x1 = 1, y1 = 1] = bbox;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const sx = W / ((x1 - x0) * k || 1);
  const h = Math.max(200, Math.round((y1 - y0) * sx));
  return {
    h,
    toXY: (lon: number, lat: number): [number, number] => [(lon - x0) * k * sx, (y1 - lat) * sx],
    toLonLat: (x: number, y: number): MapPoint => ({ lon: x0 + x / (k * sx), lat: y1 - y / sx }),
  };
}

function pathOf(
  geometry: { type: string; coordinates: unknown },
  toXY: (lon: number, lat: number) => [number, number],
): string {
  const polys = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as number[][][][];
  return polys
    .flatMap((rings) =>
      rings.map(
        (ring) =>
          ring
            .map((p, i) => {
              const [x, y] = toXY(p[0]!, p[1]!);
              return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
            })
            .join('') + 'Z',
      ),
    )
    .join('');
}

/** The municipality with its reports; tap (or Enter on the focused map: the centre) to place. */
export function PlaceMap({ bbox, areas, reports, point, onPlace, onOpen, label }: Props) {
  const f = frame(bbox);
  const place = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPlace) return;
    const svg = e.currentTarget;
    const r = svg.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * W;
    const y = ((e.clientY - r.top) / r.height) * f.h;
    onPlace(f.toLonLat(x, y));
  };
  // keyboard: arrow keys move the point by 1 % of the map, Enter sets it at the centre first
  const key = (e: KeyboardEvent<SVGSVGElement>) => {
    if (!onPlace) return;
    const step = {
      ArrowLeft: [-10, 0],
      ArrowRight: [10, 0],
      ArrowUp: [0, -10],
      ArrowDown: [0, 10],
    }[e.key];
    const [cx, cy] = point ? f.toXY(point.lon, point.lat) : [W / 2, f.h / 2];
    if (step) {
      e.preventDefault();
      onPlace(f.toLonLat(cx + step[0]!, cy + step[1]!));
    } else if (e.key === 'Enter' && !point) onPlace(f.toLonLat(cx, cy));
  };
  const pin = point ? f.toXY(point.lon, point.lat) : null;
  return (
    <svg
      className="part-map"
      viewBox={`0 0 ${W} ${f.h}`}
      role={onPlace ? 'application' : 'img'}
      aria-label={label}
      tabIndex={onPlace ? 0 : undefined}
      onClick={place}
      onKeyDown={key}
    >
      <rect width={W} height={f.h} className="part-map-bg" />
      {areas?.features.map((a) =>
        a.geometry ? (
          <path key={a.id} d={pathOf(a.geometry, f.toXY)} className="part-map-area">
            <title>{a.properties.name}</title>
          </path>
        ) : null,
      )}
      {reports.map((r) => {
        const [x, y] = f.toXY(r.lon, r.lat);
        return (
          <circle
            key={r.id}
            cx={x}
            cy={y}
            r={14}
            className="part-map-report"
            onClick={(e) => {
              if (!onOpen) return;
              e.stopPropagation();
              onOpen(r.id);
            }}
          >
            <title>{r.label}</title>
          </circle>
        );
      })}
      {pin && (
        <g className="part-map-pin" transform={`translate(${pin[0]},${pin[1]})`}>
          <path d="M0,0 L-12,-26 A13,13 0 1 1 12,-26 Z" />
          <circle cy={-30} r={5} className="part-map-pin-dot" />
        </g>
      )}
    </svg>
  );
}
