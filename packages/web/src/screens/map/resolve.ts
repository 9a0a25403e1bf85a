// Which dates an indicator has on a level, and how unset parts of the URL state get their defaults.
import type { AreaSystem } from '../../api/areas.ts';
import type { Indicator } from '../../api/indicators.ts';
import type { MapState } from '../../lib/url-state.ts';
import { dimensionRank } from '../../lib/labels.ts';

/** Coverage dates of an indicator on a system level, ascending. */
export function datesFor(
  ind: Indicator | null,
  system: string | null,
  level: string | null,
): string[] {
  if (!ind || !system || !level) return [];
  const c = ind.coverage.find((x) => x.systemId === system && x.levelId === level);
  return c ? [...c.dates].sort() : [];
}

/** Indicators tried first when several tie on the rules below (the Berlin demo's recommended start view). */
export const PREFERRED_START_INDICATORS: readonly string[] = ['ewr_share_age_below_18'];

/**
 * Order for the default indicator: a time series first (the date slider should mean something at first sight),
 * shares before counts (comparable between areas of different size), more dates, then the Lebenslage order,
 * then the preferred list, then the German name.
 */
export function compareStartIndicators(
  system: string,
  level: string,
): (a: Indicator, b: Indicator) => number {
  const n = (i: Indicator) => datesFor(i, system, level).length;
  const hint = (i: Indicator) => {
    const k = PREFERRED_START_INDICATORS.indexOf(i.id);
    return k < 0 ? PREFERRED_START_INDICATORS.length : k;
  };
  return (a, b) =>
    Number(n(b) >= 2) - Number(n(a) >= 2) ||
    Number(b.kind === 'share') - Number(a.kind === 'share') ||
    n(b) - n(a) ||
    dimensionRank(a.dimension) - dimensionRank(b.dimension) ||
    hint(a) - hint(b) ||
    a.nameDe.localeCompare(b.nameDe, 'de');
}

/**
 * Fills unset parts of the URL state. Without a system: the newest system that has data (valid today before
 * ended ones), at its finest level with data; without an indicator: the best start indicator there.
 */
export function resolveMapState(
  s: MapState,
  systems: readonly AreaSystem[],
  indicators: readonly Indicator[],
): MapState {
  const hasData = (sys: string, lvl: string) =>
    indicators.some((i) => datesFor(i, sys, lvl).length > 0);
  const systemHasData = (x: AreaSystem) => x.levels.some((l) => hasData(x.id, l.id));
  const indicatorCount = (x: AreaSystem) =>
    indicators.filter((i) => i.coverage.some((c) => c.systemId === x.id)).length;
  // default: a system with data, valid today (open validTo), the most recent one
  const current = [...systems].sort(
    (a, b) =>
      Number(systemHasData(a)) - Number(systemHasData(b)) ||
      Number(a.validTo === null) - Number(b.validTo === null) ||
      (a.validFrom ?? '').localeCompare(b.validFrom ?? '') ||
      // equally new: the system the city works with, i.e. the one with more indicators
      indicatorCount(a) - indicatorCount(b),
  );
  const system = systems.find((x) => x.id === s.system) ?? current[current.length - 1];
  if (!system) return s;
  const levels = [...system.levels].sort((a, b) => a.depth - b.depth);
  const withData = levels.filter((l) => hasData(system.id, l.id));
  const level =
    levels.find((l) => l.id === s.level) ??
    withData[withData.length - 1] ??
    levels[levels.length - 1];
  if (!level) return { ...s, system: system.id };
  // an indicator the URL or the person chose is kept even where it has no data (issue 11 § 1): the
  // screen says why nothing is shown and offers the levels that have it, never a silent replacement
  if (s.indicator !== null) return { ...s, system: system.id, level: level.id };
  const available = indicators.filter((i) => datesFor(i, system.id, level.id).length > 0);
  const indicator = [...available].sort(compareStartIndicators(system.id, level.id))[0] ?? null;
  return { ...s, system: system.id, level: level.id, indicator: indicator?.id ?? null };
}

/** Where an indicator has data: each system level with its latest date, finest level first. */
export function levelsWithData(
  ind: Indicator,
  systems: readonly AreaSystem[],
): { systemId: string; levelId: string; latest: string }[] {
  const out: { systemId: string; levelId: string; latest: string; depth: number }[] = [];
  for (const c of ind.coverage) {
    const sys = systems.find((x) => x.id === c.systemId);
    const lvl = sys?.levels.find((l) => l.id === c.levelId);
    const latest = [...c.dates].sort().at(-1);
    if (sys && lvl && latest) out.push({ ...c, latest, depth: lvl.depth });
  }
  return out
    .sort((a, b) => b.depth - a.depth || a.systemId.localeCompare(b.systemId))
    .map(({ systemId, levelId, latest }) => ({ systemId, levelId, latest }));
}

/** The available date closest to the wanted one (ties: the later); null when there is none. */
export function nearestDate(wanted: string, dates: readonly string[]): string | null {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  let best: string | null = null;
  let bestGap = Infinity;
  for (const d of dates) {
    const gap = Math.abs(day(d) - day(wanted));
    if (gap < bestGap || (gap === bestGap && best !== null && d > best)) {
      best = d;
      bestGap = gap;
    }
  }
  return best;
}
