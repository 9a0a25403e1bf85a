// How the choropleth paints its areas without re-sending geometry (ADR 0026): the GeoJSON source
// holds the level's geometry once; an indicator or date change only sets each area's feature state
// (colour, no data) and the paint expressions read it. Areas retired before the shown date are left
// out by a layer filter on the feature id (filters cannot read feature state).
import type { ExpressionSpecification } from 'maplibre-gl';

/** The feature state of one area: its class colour, or no data (hatched). */
export interface AreaPaintState {
  color: string;
  nodata: boolean;
}

/** One feature state per area of the geometry; an area missing from `colors` has no data. */
export function areaPaintStates(
  features: readonly { id: number }[],
  colors: ReadonlyMap<number, string | null>,
  noDataColor: string,
): { id: number; state: AreaPaintState }[] {
  return features.map((f) => {
    const c = colors.get(f.id) ?? null;
    return { id: f.id, state: { color: c ?? noDataColor, nodata: c === null } };
  });
}

/** Fill colour from the feature state; before a state is set, the no-data grey. */
export const fillColorFromState = (noDataColor: string): ExpressionSpecification => [
  'to-color',
  ['coalesce', ['feature-state', 'color'], noDataColor],
];

/** The hatch shows where the state says no data, and also before any state is set. */
export const hatchOpacityFromState: ExpressionSpecification = [
  'case',
  ['boolean', ['feature-state', 'nodata'], true],
  1,
  0,
];

/** The filter that leaves out the hidden (retired) areas; null when none is hidden. */
export function shownFilter(
  hidden: ReadonlySet<number> | undefined,
): ExpressionSpecification | null {
  if (!hidden?.size) return null;
  return ['!', ['in', ['id'], ['literal', [...hidden].sort((a, b) => a - b)]]];
}

/** The selected area's outline, unless it is hidden. */
export function selectedFilter(
  selected: number | null,
  hidden: ReadonlySet<number> | undefined,
): ExpressionSpecification {
  const one: ExpressionSpecification = ['==', ['id'], selected ?? -1];
  const shown = shownFilter(hidden);
  return shown ? ['all', one, shown] : one;
}

/** Whether two id sets hold the same ids (a new Set per date need not refilter the layers). */
export function sameIds(
  a: ReadonlySet<number> | undefined,
  b: ReadonlySet<number> | undefined,
): boolean {
  const x = a ?? new Set<number>();
  const y = b ?? new Set<number>();
  if (x.size !== y.size) return false;
  for (const id of x) if (!y.has(id)) return false;
  return true;
}
