import { describe, expect, it } from 'vitest';
import { shareReliability, wilsonInterval } from './wilson.ts';

// z of the 97.5 % normal quantile as R qnorm(0.975) / scipy norm.ppf(0.975) give it.
const Z975 = 1.959963984540054;

describe('wilsonInterval', () => {
  it('matches R prop.test(5, 10, correct = FALSE) and scipy binomtest(5, 10).proportion_ci("wilson")', () => {
    const ci = wilsonInterval(5, 10, Z975);
    expect(ci?.lower).toBeCloseTo(0.236593090512564, 12);
    expect(ci?.upper).toBeCloseTo(0.7634069094874361, 12);
    expect(ci?.center).toBe(0.5);
  });

  it('uses z = 1.96 by default', () => {
    // closed form with z = 1.96: 0.23658959… (slightly wider than with the exact quantile)
    expect(wilsonInterval(5, 10)?.lower).toBeCloseTo(0.2365895936154873, 12);
  });

  it('has lower bound 0 and upper bound z²/(n+z²) for zero successes', () => {
    const ci = wilsonInterval(0, 10);
    expect(ci?.lower).toBe(0);
    // 1.96² / (10 + 1.96²) = 3.8416 / 13.8416
    expect(ci?.upper).toBeCloseTo(3.8416 / 13.8416, 12);
  });

  it('matches scipy binomtest(1, 20).proportion_ci("wilson") for a small count', () => {
    const ci = wilsonInterval(1, 20, Z975);
    expect(ci?.lower).toBeCloseTo(0.008881448800795402, 12);
    expect(ci?.upper).toBeCloseTo(0.23613119344674205, 12);
  });

  it('narrows as n grows for the same proportion', () => {
    const small = wilsonInterval(3, 10);
    const large = wilsonInterval(300, 1000);
    expect(small && large && large.upper - large.lower < small.upper - small.lower).toBe(true);
  });

  it('returns null for n = 0 and rejects successes above n', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow('zwischen 0 und n = 10');
    expect(() => wilsonInterval(1, -1)).toThrow(RangeError);
  });
});

describe('shareReliability', () => {
  it('gives the Wilson interval on the share scale and flags small bases', () => {
    const r = shareReliability('share', 100, 5, 50)!;
    expect(r.smallBase).toBe(true);
    // Wilson 95 % for 5/50 by hand: centre 0.12854, half-width 0.08507 → 0.04347 … 0.21360
    expect(r.lower).toBeCloseTo(4.35, 2);
    expect(r.upper).toBeCloseTo(21.36, 2);
    expect(shareReliability('share', 100, 30, 100)!.smallBase).toBe(false);
  });

  it('is null for counts, withheld cells and impossible pairs', () => {
    expect(shareReliability('count', 1, 5, 50)).toBeNull();
    expect(shareReliability('share', 100, null, 50)).toBeNull();
    expect(shareReliability('share', 100, 5, null)).toBeNull();
    expect(shareReliability('share', 100, 60, 50)).toBeNull();
    expect(shareReliability('share', 100, 0, 0)).toBeNull();
  });
});
