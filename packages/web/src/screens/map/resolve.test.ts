import { describe, expect, it } from 'vitest';
import { datesFor, levelsWithData, nearestDate, resolveMapState } from './resolve.ts';
import { DEFAULT_MAP_STATE } from '../../lib/url-state.ts';
import { LOR2006, LOR2021, makeIndicator } from '../../lib/test-fixtures.ts';

const age = makeIndicator({
  id: 'ewr_share_age_above_65',
  dimension: 'demography',
  coverage: [{ systemId: 'lor2021', levelId: 'plr', dates: ['2024-12-31', '2021-06-30'] }],
});
const poverty = makeIndicator({
  id: 'mss_s4_child_poverty',
  dimension: 'income',
  coverage: [
    { systemId: 'lor2021', levelId: 'plr', dates: ['2020-12-31'] },
    { systemId: 'lor2006', levelId: 'plr', dates: ['2018-12-31'] },
  ],
});
const districtOnly = makeIndicator({
  id: 'bez_only',
  dimension: 'health',
  coverage: [{ systemId: 'lor2021', levelId: 'bez', dates: ['2022-12-31'] }],
});

describe('datesFor', () => {
  it('returns the coverage dates of the level in ascending order', () => {
    expect(datesFor(age, 'lor2021', 'plr')).toEqual(['2021-06-30', '2024-12-31']);
  });
  it('returns nothing for a level without observations', () => {
    expect(datesFor(age, 'lor2006', 'plr')).toEqual([]);
    expect(datesFor(null, 'lor2021', 'plr')).toEqual([]);
  });
});

describe('resolveMapState', () => {
  it('opens the currently valid system at its finest level with a time series indicator', () => {
    const s = resolveMapState(DEFAULT_MAP_STATE, [LOR2006, LOR2021], [age, districtOnly, poverty]);
    expect(s.system).toBe('lor2021');
    expect(s.level).toBe('plr');
    expect(s.indicator).toBe('ewr_share_age_above_65');
  });

  it('prefers shares with the most dates, then the Lebenslage order, then the preferred start indicator', () => {
    const plr = (dates: string[]) => [{ systemId: 'lor2021', levelId: 'plr', dates }];
    const eight = Array.from({ length: 8 }, (_, i) => `${2017 + i}-12-31`);
    const count = makeIndicator({ id: 'ewr_total', kind: 'count', coverage: plr(eight) });
    const below18 = makeIndicator({
      id: 'ewr_share_age_below_18',
      nameDe: 'Anteil unter 18',
      coverage: plr(eight),
    });
    const female = makeIndicator({
      id: 'ewr_share_female',
      nameDe: 'Frauenanteil',
      coverage: plr(eight),
    });
    const aged = makeIndicator({
      id: 'ewr_share_age_15_18',
      nameDe: 'Anteil 15 bis unter 18',
      coverage: plr(eight),
    });
    const fewer = makeIndicator({ id: 'few', coverage: plr(eight.slice(0, 3)) });
    const single = makeIndicator({
      id: 'mss_s4',
      dimension: 'income',
      coverage: plr(['2022-12-31']),
    });
    const s = resolveMapState(
      DEFAULT_MAP_STATE,
      [LOR2021],
      [single, count, fewer, aged, female, below18],
    );
    expect(s.indicator).toBe('ewr_share_age_below_18');
    // without the preferred one: the German name decides among equals
    expect(
      resolveMapState(DEFAULT_MAP_STATE, [LOR2021], [single, count, fewer, female, aged]).indicator,
    ).toBe('ewr_share_age_15_18');
    // only single dates: the Lebenslage order (income first)
    const demoSingle = makeIndicator({
      id: 'a_demography',
      nameDe: 'A',
      coverage: plr(['2023-12-31']),
    });
    expect(resolveMapState(DEFAULT_MAP_STATE, [LOR2021], [demoSingle, single]).indicator).toBe(
      'mss_s4',
    );
  });

  it('skips a newer system without any data, as after an areas-only import', () => {
    const fresh = {
      ...LOR2021,
      id: 'leipzig_ot',
      name: 'Ortsteile Leipzig',
      validFrom: '2024-01-01',
    };
    const s = resolveMapState(DEFAULT_MAP_STATE, [fresh, LOR2021], [age]);
    expect(s.system).toBe('lor2021');
    expect(resolveMapState(DEFAULT_MAP_STATE, [fresh], []).system).toBe('leipzig_ot');
  });

  it('between equally new systems takes the one with more indicators', () => {
    const twin = { ...LOR2021, id: 'test_bez' };
    const one = makeIndicator({
      id: 'x',
      coverage: [{ systemId: 'test_bez', levelId: 'bez', dates: ['2023-12-31'] }],
    });
    const s = resolveMapState(DEFAULT_MAP_STATE, [LOR2021, twin], [age, poverty, one]);
    expect(s.system).toBe('lor2021');
    expect(resolveMapState(DEFAULT_MAP_STATE, [twin, LOR2021], [age, poverty, one]).system).toBe(
      'lor2021',
    );
  });

  it('keeps what the URL asked for when it exists', () => {
    const s = resolveMapState(
      {
        ...DEFAULT_MAP_STATE,
        system: 'lor2021',
        level: 'plr',
        indicator: 'ewr_share_age_above_65',
      },
      [LOR2006, LOR2021],
      [age, poverty],
    );
    expect(s.indicator).toBe('ewr_share_age_above_65');
  });

  it('keeps an indicator that has no data on the chosen level (the screen says why)', () => {
    const s = resolveMapState(
      { ...DEFAULT_MAP_STATE, system: 'lor2021', level: 'plr', indicator: 'bez_only' },
      [LOR2021],
      [districtOnly, age],
    );
    expect(s.indicator).toBe('bez_only');
  });

  it('keeps an unknown indicator id instead of silently showing another one', () => {
    const s = resolveMapState(
      { ...DEFAULT_MAP_STATE, system: 'lor2021', level: 'plr', indicator: 'not_visible' },
      [LOR2021],
      [age],
    );
    expect(s.indicator).toBe('not_visible');
  });

  it('leaves the indicator empty when the level has none', () => {
    const s = resolveMapState(
      { ...DEFAULT_MAP_STATE, system: 'lor2021', level: 'pgr' },
      [LOR2021],
      [age, districtOnly],
    );
    expect(s.level).toBe('pgr');
    expect(s.indicator).toBeNull();
  });

  it('falls back from an unknown system to the current one', () => {
    const s = resolveMapState(
      { ...DEFAULT_MAP_STATE, system: 'gone', level: 'plr' },
      [LOR2021, LOR2006],
      [age],
    );
    expect(s.system).toBe('lor2021');
  });
});

describe('levelsWithData', () => {
  it('lists the levels that have the indicator, finest first, with the latest date', () => {
    expect(levelsWithData(poverty, [LOR2006, LOR2021])).toEqual([
      { systemId: 'lor2021', levelId: 'plr', latest: '2020-12-31' },
      { systemId: 'lor2006', levelId: 'plr', latest: '2018-12-31' },
    ]);
    expect(levelsWithData(districtOnly, [LOR2021])).toEqual([
      { systemId: 'lor2021', levelId: 'bez', latest: '2022-12-31' },
    ]);
  });
});

describe('nearestDate', () => {
  it('takes the closest available date, the later one on a tie', () => {
    expect(nearestDate('2022-06-30', ['2020-12-31', '2021-12-31', '2023-12-31'])).toBe(
      '2021-12-31',
    );
    expect(nearestDate('2022-12-31', ['2021-12-31', '2023-12-31'])).toBe('2023-12-31');
    expect(nearestDate('2022-12-31', [])).toBeNull();
  });
});
