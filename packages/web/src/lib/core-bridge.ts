// The one place where the web app calls the pure helpers of @sozialraum/core (classification, palettes,
// German formatting). Screens import from here, so a change of the core's signatures touches only this file.
import {
  circularLayout,
  LINK_KINDS,
  rankGaps,
  classify as coreClassify,
  formatDate as coreFormatDate,
  formatNumber as coreFormatNumber,
  formatValue as coreFormatValue,
  paletteFor as corePaletteFor,
  unitLabel,
  utcToBerlin,
  unitSymbol,
  UNITS,
  NO_DATA_COLOR,
  DIMENSIONS,
  POLARITIES,
  polygonsOf,
  areaView,
  bboxOf,
  projectToView,
  unprojectFromView,
  toCsv,
} from '@sozialraum/core';
import type {
  AreaGeometry,
  AreaView,
  AreaViewFrame,
  AreaViewShape,
  Dimension,
  Locale,
  Polarity,
  Unit,
} from '@sozialraum/core';
import type { ClassMethod } from './url-state.ts';

export { NO_DATA_COLOR, DIMENSIONS, POLARITIES, circularLayout, LINK_KINDS, rankGaps };
export type { AreaView, AreaViewFrame, Dimension, Polarity };
export { projectToView, unprojectFromView, toCsv };

/** Unit codes of indicator values (core UNITS), for pickers. */
export const UNIT_CODES: readonly string[] = UNITS;
export type { Locale };

const isUnit = (u: string | null | undefined): u is Unit =>
  !!u && (UNITS as readonly string[]).includes(u);

/** Number in the locale's format with fixed decimals: 1234.5 → "1.234,5" (de); null → "–". */
export function formatNumber(
  value: number | null | undefined,
  decimals = 0,
  locale: Locale = 'de',
): string {
  return coreFormatNumber(value, { decimals: Math.max(0, Math.min(20, decimals)), locale });
}

/** Value with its unit symbol ("12,5 %", "+1,2 Pp.", "1.374"); unknown unit codes are appended as text. */
export function formatValue(
  value: number | null | undefined,
  unit: string | null | undefined,
  decimals: number | null | undefined,
  locale: Locale = 'de',
): string {
  if (isUnit(unit)) return coreFormatValue(value, unit, decimals ?? undefined, locale);
  const n = formatNumber(value, decimals ?? 1, locale);
  return unit && value !== null && value !== undefined && Number.isFinite(value)
    ? `${n} ${unit}`
    : n;
}

/** ISO date in the locale's format: "2020-12-31" → "31.12.2020" (de). */
export function formatDate(iso: string | null | undefined, locale: Locale = 'de'): string {
  if (!iso) return '–';
  try {
    return coreFormatDate(iso.slice(0, 10), locale);
  } catch {
    return iso;
  }
}

/** Readable unit name for legends ("Prozent (%)"); unknown codes as they are. */
export function unitText(unit: string | null | undefined, locale: Locale = 'de'): string {
  if (!unit) return '';
  return isUnit(unit) ? unitLabel(unit, locale) : unit;
}

/** Short unit symbol ("%", "Pp."); unknown codes as they are. */
export function unitShort(unit: string | null | undefined, locale: Locale = 'de'): string {
  if (!unit) return '';
  return isUnit(unit) ? unitSymbol(unit, locale) : unit;
}

/** Number of decimals that shows the differences between class bounds of this range (at least `fallback`). */
export function breakDecimals(values: readonly number[], fallback: number): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return fallback;
  const span = Math.max(...finite) - Math.min(...finite);
  if (span === 0) return fallback;
  return Math.max(fallback, Math.min(4, Math.ceil(-Math.log10(span / 100))));
}

export interface MapClasses {
  /** k+1 ascending bounds (core's rule: class c holds bounds[c] ≤ x < bounds[c+1], the last includes the max). */
  bounds: number[];
  /** class per input value, −1 = no data. */
  classOf: ArrayLike<number>;
  counts: number[];
  colors: string[];
  /** German notes of the classifier (reduced classes, extended manual bounds). */
  notes: string[];
}

/**
 * Classifies the values with core's `classify` and colours the classes by polarity.
 * Manual breaks are the inner thresholds a planner types; the data minimum and maximum close them.
 */
export function classifyForMap(
  values: readonly (number | null)[],
  method: ClassMethod,
  classes: number,
  innerBreaks: readonly number[] | null,
  polarity: Polarity,
): MapClasses {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0)
    return { bounds: [], classOf: values.map(() => -1), counts: [], colors: [], notes: [] };
  let result;
  if (method === 'manual' && innerBreaks && innerBreaks.length > 0) {
    const min = Math.min(...present);
    const max = Math.max(...present);
    const bounds: number[] = [];
    for (const b of [
      Math.min(min, innerBreaks[0]!),
      ...innerBreaks,
      Math.max(max, innerBreaks[innerBreaks.length - 1]!),
    ]) {
      if (bounds.length === 0 || b > bounds[bounds.length - 1]!) bounds.push(b);
    }
    if (bounds.length === 1) bounds.push(bounds[0]!);
    result = coreClassify(values, { method: 'manual', breaks: bounds });
  } else {
    result = coreClassify(values, { method: method === 'manual' ? 'quantile' : method, classes });
  }
  const k = Math.max(1, Math.min(9, result.classes));
  return {
    bounds: result.breaks,
    classOf: result.classOf,
    counts: result.counts,
    colors: corePaletteFor(polarity, k),
    notes: result.notes,
  };
}

/** Colours for n classes by polarity (the unfavourable end is dark red; neutral = blues). */
export function paletteFor(polarity: Polarity, n: number): string[] {
  return corePaletteFor(polarity, Math.max(1, Math.min(9, n)));
}

/** A UTC instant as Berlin local date and time: "30.03.2026, 18:00" (de) — meetings are in Berlin time. */
export function formatBerlinDateTime(iso: string, locale: Locale = 'de'): string {
  const b = utcToBerlin(iso);
  return `${formatDate(b.date, locale)}, ${b.time}`;
}

/** A UTC instant as Berlin local time "18:00". */
export function formatBerlinTime(iso: string): string {
  return utcToBerlin(iso).time;
}

/** All rings (outer and holes) of an area's Polygon or MultiPolygon; none for other geometry. */
export function areaRings(geometry: unknown): number[][][] {
  const g = geometry as AreaGeometry | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return [];
  return polygonsOf(g).flat() as number[][][];
}

const isArea = (g: unknown): g is AreaGeometry =>
  typeof g === 'object' &&
  g !== null &&
  ['Polygon', 'MultiPolygon'].includes((g as { type?: unknown }).type as string);

/** The bounding box [west, south, east, north] of an area's geometry (core's bboxOf); null if none. */
export function areaBbox(geometry: unknown): [number, number, number, number] | null {
  return isArea(geometry) ? bboxOf(geometry) : null;
}

/**
 * Core's one drawing of „the area among its neighbours“ (areaView: 0.6 of the focus's larger side
 * around it) for features with numeric ids; geometry other than polygons is left out.
 */
export function areaViewOf(
  focus: readonly { id: number; geometry: unknown }[],
  others: readonly { id: number; geometry: unknown }[],
  width: number,
  height: number,
): AreaView<number> | null {
  const shapes = (list: typeof focus): AreaViewShape<number>[] =>
    list.flatMap((f) => (isArea(f.geometry) ? [{ id: f.id, geometry: f.geometry }] : []));
  return areaView({ focus: shapes(focus), others: shapes(others), width, height });
}
