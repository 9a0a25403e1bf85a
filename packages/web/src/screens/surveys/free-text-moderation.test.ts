import { describe, expect, it } from 'vitest';
import { monthLabel } from './free-text-moderation.tsx';

describe('monthLabel', () => {
  it('names the month in words', () => {
    expect(monthLabel('2026-12', 'de')).toBe('Dezember 2026');
    expect(monthLabel('2026-03', 'en')).toBe('March 2026');
  });
  it('leaves anything else as it is', () => {
    expect(monthLabel('12/2026', 'de')).toBe('12/2026');
  });
});
