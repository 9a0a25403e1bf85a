// Which edition of an index the area profile shows: the one that matches the profile's date.
import type { IndexEdition } from '../../lib/api.ts';

/**
 * The latest edition of an index on the area's system and level whose date is on or before the
 * profile's date (ISO dates compare as text); the newest there when the profile has no date; null
 * when there is none (other level, e.g. Bezirke, or every edition is newer than the profile).
 */
export function editionForDate(
  editions: readonly IndexEdition[],
  system: string,
  level: string,
  date: string | null,
): IndexEdition | null {
  return editions
    .filter((e) => e.system === system && e.level === level && (date === null || e.date <= date))
    .reduce<IndexEdition | null>((a, e) => (a === null || e.date > a.date ? e : a), null);
}

/** The oldest edition on the area's system and level (to say from when the index exists). */
export function firstEditionFor(
  editions: readonly IndexEdition[],
  system: string,
  level: string,
): IndexEdition | null {
  return editions
    .filter((e) => e.system === system && e.level === level)
    .reduce<IndexEdition | null>((a, e) => (a === null || e.date < a.date ? e : a), null);
}
