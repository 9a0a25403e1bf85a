import { describe, expect, it } from 'vitest';
import type { EffectEstimate } from '../../api/funding.ts';
import { de } from '../../i18n/de.ts';
import { effectSentence } from './effect-text.ts';

const estimate = (over: Partial<EffectEstimate>): EffectEstimate =>
  ({
    indicator: {
      id: 'k',
      nameDe: 'Kinderarmut',
      nameEn: 'Child poverty',
      unit: 'percent',
      decimals: 1,
      polarity: 'higher_is_worse',
    },
    start: '2020-01-01',
    estimate: -1.8,
    interval: { lower: -3.1, upper: -0.4 },
    prePeriods: ['2019-12-31'],
    postPeriods: ['2020-12-31', '2023-12-31'],
    ...over,
  }) as EffectEstimate;

describe('effect sentence', () => {
  it('reads as the issue words it, with percentage points and typographic minus', () => {
    expect(effectSentence(estimate({}), 'de', de.effectSentence)).toBe(
      'Kinderarmut in den Maßnahmengebieten −1,8 Pp. gegenüber vergleichbaren Gebieten (95 %: −3,1 bis −0,4), 2019–2023',
    );
  });

  it('is null when not measurable', () => {
    expect(
      effectSentence(estimate({ estimate: null, interval: null }), 'de', de.effectSentence),
    ).toBeNull();
  });
});
