import { describe, expect, it } from 'vitest';
import { formatValue, unitLabel, unitSymbol, UNITS } from './units.ts';
import type { Unit } from './units.ts';

describe('formatValue', () => {
  it('writes German units with a space and English percent without', () => {
    expect(formatValue(12.5, 'percent')).toBe('12,5 %');
    expect(formatValue(12.5, 'percent', 1, 'en')).toBe('12.5%');
    expect(formatValue(3.2, 'per_mille')).toBe('3,2 ‰');
    expect(formatValue(12.34, 'sqm')).toBe('12,3 m²');
    expect(formatValue(4.5, 'per_100')).toBe('4,5 je 100');
    expect(formatValue(4.5, 'per_100', 1, 'en')).toBe('4.5 per 100');
  });

  it('formats counts as grouped integers', () => {
    expect(formatValue(1374, 'count')).toBe('1.374');
    expect(formatValue(1374, 'count', 0, 'en')).toBe('1,374');
  });

  it('puts the euro sign after the number in German and before it in English', () => {
    expect(formatValue(1234, 'euro')).toBe('1.234 €');
    expect(formatValue(1234.5, 'euro', 2, 'en')).toBe('€1,234.50');
    expect(formatValue(-50, 'euro', 0, 'en')).toBe('-€50');
  });

  it('always signs percentage points except for zero', () => {
    expect(formatValue(1.2, 'percentage_points')).toBe('+1,2 Pp.');
    expect(formatValue(-1.2, 'percentage_points')).toBe('-1,2 Pp.');
    expect(formatValue(0, 'percentage_points')).toBe('0,0 Pp.');
    expect(formatValue(0.04, 'percentage_points')).toBe('0,0 Pp.');
    expect(formatValue(-0.04, 'percentage_points')).toBe('0,0 Pp.');
    expect(formatValue(0.05, 'percentage_points')).toBe('+0,1 Pp.');
    expect(formatValue(2.5, 'percentage_points', 1, 'en')).toBe('+2.5 pp');
  });

  it('shows index, ratio and class as plain numbers with their default decimals', () => {
    expect(formatValue(-1.234, 'index')).toBe('-1,23');
    expect(formatValue(0.845, 'ratio')).toBe('0,85');
    expect(formatValue(3, 'class')).toBe('3');
  });

  it('honours explicit decimals over the unit default', () => {
    expect(formatValue(12.345, 'percent', 2)).toBe('12,35 %');
    expect(formatValue(12.345, 'percent', 0)).toBe('12 %');
  });

  it('shows an en dash without unit for missing values', () => {
    for (const unit of UNITS) expect(formatValue(null, unit)).toBe('–');
  });

  it('names the allowed units for an unknown unit', () => {
    expect(() => formatValue(1, 'furlong' as Unit)).toThrow(
      'Unbekannte Einheit "furlong". Erlaubt sind: percent, per_mille, count, euro, sqm, percentage_points, per_100, index, ratio, class.',
    );
  });
});

describe('unitLabel and unitSymbol', () => {
  it('gives German and English names', () => {
    expect(unitLabel('percent')).toBe('Prozent (%)');
    expect(unitLabel('percentage_points', 'de')).toBe('Prozentpunkte (Pp.)');
    expect(unitLabel('count', 'en')).toBe('count');
  });

  it('has a label for every unit in both languages', () => {
    for (const unit of UNITS) {
      expect(unitLabel(unit, 'de')).not.toBe('');
      expect(unitLabel(unit, 'en')).not.toBe('');
    }
  });

  it('gives the symbol written after values', () => {
    expect(unitSymbol('per_mille')).toBe('‰');
    expect(unitSymbol('count')).toBe('');
  });
});
