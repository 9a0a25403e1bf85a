import { describe, expect, it } from 'vitest';
import { datesFor, resolveMapState } from './resolve.ts';
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
const districtOnly = makeIndicator({ id: 'bez_only', dimension: 'health', coverage: [{ systemId: 'lor2021', levelId: 'bez', dates: ['2022-12-31'] }] });

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
  it('opens the currently valid system at its finest level with an income indicator first', () => {
    const s = resolveMapState(DEFAULT_MAP_STATE, [LOR2006, LOR2021], [age, districtOnly, poverty]);
    expect(s.system).toBe('lor2021');
    expect(s.level).toBe('plr');
    expect(s.indicator).toBe('mss_s4_child_poverty');
  });

  it('keeps what the URL asked for when it exists', () => {
    const s = resolveMapState({ ...DEFAULT_MAP_STATE, system: 'lor2021', level: 'plr', indicator: 'ewr_share_age_above_65' }, [LOR2006, LOR2021], [age, poverty]);
    expect(s.indicator).toBe('ewr_share_age_above_65');
  });

  it('replaces an indicator that has no data on the chosen level', () => {
    const s = resolveMapState({ ...DEFAULT_MAP_STATE, system: 'lor2021', level: 'plr', indicator: 'bez_only' }, [LOR2021], [districtOnly, age]);
    expect(s.indicator).toBe('ewr_share_age_above_65');
  });

  it('leaves the indicator empty when the level has none', () => {
    const s = resolveMapState({ ...DEFAULT_MAP_STATE, system: 'lor2021', level: 'pgr' }, [LOR2021], [age, districtOnly]);
    expect(s.level).toBe('pgr');
    expect(s.indicator).toBeNull();
  });

  it('falls back from an unknown system to the current one', () => {
    const s = resolveMapState({ ...DEFAULT_MAP_STATE, system: 'gone', level: 'plr' }, [LOR2021, LOR2006], [age]);
    expect(s.system).toBe('lor2021');
  });
});
