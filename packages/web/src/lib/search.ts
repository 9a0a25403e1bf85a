// Search over indicators: umlaut- and case-insensitive, grouped by Lebenslage dimension.
import type { Indicator } from '../api/indicators.ts';
import { dimensionLabel, dimensionRank } from './labels.ts';
import type { Lang } from '../i18n/index.tsx';

export interface IndicatorGroup {
  dimension: string;
  items: Indicator[];
}

/** Folds umlauts and case so "armut" finds "Altersarmut" and "uber" finds "über". */
export function foldForSearch(s: string): string {
  return s
    .toLocaleLowerCase('de')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss');
}

/** Groups indicators by dimension (documented order) and keeps those whose name, short name or id match all words. */
export function groupIndicators(
  indicators: readonly Indicator[],
  query: string,
  lang: Lang,
): IndicatorGroup[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  const groups = new Map<string, Indicator[]>();
  for (const ind of indicators) {
    const hay = foldForSearch(
      [ind.nameDe, ind.nameEn, ind.shortDe ?? '', ind.id, dimensionLabel(ind.dimension, lang)].join(
        ' ',
      ),
    );
    if (!words.every((w) => hay.includes(w))) continue;
    const list = groups.get(ind.dimension) ?? [];
    list.push(ind);
    groups.set(ind.dimension, list);
  }
  return [...groups.entries()]
    .sort((a, b) => dimensionRank(a[0]) - dimensionRank(b[0]) || a[0].localeCompare(b[0]))
    .map(([dimension, items]) => ({ dimension, items }));
}
