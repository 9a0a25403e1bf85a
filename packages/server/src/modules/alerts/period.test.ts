import { describe, expect, it } from 'vitest';
import { formatPeriodPhrase, monthsBetween } from './period.ts';

describe('formatPeriodPhrase', () => {
  it('says whole years in words', () => {
    expect(formatPeriodPhrase('2021-12-31', '2023-12-31')).toBe('in zwei Jahren');
    expect(formatPeriodPhrase('2022-12-31', '2023-12-31')).toBe('in einem Jahr');
  });

  it('says half a year in months instead of rounding it to a year', () => {
    expect(monthsBetween('2024-06-30', '2024-12-31')).toBe(6);
    expect(formatPeriodPhrase('2024-06-30', '2024-12-31')).toBe('in sechs Monaten');
    expect(formatPeriodPhrase('2023-06-30', '2024-12-31')).toBe('in 18 Monaten');
  });
});
