import { describe, expect, it } from 'vitest';
import { groupCoverage, latestDateAtOrBefore } from './service.ts';

describe('latestDateAtOrBefore', () => {
  const dates = ['2021-12-31', '2022-12-31', '2023-12-31'];
  it('picks the latest date when none is requested', () => {
    expect(latestDateAtOrBefore(dates, undefined)).toBe('2023-12-31');
  });
  it('picks the requested date itself or the latest one before it', () => {
    expect(latestDateAtOrBefore(dates, '2022-12-31')).toBe('2022-12-31');
    expect(latestDateAtOrBefore(dates, '2023-06-30')).toBe('2022-12-31');
  });
  it('finds nothing before the first date', () => {
    expect(latestDateAtOrBefore(dates, '2020-01-01')).toBeUndefined();
    expect(latestDateAtOrBefore([], undefined)).toBeUndefined();
  });
});

describe('groupCoverage', () => {
  it('groups sorted rows into one entry per indicator and level with ascending dates', () => {
    const rows = [
      { indicator_id: 'a', system_id: 's', level_id: 'bez', ref_date: '2022-12-31' },
      { indicator_id: 'a', system_id: 's', level_id: 'bez', ref_date: '2023-12-31' },
      { indicator_id: 'a', system_id: 's', level_id: 'plr', ref_date: '2023-12-31' },
      { indicator_id: 'b', system_id: 's', level_id: 'plr', ref_date: '2020-06-30' },
    ];
    const out = groupCoverage(rows);
    expect(out.get('a')).toEqual([
      { systemId: 's', levelId: 'bez', dates: ['2022-12-31', '2023-12-31'] },
      { systemId: 's', levelId: 'plr', dates: ['2023-12-31'] },
    ]);
    expect(out.get('b')).toEqual([{ systemId: 's', levelId: 'plr', dates: ['2020-06-30'] }]);
  });
});
