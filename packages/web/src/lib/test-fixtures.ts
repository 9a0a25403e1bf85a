// Small hand-made API objects for unit tests of the web app's pure logic.
import type { AreaSystem } from '../api/areas.ts';
import type { Indicator } from '../api/indicators.ts';

/** An indicator with sensible defaults; override what the test is about. */
export function makeIndicator(over: Partial<Indicator> & { id: string }): Indicator {
  return {
    nameDe: over.id,
    nameEn: over.id,
    shortDe: null,
    definitionDe: '',
    definitionEn: null,
    unit: 'percent',
    kind: 'share',
    scale: 100,
    dimension: 'demography',
    polarity: 'neutral',
    department: 'sozialplanung',
    visibility: 'public',
    sharedWith: [],
    updateCycle: null,
    numeratorDef: null,
    denominatorDef: null,
    decimals: 1,
    methodNote: null,
    source: {
      id: 'testquelle',
      title: 'Testquelle',
      publisher: 'Testamt',
      licence: 'CC BY 4.0',
      licenceUrl: null,
      attribution: 'Testamt',
      url: null,
      notes: null,
    },
    coverage: [],
    ...over,
  };
}

export const LOR2006: AreaSystem = {
  id: 'lor2006',
  name: 'LOR 2006',
  description: null,
  validFrom: '2006-01-01',
  validTo: '2020-12-31',
  source: null,
  levels: [
    { id: 'plr', nameDe: 'Planungsraum', nameEn: 'Planning area', depth: 1, areaCount: 448 },
    { id: 'bez', nameDe: 'Bezirk', nameEn: 'District', depth: 0, areaCount: 12 },
  ],
};

export const LOR2021: AreaSystem = {
  id: 'lor2021',
  name: 'LOR 2021',
  description: null,
  validFrom: '2021-01-01',
  validTo: null,
  source: null,
  levels: [
    { id: 'bez', nameDe: 'Bezirk', nameEn: 'District', depth: 0, areaCount: 12 },
    { id: 'pgr', nameDe: 'Prognoseraum', nameEn: 'Forecast area', depth: 1, areaCount: 58 },
    { id: 'bzr', nameDe: 'Bezirksregion', nameEn: 'District region', depth: 2, areaCount: 143 },
    { id: 'plr', nameDe: 'Planungsraum', nameEn: 'Planning area', depth: 3, areaCount: 542 },
  ],
};
