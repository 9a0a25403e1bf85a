import { describe, expect, it } from 'vitest';
import { formatDate, parseIsoDate } from './date.ts';

describe('formatDate', () => {
  it('writes German dates as DD.MM.YYYY', () => {
    expect(formatDate('2020-12-31', 'de')).toBe('31.12.2020');
    expect(formatDate('2021-01-01')).toBe('01.01.2021');
  });

  it('writes English dates with the month abbreviated', () => {
    expect(formatDate('2024-06-30', 'en')).toBe('30 Jun 2024');
  });

  it('shows an en dash for a missing date', () => {
    expect(formatDate(null)).toBe('–');
  });

  it('accepts 29 February only in leap years', () => {
    expect(formatDate('2024-02-29')).toBe('29.02.2024');
    expect(formatDate('2000-02-29')).toBe('29.02.2000');
    expect(() => formatDate('2023-02-29')).toThrow('hat keinen 29. Tag');
    expect(() => formatDate('1900-02-29')).toThrow('hat keinen 29. Tag');
  });

  it('rejects German-style or impossible input with a German message', () => {
    expect(() => formatDate('31.12.2020')).toThrow(
      'Ungültiges Datum "31.12.2020": erwartet wird JJJJ-MM-TT',
    );
    expect(() => parseIsoDate('2020-13-01')).toThrow('Monat 13 gibt es nicht');
    expect(() => parseIsoDate('2020-04-31')).toThrow('keinen 31. Tag');
  });
});
