import { describe, expect, it } from 'vitest';
import { cityValueText } from './city-text.ts';

const fmt = (v: number) => `${v.toFixed(1).replace('.', ',')} %`;

describe('cityValueText', () => {
  it('says a median and on how many of the areas it rests', () => {
    const city = {
      value: 38,
      method: 'Median der Gebiete',
      coverage: { areasWithValue: 5, areasTotal: 542 },
    };
    expect(cityValueText(city, 'percent', fmt, 'de')).toBe('38,0 % – Median von 5 der 542 Gebiete');
  });

  it('says a complete sum covers all areas and a ratio comes from sums', () => {
    const sum = {
      value: 12,
      method: 'Summe aller Gebiete',
      coverage: { areasWithValue: 12, areasTotal: 12 },
    };
    expect(cityValueText(sum, 'count', fmt, 'de')).toBe('12,0 % – Summe aller 12 Gebiete');
    const ratio = {
      value: 4.5,
      method: 'Quote aus den Summen von Zähler und Nenner',
      coverage: { areasWithValue: 3, areasTotal: 4 },
    };
    expect(cityValueText(ratio, 'percent', fmt, 'de')).toBe(
      '4,5 % – aus Summen von Zähler und Nenner, 3 der 4 Gebiete',
    );
  });

  it('gives the reason when the value is withheld', () => {
    const city = {
      value: null,
      method: 'Summe aller Gebiete',
      coverage: { areasWithValue: 3, areasTotal: 4 },
      note: 'Kein Gesamtwert: 1 von 4 Gebieten ohne Wert',
    };
    expect(cityValueText(city, 'count', fmt, 'de')).toBe(
      'Kein Gesamtwert: 1 von 4 Gebieten ohne Wert',
    );
  });

  it('never averages classes', () => {
    const city = {
      value: 2,
      method: 'Median der Gebiete',
      coverage: { areasWithValue: 5, areasTotal: 5 },
    };
    expect(cityValueText(city, 'class', fmt, 'de')).toMatch(/kein Stadtwert/);
  });
});
