import { describe, expect, it } from 'vitest';
import {
  compareAssessment,
  detectSignalSurges,
  indicatorMovement,
  matchingPair,
  poissonInterval,
  type IndicatorSeries,
} from './index.ts';

const poverty = (current: number): IndicatorSeries => ({
  indicatorId: 'kinderarmut',
  label: 'Kinderarmut',
  polarity: 'higher_is_worse',
  points: [
    { date: '2020-12-31', value: 20, numerator: 200, denominator: 1000 },
    { date: '2022-12-31', value: current / 10, numerator: current, denominator: 1000 },
    { date: '2024-12-31', value: 40, numerator: 400, denominator: 1000 },
  ],
});

describe('matchingPair', () => {
  it('takes the latest date on or before the observed date and the one before it', () => {
    const pair = matchingPair(poverty(210).points, '2023-06-30');
    expect(pair?.map((p) => p.date)).toEqual(['2020-12-31', '2022-12-31']);
  });
  it('is null with fewer than two dates up to the observed date', () => {
    expect(matchingPair(poverty(210).points, '2021-01-01')).toBeNull();
  });
});

describe('compareAssessment', () => {
  it('says "Kennzahlen stabil, Einschätzung: verschlechtert" when the change is Wilson noise', () => {
    // 20,0 % → 21,0 % of 1.000: the 95 % intervals (17,6–22,6 and 18,6–23,6) overlap
    const r = compareAssessment({ trend: 'worse', observedDate: '2023-03-01' }, [poverty(210)]);
    expect(r.verdict).toBe('disagree');
    expect(r.numbersTrend).toBe('same');
    expect(r.sentence).toBe('Kennzahlen stabil, Einschätzung: verschlechtert');
    expect(r.movements[0]?.noiseReason).toMatch(/überschneiden/);
  });
  it('agrees when a share of a higher-is-worse indicator rose beyond the noise', () => {
    const r = compareAssessment({ trend: 'worse', observedDate: '2023-03-01' }, [poverty(300)]);
    expect(r.verdict).toBe('agree');
    expect(r.sentence).toBe('Kennzahlen verschlechtert, Einschätzung: verschlechtert');
  });
  it('reads the polarity: a rise of a higher-is-better value is an improvement', () => {
    const s: IndicatorSeries = {
      indicatorId: 'kita',
      label: 'Kitaplätze',
      polarity: 'higher_is_better',
      points: [
        { date: '2021-12-31', value: 100 },
        { date: '2022-12-31', value: 110 },
      ],
    };
    const r = compareAssessment({ trend: 'worse', observedDate: '2023-01-15' }, [s]);
    expect(r.numbersTrend).toBe('better');
    expect(r.sentence).toBe('Kennzahlen verbessert, Einschätzung: verschlechtert');
    // within 5 % of the start value a value without counts is stable
    const small = { ...s, points: [s.points[0]!, { date: '2022-12-31', value: 104 }] };
    expect(indicatorMovement(small, '2023-01-15')?.direction).toBe('same');
  });
  it('answers no_numbers without two dates, and ignores neutral indicators', () => {
    const neutral: IndicatorSeries = { ...poverty(300), polarity: 'neutral' };
    const r = compareAssessment({ trend: 'same', observedDate: '2023-03-01' }, [neutral]);
    expect(r.verdict).toBe('no_numbers');
    expect(r.sentence).toBe('Keine vergleichbaren Kennzahlen, Einschätzung: unverändert');
  });
  it('never calls mixed numbers a disagreement', () => {
    const up: IndicatorSeries = { ...poverty(300), indicatorId: 'a' };
    const down: IndicatorSeries = { ...poverty(100), indicatorId: 'b' };
    const r = compareAssessment({ trend: 'better', observedDate: '2023-03-01' }, [up, down]);
    expect(r.numbersTrend).toBe('mixed');
    expect(r.verdict).toBe('agree');
  });
});

describe('poissonInterval', () => {
  it('matches the exact 95 % limits of 10 (4,795–18,39) to two decimals', () => {
    const i = poissonInterval(10);
    expect(i.lower).toBeCloseTo(4.79, 1);
    expect(i.upper).toBeCloseTo(18.39, 1);
    expect(poissonInterval(0).lower).toBe(0);
    expect(() => poissonInterval(1.5)).toThrow(RangeError);
  });
});

describe('detectSignalSurges', () => {
  const areas = [
    { areaId: 'A', current: 16, history: [2, 3, 2, 1] },
    { areaId: 'B', current: 8, history: [4, 4, 5, 3] },
    { areaId: 'C', current: 2, history: [1, 1, 1, 1] },
    { areaId: 'D', current: 3, history: [] },
  ];
  it('raises an area whose count lies above its own history and the other areas (hand-checked)', () => {
    // A: 16 → interval lower 9,14; own 8 in 4 periods → upper 15,76 / 4 = 3,94; others 13 in 3 → upper 22,23 / 3 = 7,41
    const r = detectSignalSurges(areas);
    expect(r.candidates.map((c) => c.areaId)).toEqual(['A']);
    const a = r.candidates[0]!;
    expect(a.currentInterval.lower).toBeCloseTo(9.14, 2);
    expect(a.city?.upper).toBeCloseTo(7.41, 2);
    expect(a.own?.rate).toBe(2);
    expect(a.own?.upper).toBeCloseTo(3.94, 2);
    expect(a.city?.rate).toBeCloseTo(13 / 3, 10);
    expect(a.explanation).toBe(
      '16 Hinweise und negative Einschätzungen im Zeitraum, sonst 2,0 je Zeitraum (eigene Vorgeschichte) und 4,3 im Mittel der übrigen Gebiete',
    );
  });
  it('holds back a count above the means whose intervals overlap (noise), and one below minCount', () => {
    const r = detectSignalSurges(areas);
    expect(r.heldBack.map((h) => h.areaId)).toEqual(['B']);
    expect(r.heldBack[0]?.reason).toMatch(/^Nicht gemeldet: Intervalle überschneiden sich/);
    expect(detectSignalSurges(areas, { minCount: 17 }).candidates).toEqual([]);
  });
  it('compares an area without history with the city only', () => {
    const r = detectSignalSurges([
      { areaId: 'X', current: 20, history: [] },
      { areaId: 'Y', current: 1, history: [] },
      { areaId: 'Z', current: 2, history: [] },
    ]);
    expect(r.candidates[0]?.own).toBeNull();
    expect(r.candidates[0]?.areaId).toBe('X');
  });
});
