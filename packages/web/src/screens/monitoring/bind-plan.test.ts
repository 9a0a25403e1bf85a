import { describe, expect, it } from 'vitest';
import {
  checkBinding,
  inputsOf,
  rankCandidates,
  similarity,
  suggestBindings,
  type Candidate,
} from './bind-plan.ts';

const DEF = {
  status: {
    inputs: [
      {
        indicatorId: 'mss_s1_unemployment',
        label: 'Arbeitslosigkeit',
        direction: 'higher_is_worse',
      },
      { indicatorId: 'mss_s4_child_poverty', label: 'Kinderarmut', direction: 'higher_is_worse' },
    ],
  },
  dynamics: {
    inputs: [
      {
        indicatorId: 'mss_d1_unemployment_change',
        label: 'Veränderung Arbeitslosigkeit',
        direction: 'higher_is_worse',
      },
    ],
  },
};

const C = (id: string, nameDe: string, polarity = 'higher_is_worse'): Candidate => ({
  id,
  nameDe,
  polarity,
  unit: 'percent',
});

const CANDIDATES = [
  C('mss_s1_unemployment', 'Arbeitslosigkeit (MSS 2021)'),
  C('mss23_arbeitslos', 'Arbeitslosigkeit 2023'),
  C('mss23_arbeitslos_diff', 'Veränderung der Arbeitslosigkeit 2021–2023'),
  C('mss23_kinderarmut', 'Kinderarmut 2023'),
  C('ewr_total', 'Einwohnende insgesamt', 'neutral'),
];

describe('binding an index to other indicators', () => {
  it('lists the inputs of both parts, status first', () => {
    expect(inputsOf(DEF).map((i) => `${i.part}:${i.indicatorId}`)).toEqual([
      'status:mss_s1_unemployment',
      'status:mss_s4_child_poverty',
      'dynamics:mss_d1_unemployment_change',
    ]);
  });

  it('rates names with umlauts and endings as similar, unrelated names as not', () => {
    expect(
      similarity('Veränderung Arbeitslosigkeit', 'Veraenderung der Arbeitslosigkeit'),
    ).toBeGreaterThan(0.7);
    expect(similarity('Kinderarmut', 'Einwohnende insgesamt')).toBeLessThan(0.1);
  });

  it('suggests each input the most similar other indicator, none twice, never the input itself', () => {
    expect(suggestBindings(inputsOf(DEF), CANDIDATES)).toEqual({
      mss_s1_unemployment: 'mss23_arbeitslos',
      mss_s4_child_poverty: 'mss23_kinderarmut',
      mss_d1_unemployment_change: 'mss23_arbeitslos_diff',
    });
  });

  it('prefers a level for a status input and a change for a dynamics input', () => {
    const pool = [
      C('alo_diff', 'Veränderung der Arbeitslosigkeit'),
      C('alo_quote', 'Arbeitslosenquote'),
    ];
    const [status, , dynamics] = inputsOf(DEF);
    expect(rankCandidates(status!, pool)[0]?.id).toBe('alo_quote');
    expect(rankCandidates(dynamics!, pool)[0]?.id).toBe('alo_diff');
  });

  it('leaves an input open when nothing is similar enough', () => {
    expect(suggestBindings(inputsOf(DEF), [C('ewr_total', 'Einwohnende insgesamt')])).toEqual({});
  });

  it('puts the best fitting candidates first in the picker', () => {
    const [first] = rankCandidates(inputsOf(DEF)[1]!, CANDIDATES);
    expect(first?.id).toBe('mss23_kinderarmut');
  });

  it('names open inputs, indicators used twice and an invalid new id', () => {
    const inputs = inputsOf(DEF);
    expect(
      checkBinding('MSS 2023', inputs, {
        mss_s1_unemployment: 'a',
        mss_s4_child_poverty: 'a',
      }),
    ).toEqual({
      id: 'idInvalid',
      mss_s4_child_poverty: 'twice',
      mss_d1_unemployment_change: 'missing',
    });
    expect(
      checkBinding('mss-2023', inputs, {
        mss_s1_unemployment: 'a',
        mss_s4_child_poverty: 'b',
        mss_d1_unemployment_change: 'c',
      }),
    ).toEqual({});
  });
});
