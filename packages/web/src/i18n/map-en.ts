// Texts of the map's notices and orientation aids, English (see map-de.ts).
import type { mapDe } from './map-de.ts';
import type { Widen } from './de.ts';

export const mapEn: Widen<typeof mapDe> = {
  unknownIndicator: (id: string) =>
    `The indicator “${id}” is unknown or not visible to you – nothing is coloured.`,
  chooseStartIndicator: 'Show an available indicator',
  indicatorNotOnLevel: (level: string) =>
    `This indicator is not available on the level ${level} – so the map stays empty.`,
  indicatorNowhere: 'There are no values for this indicator yet.',
  switchToLevel: (level: string, system: string) => `Switch to level ${level} (${system})`,
  dateNotAvailable: (date: string) =>
    `There are no values of this indicator on this level for the reference date ${date}.`,
  showNearestDate: (date: string) => `Show the nearest reference date (${date})`,
  areaRetiredShort: 'retired',
  areaSearch: 'Find an area',
  areaSearchPlaceholder: 'Name or key',
  areaSearchNone: 'No area found',
  areaSearchHint: 'Areas of all levels by name or key; Enter opens the profile.',
  visibleAreas: 'Areas in the map view',
  visibleAreasHint: 'Tab through the visible areas; Enter opens the profile.',
  visibleAreasMore: (n: number) => `The first ${n} by name – zoom in to reach the others.`,
  visibleAreasCount: (n: number) => (n === 1 ? '1 area in view' : `${n} areas in view`),
  profNotable: 'Notable',
  profNotableHint:
    'Values among the highest or lowest ten per cent of the areas of this level (counts and classes left out).',
  profNotableHigher: (pct: number) => `higher than in ${pct} % of the other areas`,
  profNotableLower: (pct: number) => `lower than in ${pct} % of the other areas`,
  profNotableReading: (reading: string) =>
    reading === 'unfavourable' ? 'unfavourable' : reading === 'favourable' ? 'favourable' : '',
  profNoValues: (n: number) =>
    n === 1
      ? '1 indicator without a value for this date:'
      : `${n} indicators without a value for this date:`,
  mapChunkFailed:
    'The interactive map could not be loaded; the picture shows the areas without controls.',
  mapReload: 'Reload page',
};
