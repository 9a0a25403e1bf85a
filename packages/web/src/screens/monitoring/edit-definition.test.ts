import { describe, expect, it } from 'vitest';
import { previousEdition } from './changes-list.tsx';
import { applyEdits, editsFrom } from './edit-definition.ts';

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
