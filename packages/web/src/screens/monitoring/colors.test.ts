import { describe, expect, it } from 'vitest';
import { matrixColor, MATRIX_COLORS, textOn } from './colors.ts';

const lightness = (hex: string) => Number.parseInt(hex.slice(1, 3), 16) + Number.parseInt(hex.slice(3, 5), 16) + Number.parseInt(hex.slice(5, 7), 16);

describe('monitoring colours', () => {
  it('darkens every dynamics column from status hoch to sehr niedrig, so status reads as lightness', () => {
    for (let d = 0; d < 3; d++) for (let s = 1; s < 4; s++) expect(lightness(matrixColor(s, d))).toBeLessThan(lightness(matrixColor(s - 1, d)));
    expect(new Set(MATRIX_COLORS.flat()).size).toBe(12);
    expect(matrixColor(3, 2)).toBe('#a63603');
  });

  it('writes dark text on light fills and white text on dark fills', () => {
    expect(textOn('#f0f0f0')).toBe('#1a1a1a');
    expect(textOn('#4d4d4d')).toBe('#ffffff');
    expect(textOn('#5e3c99')).toBe('#ffffff');
  });
});
