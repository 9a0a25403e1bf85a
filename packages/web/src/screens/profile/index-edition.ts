// Which edition of an index the area profile shows: the one that matches the profile's date.
import type { IndexEdition } from '../../api/monitoring.ts';

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

/**
 * The method the official Berlin MSS used for an edition (demo-data/README.md; MSS 2021 Kapitel 2): the data
 * of 31.12.2012 and 31.12.2016 (MSS 2013, 2017) with 4 + 4 indicators, from 31.12.2018 (MSS 2019,
 * 2021) with 3 + 3. The profile shows each edition by the method it was published with, so its
 * classes are the official ones.
 */
export const MSS_CURRENT = 'mss-2019-2021';
export const MSS_BEFORE_2018 = 'mss-2013-2017';

export function mssPresetFor(editionDate: string): string {
  return editionDate < '2018-01-01' ? MSS_BEFORE_2018 : MSS_CURRENT;
}
