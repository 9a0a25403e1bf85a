import { describe, expect, it } from 'vitest';
import { sortAreaValues } from './sort.ts';
import type { AreaValue } from '../../api/indicators.ts';

const row = (code: string, name: string, value: number | null): AreaValue => ({
  areaId: Number(code),
  code,
  name,
  value,
  numerator: null,
  denominator: null,
  flag: null,
  flagReason: null,
  reliability: null,
});
const rows = [
  row('03', 'Österreichpark', 5),
  row('01', 'Alt-Lichtenberg', null),
  row('02', 'Zentrum', 12.5),
  row('04', 'Ahornweg', 5),
];

describe('sortAreaValues', () => {
  it('puts areas without a value last in both directions', () => {
    expect(sortAreaValues(rows, 'value', 'desc').map((r) => r.code)).toEqual([
      '02',
      '03',
      '04',
      '01',
    ]);
    expect(sortAreaValues(rows, 'value', 'asc').map((r) => r.code)).toEqual([
      '03',
      '04',
      '02',
      '01',
    ]);
  });

  it('sorts names in German order (Ö with O)', () => {
    expect(sortAreaValues(rows, 'name', 'asc').map((r) => r.name)).toEqual([
      'Ahornweg',
      'Alt-Lichtenberg',
      'Österreichpark',
      'Zentrum',
    ]);
  });
});
