// The fine cells of the grid locator that edges cross (grid-locator.ts): for each, a record of the few
// edges that decide a point there, so that testing the point reads one short stretch of memory.
//
// For a part P listed in a fine cell, the rightward ray from a point in the cell crosses P's edges
// in two groups. The "local" edges (those touching the cell, widened by MARGIN) are tested one by one.
// All other edges spanning a height of the cell lie wholly left of it (never crossed) or wholly right
// of it (always crossed). The parity of the right ones can change only at a vertex right of the cell,
// within its rows, where a local edge meets another one (after horizontal edges): such a vertex is
// stored as a "flip", a vertical edge far to the right from its height upwards, so the same crossing
// loop counts it. The parity at the cell's centre is stored once per part and cell: the part's full
// ray casting (insideBanded) minus the local crossings and flips there. Every edge is tested with the
// same crossing rule, so a point gets exactly the answer of the full ray casting (createPointLocator),
// also on edges and vertices. docs/methods/spatial-join.md, ADR 0059.
import { insideBanded, type FlatPolygon } from './point-in-polygon.ts';

/** Margin in cell widths by which a cell counts as touched by an edge: far above rounding (≈ 1e-12). */
export const MARGIN = 1e-6;

/** Right of every coordinate: (0 · (y − h)) / (FAR − h) + FAR is FAR for every finite y. */
const FAR = 1e300;

export interface Frame {
  x0: number;
  y0: number;
  sx: number;
  sy: number;
  nx: number;
  ny: number;
}

/** A fine cell that edges cross: its row and column on the fine grid, the parts' edges touching it. */
export interface BoundaryCell {
  row: number;
  col: number;
  /** Lowest feature index of a part that covers the cell without an edge in it, or −1. */
  cover: number;
  /** Parts with edges in the cell, by feature; for each, the flat offsets k of those edges (k − 2 → k). */
  parts: { part: number; edges: number[] }[];
}

/** Flat offsets (start, end) of the ring of part p that holds the edge ending at offset k. */
function ringOf(p: FlatPolygon, k: number): [number, number] {
  let r = 0;
  while (p.ringStarts[r + 1]! <= k) r++;
  return [p.ringStarts[r]!, p.ringStarts[r + 1]!];
}

/** The next edge after edge k along its ring (dir 1) or the one before it (dir −1); rings are closed. */
function step(k: number, dir: 1 | -1, start: number, end: number): number {
  const e = k + 2 * dir;
  return e < start + 2 ? end - 2 : e >= end ? start + 2 : e;
}

/**
 * The heights at which the crossings of p's non-local edges right of the cell change parity: at a vertex
 * right of the cell within its rows where a local edge meets a non-local one (after horizontal edges,
 * which are never crossed). A non-local edge there lies wholly right of the cell within its rows, so it
 * counts for every point of the cell on its side of the vertex; at a vertex of two non-local edges the
 * count changes by 0 or 2.
 */
function flipHeights(
  p: FlatPolygon,
  local: readonly number[],
  f: Frame,
  sub: number,
  row: number,
  col: number,
) {
  const { xy } = p;
  const flips: number[] = [];
  for (const k of local) {
    const [start, end] = ringOf(p, k);
    for (const dir of [-1, 1] as const) {
      const at = dir === 1 ? k : k - 2; // the vertex on that side
      const u = (xy[at]! - f.x0) * f.sx * sub,
        v = (xy[at + 1]! - f.y0) * f.sy * sub;
      if (!(u > col + 0.5 && v >= row - MARGIN && v <= row + 1 + MARGIN)) continue;
      // walk away from the local edge over horizontal non-local edges
      let e = step(k, dir, start, end);
      for (let n = 0; n < end - start && !local.includes(e) && xy[e - 1] === xy[e + 1]; n++)
        e = step(e, dir, start, end);
      if (!local.includes(e) && xy[e - 1] !== xy[e + 1]) flips.push(xy[at + 1]!);
    }
  }
  return flips;
}

/** Parity of the crossings of the rightward ray from (x, y) with the edges (lower end first, 4 numbers each). */
function crossings(edges: readonly number[], x: number, y: number): boolean {
  let inside = false;
  for (let e = 0; e < edges.length; e += 4) {
    const yl = edges[e + 1]!,
      yu = edges[e + 3]!;
    if (yl <= y && y < yu && x < ((edges[e + 2]! - edges[e]!) * (y - yl)) / (yu - yl) + edges[e]!)
      inside = !inside;
  }
  return inside;
}

/** Does the group of four numbers at i come before the one at j (by its numbers in turn)? */
function before(c: readonly number[], i: number, j: number): boolean {
  for (let d = 0; d < 4; d++) if (c[i + d] !== c[j + d]) return c[i + d]! < c[j + d]!;
  return false;
}

/** A part's edges in the cell (x, y, x, y from the lower end; flips far right), sorted, and its parity. */
function partEntry(
  cell: BoundaryCell,
  part: number,
  edges: readonly number[],
  f: Frame,
  sub: number,
  p: FlatPolygon,
) {
  const { xy } = p;
  const coords: number[] = [];
  for (const k of edges) {
    if (xy[k - 1] === xy[k + 1]) continue; // a horizontal edge is never crossed
    const low = xy[k + 1]! < xy[k - 1]! ? k : k - 2,
      high = low === k ? k - 2 : k;
    coords.push(xy[low]!, xy[low + 1]!, xy[high]!, xy[high + 1]!);
  }
  // a flip at height h: a vertical edge far right from h upwards, crossed by every point at or above h
  for (const h of flipHeights(p, edges, f, sub, cell.row, cell.col)) coords.push(FAR, h, FAR, FAR);
  // in one order whichever way the part's ring runs, so that two parts with the same edges compare equal
  for (let i = 4; i < coords.length; i += 4)
    for (let j = i; j > 0 && before(coords, j, j - 4); j -= 4)
      for (let d = 0; d < 4; d++)
        [coords[j + d], coords[j - 4 + d]] = [coords[j - 4 + d]!, coords[j + d]!];
  const cx = f.x0 + (cell.col + 0.5) / (f.sx * sub),
    cy = f.y0 + (cell.row + 0.5) / (f.sy * sub);
  return { part, coords, parity: insideBanded(p, cx, cy) !== crossings(coords, cx, cy) };
}

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The record of one boundary cell, appended to out: the cover, then
 * - in general: the number of parts that can win (a part of a feature at or above the cover cannot),
 *   and per part its feature index, its stored parity, the number of its edges and the edges;
 * - when two parts have the same edges there (a boundary between two areas, 84 % of the cells of the
 *   Planungsräume): −1, each part's feature index and parity, and the shared edges once.
 * Edges are stored from their lower end as (x, y, x, y), as the crossing test computes from there
 * (the shared-edge rule).
 */
export function appendBoundaryRecord(
  out: number[],
  cell: BoundaryCell,
  f: Frame,
  sub: number,
  parts: readonly FlatPolygon[],
  owner: readonly number[],
): void {
  const entries = cell.parts
    .filter((c) => cell.cover === -1 || owner[c.part]! < cell.cover)
    .map((c) => partEntry(cell, c.part, c.edges, f, sub, parts[c.part]!));
  const [a, b] = entries;
  if (entries.length === 2 && sameNumbers(a!.coords, b!.coords)) {
    out.push(cell.cover, -1, owner[a!.part]!, +a!.parity, owner[b!.part]!, +b!.parity);
    out.push(a!.coords.length / 4);
    for (const c of a!.coords) out.push(c);
    return;
  }
  out.push(cell.cover, entries.length);
  for (const { part, coords, parity } of entries) {
    out.push(owner[part]!, +parity, coords.length / 4);
    for (const c of coords) out.push(c);
  }
}
