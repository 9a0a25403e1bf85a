// Validity of polygon rings (OGC Simple Features 1.2.1, section 6.1.11.1): rings closed, ≥ 4 positions,
// finite numbers, no ring crossing itself or another ring of the same polygon. Crossing segments are found
// with a Flatbush R-tree over the segment boxes, so n segments cost O(n log n), not O(n²).
import Flatbush from 'flatbush';
import { polygonsOf } from './types.ts';
import type { Geometry, Position } from './types.ts';

export interface PolygonIssue {
  featureIndex: number;
  /** Ring number within the feature, counting all rings of all parts from 0; −1 for the geometry as a whole. */
  ring: number;
  message: string;
}

const MAX_CROSSINGS_PER_FEATURE = 5;

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
const onSegment = (
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): boolean =>
  Math.min(ax, bx) <= cx &&
  cx <= Math.max(ax, bx) &&
  Math.min(ay, by) <= cy &&
  cy <= Math.max(ay, by);

/**
 * Kind of contact of segments p1–p2 and q1–q2: 'cross' (proper crossing), 'overlap' (collinear, sharing
 * more than one point), 'touch' (sharing one point), or null.
 */
function contact(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): 'cross' | 'overlap' | 'touch' | null {
  const o1 = orient(p1x, p1y, p2x, p2y, q1x, q1y),
    o2 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
  const o3 = orient(q1x, q1y, q2x, q2y, p1x, p1y),
    o4 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'cross';
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlap if the projections share more than a point.
    const useX = p1x !== p2x;
    const [a0, a1] = useX
      ? [Math.min(p1x, p2x), Math.max(p1x, p2x)]
      : [Math.min(p1y, p2y), Math.max(p1y, p2y)];
    const [b0, b1] = useX
      ? [Math.min(q1x, q2x), Math.max(q1x, q2x)]
      : [Math.min(q1y, q2y), Math.max(q1y, q2y)];
    const lo = Math.max(a0, b0),
      hi = Math.min(a1, b1);
    return hi > lo ? 'overlap' : hi === lo ? 'touch' : null;
  }
  if (
    (o1 === 0 && onSegment(p1x, p1y, p2x, p2y, q1x, q1y)) ||
    (o2 === 0 && onSegment(p1x, p1y, p2x, p2y, q2x, q2y)) ||
    (o3 === 0 && onSegment(q1x, q1y, q2x, q2y, p1x, p1y)) ||
    (o4 === 0 && onSegment(q1x, q1y, q2x, q2y, p2x, p2y))
  ) {
    return 'touch';
  }
  return null;
}

const fmtPos = (x: number, y: number): string => `(${+x.toFixed(7)}, ${+y.toFixed(7)})`;

/** Names a feature for messages: "Objekt 3 (PLR_ID 01100101)". */
export function describeFeature(
  featureIndex: number,
  properties?: Record<string, unknown> | null,
  idProperty?: string,
): string {
  const id = idProperty ? properties?.[idProperty] : undefined;
  return id === undefined || id === null || id === ''
    ? `Objekt ${featureIndex + 1}`
    : `Objekt ${featureIndex + 1} (${idProperty} ${String(id)})`;
}

/** Validates one Polygon/MultiPolygon; `label` names the feature in messages (default "Objekt n"). */
export function validatePolygon(
  geometry: Geometry | null,
  context: { featureIndex?: number; label?: string } = {},
): PolygonIssue[] {
  const featureIndex = context.featureIndex ?? 0;
  const label = context.label ?? `Objekt ${featureIndex + 1}`;
  const issues: PolygonIssue[] = [];
  if (!geometry) return [{ featureIndex, ring: -1, message: `${label}: keine Geometrie.` }];
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return [
      {
        featureIndex,
        ring: -1,
        message: `${label}: Geometrietyp ${geometry.type}, erwartet wird eine Fläche (Polygon oder MultiPolygon).`,
      },
    ];
  }
  const rings: Position[][] = [];
  const partOf: number[] = [];
  polygonsOf(geometry).forEach((p, pi) => {
    if (p.length === 0)
      issues.push({
        featureIndex,
        ring: -1,
        message: `${label}: Teilfläche ${pi + 1} hat keinen Ring.`,
      });
    for (const r of p) {
      rings.push(r);
      partOf.push(pi);
    }
  });
  if (rings.length === 0)
    return [{ featureIndex, ring: -1, message: `${label}: leere Fläche ohne Ringe.` }];
  // Segments of all well-formed rings of the feature, as flat arrays.
  const segRing: number[] = [],
    segIdx: number[] = [],
    segLen: number[] = [];
  const coords: number[] = [];
  rings.forEach((ring, r) => {
    const ringLabel = `${label}, Ring ${r + 1}${r > 0 && partOf[r] === partOf[r - 1] ? ' (Loch)' : ''}`;
    const bad = ring.findIndex(
      (p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]),
    );
    if (bad >= 0) {
      issues.push({
        featureIndex,
        ring: r,
        message: `${ringLabel}: Punkt ${bad + 1} ist keine gültige Koordinate (${JSON.stringify(ring[bad])}).`,
      });
      return;
    }
    if (ring.length < 4) {
      issues.push({
        featureIndex,
        ring: r,
        message: `${ringLabel}: nur ${ring.length} Punkte; ein Ring braucht mindestens 4 (3 Ecken und den wiederholten Startpunkt).`,
      });
      return;
    }
    const first = ring[0]!,
      last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      issues.push({
        featureIndex,
        ring: r,
        message: `${ringLabel}: Ring ist nicht geschlossen, der letzte Punkt ${fmtPos(last[0], last[1])} ist nicht der erste ${fmtPos(first[0], first[1])}.`,
      });
      return;
    }
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i]!,
        b = ring[i + 1]!;
      if (a[0] === b[0] && a[1] === b[1]) continue; // repeated points are harmless
      coords.push(a[0], a[1], b[0], b[1]);
      segRing.push(r);
      segIdx.push(i);
    }
    segLen[r] = ring.length - 1;
  });
  const n = segRing.length;
  if (n === 0) return issues;
  const index = new Flatbush(n);
  for (let s = 0; s < n; s++) {
    const x1 = coords[4 * s]!,
      y1 = coords[4 * s + 1]!,
      x2 = coords[4 * s + 2]!,
      y2 = coords[4 * s + 3]!;
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  index.finish();
  let reported = 0;
  for (let s = 0; s < n && reported < MAX_CROSSINGS_PER_FEATURE; s++) {
    const x1 = coords[4 * s]!,
      y1 = coords[4 * s + 1]!,
      x2 = coords[4 * s + 2]!,
      y2 = coords[4 * s + 3]!;
    const hits = index.search(
      Math.min(x1, x2),
      Math.min(y1, y2),
      Math.max(x1, x2),
      Math.max(y1, y2),
    );
    for (const t of hits) {
      if (t <= s || reported >= MAX_CROSSINGS_PER_FEATURE) continue;
      const q1x = coords[4 * t]!,
        q1y = coords[4 * t + 1]!,
        q2x = coords[4 * t + 2]!,
        q2y = coords[4 * t + 3]!;
      const kind = contact(x1, y1, x2, y2, q1x, q1y, q2x, q2y);
      if (kind === null || kind === 'touch') continue; // touching at a vertex is tolerated (ESRI and many sources produce it)
      const rs = segRing[s]!,
        rt = segRing[t]!;
      const where =
        kind === 'cross' ? crossingPoint(x1, y1, x2, y2, q1x, q1y, q2x, q2y) : fmtPos(q1x, q1y);
      const what = kind === 'cross' ? 'schneidet' : 'überlappt';
      const message =
        rs === rt
          ? `${label}, Ring ${rs + 1}: Ring ${what} sich selbst bei ${where} (Kante ${segIdx[s]! + 1} und Kante ${segIdx[t]! + 1}).`
          : `${label}: Ring ${rs + 1} ${what} Ring ${rt + 1} bei ${where}.`;
      issues.push({ featureIndex, ring: rs, message });
      reported++;
    }
  }
  return issues;
}

function crossingPoint(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
): string {
  const d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
  const t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d;
  return fmtPos(x1 + t * (x2 - x1), y1 + t * (y2 - y1));
}

/** Validates many features; messages name each feature by its `id` or by `idProperty` when given. */
export function validatePolygons(
  features: readonly {
    id?: string | number | null;
    properties?: Record<string, unknown> | null;
    geometry: Geometry | null;
  }[],
  opts: { idProperty?: string } = {},
): PolygonIssue[] {
  return features.flatMap((f, i) => {
    const label =
      f.id !== undefined && f.id !== null && f.id !== ''
        ? `Objekt ${i + 1} (${String(f.id)})`
        : describeFeature(i, f.properties, opts.idProperty);
    return validatePolygon(f.geometry, { featureIndex: i, label });
  });
}
