// Catalogue search and filters.
import type { Indicator } from '../../api/indicators.ts';
import { foldForSearch } from '../../lib/search.ts';
import { dimensionLabel, dimensionRank, indicatorName } from '../../lib/labels.ts';
import type { Lang } from '../../i18n/index.tsx';

export interface CatalogueFilter {
  q: string;
  dimension: string;
  department: string;
}

/** Keeps indicators matching every search word (in names, definitions, source, department) and the chosen filters. */
export function filterIndicators(
  list: readonly Indicator[],
  f: CatalogueFilter,
  lang: Lang,
): Indicator[] {
  const words = foldForSearch(f.q).split(/\s+/).filter(Boolean);
  return list
    .filter((i) => !f.dimension || i.dimension === f.dimension)
    .filter((i) => !f.department || i.department === f.department)
    .filter((i) => {
      if (words.length === 0) return true;
      const hay = foldForSearch(
        [
          i.id,
          i.nameDe,
          i.nameEn,
          i.shortDe,
          i.definitionDe,
          i.definitionEn,
          i.department,
          i.source?.title,
          i.source?.publisher,
          dimensionLabel(i.dimension, lang),
        ]
          .filter(Boolean)
          .join(' '),
      );
      return words.every((w) => hay.includes(w));
    })
    .sort(
      (a, b) =>
        dimensionRank(a.dimension) - dimensionRank(b.dimension) ||
        indicatorName(a, lang).localeCompare(indicatorName(b, lang), 'de'),
    );
}
