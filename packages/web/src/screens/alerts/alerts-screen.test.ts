import { describe, expect, it } from 'vitest';
import { parseStatusFilter } from './alerts-screen.tsx';
import { parsePositiveGermanDecimal, slugifyRuleName } from './rules-section.tsx';

describe('parseStatusFilter', () => {
  it('reads a known status from the query string', () => {
    expect(parseStatusFilter('?status=closed')).toBe('closed');
    expect(parseStatusFilter('?status=new&x=1')).toBe('new');
  });

  it('shows all alerts for a missing or unknown status', () => {
    expect(parseStatusFilter('')).toBeNull();
    expect(parseStatusFilter('?status=offen')).toBeNull();
  });
});

describe('parsePositiveGermanDecimal', () => {
  it('reads the decimal comma and thousands dots', () => {
    expect(parsePositiveGermanDecimal('2,5')).toBe(2.5);
    expect(parsePositiveGermanDecimal(' 1.000 ')).toBe(1000);
    expect(parsePositiveGermanDecimal('100')).toBe(100);
  });

  it('refuses English decimals, zero, negatives and text', () => {
    expect(parsePositiveGermanDecimal('2.5')).toBeNull();
    expect(parsePositiveGermanDecimal('0')).toBeNull();
    expect(parsePositiveGermanDecimal('-1')).toBeNull();
    expect(parsePositiveGermanDecimal('zwei')).toBeNull();
  });
});

describe('slugifyRuleName', () => {
  it('spells out umlauts and turns other signs into hyphens', () => {
    expect(slugifyRuleName('Anstieg Kinderarmut (Größe ≥ 2 SD)')).toBe(
      'anstieg-kinderarmut-groesse-2-sd',
    );
    expect(slugifyRuleName('  !!  ')).toBe('regel');
  });
});
