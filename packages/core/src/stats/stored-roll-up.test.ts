import { describe, expect, it } from 'vitest';
import {
  deriveStoredShares,
  rollUpStoredValues,
  type RollUpArea,
  type RollUpIndicator,
  type StoredValue,
} from './stored-roll-up.ts';

const area = (
  id: number,
  levelId: string,
  parentId: number | null,
  validFrom: string | null = null,
) => ({ id, systemId: 's', levelId, parentId, validFrom, validTo: null }) satisfies RollUpArea;
const AREAS = [
  area(1, 'top', null),
  area(2, 'low', 1),
  area(3, 'low', 1),
  area(4, 'low', 1, '2020-01-01'),
];
const LEVELS = [
  { systemId: 's', levelId: 'low' },
  { systemId: 's', levelId: 'top' },
];
const IND: RollUpIndicator[] = [
  { id: 'pop', kind: 'count', scale: 1, numeratorId: null, denominatorId: null },
  { id: 'kids', kind: 'count', scale: 1, numeratorId: null, denominatorId: null },
  { id: 'share', kind: 'share', scale: 100, numeratorId: 'kids', denominatorId: 'pop' },
  { id: 'idx', kind: 'value', scale: 1, numeratorId: null, denominatorId: null },
];
const v = (
  indicatorId: string,
  areaId: number,
  refDate: string,
  value: number | null,
): StoredValue => ({
  indicatorId,
  areaId,
  refDate,
  value,
  numerator: null,
  denominator: null,
});

describe('rollUpStoredValues', () => {
  it('sums a count over the children that exist at the date, and flags a gap', () => {
    const rows = rollUpStoredValues(
      [
        v('pop', 2, '2019-12-31', 10),
        v('pop', 3, '2019-12-31', 5),
        v('pop', 2, '2020-12-31', 10),
        v('pop', 3, '2020-12-31', 5),
        v('idx', 2, '2019-12-31', 1),
      ],
      AREAS,
      LEVELS,
      IND,
    );
    expect(rows).toEqual([
      { ...v('pop', 1, '2019-12-31', 15), flag: null, flagReason: null },
      {
        ...v('pop', 1, '2020-12-31', null),
        flag: 'invalid',
        flagReason: 'unvollständig: 1 von 3 Teilgebieten ohne Wert',
      },
    ]);
  });

  it('leaves out a key already stored', () => {
    const rows = rollUpStoredValues(
      [v('pop', 2, '2019-12-31', 10), v('pop', 3, '2019-12-31', 5), v('pop', 1, '2019-12-31', 99)],
      AREAS,
      LEVELS,
      IND,
    );
    expect(rows).toEqual([]);
  });
});

describe('deriveStoredShares', () => {
  it('derives where both counts are stored; a zero or missing count gives invalid', () => {
    const rows = deriveStoredShares(
      [
        v('kids', 2, 'd', 1),
        v('pop', 2, 'd', 4),
        v('kids', 3, 'd', 1),
        v('pop', 3, 'd', 0),
        v('kids', 4, 'd', null),
        v('pop', 4, 'd', 2),
        v('kids', 1, 'd', 3),
      ],
      IND,
    );
    expect(rows).toEqual([
      {
        indicatorId: 'share',
        areaId: 2,
        refDate: 'd',
        value: 25,
        numerator: 1,
        denominator: 4,
        flag: null,
        flagReason: null,
      },
      {
        indicatorId: 'share',
        areaId: 3,
        refDate: 'd',
        value: null,
        numerator: 1,
        denominator: 0,
        flag: 'invalid',
        flagReason: 'Nenner ist 0',
      },
      {
        indicatorId: 'share',
        areaId: 4,
        refDate: 'd',
        value: null,
        numerator: null,
        denominator: 2,
        flag: 'invalid',
        flagReason: 'Zähler oder Nenner fehlt',
      },
    ]);
  });
});
