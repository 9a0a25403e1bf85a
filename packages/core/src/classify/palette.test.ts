import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR, paletteFor, schemeFor } from './palette.ts';
import type { Polarity } from './palette.ts';
import { relativeLuminance } from './contrast.ts';

describe('paletteFor', () => {
  it('makes high values dark red when higher is worse (ColorBrewer YlOrRd 5)', () => {
    expect(paletteFor('higher_is_worse', 5)).toEqual([
      '#ffffb2',
      '#fecc5c',
      '#fd8d3c',
      '#f03b20',
      '#bd0026',
    ]);
  });

  it('makes low values dark red when higher is better, so the bad end is always dark and warm', () => {
    const p = paletteFor('higher_is_better', 5);
    expect(p[0]).toBe('#bd0026');
    expect(p[4]).toBe('#ffffb2');
  });

  it('uses Blues for neutral indicators', () => {
    expect(schemeFor('neutral')).toEqual({ scheme: 'Blues', reversed: false });
    expect(paletteFor('neutral', 3)).toEqual(['#deebf7', '#9ecae1', '#3182bd']);
  });

  it('orders every palette from light to dark (or dark to light when reversed) for 1–9 classes', () => {
    for (const polarity of ['higher_is_worse', 'higher_is_better', 'neutral'] as const) {
      for (let k = 1; k <= 9; k++) {
        const lum = paletteFor(polarity, k).map(relativeLuminance);
        expect(lum).toHaveLength(k);
        const expected = [...lum].sort((a, b) => (polarity === 'higher_is_better' ? a - b : b - a));
        expect(lum).toEqual(expected);
      }
    }
  });

  it('keeps the no-data colour out of every palette', () => {
    for (const polarity of ['higher_is_worse', 'neutral'] as const) {
      for (let k = 1; k <= 9; k++) expect(paletteFor(polarity, k)).not.toContain(NO_DATA_COLOR);
    }
  });

  it('names allowed polarities and class counts in its errors', () => {
    expect(() => paletteFor('good' as Polarity, 5)).toThrow(
      'Unbekannte Polarität "good". Erlaubt sind: higher_is_better, higher_is_worse, neutral.',
    );
    expect(() => paletteFor('neutral', 10)).toThrow('1 bis 9 Klassen');
  });
});
