// The trend of a goal's indicator on the programme page: the last step between the two latest
// values, judged against the direction from baseline to target.
import { describe, expect, it } from 'vitest';
import { goalTrend } from './goal-trend.ts';

const p = (date: string, value: number | null) => ({ date, value });

describe('goalTrend', () => {
  it('takes the last step between the two latest known values, skipping suppressed ones', () => {
    // goal: child poverty 30 → 25 (down); values 29 (2022), suppressed (2023), 27,5 (2024)
    const t = goalTrend(
      [p('2024-12-31', 27.5), p('2022-12-31', 29), p('2023-12-31', null)],
      30,
      25,
    );
    expect(t).toEqual({ direction: 'down', towardTarget: true, change: -1.5 });
  });

  it('says a step away from the target is not toward it, and a small step is flat', () => {
    expect(goalTrend([p('2022-12-31', 10), p('2023-12-31', 12)], 10, 8)?.towardTarget).toBe(false);
    expect(goalTrend([p('2022-12-31', 10), p('2023-12-31', 10.04)], 10, 8, 0.05)).toEqual({
      direction: 'flat',
      towardTarget: false,
      change: expect.closeTo(0.04, 10),
    });
  });

  it('has no trend with fewer than two values', () => {
    expect(goalTrend([p('2023-12-31', 1)], 0, 1)).toBeNull();
    expect(goalTrend([], 0, 1)).toBeNull();
  });
});
