// Overlap of areas of two area systems (a Fördergebiet system or LOR 2006 against LOR 2021): which
// share of a source area lies in each target area (area-weighted), or which share of the people
// in it live in each target (residents-weighted: residents spread evenly within each target).
// Measured on horizontal scan lines over the source (`rows`, default 400): on each line the parts
// inside the source and inside each target are exact intervals, and their common length is summed;
// each line weighed by the cos(latitude) of its degree of longitude; only the spacing of the lines
// is an approximation (midpoint rule), so a share is exact for
// boundaries that run along the lines or across them, and close for slanted ones. No polygon
// clipping. Method and limits: docs/methods/funding-allocation.md § Brücke zwischen Gebietssystemen.
import { bboxOf, geodesicArea } from './measure.ts';
import type { AreaGeometry, BBox } from './types.ts';
import { polygonsOf } from './types.ts';

/** One target area with its geometry. */
export interface OverlapTarget {
  id: string;
  geometry: AreaGeometry;
}

/** Shares of one source area: per target (0–1) and the share that lies in no target. */
export interface AreaOverlap {
  parts: { key: string; share: number }[];
  outside: number;
  /** scan lines the shares were measured on */
  samples: number;
}

const DEFAULT_ROWS = 400;

/** All edges of a geometry as flat [x1, y1, x2, y2, …] (rings of every polygon, holes included). */
function edgesOf(geometry: AreaGeometry): Float64Array {
  const list: number[] = [];
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon)
      for (let i = 0; i + 1 < ring.length; i++)
        list.push(ring[i]![0], ring[i]![1], ring[i + 1]![0], ring[i + 1]![1]);
  return Float64Array.from(list);
}

/** The x-intervals inside the shape on the line y (even-odd rule), sorted: [a0, b0, a1, b1, …]. */
export function intervalsAt(edges: Float64Array, y: number): number[] {
  const xs: number[] = [];
  for (let i = 0; i < edges.length; i += 4) {
    const y1 = edges[i + 1]!;
    const y2 = edges[i + 3]!;
    if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) {
      const x1 = edges[i]!;
      xs.push(x1 + ((y - y1) * (edges[i + 2]! - x1)) / (y2 - y1));
    }
  }
  xs.sort((a, b) => a - b);
  return xs.length % 2 === 0 ? xs : xs.slice(0, -1);
}

const lengthOf = (iv: readonly number[]): number => {
  let sum = 0;
  for (let i = 0; i + 1 < iv.length; i += 2) sum += iv[i + 1]! - iv[i]!;
  return sum;
};

/** Common length of two sorted interval lists. */
function commonLength(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (hi > lo) sum += hi - lo;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return sum;
}

interface Prepared {
  id: string;
  box: BBox;
  edges: Float64Array;
}

/**
 * Area-weighted shares of each source in the targets (targets that do not overlap are left out).
 * A source without area (a line, an empty geometry) lies wholly outside.
 */
export function areaOverlaps(
  sources: readonly OverlapTarget[],
  targets: readonly OverlapTarget[],
  rows = DEFAULT_ROWS,
): Map<string, AreaOverlap> {
  const prepared: Prepared[] = [];
  for (const t of targets) {
    const box = bboxOf(t.geometry);
    if (box) prepared.push({ id: t.id, box, edges: edgesOf(t.geometry) });
  }
  const out = new Map<string, AreaOverlap>();
  for (const s of sources) {
    const box = bboxOf(s.geometry);
    const edges = edgesOf(s.geometry);
    const lengths = new Map<number, number>();
    let total = 0;
    if (box && box[3] > box[1]) {
      const near = prepared
        .map((t, i) => ({ t, i }))
        .filter(
          ({ t }) =>
            t.box[0] <= box[2] && t.box[2] >= box[0] && t.box[1] <= box[3] && t.box[3] >= box[1],
        );
      const step = (box[3] - box[1]) / rows;
      for (let r = 0; r < rows; r++) {
        const y = box[1] + (r + 0.5) * step;
        const inside = intervalsAt(edges, y);
        // a degree of longitude is cos(latitude) long: lines are weighed by it
        const scale = Math.cos((y * Math.PI) / 180);
        const len = lengthOf(inside) * scale;
        if (len <= 0) continue;
        total += len;
        for (const { t, i } of near) {
          if (y < t.box[1] || y > t.box[3]) continue;
          const common = commonLength(inside, intervalsAt(t.edges, y)) * scale;
          if (common > 0) lengths.set(i, (lengths.get(i) ?? 0) + common);
        }
      }
    }
    if (!(total > 0)) {
      out.set(s.id, { parts: [], outside: 1, samples: 0 });
      continue;
    }
    const parts = [...lengths]
      .sort((a, b) => a[0] - b[0])
      .map(([i, len]) => ({ key: prepared[i]!.id, share: Math.min(1, len / total) }));
    const placed = parts.reduce((x, p) => x + p.share, 0);
    out.set(s.id, { parts, outside: Math.max(0, 1 - placed), samples: rows });
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
