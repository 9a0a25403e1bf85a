import { describe, expect, it } from 'vitest';
import { mean, median, populationSd, quantile, sumPrecise } from './descriptive.ts';

describe('descriptive statistics', () => {
  it('computes the mean skipping nulls and returns null without values', () => {
    expect(mean([1, 2, null, 6])).toBe(3);
    expect(mean([null, null])).toBeNull();
    expect(mean([])).toBeNull();
  });

  it('divides by N for the population standard deviation', () => {
    // values 2,4,4,4,5,5,7,9: mean 5, squared deviations sum 32, 32/8 = 4 → sd 2 (N−1 would give 2.138…)
    expect(populationSd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(populationSd([7])).toBe(0);
    expect(populationSd([])).toBeNull();
  });

  it('rejects NaN and Infinity naming the position', () => {
    expect(() => mean([1, Number.NaN])).toThrow('Wert an Position 1 ist keine endliche Zahl (NaN)');
    expect(() => median([Infinity])).toThrow('Position 0');
  });

  it('computes type-7 quantiles like R quantile() and numpy.quantile()', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0, .1, .25, .5, .9, 1)) → 1.0 1.4 2.0 3.0 7.6 10.0
    const xs = [10, 3, 1, 4, 2];
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 0.1)).toBeCloseTo(1.4, 12);
    expect(quantile(xs, 0.25)).toBe(2);
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0.9)).toBeCloseTo(7.6, 12);
    expect(quantile(xs, 1)).toBe(10);
    expect(() => quantile(xs, 1.5)).toThrow('zwischen 0 und 1');
  });

  it('takes the mean of the two middle values as median of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('sums without order-dependent rounding loss', () => {
    // naive left-to-right summation gives 0 here; the exact sum is 2.
    expect(sumPrecise([1, 1e100, 1, -1e100])).toBe(2);
    expect(sumPrecise([0.1, 0.2, 0.3])).toBe(0.6);
  });
});
