import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  parseHexColor,
  relativeLuminance,
  textColorFor,
  WCAG_AA_TEXT_CONTRAST,
} from './contrast.ts';
import { COLORBREWER, NO_DATA_COLOR } from './palette.ts';

describe('contrast (WCAG 2.1)', () => {
  it('gives 21:1 for black on white and 1:1 for equal colours', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#fff', '#000')).toBe(21);
    expect(contrastRatio('#3182bd', '#3182bd')).toBe(1);
  });

  it('puts #767676 just above and #777777 just below 4.5:1 on white (the known AA limit)', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('computes relative luminance of pure primaries from the sRGB coefficients', () => {
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 12);
    expect(relativeLuminance('#00ff00')).toBeCloseTo(0.7152, 12);
    expect(relativeLuminance('#0000ff')).toBeCloseTo(0.0722, 12);
  });

  it('rejects malformed colours', () => {
    expect(() => parseHexColor('red')).toThrow('Ungültige Farbe "red"');
    expect(() => parseHexColor('#12345')).toThrow('#rgb oder #rrggbb');
  });

  it('chooses white on dark red and black on light yellow', () => {
    expect(textColorFor('#800026')).toBe('#ffffff');
    expect(textColorFor('#ffffcc')).toBe('#000000');
  });

  it('reaches at least 4.5:1 for labels on every palette colour and the no-data grey', () => {
    const all = [
      ...Object.values(COLORBREWER).flatMap((byK) => Object.values(byK).flat()),
      NO_DATA_COLOR,
    ];
    for (const bg of all) {
      expect(contrastRatio(bg, textColorFor(bg))).toBeGreaterThanOrEqual(WCAG_AA_TEXT_CONTRAST);
    }
  });
});
