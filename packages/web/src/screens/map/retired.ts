// Retired areas (ADR 0017, 0022): an area with an end date (validTo) does not exist after that day, so
// the map, its legend counts and the value table leave it out for later dates instead of drawing it as
// an area without data. Up to its last day it is an ordinary area (the tooltip says when it ends).
import type { AreaCollection } from '../../api/areas.ts';

/** The map's areas as far as end dates go; older servers send no `validTo` at all. */
type Dated = {
  features: {
    id: number;
    properties: { validTo?: AreaCollection['features'][number]['properties']['validTo'] };
  }[];
};

/** Today as an ISO date (YYYY-MM-DD) in UTC. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * Ids of the areas that no longer exist at `date` (ISO; the shown Stichtag, or today when the map
 * shows no date): their `validTo` lies before it.
 */
export function retiredAt(fc: Dated | null | undefined, date: string): Set<number> {
  const out = new Set<number>();
  for (const f of fc?.features ?? []) {
    const end = f.properties.validTo;
    if (end && end < date) out.add(f.id);
  }
  return out;
}

/** The rows without the retired areas; the same array when nothing is left out (memo-friendly). */
export function withoutRetired<T extends { areaId: number }>(
  rows: readonly T[],
  retired: ReadonlySet<number>,
): readonly T[] {
  if (retired.size === 0) return rows;
  const kept = rows.filter((r) => !retired.has(r.areaId));
  return kept.length === rows.length ? rows : kept;
}

/** End dates of the areas that have one, by area id (for the tooltip: „aufgelöst zum …“). */
export function endDates(fc: Dated | null | undefined): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of fc?.features ?? []) if (f.properties.validTo) out.set(f.id, f.properties.validTo);
  return out;
}
