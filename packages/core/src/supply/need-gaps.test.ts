import { describe, expect, it } from 'vitest';
import { selectNeedGaps } from './need-gaps.ts';

// Ten areas, need 10…1 (area id = 11 − need); areas 1 and 3 have a provider. Top quintile:
// k = ⌈0.2 × 10⌉ = 2 → threshold 9 → areas 1 (need 10, served) and 2 (need 9, not served).
const rows = Array.from({ length: 10 }, (_, i) => ({
  areaId: i + 1,
  need: 10 - i,
  served: i + 1 === 1 || i + 1 === 3,
}));

describe('areas with high need and no provider', () => {
  it('takes the top quintile by default and lists the unserved ones by need', () => {
    expect(selectNeedGaps(rows)).toEqual({
      threshold: 9,
      considered: 10,
      highNeed: 2,
      gaps: [{ areaId: 2, need: 9, rank: 1 }],
    });
  });

  it('takes a given threshold, counts ties at the edge, and skips unknown need', () => {
    const r = selectNeedGaps(
      [...rows, { areaId: 11, need: 7, served: false }, { areaId: 12, need: null, served: false }],
      { kind: 'value', min: 7 },
    );
    expect(r.threshold).toBe(7);
    expect(r.considered).toBe(11);
    expect(r.highNeed).toBe(5);
    expect(r.gaps.map((g) => g.areaId)).toEqual([2, 4, 11]);
    const tie = selectNeedGaps(
      [
        { areaId: 1, need: 5, served: false },
        { areaId: 2, need: 5, served: false },
        { areaId: 3, need: 1, served: false },
      ],
      { kind: 'top-share', share: 0.2 },
    );
    expect(tie.gaps.map((g) => g.areaId)).toEqual([1, 2]);
  });

  it('answers an empty list without known need, and refuses a share outside (0, 1]', () => {
    expect(selectNeedGaps([{ areaId: 1, need: null, served: false }]).threshold).toBeNull();
    expect(() => selectNeedGaps(rows, { kind: 'top-share', share: 0 })).toThrow('Anteil');
  });
});
