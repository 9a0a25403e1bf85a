// The spatial join for many points (issue 12 § 4): a two-level grid over the areas' bounding box,
// built once per set of areas. A cell that no edge touches lies wholly inside one area (or outside
// all), so a point there is answered by one array read. A cell that edges cross is split into a block
// of sub × sub finer cells, answered the same way; only a point in a fine cell that an edge crosses is
// tested against the few parts whose edges cross it, with the ray casting of createPointLocator (same
// crossing rule, on a copy of each part's edges per fine row).
// Both locators give the same answer for every point (tests; docs/methods/spatial-join.md).
import { flatParts, type FlatPolygon, type PointLocator } from './point-in-polygon.ts';
import type { AreaGeometry } from './types.ts';

/** Margin in cell widths by which a cell counts as touched by an edge: far above rounding (≈ 1e-12). */
const MARGIN = 1e-6;

export interface GridLocatorOptions {
  /** About this many coarse cells (default 262,144: 1 MB, so that most lookups stay in the cache). */
  cells?: number;
  /** Fine cells per side of a coarse cell that edges cross (default 8). */
  sub?: number;
}

interface Frame {
  x0: number;
  y0: number;
  sx: number;
  sy: number;
  nx: number;
  ny: number;
}

function gridFrame(parts: readonly FlatPolygon[], cells: number): Frame {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of parts) {
    minX = Math.min(minX, p.minX);
    minY = Math.min(minY, p.minY);
    maxX = Math.max(maxX, p.maxX);
    maxY = Math.max(maxY, p.maxY);
  }
  if (parts.length === 0) [minX, minY, maxX, maxY] = [0, 0, 1, 1];
  // a small margin, so that a point on the box's far edge still falls into a cell
  const w = (maxX - minX) * (1 + 1e-6) || 1,
    h = (maxY - minY) * (1 + 1e-6) || 1;
  const nx = Math.max(1, Math.round(Math.sqrt((cells * w) / h)));
  const ny = Math.max(1, Math.round(cells / nx));
  return { x0: minX, y0: minY, sx: nx / w, sy: ny / h, nx, ny };
}

/** Calls visit(edge start offset, ua, va, ub, vb) for every edge of the part, in grid units × scale. */
function forEachEdge(
  p: FlatPolygon,
  f: Frame,
  scale: number,
  visit: (ua: number, va: number, ub: number, vb: number) => void,
): void {
  const { xy, ringStarts } = p;
  const sx = f.sx,
    sy = f.sy;
  for (let r = 0; r + 1 < ringStarts.length; r++)
    for (let k = ringStarts[r]! + 2; k < ringStarts[r + 1]!; k += 2)
      visit(
        (xy[k - 2]! - f.x0) * sx * scale,
        (xy[k - 1]! - f.y0) * sy * scale,
        (xy[k]! - f.x0) * sx * scale,
        (xy[k + 1]! - f.y0) * sy * scale,
      );
}

/** Calls visit(row, col) for every cell of an nx × ny grid whose rectangle, widened by MARGIN, the edge touches. */
function forEachCellOfEdge(
  nx: number,
  ny: number,
  ua: number,
  va: number,
  ub: number,
  vb: number,
  visit: (row: number, col: number) => void,
): void {
  const r0 = Math.max(0, Math.floor(Math.min(va, vb) - MARGIN));
  const r1 = Math.min(ny - 1, Math.floor(Math.max(va, vb) + MARGIN));
  for (let r = r0; r <= r1; r++) {
    let lo = Math.min(ua, ub),
      hi = Math.max(ua, ub);
    if (va !== vb) {
      // the part of the edge within the row's strip [r − m, r + 1 + m]
      const t0 = (r - MARGIN - va) / (vb - va),
        t1 = (r + 1 + MARGIN - va) / (vb - va);
      const ta = Math.max(0, Math.min(t0, t1)),
        tb = Math.min(1, Math.max(t0, t1));
      const xa = ua + (ub - ua) * ta,
        xb = ua + (ub - ua) * tb;
      lo = Math.min(xa, xb);
      hi = Math.max(xa, xb);
    }
    const c1 = Math.min(nx - 1, Math.floor(hi + MARGIN));
    for (let c = Math.max(0, Math.floor(lo - MARGIN)); c <= c1; c++) visit(r, c);
  }
}

/**
 * Per part, the pairs of crossings of its rings with the centre lines of the fine rows (even–odd):
 * calls span(row, from, to) for the fine cells from … to − 1 of that row whose centres it covers.
 */
function forEachCoveredSpan(
  p: FlatPolygon,
  f: Frame,
  sub: number,
  span: (row: number, from: number, to: number) => void,
): void {
  const fnx = f.nx * sub,
    fny = f.ny * sub;
  const keys: number[] = [];
  forEachEdge(p, f, sub, (ua, va, ub, vb) => {
    const rHi = Math.min(fny, Math.ceil(Math.max(va, vb) - 0.5));
    for (let row = Math.max(0, Math.ceil(Math.min(va, vb) - 0.5)); row < rHi; row++) {
      const u = ua + ((ub - ua) * (row + 0.5 - va)) / (vb - va);
      keys.push(row * (fnx + 1) + Math.min(fnx, Math.max(0, u)));
    }
  });
  keys.sort((a, b) => a - b); // by row, then by crossing; every row has an even number of them
  for (let j = 0; j + 1 < keys.length; j += 2) {
    const row = Math.floor(keys[j]! / (fnx + 1));
    const from = Math.ceil(keys[j]! - row * (fnx + 1) - 0.5),
      to = Math.ceil(keys[j + 1]! - row * (fnx + 1) - 0.5);
    if (to > from) span(row, Math.max(0, from), Math.min(fnx, to));
  }
}

interface Grid extends Frame {
  sub: number;
  /** Per coarse cell: an area index (≥ 0), −1 outside every area, or −2 − k for block k. */
  coarse: Int32Array;
  /** Blocks of sub × sub fine cells: area index, −1, or −2 − b for fine boundary cell b. */
  fine: Int32Array;
  /** Fine boundary cell b's candidate parts: cand[start[b]] … cand[start[b + 1] − 1], by feature. */
  start: Uint32Array;
  cand: Uint32Array;
  /** Lowest feature index of a part that covers fine boundary cell b without an edge in it, or −1. */
  cover: Int32Array;
}

/** Coarse cells that edges touch become blocks; fine cells that edges touch list their parts. */
function markBoundaries(f: Frame, sub: number, parts: readonly FlatPolygon[]) {
  const coarse = new Int32Array(f.nx * f.ny).fill(-1);
  let blocks = 0;
  const markCoarse = (r: number, c: number): void => {
    if (coarse[r * f.nx + c] === -1) coarse[r * f.nx + c] = -2 - blocks++;
  };
  for (const p of parts)
    forEachEdge(p, f, 1, (ua, va, ub, vb) =>
      forEachCellOfEdge(f.nx, f.ny, ua, va, ub, vb, markCoarse),
    );
  const fine = new Int32Array(blocks * sub * sub).fill(-1);
  const lastPart = new Int32Array(fine.length).fill(-1);
  const pairSlot: number[] = [],
    pairPart: number[] = [];
  let boundary = 0;
  parts.forEach((p, pi) => {
    const markFine = (r: number, c: number): void => {
      const k = coarse[((r / sub) | 0) * f.nx + ((c / sub) | 0)]!;
      const slot = (-2 - k) * sub * sub + (r % sub) * sub + (c % sub);
      if (lastPart[slot] === pi) return;
      lastPart[slot] = pi;
      if (fine[slot] === -1) fine[slot] = -2 - boundary++;
      pairSlot.push(slot);
      pairPart.push(pi);
    };
    forEachEdge(p, f, sub, (ua, va, ub, vb) =>
      forEachCellOfEdge(f.nx * sub, f.ny * sub, ua, va, ub, vb, markFine),
    );
  });
  // CSR by fine boundary cell; parts come in feature order, so each list is sorted by feature
  const start = new Uint32Array(boundary + 1);
  for (const s of pairSlot) start[-2 - fine[s]! + 1]!++;
  for (let b = 0; b < boundary; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, boundary);
  const cand = new Uint32Array(pairSlot.length);
  pairSlot.forEach((s, j) => (cand[next[-2 - fine[s]!]!++] = pairPart[j]!));
  return { coarse, fine, start, cand, cover: new Int32Array(boundary).fill(-1) };
}

/**
 * Gives every cell no edge touches the lowest feature index whose part covers its centre (parts come
 * in feature order, so the first to write wins); a fine boundary cell covered by a part without an
 * edge in it notes that part as its cover.
 */
function fillInteriors(g: Grid, parts: readonly FlatPolygon[], owner: readonly number[]): void {
  const { nx, sub, coarse, fine, start, cand, cover } = g;
  parts.forEach((p, pi) => {
    const o = owner[pi]!;
    forEachCoveredSpan(p, g, sub, (row, from, to) => {
      const cr = (row / sub) | 0,
        fr = row % sub;
      for (let c = from; c < to;) {
        const cc = (c / sub) | 0;
        const end = Math.min(to, (cc + 1) * sub);
        const k = coarse[cr * nx + cc]!;
        if (k === -1) coarse[cr * nx + cc] = o;
        else if (k <= -2)
          for (let fc = c; fc < end; fc++) {
            const slot = (-2 - k) * sub * sub + fr * sub + (fc % sub);
            const v = fine[slot]!;
            if (v === -1) fine[slot] = o;
            else if (v <= -2 && cover[-2 - v] === -1) {
              const b = -2 - v;
              let listed = false;
              for (let j = start[b]!; j < start[b + 1]! && !listed; j++) listed = cand[j] === pi;
              if (!listed) cover[b] = o;
            }
          }
        c = end;
      }
    });
  });
}

/**
 * Per part, its edges by fine row, in one array of (x, y) lower end, (x, y) upper end: the edges a
 * rightward ray from a point in that row may cross (about 8 in a Berlin Planungsraum). Kept apart
 * from the parts' own band tables, so that testing a point reads a few neighbouring numbers instead
 * of chasing several objects.
 */
function rowBands(f: Frame, scale: number, parts: readonly FlatPolygon[]) {
  const rowLo = new Int32Array(parts.length);
  const base = new Uint32Array(parts.length + 1);
  const rows = f.ny * scale,
    sy = f.sy * scale;
  const rowOf = (v: number): number => Math.min(rows - 1, Math.max(0, Math.floor(v)));
  parts.forEach((p, pi) => {
    rowLo[pi] = rowOf((p.minY - f.y0) * sy - MARGIN);
    base[pi + 1] = base[pi]! + rowOf((p.maxY - f.y0) * sy + MARGIN) - rowLo[pi]! + 1;
  });
  const offset = new Uint32Array(base[parts.length]! + 1);
  const eachEdgeRow = (visit: (band: number, xy: Float64Array, k: number) => void): void =>
    parts.forEach((p, pi) => {
      const { xy, ringStarts } = p;
      for (let r = 0; r + 1 < ringStarts.length; r++)
        for (let k = ringStarts[r]! + 2; k < ringStarts[r + 1]!; k += 2) {
          const ya = xy[k - 1]!,
            yb = xy[k + 1]!;
          if (ya === yb) continue; // a horizontal edge spans no ray
          const lo = rowOf((Math.min(ya, yb) - f.y0) * sy - MARGIN),
            hi = rowOf((Math.max(ya, yb) - f.y0) * sy + MARGIN);
          for (let row = lo; row <= hi; row++) visit(base[pi]! + row - rowLo[pi]!, xy, k);
        }
    });
  eachEdgeRow((band) => offset[band + 1]!++);
  for (let b = 0; b + 1 < offset.length; b++) offset[b + 1]! += offset[b]!;
  const next = offset.slice(0, offset.length - 1);
  const edges = new Float64Array(offset[offset.length - 1]! * 4);
  eachEdgeRow((band, xy, k) => {
    // stored from the lower end, as crosses() computes the crossing (the shared-edge rule)
    const low = xy[k + 1]! < xy[k - 1]! ? k : k - 2,
      high = low === k ? k - 2 : k;
    const e = 4 * next[band]!++;
    edges[e] = xy[low]!;
    edges[e + 1] = xy[low + 1]!;
    edges[e + 2] = xy[high]!;
    edges[e + 3] = xy[high + 1]!;
  });
  return { rowLo, base, offset, edges };
}

/**
 * Builds a grid locator: the same answers as createPointLocator (the lowest feature index containing
 * the point, −1 outside all), at one or two array reads for most points; worth building for many points.
 */
export function createGridLocator(
  features: readonly { geometry: AreaGeometry }[],
  options: GridLocatorOptions = {},
): PointLocator {
  const { parts, owner } = flatParts(features);
  const sub = options.sub ?? 8;
  const frame = gridFrame(parts, options.cells ?? 262_144);
  const grid: Grid = { ...frame, sub, ...markBoundaries(frame, sub, parts) };
  fillInteriors(grid, parts, owner);
  const { x0, y0, sx, sy, nx, ny, coarse, fine, start, cand, cover } = grid;
  const blockSize = sub * sub;

  const bands = rowBands(frame, sub, parts);
  /** Ray casting of part pi in fine row fr, on the row's own copy of the part's edges. */
  const insideRow = (pi: number, fr: number, x: number, y: number): boolean => {
    const band = bands.base[pi]! + fr - bands.rowLo[pi]!;
    const e = bands.edges;
    let inside = false;
    for (let i = 4 * bands.offset[band]!, end = 4 * bands.offset[band + 1]!; i < end; i += 4) {
      const yl = e[i + 1]!,
        yu = e[i + 3]!;
      if (yl <= y && y < yu && x < ((e[i + 2]! - e[i]!) * (y - yl)) / (yu - yl) + e[i]!)
        inside = !inside;
    }
    return inside;
  };
  const inBoundary = (b: number, fr: number, x: number, y: number): number => {
    const c = cover[b]!;
    for (let j = start[b]!, end = start[b + 1]!; j < end; j++) {
      const pi = cand[j]!;
      if (c !== -1 && owner[pi]! >= c) break;
      if (insideRow(pi, fr, x, y)) return owner[pi]!;
    }
    return c;
  };
  const locate = (x: number, y: number): number => {
    const u = (x - x0) * sx,
      v = (y - y0) * sy;
    if (!(u >= 0 && u < nx && v >= 0 && v < ny)) return -1; // also NaN
    const cc = u | 0,
      cr = v | 0;
    const k = coarse[cr * nx + cc]!;
    if (k >= -1) return k;
    const slot = (-2 - k) * blockSize + (((v - cr) * sub) | 0) * sub + (((u - cc) * sub) | 0);
    const w = fine[slot]!;
    return w >= -1 ? w : inBoundary(-2 - w, (v * sub) | 0, x, y);
  };
  const locator: PointLocator = {
    locate,
    locateAll(xy) {
      const out = new Int32Array(xy.length >> 1);
      for (let i = 0; i < out.length; i++) out[i] = locate(xy[2 * i]!, xy[2 * i + 1]!);
      return out;
    },
  };
  primeLocator(locator, frame, parts);
  return locator;
}

/**
 * Runs the locator on a few points of every kind (outside, in plain cells, on edges) before it is
 * handed out, so that V8 has type feedback for every path when the first large call compiles its loop
 * on the stack (ADR 0049: otherwise that call runs mostly unoptimised). Results are discarded.
 */
function primeLocator(locator: PointLocator, f: Frame, parts: readonly FlatPolygon[]): void {
  const probe: number[] = [];
  for (let i = 0; i <= 8; i++)
    for (let j = 0; j <= 8; j++)
      probe.push(f.x0 + ((i / 8) * f.nx) / f.sx, f.y0 + ((j / 8) * f.ny) / f.sy);
  for (const p of parts.slice(0, 16)) probe.push(p.xy[0]!, p.xy[1]!, (p.minX + p.maxX) / 2, p.minY);
  const xy = new Float64Array(probe);
  for (let k = 0; k < 16; k++) locator.locateAll(xy);
}
