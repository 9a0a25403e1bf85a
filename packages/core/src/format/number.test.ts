import { describe, expect, it } from 'vitest';
import { formatNumber, roundHalfAwayFromZero } from './number.ts';
import type { Locale } from './number.ts';

describe('formatNumber', () => {
  it('uses German separators by default and English ones for en', () => {
    expect(formatNumber(1234.5, { decimals: 1 })).toBe('1.234,5');
    expect(formatNumber(1234.5, { decimals: 1, locale: 'en' })).toBe('1,234.5');
  });

  it('groups large numbers in threes', () => {
    expect(formatNumber(3_878_100)).toBe('3.878.100');
    expect(formatNumber(1_000_000_000_000, { locale: 'en' })).toBe('1,000,000,000,000');
    expect(formatNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234, { group: false })).toBe('1234');
  });

  it('rounds half away from zero on the decimal value as written', () => {
    expect(formatNumber(2.45, { decimals: 1 })).toBe('2,5');
    expect(formatNumber(-2.45, { decimals: 1 })).toBe('-2,5');
    expect(formatNumber(2.5)).toBe('3');
    expect(formatNumber(-2.5)).toBe('-3');
    // binary 1.005 is 1.00499999999999989…: toFixed(2) gives "1.00"; we round what the user sees
    expect(formatNumber(1.005, { decimals: 2 })).toBe('1,01');
    expect(formatNumber(2.44999, { decimals: 1 })).toBe('2,4');
  });

  it('carries rounding into the integer part and the next thousands group', () => {
    expect(formatNumber(9.96, { decimals: 1 })).toBe('10,0');
    expect(formatNumber(999_999.5)).toBe('1.000.000');
    expect(formatNumber(0.96, { decimals: 1 })).toBe('1,0');
  });

  it('formats zero and small numbers with leading zeros', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0, { decimals: 2 })).toBe('0,00');
    expect(formatNumber(0.05, { decimals: 2 })).toBe('0,05');
    expect(formatNumber(0.005, { decimals: 2 })).toBe('0,01');
    expect(formatNumber(0.0004, { decimals: 2 })).toBe('0,00');
    expect(formatNumber(5e-7, { decimals: 6 })).toBe('0,000001');
  });

  it('drops the sign of negative values that round to zero, and of -0', () => {
    expect(formatNumber(-0.04, { decimals: 1 })).toBe('0,0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1234.56, { decimals: 2 })).toBe('-1.234,56');
  });

  it('pads to the requested decimals', () => {
    expect(formatNumber(12, { decimals: 2 })).toBe('12,00');
    expect(formatNumber(12.3456, { decimals: 3, locale: 'en' })).toBe('12.346');
  });

  it('shows an en dash for missing and non-finite values', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(undefined)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatNumber(Infinity)).toBe('–');
  });

  it('rejects invalid decimals and locales with German messages', () => {
    expect(() => formatNumber(1, { decimals: -1 })).toThrow('Nachkommastellen');
    expect(() => formatNumber(1, { decimals: 1.5 })).toThrow('Nachkommastellen');
    expect(() => formatNumber(1, { locale: 'fr' as Locale })).toThrow(
      'Unbekannte Sprache "fr". Erlaubt sind: de, en.',
    );
  });
});

describe('formatNumber against toFixed', () => {
  it('agrees with toFixed for 5000 pseudo-random values away from rounding ties', () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    let compared = 0;
    for (let t = 0; t < 5000; t++) {
      const magnitude = 10 ** Math.floor(next() * 12 - 4);
      const x = (next() - 0.5) * magnitude;
      const decimals = Math.floor(next() * 5);
      const scaled = Math.abs(x) * 10 ** decimals;
      if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) continue; // ties are where the two rules differ
      let expected = x.toFixed(decimals);
      if (/^-0(\.0*)?$/.test(expected)) expected = expected.slice(1);
      expect(formatNumber(x, { decimals, locale: 'en', group: false })).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(4900);
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds like formatNumber but returns a number', () => {
    expect(roundHalfAwayFromZero(2.45, 1)).toBe(2.5);
    expect(roundHalfAwayFromZero(-2.45, 1)).toBe(-2.5);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(-0.4)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-0.4), -0)).toBe(false);
    expect(roundHalfAwayFromZero(123.456)).toBe(123);
  });
});
