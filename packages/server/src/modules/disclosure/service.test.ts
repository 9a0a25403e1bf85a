import { describe, expect, it } from 'vitest';
import { decideSuppression, primaryReason } from './service.ts';
import type { CellRow } from './store.ts';

function cell(
  area: number,
  parent: number | null,
  level: string,
  value: number | null,
  extra: Partial<CellRow> = {},
): CellRow {
  return {
    indicator_id: 'x',
    ref_date: '2023-12-31',
    kind: 'count',
    scale: 1,
    area_id: area,
    parent_id: parent,
    parent_name: parent === null ? null : `Bezirk ${parent}`,
    system_id: 's',
    level_id: level,
    value,
    numerator: null,
    denominator: null,
    flag: null,
    ...extra,
  };
}
const k = (area: number) => `x\u00002023-12-31\u0000${area}`;

describe('decideSuppression', () => {
  it('suppresses a count of 1 and the smallest public sibling under a published total', () => {
    const out = decideSuppression(
      [
        cell(1, null, 'bez', 20),
        cell(11, 1, 'plr', 1),
        cell(12, 1, 'plr', 4),
        cell(13, 1, 'plr', 15),
      ],
      3,
    );
    expect([...out.keys()].sort()).toEqual([k(11), k(12)]);
    expect(out.get(k(11))).toEqual({ kind: 'primary', reason: primaryReason(3) });
    expect(out.get(k(12))?.kind).toBe('secondary');
  });

  it('shows 0 and leaves a pair without small counts alone', () => {
    const out = decideSuppression([cell(11, null, 'plr', 0), cell(12, null, 'plr', 3)], 3);
    expect(out.size).toBe(0);
  });

  it('treats a share by its numerator, recomputed from value and denominator when missing', () => {
    const share = { kind: 'share' as const, scale: 100 };
    const out = decideSuppression(
      [
        cell(11, null, 'plr', 4, { ...share, numerator: null, denominator: 50 }), // 2 of 50
        cell(12, null, 'plr', 10, { ...share, numerator: 10, denominator: 100 }),
        cell(13, null, 'plr', 20, { ...share, numerator: 20, denominator: 100 }),
      ],
      3,
    );
    expect(out.get(k(11))?.kind).toBe('primary');
    // the city value is the level's sum: a partner is withheld too
    expect(out.get(k(12))?.kind).toBe('secondary');
    expect(out.has(k(13))).toBe(false);
  });

  it('protects a cell the source suppressed from its published parent and keeps the source reason', () => {
    const out = decideSuppression(
      [
        cell(1, null, 'bez', 45),
        cell(11, 1, 'plr', null, { flag: 'suppressed' }),
        cell(12, 1, 'plr', 30),
      ],
      3,
    );
    expect(out.get(k(11))?.kind).toBe('source');
    expect(out.get(k(12))?.kind).toBe('secondary');
  });

  it('does not form a group under a parent withheld as incomplete', () => {
    const out = decideSuppression(
      [
        cell(1, null, 'bez', null, { flag: 'invalid' }),
        cell(11, 1, 'plr', null, { flag: 'suppressed' }),
        cell(12, 1, 'plr', 30),
      ],
      3,
    );
    expect(out.has(k(12))).toBe(false);
  });
});
