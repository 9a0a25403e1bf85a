// Orientation on the map (issue 11 § 2), pure: each area's bounding box, which areas lie in the
// current view (the keyboard list of visible areas), and finding areas of all levels by name or key.
import { foldForSearch } from '../../lib/search.ts';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** The bounding box of a GeoJSON geometry's coordinates; null when it has none. */
export function bboxOf(geometry: { coordinates: unknown } | null | undefined): Bbox | null {
  if (!geometry) return null;
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
      return;
    }
    for (const child of c) visit(child);
  };
  visit(geometry.coordinates);
  return Number.isFinite(b[0]) ? b : null;
}

/** Whether two boxes overlap (touching counts). */
export function overlaps(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export interface NamedArea {
  id: number;
  name: string;
  code: string;
}

/**
 * The areas whose box overlaps the view, sorted by German name. An area whose box overlaps but whose
 * shape does not may be listed too: harmless for a list that only offers to open profiles.
 */
export function areasInView<T extends NamedArea>(
  areas: readonly (T & { bbox: Bbox | null })[],
  view: Bbox,
  hidden?: ReadonlySet<number>,
): T[] {
  return areas
    .filter((a) => a.bbox !== null && overlaps(a.bbox, view) && !hidden?.has(a.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export interface AreaHit extends NamedArea {
  levelId: string;
  levelName: string;
  /** Finer levels have a higher depth. */
  depth: number;
  retired: boolean;
}

/**
 * Areas matching every word of the query in name or key: an exact key first, then names starting with
 * the query, then other matches; within each, coarser levels first (a Bezirk before its namesake
 * Planungsraum), then by name. Umlauts and case folded ("neukolln" finds "Neukölln").
 */
export function findAreas(areas: readonly AreaHit[], query: string, limit = 10): AreaHit[] {
  const q = foldForSearch(query.trim());
  if (!q) return [];
  const words = q.split(/\s+/);
  const score = (a: AreaHit): number => {
    const name = foldForSearch(a.name);
    const code = a.code.toLowerCase();
    if (code === q) return 0;
    if (name === q) return 1;
    if (name.startsWith(q) || code.startsWith(q)) return 2;
    return words.every((w) => name.includes(w) || code.includes(w)) ? 3 : -1;
  };
  return areas
    .map((a) => ({ a, s: score(a) }))
    .filter((x) => x.s >= 0)
    .sort(
      (x, y) =>
        x.s - y.s ||
        Number(x.a.retired) - Number(y.a.retired) ||
        x.a.depth - y.a.depth ||
        x.a.name.localeCompare(y.a.name, 'de'),
    )
    .slice(0, limit)
    .map((x) => x.a);
}
