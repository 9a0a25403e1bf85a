import { describe, expect, it } from 'vitest';
import { previousEdition } from './changes-list.tsx';
import { MSS_2019_2021, validateIndexDefinition } from '@sozialraum/core';
import type { IndexDefinition } from '@sozialraum/core';
import {
  addClass,
  applyEdits,
  changeSchemeKind,
  checkEdits,
  editsFrom,
  matrixFor,
  removeClass,
} from './edit-definition.ts';

const MSS = MSS_2019_2021 as unknown as Record<string, unknown>;

const BASE = {
  id: 'mss-2019-2021',
  label: 'MSS',
  status: {
    label: 'Status-Index',
    standardisation: 'zscore',
    inputs: [
      { indicatorId: 's1', label: 'Arbeitslosigkeit', direction: 'higher_is_worse' },
      { indicatorId: 's3', label: 'Transferbezug', direction: 'higher_is_worse' },
    ],
  },
  dynamics: {
    label: 'Dynamik-Index',
    standardisation: 'zscore',
    inputs: [
      { indicatorId: 'd1', label: 'Veränderung Arbeitslosigkeit', direction: 'higher_is_worse' },
      { indicatorId: 'd3', label: 'Veränderung Transferbezug', direction: 'higher_is_worse' },
    ],
    changeOf: { d1: 's1', d3: 's3' },
  },
  validity: { minPopulation: 300 },
};

describe('index form', () => {
  it('starts with every indicator used in its direction and the base standardisation', () => {
    const e = editsFrom(BASE, 'eigener-index', 'Eigener Index');
    expect(e.standardisation).toBe('zscore');
    expect(e.inputs).toEqual({
      s1: { use: true, direction: 'higher_is_worse' },
      s3: { use: true, direction: 'higher_is_worse' },
      d1: { use: true, direction: 'higher_is_worse' },
      d3: { use: true, direction: 'higher_is_worse' },
    });
  });

  it('drops unused indicators from inputs and changeOf, flips directions and sets the standardisation of both parts', () => {
    const e = editsFrom(BASE, ' eigener-index ', 'Eigener Index');
    e.inputs.d3 = { use: false, direction: 'higher_is_worse' };
    e.inputs.s3 = { use: true, direction: 'higher_is_better' };
    e.standardisation = 'minmax';
    const d = applyEdits(BASE, e) as typeof BASE;
    expect(d.id).toBe('eigener-index');
    expect(d.status.inputs.map((i) => [i.indicatorId, i.direction])).toEqual([
      ['s1', 'higher_is_worse'],
      ['s3', 'higher_is_better'],
    ]);
    expect(d.dynamics.inputs.map((i) => i.indicatorId)).toEqual(['d1']);
    expect(d.dynamics.changeOf).toEqual({ d1: 's1' });
    expect([d.status.standardisation, d.dynamics.standardisation]).toEqual(['minmax', 'minmax']);
    expect(d.validity).toEqual({ minPopulation: 300 });
    expect(BASE.status.inputs).toHaveLength(2);
  });
});

describe('full index editor', () => {
  it('gives back the preset unchanged (a valid definition) when nothing is edited', () => {
    const e = editsFrom(MSS, 'mss-eigen', 'MSS (eigene Fassung)');
    const d = applyEdits(MSS, e);
    expect({ ...d, id: MSS.id, label: MSS.label }).toEqual(MSS);
    expect(validateIndexDefinition(d)).toEqual([]);
    expect(checkEdits(MSS, e)).toEqual([]);
  });

  it('writes weights only for the weighted sum and only for the indicators in use', () => {
    const e = editsFrom(MSS, 'gewichtet', 'Gewichtet');
    e.parts.status!.combination = 'weighted_sum';
    e.parts.status!.weights.S1 = 2;
    e.inputs.S3 = { use: false, direction: 'higher_is_worse' };
    e.parts.status!.restandardise = false;
    e.parts.dynamics!.combination = 'mean';
    const d = applyEdits(MSS, e) as unknown as IndexDefinition;
    expect(d.status.combination).toBe('weighted_sum');
    expect(d.status.weights).toEqual({ S1: 2, S4: 1 });
    expect(d.status.restandardise).toBe(false);
    expect(d.dynamics?.combination).toBe('mean');
    expect(d.dynamics?.weights).toBeUndefined();
    expect(validateIndexDefinition(d)).toEqual([]);
  });

  it('applies validity rules: minimum population (empty = none) and exclusions with reasons', () => {
    const e = editsFrom(MSS, 'x', 'X');
    e.minPopulation = null;
    e.exclusions = [{ areaId: ' 01011101 ', reason: ' Gewerbegebiet ' }];
    const d = applyEdits(MSS, e) as unknown as IndexDefinition;
    expect(d.validity.minPopulation).toBeNull();
    expect(d.validity.exclusions).toEqual([{ areaId: '01011101', reason: 'Gewerbegebiet' }]);
    expect(validateIndexDefinition(d)).toEqual([]);
  });

  it('rebuilds the matrix and prunes the attention rule when a status class is removed', () => {
    const e = editsFrom(MSS, 'drei-klassen', 'Drei Klassen');
    // remove 'sehr niedrig' (code 4): it merges into 'niedrig', the boundary +1,5 goes
    e.parts.status!.classes = removeClass(e.parts.status!.classes!, 3);
    expect(e.parts.status!.classes.boundaries.map((b) => b.value)).toEqual([-1, 1]);
    const d = applyEdits(MSS, e) as unknown as IndexDefinition;
    expect(d.matrix).toHaveLength(9);
    expect(d.matrix?.find((g) => g.status === '3' && g.dynamics === '-')?.code).toBe('3-');
    expect(d.rules?.[0]?.when).toEqual([{ status: ['3'], dynamics: ['-'] }]);
    expect(validateIndexDefinition(d)).toEqual([]);
  });

  it('adds a class above the last boundary and switches a scheme to quantiles with default probabilities', () => {
    const s = addClass(MSS_2019_2021.dynamics!.classes);
    expect(s.boundaries.map((b) => b.value)).toEqual([-1, 1, 1.5]);
    expect(s.classes.map((c) => c.code)).toEqual(['+', '+/-', '-', '4']);
    const q = changeSchemeKind(MSS_2019_2021.status.classes, 'quantile');
    expect(q.boundaries.map((b) => b.value)).toEqual([0.25, 0.5, 0.75]);
    expect(q.boundaries.map((b) => b.onBoundary)).toEqual(['upper', 'lower', 'lower']);
  });

  it('keeps the matrix and its order as they are when the classes are unchanged', () => {
    const m = matrixFor(
      MSS_2019_2021.status.classes.classes,
      MSS_2019_2021.dynamics!.classes.classes,
      [...MSS_2019_2021.matrix!].reverse(),
    );
    expect(m[0]?.code).toBe('4-');
  });

  it('names slips in German before sending: weights, boundaries, quantiles, codes, exclusions, rules', () => {
    const e = editsFrom(MSS, 'Falsch!', '');
    e.parts.status!.combination = 'weighted_sum';
    e.parts.status!.weights.S1 = 0;
    e.parts.status!.classes = {
      kind: 'quantile',
      boundaries: [
        { value: 0.5, onBoundary: 'lower' },
        { value: 0.4, onBoundary: 'lower' },
        { value: 1.2, onBoundary: 'lower' },
      ],
      classes: [
        { code: 'a', label: 'A' },
        { code: 'a', label: 'B' },
        { code: 'c', label: 'C' },
        { code: 'd', label: '' },
      ],
    };
    e.minPopulation = -5;
    e.exclusions = [{ areaId: '', reason: '' }];
    e.rules[0]!.when = [{ status: [] }];
    expect(checkEdits(MSS, e)).toEqual([
      'Kennung: nur Kleinbuchstaben, Ziffern, - und _ (und nicht leer).',
      'Name fehlt.',
      'Status-Index: Gewicht für „Arbeitslosigkeit“ muss eine positive Zahl sein.',
      'Status-Index, Klassen: Grenzen müssen aufsteigen, Grenze 2 (0,4) liegt nicht über 0,5.',
      'Status-Index, Klassen: Quantilgrenze 3 (1,2) muss zwischen 0 und 1 liegen (z. B. 0,25).',
      'Status-Index, Klassen: Kürzel „a“ kommt mehrfach vor.',
      'Status-Index, Klassen: Klasse 4 braucht Kürzel und Bezeichnung.',
      'Mindesteinwohnerzahl: eine ganze Zahl ab 0, oder leer für keine Mindestzahl.',
      'Ausschluss 1: Gebietskennung fehlt.',
      'Ausschluss 1: Begründung fehlt.',
      'Regel „Gebiet mit besonderem Aufmerksamkeitsbedarf“: jede Bedingung braucht mindestens eine Status-Klasse.',
    ]);
  });
});

describe('previous edition', () => {
  it('is the latest earlier date on the same system and level', () => {
    const eds = [
      { system: 'lor2021', level: 'plr', date: '2020-12-31' },
      { system: 'lor2006', level: 'plr', date: '2018-12-31' },
      { system: 'lor2006', level: 'plr', date: '2016-12-31' },
      { system: 'lor2006', level: 'plr', date: '2012-12-31' },
    ];
    expect(previousEdition(eds, eds[1]!)).toEqual(eds[2]);
    expect(previousEdition(eds, eds[0]!)).toBeNull();
    expect(previousEdition(eds, eds[3]!)).toBeNull();
  });
});
