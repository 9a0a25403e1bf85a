import { describe, expect, it } from 'vitest';
import { DIMENSIONS, POINT_DIMENSIONS, isDimension } from './dimensions.ts';

describe('Lebenslage dimensions', () => {
  it('lists the nine dimensions the database accepts, demography first', () => {
    expect(DIMENSIONS).toHaveLength(9);
    expect(DIMENSIONS[0]).toBe('demography');
    expect(new Set(DIMENSIONS).size).toBe(DIMENSIONS.length);
  });
  it('leaves the computed social index out of the point-import dimensions', () => {
    expect(POINT_DIMENSIONS).not.toContain('social_index');
    expect([...POINT_DIMENSIONS]).toEqual(DIMENSIONS.filter((d) => d !== 'social_index'));
  });
  it('recognises known dimension names only', () => {
    expect(isDimension('housing')).toBe(true);
    expect(isDimension('Wohnen')).toBe(false);
  });
});
