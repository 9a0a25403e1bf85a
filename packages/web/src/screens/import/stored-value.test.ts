import { describe, expect, it } from 'vitest';
import { formatStoredValue, ownDecimals } from './stored-value.ts';

describe('values of the overwrite list', () => {
  it('show every stored decimal in German format, so old and new differ where they differ', () => {
    expect(formatStoredValue(4.22594, 'de')).toBe('4,22594');
    expect(formatStoredValue(4.22595, 'de')).toBe('4,22595');
    expect(formatStoredValue(1234.5, 'de')).toBe('1.234,5');
    expect(formatStoredValue(3419, 'de')).toBe('3.419');
    expect(formatStoredValue(-0.25, 'de')).toBe('-0,25');
    expect(formatStoredValue(1234.5, 'en')).toBe('1,234.5');
  });

  it('ignores binary noise beyond 15 significant digits and stops at 10 decimals', () => {
    expect(ownDecimals(0.1 + 0.2)).toBe(1);
    expect(formatStoredValue(0.1 + 0.2, 'de')).toBe('0,3');
    expect(ownDecimals(12)).toBe(0);
    expect(ownDecimals(1 / 3)).toBe(10);
    expect(formatStoredValue(1 / 3, 'de')).toBe('0,3333333333');
  });
});
