import { describe, expect, it } from 'vitest';
import { wholeNumber } from './signal-rule-form.tsx';

describe('wholeNumber', () => {
  it('reads German whole numbers within the bounds', () => {
    expect(wholeNumber(' 5 ', 1, 1000)).toBe(5);
    expect(wholeNumber('1.000', 1, 1000)).toBe(1000);
  });
  it('refuses decimals, text, and numbers outside the bounds', () => {
    expect(wholeNumber('2,5', 1, 12)).toBeNull();
    expect(wholeNumber('vier', 1, 12)).toBeNull();
    expect(wholeNumber('0', 1, 12)).toBeNull();
    expect(wholeNumber('13', 1, 12)).toBeNull();
    expect(wholeNumber('', 1, 12)).toBeNull();
  });
});
