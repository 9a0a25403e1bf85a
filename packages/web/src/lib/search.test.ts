import { describe, expect, it } from 'vitest';
import { foldForSearch, groupIndicators } from './search.ts';
import { makeIndicator } from './test-fixtures.ts';

const list = [
  makeIndicator({
    id: 'ewr_share_age_above_65',
    nameDe: 'Anteil Einwohner über 65 Jahre',
    dimension: 'demography',
  }),
  makeIndicator({ id: 'mss_k03', nameDe: 'Altersarmut (MSS K03)', dimension: 'income' }),
  makeIndicator({ id: 'mss_s1', nameDe: 'Arbeitslosigkeit (MSS S1)', dimension: 'work' }),
  makeIndicator({ id: 'mss_s4', nameDe: 'Kinderarmut (MSS S4)', dimension: 'income' }),
];

describe('indicator search', () => {
  it('ignores case, umlauts and ß', () => {
    expect(foldForSearch('Über Straße')).toBe('uber strasse');
  });

  it('groups by dimension in the documented order (income before work before demography)', () => {
    expect(groupIndicators(list, '', 'de').map((g) => g.dimension)).toEqual([
      'income',
      'work',
      'demography',
    ]);
  });

  it('finds indicators by a word inside the name', () => {
    const groups = groupIndicators(list, 'armut', 'de');
    expect(groups.flatMap((g) => g.items.map((i) => i.id))).toEqual(['mss_k03', 'mss_s4']);
  });

  it('needs every word to match and finds by dimension name', () => {
    expect(
      groupIndicators(list, 'einkommen kinder', 'de').flatMap((g) => g.items.map((i) => i.id)),
    ).toEqual(['mss_s4']);
    expect(groupIndicators(list, 'uber 65', 'de').flatMap((g) => g.items.map((i) => i.id))).toEqual(
      ['ewr_share_age_above_65'],
    );
  });
});
