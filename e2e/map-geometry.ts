// Where an area lies on screen: the app fits the map to the level's bounds (MapLibre fitBounds,
// with the app's padding, bearing 0), so a lon/lat point maps to a pixel through Web Mercator alone.
// Used to click a known Planungsraum without the app exposing its map instance.
import { fitPadding, type FitPadding } from '../packages/web/src/lib/fit-padding.ts';

type Ring = [number, number][];
export interface Feature {
  id: number;
  properties: { name: string; code: string };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function polygonsOf(f: Feature): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Web Mercator in world units 0..1 (x east, y south), as MapLibre's MercatorCoordinate. */
export function mercator([lng, lat]: [number, number]): [number, number] {
  const x = (lng + 180) / 360;
  const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
  return [x, y];
}

function boundsOf(features: Feature[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of features)
    for (const poly of polygonsOf(f))
      for (const ring of poly)
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
  return [minX, minY, maxX, maxY];
}

/**
 * Pixel (relative to the map canvas) of a lon/lat point after fitBounds(bounds of all features,
 * padding) — the padding the app uses (packages/web/src/lib/fit-padding.ts): the bounds are fitted
 * into the canvas minus the padding and centred in that box.
 */
export function projectForFitBounds(
  features: Feature[],
  point: [number, number],
  width: number,
  height: number,
  padding: FitPadding = fitPadding(width),
): [number, number] {
  const [minX, minY, maxX, maxY] = boundsOf(features);
  const [x0, y1] = mercator([minX, minY]);
  const [x1, y0] = mercator([maxX, maxY]);
  const innerW = width - padding.left - padding.right;
  const innerH = height - padding.top - padding.bottom;
  const scale = Math.min(innerW / (x1 - x0), innerH / (y1 - y0));
  const [x, y] = mercator(point);
  return [
    padding.left + innerW / 2 + (x - (x0 + x1) / 2) * scale,
    padding.top + innerH / 2 + (y - (y0 + y1) / 2) * scale,
  ];
}

function inside(p: [number, number], poly: Ring[]): boolean {
  let c = false;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

function distanceToEdges(p: [number, number], poly: Ring[], kx: number): number {
  let best = Infinity;
  for (const ring of poly) {
    for (let i = 1; i < ring.length; i++) {
      const ax = ring[i - 1]![0] * kx;
      const ay = ring[i - 1]![1];
      const bx = ring[i]![0] * kx;
      const by = ring[i]![1];
      const px = p[0] * kx;
      const dx = bx - ax;
      const dy = by - ay;
      const t =
        dx === 0 && dy === 0
          ? 0
          : Math.max(0, Math.min(1, ((px - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(px - (ax + t * dx), p[1] - (ay + t * dy)));
    }
  }
  return best;
}

/** The n largest areas, each with the grid point farthest from its border (a pole of inaccessibility, approximately). */
export function interiorPoints(
  features: Feature[],
  n: number,
): { id: number; name: string; point: [number, number]; clearance: number }[] {
  const sized = features.map((f) => {
    const [a, b, c, d] = boundsOf([f]);
    return { f, size: (c - a) * (d - b) };
  });
  sized.sort((p, q) => q.size - p.size);
  return sized.slice(0, n).map(({ f }) => {
    const [minX, minY, maxX, maxY] = boundsOf([f]);
    const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    let best: { point: [number, number]; clearance: number } = {
      point: [minX, minY],
      clearance: -1,
    };
    const steps = 40;
    for (let i = 1; i < steps; i++)
      for (let j = 1; j < steps; j++) {
        const p: [number, number] = [
          minX + ((maxX - minX) * i) / steps,
          minY + ((maxY - minY) * j) / steps,
        ];
        const poly = polygonsOf(f).find((pg) => inside(p, pg));
        if (!poly) continue;
        const d = distanceToEdges(p, poly, kx);
        if (d > best.clearance) best = { point: p, clearance: d };
      }
    return { id: f.id, name: f.properties.name, ...best };
  });
}
