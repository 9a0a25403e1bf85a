// Overlap of areas of two area systems (a Fördergebiet system or LOR 2006 against LOR 2021): which
// share of a source area lies in each target area (area-weighted), or which share of the people
// in it live in each target (residents-weighted: residents spread evenly within each target).
// Estimated on a regular grid of points over the source (about `samples` inside it, square cells
// in metres), each located in the targets: exact enough for money bridging (the error of a share is
// of the order of one cell along the boundary), simple, and free of polygon clipping. Method and
// limits: docs/methods/funding-allocation.md § Brücke zwischen Gebietssystemen.
import { bboxOf, geodesicArea } from './measure.ts';
import { createPointLocator, pointInPolygon } from './point-in-polygon.ts';
import type { AreaGeometry } from './types.ts';

/** One target area with its geometry. */
export interface OverlapTarget {
  id: string;
  geometry: AreaGeometry;
}

/** Shares of one source area: per target (0–1) and the share that lies in no target. */
export interface AreaOverlap {
  parts: { key: string; share: number }[];
  outside: number;
  /** grid points inside the source that the shares were counted on */
  samples: number;
}

const DEFAULT_SAMPLES = 2500;

/** Grid points (lon, lat) inside a polygon: cell centres of a square grid of about `n` cells. */
export function gridPointsIn(geometry: AreaGeometry, n = DEFAULT_SAMPLES): [number, number][] {
  const box = bboxOf(geometry);
  if (!box) return [];
  const [minX, minY, maxX, maxY] = box;
  const cos = Math.max(0.05, Math.cos((((minY + maxY) / 2) * Math.PI) / 180));
  const w = (maxX - minX) * cos;
  const h = maxY - minY;
  if (!(w > 0) || !(h > 0)) return [];
  // the polygon fills part of its box: aim at n points inside, at most 4n cells in the box
  for (let cells = n; cells <= 16 * n; cells *= 2) {
    const step = Math.sqrt((w * h) / cells);
    const stepX = step / cos;
    const out: [number, number][] = [];
    for (let y = minY + step / 2; y < maxY; y += step)
      for (let x = minX + stepX / 2; x < maxX; x += stepX)
        if (pointInPolygon([x, y], geometry)) out.push([x, y]);
    if (out.length >= n / 4 || cells * 2 > 16 * n) return out;
  }
  return [];
}

/**
 * Area-weighted shares of each source in the targets. A source too small for the grid counts as
 * lying wholly where the centre of its box lies. Targets that do not overlap are left out.
 */
export function areaOverlaps(
  sources: readonly OverlapTarget[],
  targets: readonly OverlapTarget[],
  samples = DEFAULT_SAMPLES,
): Map<string, AreaOverlap> {
  const locator = createPointLocator(targets);
  const out = new Map<string, AreaOverlap>();
  for (const s of sources) {
    let points = gridPointsIn(s.geometry, samples);
    if (points.length === 0) {
      const b = bboxOf(s.geometry);
      points = b ? [[(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]] : [];
    }
    const counts = new Map<number, number>();
    let outside = 0;
    for (const [x, y] of points) {
      const i = locator.locate(x, y);
      if (i < 0) outside++;
      else counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const n = points.length;
    out.set(s.id, {
      parts: [...counts]
        .sort((a, b) => a[0] - b[0])
        .map(([i, c]) => ({ key: targets[i]!.id, share: c / n })),
      outside: n === 0 ? 1 : outside / n,
      samples: n,
    });
  }
  return out;
}

/**
 * Residents-weighted shares: the part of a source inside the targets is split by the residents
 * who live in each overlap, assuming residents spread evenly within each target (share of the
 * target's area in the source × its residents). The outside share stays as by area. Null for a
 * source whose overlapping targets have no usable residents (then it cannot be placed this way).
 */
export function residentsOverlaps(
  areaShares: ReadonlyMap<string, AreaOverlap>,
  sources: readonly OverlapTarget[],
  targets: readonly OverlapTarget[],
  residents: ReadonlyMap<string, number>,
): Map<string, AreaOverlap | null> {
  const targetArea = new Map(targets.map((t) => [t.id, geodesicArea(t.geometry)]));
  const out = new Map<string, AreaOverlap | null>();
  for (const s of sources) {
    const o = areaShares.get(s.id);
    if (!o) continue;
    const sourceArea = geodesicArea(s.geometry);
    const weights = o.parts.map((p) => {
      const r = residents.get(p.key);
      const a = targetArea.get(p.key) ?? 0;
      return { key: p.key, w: r === undefined || !(a > 0) ? NaN : (p.share * sourceArea * r) / a };
    });
    const sum = weights.reduce((x, w) => x + w.w, 0);
    if (o.parts.length > 0 && !(sum > 0)) {
      out.set(s.id, null);
      continue;
    }
    const inside = 1 - o.outside;
    out.set(s.id, {
      parts: weights.map((w) => ({ key: w.key, share: (inside * w.w) / sum })),
      outside: o.outside,
      samples: o.samples,
    });
  }
  return out;
}
