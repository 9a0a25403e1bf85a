import { describe, expect, it } from 'vitest';
import { filterIndicators } from './filter.ts';
import { makeIndicator } from '../../lib/test-fixtures.ts';

const list = [
  makeIndicator({
    id: 'a',
    nameDe: 'Kinderarmut',
    dimension: 'income',
    department: 'Jugend',
    definitionDe: 'SGB-II-Bezug unter 15 Jahren',
  }),
  makeIndicator({ id: 'b', nameDe: 'Arbeitslosigkeit', dimension: 'work', department: 'Arbeit' }),
  makeIndicator({ id: 'c', nameDe: 'Altersarmut', dimension: 'income', department: 'Soziales' }),
];

describe('filterIndicators', () => {
  it('searches the definition too', () => {
    expect(
      filterIndicators(list, { q: 'sgb', dimension: '', department: '' }, 'de').map((i) => i.id),
    ).toEqual(['a']);
  });
  it('combines dimension and department filters', () => {
    expect(
      filterIndicators(list, { q: '', dimension: 'income', department: 'Soziales' }, 'de').map(
        (i) => i.id,
      ),
    ).toEqual(['c']);
  });
  it('sorts by dimension, then name', () => {
    expect(
      filterIndicators(list, { q: '', dimension: '', department: '' }, 'de').map((i) => i.id),
    ).toEqual(['c', 'a', 'b']);
  });
});
