import { describe, expect, it } from 'vitest';
import {
  percentToShare,
  shareToPercent,
  shareToPerMille,
  toAreaId,
  toPercent,
  toPerMille,
  toShare,
} from './units.ts';

describe('branded units', () => {
  it('accepts shares from 0 to 1 inclusive and rejects values outside', () => {
    expect(toShare(0)).toBe(0);
    expect(toShare(1)).toBe(1);
    expect(() => toShare(1.2)).toThrow('Anteil muss zwischen 0 und 1 liegen, erhalten: 1.2');
    expect(() => toShare(-0.01)).toThrow(RangeError);
    expect(() => toShare(Number.NaN)).toThrow('endliche Zahl');
  });

  it('rejects a percentage passed where a share is expected at run time', () => {
    expect(() => toShare(12.5)).toThrow(RangeError);
  });

  it('accepts percent up to 100 and per mille up to 1000', () => {
    expect(toPercent(100)).toBe(100);
    expect(() => toPercent(100.5)).toThrow('Prozentwert');
    expect(toPerMille(1000)).toBe(1000);
    expect(() => toPerMille(-1)).toThrow('Promillewert');
  });

  it('converts between share, percent and per mille', () => {
    expect(shareToPercent(toShare(0.125))).toBe(12.5);
    expect(percentToShare(toPercent(12.5))).toBe(0.125);
    expect(shareToPerMille(toShare(0.0032))).toBeCloseTo(3.2, 12);
  });

  it('accepts only positive safe integers as area ids', () => {
    expect(toAreaId(542)).toBe(542);
    expect(() => toAreaId(0)).toThrow('Gebiets-ID');
    expect(() => toAreaId(1.5)).toThrow('Gebiets-ID');
    expect(() => toAreaId(2 ** 53)).toThrow('Gebiets-ID');
  });
});
