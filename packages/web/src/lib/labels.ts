// Display names for Lebenslage dimensions (glossary in docs/engineering.md) and other enumerations.
import type { Lang } from '../i18n/index.tsx';

const DIMENSIONS: Record<string, { de: string; en: string }> = {
  income: { de: 'Einkommen und Armut', en: 'Income and poverty' },
  work: { de: 'Arbeit', en: 'Work' },
  education: { de: 'Bildung', en: 'Education' },
  health: { de: 'Gesundheit', en: 'Health' },
  housing: { de: 'Wohnen', en: 'Housing' },
  environment: { de: 'Umwelt', en: 'Environment' },
  participation: { de: 'Teilhabe und Kultur', en: 'Participation and culture' },
  demography: { de: 'Demografie', en: 'Demography' },
  social_index: { de: 'Sozialindex', en: 'Social index' },
};

/** Order in which dimensions are listed (pickers, profile, catalogue). */
export const DIMENSION_ORDER = Object.keys(DIMENSIONS);

/** Human name of a dimension; unknown ids are shown as they are. */
export function dimensionLabel(id: string, lang: Lang): string {
  return DIMENSIONS[id]?.[lang] ?? id;
}

/** Sort key placing known dimensions in their documented order and unknown ones after them. */
export function dimensionRank(id: string): number {
  const i = DIMENSION_ORDER.indexOf(id);
  return i < 0 ? DIMENSION_ORDER.length : i;
}

/** Indicator name in the current language (English falls back to German). */
export function indicatorName(ind: { nameDe: string; nameEn: string }, lang: Lang): string {
  return lang === 'en' && ind.nameEn ? ind.nameEn : ind.nameDe;
}

/** Level name in the current language. */
export function levelName(level: { nameDe: string; nameEn: string }, lang: Lang): string {
  return lang === 'en' && level.nameEn ? level.nameEn : level.nameDe;
}
