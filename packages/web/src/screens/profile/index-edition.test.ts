import { describe, expect, it } from 'vitest';
import { editionForDate, firstEditionFor, mssPresetFor } from './index-edition.ts';

const E = (system: string, level: string, date: string) => ({ system, level, date });
const editions = [
  E('lor2021', 'plr', '2021-12-31'),
  E('lor2021', 'plr', '2019-12-31'),
  E('lor2021', 'plr', '2023-12-31'),
  E('lor2021', 'bzr', '2024-12-31'),
  E('lor2006', 'plr', '2022-12-31'),
];

describe('editionForDate', () => {
  it('takes the latest edition on or before the profile date, on the same system and level', () => {
    expect(editionForDate(editions, 'lor2021', 'plr', '2022-12-31')?.date).toBe('2021-12-31');
    expect(editionForDate(editions, 'lor2021', 'plr', '2021-12-31')?.date).toBe('2021-12-31');
    expect(editionForDate(editions, 'lor2021', 'plr', '2030-01-01')?.date).toBe('2023-12-31');
  });

  it('takes the newest without a profile date', () => {
    expect(editionForDate(editions, 'lor2021', 'plr', null)?.date).toBe('2023-12-31');
  });

  it('gives none before the first edition or on a level without the index', () => {
    expect(editionForDate(editions, 'lor2021', 'plr', '2018-12-31')).toBeNull();
    expect(editionForDate(editions, 'lor2021', 'bez', null)).toBeNull();
    expect(editionForDate([], 'lor2021', 'plr', null)).toBeNull();
  });

  it('finds the first edition', () => {
    expect(firstEditionFor(editions, 'lor2021', 'plr')?.date).toBe('2019-12-31');
    expect(firstEditionFor(editions, 'x', 'plr')).toBeNull();
  });
});

describe('mssPresetFor', () => {
  it('shows MSS 2013 and 2017 data by their 4 + 4 method, from 2018 by the 3 + 3 method', () => {
    expect(mssPresetFor('2012-12-31')).toBe('mss-2013-2017');
    expect(mssPresetFor('2016-12-31')).toBe('mss-2013-2017');
    expect(mssPresetFor('2018-12-31')).toBe('mss-2019-2021');
    expect(mssPresetFor('2020-12-31')).toBe('mss-2019-2021');
  });
});
