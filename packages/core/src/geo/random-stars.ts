// Test-only: seeded random star-shaped polygons with a hole around the centre, every third feature a
// MultiPolygon of two parts, on a 10 × 6 lattice of spacing 10. With a radius above 5 neighbours overlap.
import type { AreaGeometry, Position } from './types.ts';

export function randomStars(rnd: () => number, radius: number): { geometry: AreaGeometry }[] {
  const star = (cx: number, cy: number, r: number, n: number): Position[] => {
    const ring: Position[] = [];
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n;
      const d = r * (0.5 + 0.5 * rnd());
      ring.push([cx + d * Math.cos(a), cy + d * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    return ring;
  };
  return Array.from({ length: 60 }, (_, i) => {
    const cx = (i % 10) * 10 + 5;
    const cy = Math.floor(i / 10) * 10 + 5;
    const part = (x: number, y: number, r: number) => [
      star(x, y, r, 5 + Math.floor(rnd() * 40)),
      [...star(x, y, r * 0.2, 6)].reverse(), // a hole around the centre
    ];
    const geometry: AreaGeometry =
      i % 3 === 0
        ? {
            type: 'MultiPolygon',
            coordinates: [part(cx - 2, cy, radius / 2), part(cx + 2.5, cy, 2)],
          }
        : { type: 'Polygon', coordinates: part(cx, cy, radius) };
    return { geometry };
  });
}
