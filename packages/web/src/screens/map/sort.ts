// Sorting of the value table.
import type { AreaValue } from '../../api/indicators.ts';

export type SortKey = 'code' | 'name' | 'value';

/** Sorts area rows; missing values always go last whatever the direction. */
export function sortAreaValues(
  rows: readonly AreaValue[],
  key: SortKey,
  dir: 'asc' | 'desc',
): AreaValue[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows.slice().sort((a, b) => {
    if (key === 'value') {
      if (a.value === null && b.value === null) return a.code.localeCompare(b.code);
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return sign * (a.value - b.value) || a.code.localeCompare(b.code);
    }
    return sign * a[key].localeCompare(b[key], 'de');
  });
}
