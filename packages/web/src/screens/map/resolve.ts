// Which dates an indicator has on a level, and how unset parts of the URL state get their defaults.
import type { AreaSystem, Indicator } from '../../lib/api.ts';
import type { MapState } from '../../lib/url-state.ts';
import { dimensionRank } from '../../lib/labels.ts';

/** Coverage dates of an indicator on a system level, ascending. */
export function datesFor(ind: Indicator | null, system: string | null, level: string | null): string[] {
  if (!ind || !system || !level) return [];
  const c = ind.coverage.find((x) => x.systemId === system && x.levelId === level);
  return c ? [...c.dates].sort() : [];
}

/** Fills unset parts of the URL state: first system, its deepest level, the first indicator with data there. */
export function resolveMapState(s: MapState, systems: readonly AreaSystem[], indicators: readonly Indicator[]): MapState {
  // default: the system valid today (open validTo), else the most recent one
  const current = [...systems].sort(
    (a, b) => Number(a.validTo === null) - Number(b.validTo === null) || (a.validFrom ?? '').localeCompare(b.validFrom ?? ''),
  );
  const system = systems.find((x) => x.id === s.system) ?? current[current.length - 1];
  if (!system) return s;
  const levels = [...system.levels].sort((a, b) => a.depth - b.depth);
  const level = levels.find((l) => l.id === s.level) ?? levels[levels.length - 1];
  if (!level) return { ...s, system: system.id };
  // default indicator: the first of the first Lebenslage dimension (income/poverty before demography)
  const available = indicators
    .filter((i) => datesFor(i, system.id, level.id).length > 0)
    .sort((a, b) => dimensionRank(a.dimension) - dimensionRank(b.dimension));
  const indicator = available.find((i) => i.id === s.indicator) ?? available[0] ?? null;
  return { ...s, system: system.id, level: level.id, indicator: indicator?.id ?? null };
}
