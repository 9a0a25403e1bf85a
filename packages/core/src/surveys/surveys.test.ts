import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../stats/wilson.ts';
import { checkSurveyAnswers, isQuestionShown, type SurveyAnswers } from './answers.ts';
import { validateSurveyDefinition, type SurveyDefinition } from './definition.ts';
import { meanInterval, summariseSurvey, tQuantile975 } from './results.ts';

const def: SurveyDefinition = {
  questions: [
    { id: 'wohnort', type: 'area', label: 'Wo wohnen Sie?', required: true },
    {
      id: 'kinder',
      type: 'single',
      label: 'Leben Kinder im Haushalt?',
      required: true,
      options: [
        { id: 'ja', label: 'Ja' },
        { id: 'nein', label: 'Nein' },
      ],
    },
    {
      id: 'angebote',
      type: 'multiple',
      label: 'Welche Angebote nutzen Sie?',
      required: true,
      options: [
        { id: 'kita', label: 'Kita' },
        { id: 'spielplatz', label: 'Spielplatz' },
        { id: 'jugendclub', label: 'Jugendclub' },
      ],
      showIf: { questionId: 'kinder', anyOf: ['ja'] },
    },
    {
      id: 'zufrieden',
      type: 'scale',
      label: 'Wie zufrieden sind Sie?',
      scale: { min: 1, max: 5 },
    },
    { id: 'warum', type: 'text', label: 'Warum?', showIf: { questionId: 'zufrieden', max: 2 } },
  ],
};
const AREAS = new Set(['11', '12', '13']);

describe('validateSurveyDefinition', () => {
  it('accepts a definition with conditions on earlier questions', () => {
    expect(validateSurveyDefinition(def)).toEqual([]);
  });

  it('refuses a condition on a later question as a possible cycle, naming both', () => {
    const bad: SurveyDefinition = {
      questions: [
        { ...def.questions[1]!, showIf: { questionId: 'b', anyOf: ['ja'] } },
        { ...def.questions[1]!, id: 'b', showIf: { questionId: 'kinder', anyOf: ['ja'] } },
      ],
    };
    expect(validateSurveyDefinition(bad)).toEqual([
      'Frage 1 („kinder“): Bedingung verweist auf die spätere Frage „b“ – nur frühere Antworten sind erlaubt (sonst Zirkelbezug möglich).',
    ]);
  });

  it('refuses a condition on itself, an unknown question and an unknown option', () => {
    const q = def.questions[1]!;
    const problems = validateSurveyDefinition({
      questions: [
        { ...q, showIf: { questionId: 'kinder', anyOf: ['ja'] } },
        { ...q, id: 'x', showIf: { questionId: 'gibtsnicht', anyOf: ['ja'] } },
        { ...q, id: 'y', showIf: { questionId: 'kinder', anyOf: ['vielleicht'] } },
      ],
    });
    expect(problems).toEqual([
      'Frage 1 („kinder“): Bedingung verweist auf die Frage selbst (Zirkelbezug).',
      'Frage 2 („x“): Bedingung verweist auf unbekannte Frage „gibtsnicht“.',
      'Frage 3 („y“): Bedingung nennt unbekannte Antwort „vielleicht“ der Frage „kinder“.',
    ]);
  });

  it('refuses duplicate ids, missing options, bad scales, conditions on text and two area pickers', () => {
    const problems = validateSurveyDefinition({
      questions: [
        { id: 'a', type: 'single', label: 'A', options: [{ id: 'x', label: 'X' }] },
        { id: 'a', type: 'scale', label: 'B', scale: { min: 3, max: 3 } },
        { id: 't', type: 'text', label: 'T' },
        { id: 'u', type: 'text', label: 'U', showIf: { questionId: 't', anyOf: ['x'] } },
        { id: 'g1', type: 'area', label: 'G' },
        { id: 'g2', type: 'area', label: 'G' },
      ],
    });
    expect(problems).toContain('Frage 1 („a“): mindestens zwei Antwortmöglichkeiten nötig.');
    expect(problems).toContain('Frage 2 („a“): Kennung kommt doppelt vor.');
    expect(problems).toContain('Frage 2 („a“): Skala braucht ganze Zahlen mit min < max.');
    expect(problems).toContain(
      'Frage 4 („u“): Bedingung auf eine Freitextfrage („t“) ist nicht möglich.',
    );
    expect(problems).toContain('Höchstens eine Gebietsfrage je Fragebogen.');
  });
});

describe('checkSurveyAnswers', () => {
  it('keeps valid answers and drops answers to questions whose condition does not hold', () => {
    const r = checkSurveyAnswers(
      def,
      { wohnort: '11', kinder: 'nein', angebote: ['kita'], zufrieden: 4, warum: 'x' },
      AREAS,
    );
    expect(r.problems).toEqual([]);
    expect(r.answers).toEqual({ wohnort: '11', kinder: 'nein', zufrieden: 4 });
  });

  it('requires shown required questions but not skipped conditional ones', () => {
    expect(checkSurveyAnswers(def, { wohnort: '11', kinder: 'nein' }, AREAS).problems).toEqual([]);
    expect(checkSurveyAnswers(def, { wohnort: '11', kinder: 'ja' }, AREAS).problems).toEqual([
      { questionId: 'angebote', message: 'bitte beantworten' },
    ]);
  });

  it('refuses unknown questions, options, areas and scale values out of range', () => {
    const r = checkSurveyAnswers(
      def,
      { wohnort: '99', kinder: 'ja', angebote: ['kino'], zufrieden: 6, frage: 'x' },
      AREAS,
    );
    expect(r.problems).toEqual([
      { questionId: 'frage', message: 'unbekannte Frage „frage“' },
      { questionId: 'wohnort', message: 'unbekanntes Gebiet' },
      { questionId: 'angebote', message: 'unbekannte Antwort' },
      { questionId: 'zufrieden', message: 'bitte einen Wert von 1 bis 5 wählen' },
    ]);
  });

  it('shows a question conditioned on a scale only inside the range', () => {
    const q = def.questions[4]!;
    expect(isQuestionShown(q, { zufrieden: 2 })).toBe(true);
    expect(isQuestionShown(q, { zufrieden: 3 })).toBe(false);
    expect(isQuestionShown(q, {})).toBe(false);
  });
});

describe('intervals', () => {
  // Newcombe (1998), Statistics in Medicine 17, 857–872, Table II, method 3 (Wilson score without
  // continuity correction, z = 1.96): 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605,
  // 0/20 → 0–0.1611, 1/29 → 0.0061–0.1718.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Wilson interval of %i/%i matches Newcombe (1998)', (k, n, lo, hi) => {
    const w = wilsonInterval(k, n)!;
    expect(w.lower).toBeCloseTo(lo, 4);
    expect(w.upper).toBeCloseTo(hi, 4);
  });

  it('takes t quantiles from the table and the expansion beyond df = 30', () => {
    expect(tQuantile975(4)).toBe(2.7764);
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 4); // table value
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 4);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });

  it('gives the hand-computed t interval of 1, 2, 3, 4, 5', () => {
    // mean 3, s = √2.5 = 1.5811, half width 2.7764 · 1.5811 / √5 = 1.9632
    const m = meanInterval([1, 2, 3, 4, 5])!;
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(1.5811, 4);
    expect(m.lower).toBeCloseTo(1.0368, 4);
    expect(m.upper).toBeCloseTo(4.9632, 4);
    expect(meanInterval([3])).toBeNull();
  });
});

describe('summariseSurvey', () => {
  const responses: SurveyAnswers[] = [
    ...Array.from({ length: 6 }, (_, i) => ({
      wohnort: '11',
      kinder: i < 3 ? 'ja' : 'nein',
      ...(i < 3 ? { angebote: ['kita'] } : {}),
      zufrieden: i + 1 > 5 ? 5 : i + 1,
    })),
    ...Array.from({ length: 8 }, () => ({ wohnort: '12', kinder: 'nein', zufrieden: 3 })),
    { wohnort: '13', kinder: 'ja', angebote: ['spielplatz'], zufrieden: 1, warum: 'laut' },
  ];
  const r = summariseSurvey(def, responses);

  it('counts n per area and gives shares with Wilson intervals', () => {
    expect(r.total.responses).toBe(15);
    const kinder = r.areas[1]!.questions[1]!;
    expect(kinder.n).toBe(8);
    expect(kinder.options?.[1]).toMatchObject({ optionId: 'nein', count: 8, share: 1, upper: 1 });
    expect(kinder.options?.[1]?.lower).toBeCloseTo(wilsonInterval(8, 8)!.lower, 12);
    const total = r.total.questions[1]!;
    expect(total.options?.[0]).toMatchObject({ optionId: 'ja', count: 4 });
    expect(total.options?.[0]?.share).toBeCloseTo(4 / 15, 12);
  });

  it('withholds an area with fewer than 5 answers, and one more so it cannot be recovered', () => {
    const [a11, a12, a13] = r.areas;
    expect(a13).toMatchObject({ areaId: '13', responses: null, withheld: 'small' });
    expect(a13!.questions[1]).toMatchObject({ n: null, withheld: 'small', options: null });
    // the smallest other area is withheld too, else 15 − 6 − 8 would reveal area 13's count
    expect(a11).toMatchObject({ responses: null, withheld: 'secondary' });
    expect(a12!.responses).toBe(8);
    expect(a12!.questions[3]).toMatchObject({ n: 8, mean: 3, sd: 0, withheld: null });
  });

  it('withholds a question whose answers are few even when the area has enough responses', () => {
    // 'angebote' was answered by 3 in area 11 and 1 in area 13: both small, 0 in area 12
    expect(r.total.questions[2]).toMatchObject({ n: null, withheld: 'small' });
    expect(r.areas[1]!.questions[2]).toMatchObject({ n: 0, withheld: null, options: null });
  });

  it('groups by the fixed area of a survey without area question', () => {
    const noArea: SurveyDefinition = { questions: def.questions.slice(1, 2) };
    const s = summariseSurvey(noArea, [{ kinder: 'ja' }], { fixedArea: '7' });
    expect(s.areas.map((a) => a.areaId)).toEqual(['7']);
    expect(s.total.withheld).toBe('small');
  });
});
