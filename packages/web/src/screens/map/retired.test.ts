import { describe, expect, it } from 'vitest';
import { endDates, retiredAt, withoutRetired } from './retired.ts';

const feature = (id: number, validTo?: string | null) => ({
  type: 'Feature' as const,
  id,
  geometry: { type: 'Polygon', coordinates: [] },
  properties: { id, code: String(id), name: `Gebiet ${id}`, parentId: null, validTo },
});
const fc = {
  type: 'FeatureCollection' as const,
  features: [feature(1, null), feature(2, '2023-12-31'), feature(3), feature(4, '2024-06-30')],
};

describe('retired areas on the map', () => {
  it('leaves an area out only after its last day', () => {
    expect([...retiredAt(fc, '2023-12-31')]).toEqual([]);
    expect([...retiredAt(fc, '2024-01-01')]).toEqual([2]);
    expect([...retiredAt(fc, '2024-12-31')].sort()).toEqual([2, 4]);
    expect(retiredAt(null, '2024-12-31').size).toBe(0);
  });

  it('drops the rows of retired areas and keeps the array when nothing is dropped', () => {
    const rows = [{ areaId: 1 }, { areaId: 2 }, { areaId: 4 }];
    expect(withoutRetired(rows, new Set([2]))).toEqual([{ areaId: 1 }, { areaId: 4 }]);
    expect(withoutRetired(rows, new Set())).toBe(rows);
    expect(withoutRetired(rows, new Set([9]))).toBe(rows);
  });

  it('lists end dates only for areas that have one (older servers send none)', () => {
    expect([...endDates(fc)]).toEqual([
      [2, '2023-12-31'],
      [4, '2024-06-30'],
    ]);
  });
});
