// Topology-preserving simplification of a polygon coverage for map display.
// Method as in TopoJSON (Bostock, topojson-server "join"/"cut"/"dedup") and mapshaper (Bloch 2013):
// 1. identify each distinct vertex; a vertex is a junction where its neighbour pair differs between rings;
// 2. cut rings at junctions into arcs and keep each arc once (a shared border is stored once, used by both
//    neighbours in opposite directions);
// 3. simplify every arc once with Douglas–Peucker (Douglas & Peucker 1973), endpoints (junctions) fixed;
//    rings that would fall below 3 distinct corners get back their most important vertices;
// 4. quantize arc coordinates, then reassemble rings. Because both neighbours read the same arc, their
//    shared borders stay identical: no slivers, no gaps. See docs/methods/geometry.md.
import type { AreaGeometry, Position, Ring } from './types.ts';

export interface SimplifyOptions {
  /** Douglas–Peucker tolerance in degrees of latitude (1e-4° ≈ 11 m); longitudes are scaled by cos(latitude). */
  tolerance: number;
  /** Round output coordinates to this many decimals (5 ≈ 1.1 m, 6 ≈ 0.11 m); none if omitted. */
  quantize?: number;
}

export interface SimplifyStats {
  arcs: number;
  sharedArcs: number;
  verticesIn: number;
  verticesOut: number;
  /** Rings whose corners had to be restored to stay a polygon with ≥ 3 corners. */
  ringsRepaired: number;
}

type ArcRef = { arc: number; reversed: boolean };

/** Simplifies (Multi)Polygon features so that neighbours keep identical shared borders; ids are kept. */
export function simplifyTopology<Id>(
  features: readonly { id: Id; geometry: AreaGeometry }[],
  opts: SimplifyOptions,
): { id: Id; geometry: AreaGeometry }[] {
  return simplifyTopologyWithStats(features, opts).features;
}

/** Like simplifyTopology, also returning counts of arcs and vertices. */
export function simplifyTopologyWithStats<Id>(
  features: readonly { id: Id; geometry: AreaGeometry }[],
  opts: SimplifyOptions,
): { features: { id: Id; geometry: AreaGeometry }[]; stats: SimplifyStats } {
  if (!(opts.tolerance >= 0))
    throw new Error(`simplifyTopology: Toleranz muss ≥ 0 sein, erhalten ${opts.tolerance}.`);

  // --- 1. distinct vertices and rings as id sequences (open, no closing repeat, no consecutive duplicates)
  const vertexId = new Map<string, number>();
  const vx: number[] = [],
    vy: number[] = [];
  const rings: number[][] = [];
  const shapes: number[][][] = []; // feature → polygon → ring indices
  let verticesIn = 0;
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    shapes.push(
      polys.map((poly) =>
        poly.map((ring) => {
          verticesIn += ring.length;
          const ids: number[] = [];
          for (const p of ring) {
            const key = `${p[0]},${p[1]}`;
            let id = vertexId.get(key);
            if (id === undefined) {
              id = vx.length;
              vertexId.set(key, id);
              vx.push(p[0]);
              vy.push(p[1]);
            }
            if (ids[ids.length - 1] !== id) ids.push(id);
          }
          while (ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
          rings.push(ids);
          return rings.length - 1;
        }),
      ),
    );
  }

  // --- 2. junctions: the first (prev, next) pair seen for a vertex vs. every later one (TopoJSON join)
  const nV = vx.length;
  const firstPrev = new Int32Array(nV).fill(-1),
    firstNext = new Int32Array(nV).fill(-1);
  const junction = new Uint8Array(nV);
  for (const ids of rings) {
    const n = ids.length;
    for (let i = 0; i < n; i++) {
      const v = ids[i]!,
        p = ids[(i + n - 1) % n]!,
        q = ids[(i + 1) % n]!;
      if (firstPrev[v] === -1) {
        firstPrev[v] = p;
        firstNext[v] = q;
      } else if (!(
        (firstPrev[v] === p && firstNext[v] === q) ||
        (firstPrev[v] === q && firstNext[v] === p)
      )) {
        junction[v] = 1;
      }
    }
  }

  // --- 3. cut rings into arcs at junctions, dedupe arcs by their (canonically oriented) vertex sequence
  const arcs: number[][] = [];
  const arcUses: number[] = [];
  const arcByKey = new Map<string, number>();
  const ringArcs: ArcRef[][] = [];
  const addArc = (seq: number[], closed: boolean): ArcRef => {
    const n = seq.length;
    let reversed: boolean;
    if (closed)
      reversed = seq[1]! > seq[n - 2]!; // closed arcs start at their smallest id (see below)
    else if (seq[0] !== seq[n - 1]) reversed = seq[0]! > seq[n - 1]!;
    else reversed = n > 2 && seq[1]! > seq[n - 2]!;
    const canon = reversed ? [...seq].reverse() : seq;
    const key = (closed ? 'c' : '') + canon.join(',');
    let arc = arcByKey.get(key);
    if (arc === undefined) {
      arc = arcs.length;
      arcs.push(canon);
      arcUses.push(0);
      arcByKey.set(key, arc);
    }
    arcUses[arc]!++;
    return { arc, reversed };
  };
  for (const ids of rings) {
    const n = ids.length;
    const starts: number[] = [];
    for (let i = 0; i < n; i++) if (junction[ids[i]!]) starts.push(i);
    const refs: ArcRef[] = [];
    if (n < 3) {
      // degenerate input ring: keep as is
      refs.push(addArc([...ids, ids[0]!], false));
    } else if (starts.length === 0) {
      // A ring without junctions (island, or a ring shared whole with one neighbour, e.g. hole ↔ enclave):
      // rotate to its smallest vertex id so both users of the ring produce the same key.
      let m = 0;
      for (let i = 1; i < n; i++) if (ids[i]! < ids[m]!) m = i;
      const seq = [...ids.slice(m), ...ids.slice(0, m), ids[m]!];
      refs.push(addArc(seq, true));
    } else {
      for (let k = 0; k < starts.length; k++) {
        const a = starts[k]!,
          b = starts[(k + 1) % starts.length]!;
        const seq: number[] = [];
        for (let i = a; ; i = (i + 1) % n) {
          seq.push(ids[i]!);
          if (seq.length > 1 && i === b) break;
        }
        refs.push(addArc(seq, false));
      }
    }
    ringArcs.push(refs);
  }

  // --- 4. Douglas–Peucker importance per arc vertex: the tolerance up to which it survives
  const midLat = vy.length ? (Math.min(...sample(vy)) + Math.max(...sample(vy))) / 2 : 0;
  const kx = Math.cos((midLat * Math.PI) / 180); // local equirectangular scaling so tolerance is isotropic
  const importance: Float64Array[] = arcs.map((seq) => douglasPeuckerImportance(seq, vx, vy, kx));
  const keep: Uint8Array[] = importance.map((imp) =>
    Uint8Array.from(imp, (v) => (v >= opts.tolerance ? 1 : 0)),
  );
  const keptCount = (a: number): number => keep[a]!.reduce((s, v) => s + v, 0);

  // Rings must keep ≥ 3 distinct corners; otherwise restore the most important dropped vertices of their arcs.
  let ringsRepaired = 0;
  ringArcs.forEach((refs) => {
    const corners = (): number => refs.reduce((s, r) => s + keptCount(r.arc) - 1, 0);
    if (corners() >= 3) return;
    ringsRepaired++;
    const candidates: { arc: number; i: number; imp: number }[] = [];
    for (const r of refs)
      importance[r.arc]!.forEach((imp, i) => {
        if (!keep[r.arc]![i]) candidates.push({ arc: r.arc, i, imp });
      });
    candidates.sort((a, b) => b.imp - a.imp);
    for (const c of candidates) {
      if (corners() >= 3) break;
      keep[c.arc]![c.i] = 1;
    }
  });

  // --- 5. materialise arcs (quantized once, so equal points stay equal) and reassemble rings
  const q = opts.quantize;
  const round =
    q === undefined ? (v: number) => v : (v: number) => Math.round(v * 10 ** q) / 10 ** q;
  const arcCoords: Position[][] = arcs.map((seq, a) => {
    const out: Position[] = [];
    seq.forEach((v, i) => {
      if (!keep[a]![i]) return;
      const p: Position = [round(vx[v]!), round(vy[v]!)];
      const last = out[out.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1] && i !== seq.length - 1) return;
      if (last && last[0] === p[0] && last[1] === p[1]) out.pop(); // keep the fixed endpoint itself
      out.push(p);
    });
    return out;
  });
  let verticesOut = 0;
  const ringCoords = ringArcs.map((refs): Ring => {
    const out: Position[] = [];
    for (const r of refs) {
      const c = arcCoords[r.arc]!;
      const pts = r.reversed ? [...c].reverse() : c;
      for (let i = out.length === 0 ? 0 : 1; i < pts.length; i++) out.push(pts[i]!);
    }
    const first = out[0];
    const last = out[out.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1]))
      out.push([first[0], first[1]]);
    verticesOut += out.length;
    return out;
  });
  const result = features.map((f, fi) => {
    const polys = shapes[fi]!.map((poly) => poly.map((r) => ringCoords[r]!));
    const geometry: AreaGeometry =
      f.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: polys[0] ?? [] }
        : { type: 'MultiPolygon', coordinates: polys };
    return { id: f.id, geometry };
  });
  return {
    features: result,
    stats: {
      arcs: arcs.length,
      sharedArcs: arcUses.filter((u) => u > 1).length,
      verticesIn,
      verticesOut,
      ringsRepaired,
    },
  };
}

/** Every 1000th value (enough to find the latitude span without spreading 500k arguments). */
function sample(values: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += Math.max(1, Math.floor(values.length / 1000)))
    out.push(values[i]!);
  out.push(values[values.length - 1]!);
  return out;
}

/**
 * Douglas–Peucker run to the end, recording for every vertex the distance at which it was chosen as a split
 * point, capped by its parent's so the values are monotone (a vertex never outlives the split that made it).
 * Endpoints get Infinity. A closed arc (first = last) is first split at the vertex farthest from its start.
 */
function douglasPeuckerImportance(
  seq: number[],
  vx: number[],
  vy: number[],
  kx: number,
): Float64Array {
  const n = seq.length;
  const imp = new Float64Array(n);
  imp[0] = Infinity;
  imp[n - 1] = Infinity;
  if (n <= 2) return imp;
  const X = (i: number): number => vx[seq[i]!]! * kx,
    Y = (i: number): number => vy[seq[i]!]!;
  const stack: [number, number, number][] = [];
  if (seq[0] === seq[n - 1]) {
    let far = 1,
      best = -1;
    for (let i = 1; i < n - 1; i++) {
      const d = (X(i) - X(0)) ** 2 + (Y(i) - Y(0)) ** 2;
      if (d > best) {
        best = d;
        far = i;
      }
    }
    imp[far] = Infinity;
    stack.push([0, far, Infinity], [far, n - 1, Infinity]);
  } else {
    stack.push([0, n - 1, Infinity]);
  }
  while (stack.length) {
    const [a, b, cap] = stack.pop()!;
    if (b - a < 2) continue;
    const ax = X(a),
      ay = Y(a),
      dx = X(b) - ax,
      dy = Y(b) - ay;
    const len2 = dx * dx + dy * dy;
    let best = -1,
      idx = a + 1;
    for (let i = a + 1; i < b; i++) {
      const px = X(i) - ax,
        py = Y(i) - ay;
      let d2: number;
      if (len2 === 0) d2 = px * px + py * py;
      else {
        // distance to the segment (not the infinite line), as mapshaper does
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        d2 = (px - t * dx) ** 2 + (py - t * dy) ** 2;
      }
      if (d2 > best) {
        best = d2;
        idx = i;
      }
    }
    const d = Math.min(Math.sqrt(best), cap);
    imp[idx] = d;
    stack.push([a, idx, d], [idx, b, d]);
  }
  return imp;
}
