// The spatial join for many points (issue 12 § 4): a two-level grid over the areas' bounding box,
// built once per set of areas. A cell that no edge touches lies wholly inside one area (or outside
// all), so a point there is answered by one array read. A cell that edges cross is split into a block
// of sub × sub finer cells, answered the same way; only a point in a fine cell that an edge crosses is
// tested against the few edges of the parts there (grid-boundary.ts: same crossing rule as
// createPointLocator, plus one stored parity and the flip heights per part for the edges beyond).
// Both locators give the same answer for every point (tests; docs/methods/spatial-join.md).
import { appendBoundaryRecord, MARGIN, type BoundaryCell, type Frame } from './grid-boundary.ts';
import { flatParts, outputFor, type FlatPolygon, type PointLocator } from './point-in-polygon.ts';
import type { AreaGeometry } from './types.ts';

export interface GridLocatorOptions {
  /** About this many coarse cells (default 262,144: 512 KB at 16 bits a cell). */
  cells?: number;
  /** Fine cells per side of a coarse cell that edges cross (default 4). */
  sub?: number;
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

/** Calls visit(ua, va, ub, vb, k) for every edge (k − 2 → k) of the part, in grid units × scale. */
function forEachEdge(
  p: FlatPolygon,
  f: Frame,
  scale: number,
  visit: (ua: number, va: number, ub: number, vb: number, k: number) => void,
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
        k,
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
  /** The coarse cell of each block. */
  blockCell: Int32Array;
  /** Blocks of sub × sub fine cells: area index, −1, or −2 − b for fine boundary cell b. */
  fine: Int32Array;
  /** Fine boundary cell b's candidate parts: cand[start[b]] … cand[start[b + 1] − 1], by feature. */
  start: Uint32Array;
  cand: Uint32Array;
  /** Lowest feature index of a part that covers fine boundary cell b without an edge in it, or −1. */
  cover: Int32Array;
  /** Boundary cell b's edges: edgePart[i], edgeAt[i] for i in edgeStart[b] … edgeStart[b + 1] − 1, by part. */
  edgeStart: Uint32Array;
  edgePart: Uint32Array;
  edgeAt: Uint32Array;
}

/** Coarse cells that edges touch become blocks; fine cells that edges touch list their parts' edges. */
function markBoundaries(f: Frame, sub: number, parts: readonly FlatPolygon[]) {
  const coarse = new Int32Array(f.nx * f.ny).fill(-1);
  const blockCell: number[] = [];
  const markCoarse = (r: number, c: number): void => {
    if (coarse[r * f.nx + c] !== -1) return;
    coarse[r * f.nx + c] = -2 - blockCell.length;
    blockCell.push(r * f.nx + c);
  };
  for (const p of parts)
    forEachEdge(p, f, 1, (ua, va, ub, vb) =>
      forEachCellOfEdge(f.nx, f.ny, ua, va, ub, vb, markCoarse),
    );
  const fine = new Int32Array(blockCell.length * sub * sub).fill(-1);
  const seenSlot: number[] = [],
    seenPart: number[] = [],
    seenAt: number[] = [];
  let boundary = 0;
  parts.forEach((p, pi) =>
    forEachEdge(p, f, sub, (ua, va, ub, vb, k) =>
      forEachCellOfEdge(f.nx * sub, f.ny * sub, ua, va, ub, vb, (r, c) => {
        const block = -2 - coarse[((r / sub) | 0) * f.nx + ((c / sub) | 0)]!;
        const slot = block * sub * sub + (r % sub) * sub + (c % sub);
        if (fine[slot] === -1) fine[slot] = -2 - boundary++;
        seenSlot.push(slot);
        seenPart.push(pi);
        seenAt.push(k);
      }),
    ),
  );
  // CSR by fine boundary cell; parts come in feature order, so each list is sorted by part
  const edgeStart = new Uint32Array(boundary + 1);
  for (const s of seenSlot) edgeStart[-2 - fine[s]! + 1]!++;
  for (let b = 0; b < boundary; b++) edgeStart[b + 1]! += edgeStart[b]!;
  const next = edgeStart.slice(0, boundary);
  const edgePart = new Uint32Array(seenSlot.length),
    edgeAt = new Uint32Array(seenSlot.length);
  seenSlot.forEach((s, j) => {
    const i = next[-2 - fine[s]!]!++;
    edgePart[i] = seenPart[j]!;
    edgeAt[i] = seenAt[j]!;
  });
  const start = new Uint32Array(boundary + 1);
  const cand: number[] = [];
  for (let b = 0; b < boundary; b++) {
    start[b] = cand.length;
    for (let i = edgeStart[b]!; i < edgeStart[b + 1]!; i++)
      if (i === edgeStart[b] || edgePart[i] !== edgePart[i - 1]) cand.push(edgePart[i]!);
  }
  start[boundary] = cand.length;
  return {
    coarse,
    blockCell: Int32Array.from(blockCell),
    fine,
    start,
    cand: Uint32Array.from(cand),
    cover: new Int32Array(boundary).fill(-1),
    edgeStart,
    edgePart,
    edgeAt,
  };
}

/**
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

/** The boundary cell b of a grid: where it lies, its cover and its parts' edges. */
function boundaryCell(g: Grid, b: number, slot: number): BoundaryCell {
  const { sub, nx } = g;
  const block = (slot / (sub * sub)) | 0,
    within = slot % (sub * sub);
  const cell = g.blockCell[block]!;
  const parts: BoundaryCell['parts'] = [];
  for (let i = g.edgeStart[b]!; i < g.edgeStart[b + 1]!; i++) {
    if (i === g.edgeStart[b] || g.edgePart[i] !== g.edgePart[i - 1])
      parts.push({ part: g.edgePart[i]!, edges: [] });
    parts[parts.length - 1]!.edges.push(g.edgeAt[i]!);
  }
  return {
    row: ((cell / nx) | 0) * sub + ((within / sub) | 0),
    col: (cell % nx) * sub + (within % sub),
    cover: g.cover[b]!,
    parts,
  };
}

/**
 * A block of 4 × 4 fine cells fits 8 slots when it holds at most PALETTE different answers and at most
 * 16 − PALETTE boundary cells: four slots of four 4-bit codes, then the answers (ADR 0060). Code
 * c < PALETTE is the answer in slot 4 + c, code c ≥ PALETTE is the block's boundary cell c − PALETTE.
 * Half the bytes of 16 slots, so that more of the blocks stay in a core's cache between two reads.
 */
const PALETTE = 4;
const COMPACT = 8;

/** The 8 slots of a compact block of 16 encoded fine values, or null if the block does not fit. */
function compactBlock(values: readonly number[], features: number): number[] | null {
  const palette: number[] = [];
  const slots = [0, 0, 0, 0];
  for (let c = 0; c < 16; c++) {
    const v = values[c]!;
    let code: number;
    if (v > features)
      code = PALETTE + v - features - 1; // boundary cell j of the block
    else {
      code = palette.indexOf(v);
      if (code === -1) code = palette.push(v) - 1;
    }
    if (palette.length > PALETTE || code > 15) return null;
    slots[c >> 2]! |= code << ((c & 3) * 4);
  }
  while (palette.length < PALETTE) palette.push(0);
  return [...slots, ...palette];
}

/**
 * The tables a lookup reads, in one encoding for both grids: t ≤ F (the number of features) is the
 * answer t − 1 (0: outside every area); t > F is block t − F − 1 in the coarse grid, and in a block
 * the block's boundary cell t − F − 1. So both grids fit 16 bits for the Planungsräume (coarse grid
 * 512 KB, fine blocks about 400 KB, so that most lookups stay in a core's cache). Blocks are numbered
 * compact ones first (4 × 4 cells only; COMPACT slots each from 0), then the others (sub × sub slots
 * each from fullFrom). The record of a block's boundary cell j starts at
 * rec[recAt[blockFirst[block] + j]] (tables of 100 and 400 KB).
 */
function lookupTables(
  g: Grid,
  parts: readonly FlatPolygon[],
  owner: readonly number[],
  features: number,
) {
  const blockSize = g.sub * g.sub,
    blocks = g.blockCell.length;
  // each block's fine values in the final encoding, its records appended in the same pass
  const encoded: number[][] = [];
  const recsOf: number[][] = [];
  const rec: number[] = [];
  for (let block = 0; block < blocks; block++) {
    const values: number[] = [],
      at: number[] = [];
    for (let s = block * blockSize, j = 0; s < (block + 1) * blockSize; s++) {
      const v = g.fine[s]!;
      values.push(v >= -1 ? v + 1 : features + 1 + j++);
      if (v >= -1) continue;
      at.push(rec.length);
      appendBoundaryRecord(rec, boundaryCell(g, -2 - v, s), g, g.sub, parts, owner);
    }
    encoded.push(values);
    recsOf.push(at);
  }
  const packed = encoded.map((v) => (blockSize === 16 ? compactBlock(v, features) : null));
  const order = [...packed.keys()].sort((a, b) => +(packed[a] === null) - +(packed[b] === null));
  const compact = packed.filter((p) => p !== null).length;
  const fullFrom = compact * COMPACT;
  const idOf = new Int32Array(blocks);
  const fine = new Int32Array(fullFrom + (blocks - compact) * blockSize);
  const blockFirst = new Uint32Array(blocks);
  const recAt: number[] = [];
  order.forEach((block, id) => {
    idOf[block] = id;
    blockFirst[id] = recAt.length;
    recAt.push(...recsOf[block]!);
    const slots = packed[block] ?? encoded[block]!;
    fine.set(slots, id < compact ? id * COMPACT : fullFrom + (id - compact) * blockSize);
  });
  rec.push(0, 0, 0, 0, 0, 0, 0, 0); // so that reading 8 past the last record's start stays in bounds
  const coarse = g.coarse.map((k) => (k >= -1 ? k + 1 : features + 1 + idOf[-2 - k]!));
  const narrow = features + 1 + Math.max(blocks, blockSize) <= 0xffff;
  return {
    coarse: narrow ? Uint16Array.from(coarse) : coarse,
    fine: narrow ? Uint16Array.from(fine) : fine,
    compact,
    fullFrom,
    blockFirst,
    recAt: Uint32Array.from(recAt),
    rec: Float64Array.from(rec),
  };
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
  const sub = options.sub ?? 4;
  const frame = gridFrame(parts, options.cells ?? 262_144);
  const grid: Grid = { ...frame, sub, ...markBoundaries(frame, sub, parts) };
  fillInteriors(grid, parts, owner);
  const { x0, y0, sx, sy, nx, ny } = frame;
  const { coarse, fine, compact, fullFrom, blockFirst, recAt, rec } = lookupTables(
    grid,
    parts,
    owner,
    features.length,
  );
  const blockSize = sub * sub,
    F = features.length;

  /** Parity of the crossings of the rightward ray from (x, y) with the m edges stored from e on. */
  const crossings = (e: number, m: number, x: number, y: number): boolean => {
    let inside = false;
    for (const end = e + 4 * m; e < end; e += 4) {
      const yl = rec[e + 1]!,
        yu = rec[e + 3]!;
      if (yl <= y && y < yu && x < ((rec[e + 2]! - rec[e]!) * (y - yl)) / (yu - yl) + rec[e]!)
        inside = !inside;
    }
    return inside;
  };
  /** A point in a boundary cell: its record's parts in feature order, each by its edges there. */
  const inBoundary = (o: number, x: number, y: number): number => {
    const n = rec[o + 1]!;
    if (n < 0) {
      const crossed = crossings(o + 7, rec[o + 6]!, x, y);
      return (rec[o + 3]! !== 0) !== crossed
        ? rec[o + 2]!
        : (rec[o + 5]! !== 0) !== crossed
          ? rec[o + 4]!
          : rec[o]!;
    }
    for (let c = 0, at = o + 2; c < n; c++, at += 3 + 4 * rec[at + 2]!)
      if ((rec[at + 1]! !== 0) !== crossings(at + 3, rec[at + 2]!, x, y)) return rec[at]!;
    return rec[o]!;
  };
  /** The value of the point's fine cell in block t − F − 1 of its coarse cell (u, v: grid units). */
  const fineAt = (t: number, u: number, v: number): number => {
    const b = t - F - 1,
      c = (((v - (v | 0)) * sub) | 0) * sub + (((u - (u | 0)) * sub) | 0);
    if (b >= compact) return fine[fullFrom + (b - compact) * blockSize + c]!;
    const o = b * COMPACT,
      code = (fine[o + (c >> 2)]! >>> ((c & 3) << 2)) & 15;
    return code < PALETTE ? fine[o + 4 + code]! : F + 1 + code - PALETTE;
  };
  const locate = (x: number, y: number): number => {
    const u = (x - x0) * sx,
      v = (y - y0) * sy;
    if (!(u >= 0 && u < nx && v >= 0 && v < ny)) return -1; // also NaN
    const t = coarse[(v | 0) * nx + (u | 0)]!;
    if (t <= F) return t - 1;
    const w = fineAt(t, u, v);
    return w <= F ? w - 1 : inBoundary(recAt[blockFirst[t - F - 1]! + w - F - 1]!, x, y);
  };
  const locator: PointLocator = {
    locate,
    // as locate, but the points in boundary cells wait for the end of their chunk: the offsets of
    // their records, then the records, are read in passes of independent reads, so that the
    // processor overlaps the cache misses instead of stalling the main loop on each (ADR 0060)
    locateAll(xy, given) {
      const n = xy.length >> 1;
      const out = outputFor(n, given);
      const CHUNK = 16_384;
      const pendingPoint = new Int32Array(CHUNK),
        pendingBlock = new Uint32Array(CHUNK), // then the offset of the record
        pendingCell = new Uint32Array(CHUNK);
      for (let from = 0; from < n; from += CHUNK) {
        const to = Math.min(n, from + CHUNK);
        let pending = 0;
        for (let i = from; i < to; i++) {
          const u = (xy[2 * i]! - x0) * sx,
            v = (xy[2 * i + 1]! - y0) * sy;
          if (!(u >= 0 && u < nx && v >= 0 && v < ny)) {
            out[i] = -1;
            continue;
          }
          const t = coarse[(v | 0) * nx + (u | 0)]!;
          const w = t <= F ? t : fineAt(t, u, v);
          if (w <= F) out[i] = w - 1;
          else {
            pendingPoint[pending] = i;
            pendingBlock[pending] = t - F - 1;
            pendingCell[pending++] = w - F - 1;
          }
        }
        for (let j = 0; j < pending; j++)
          pendingBlock[j] = recAt[blockFirst[pendingBlock[j]!]! + pendingCell[j]!]!;
        // the first two cache lines of each record, read in a loop without branches: their misses
        // overlap here, where in the tests below each would wait behind a mispredicted branch
        let touched = 0;
        for (let j = 0; j < pending; j++)
          touched += rec[pendingBlock[j]!]! + rec[pendingBlock[j]! + 8]!;
        if (touched !== touched) out[from] = out[from]!; // keeps the reads (NaN never occurs)
        for (let j = 0; j < pending; j++) {
          const i = pendingPoint[j]!;
          out[i] = inBoundary(pendingBlock[j]!, xy[2 * i]!, xy[2 * i + 1]!);
        }
      }
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
  const out = new Int32Array(xy.length >> 1);
  for (let k = 0; k < 16; k++) locator.locateAll(xy, k % 2 === 0 ? undefined : out);
}
