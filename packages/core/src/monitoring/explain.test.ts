import { describe, expect, it } from 'vitest';
import { computeIndex, getAreaResult, listAreaResults } from './compute-index.ts';
import { MonitoringError } from './errors.ts';
import { explainArea, formatSigned } from './explain.ts';
import { mssPreset } from './presets.ts';
import { loadMssEdition } from './test-support.ts';
import type { IndexDefinition } from './types.ts';

const result = computeIndex(mssPreset(2021), { areas: loadMssEdition(2021).areas });

describe('explainArea', () => {
  it('explains a scored area in a sentence a planner understands', () => {
    const e = explainArea(result, '01200518');
    expect(e.status?.sentence).toBe(
      'Status-Index 1,28 (niedrig), 0,22 unter der Grenze zu „sehr niedrig“; größter Beitrag: Kinderarmut (+1,6)',
    );
    expect(e.text).toBe(
      'Status-Index 1,28 (niedrig), 0,22 unter der Grenze zu „sehr niedrig“; größter Beitrag: Kinderarmut (+1,6). ' +
        'Dynamik-Index -0,32 (stabil), 0,68 über der Grenze zu „positiv“; größter Beitrag: Veränderung Transferbezug (-1,2). ' +
        'Gruppe 3+/-: Status niedrig, Dynamik stabil.',
    );
  });

  it('decomposes the Statussumme into the z-values of its indicators', () => {
    const e = explainArea(result, '01100101');
    const s = e.status;
    if (!s) throw new Error('nicht bewertet');
    expect(s.contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(s.combined, 12);
    expect(s.contributions.reduce((a, c) => a + c.shareOfAbsolute, 0)).toBeCloseTo(1, 12);
    expect(s.contributions.map((c) => c.indicatorId)).toEqual(['S3', 'S4', 'S1']); // |−0,41| > |−0,31| > |−0,25| (table 3)
  });

  it('ranks by index, 1 = most disadvantaged, consistent with sorting all scored areas', () => {
    const sorted = listAreaResults(result)
      .filter((a) => a.valid)
      .sort((a, b) => (b.status?.index ?? 0) - (a.status?.index ?? 0));
    expect(explainArea(result, sorted[0]?.id as string).status?.rank).toBe(1);
    expect(explainArea(result, sorted[99]?.id as string).status).toMatchObject({
      rank: 100,
      of: 536,
    });
  });

  it('measures the distance to both neighbouring boundaries and flags areas near a threshold', () => {
    const e = explainArea(result, '08100102');
    const index = getAreaResult(result, '08100102').status?.index as number;
    expect(e.status?.upper?.distance).toBeCloseTo(1 - index, 12);
    expect(e.status?.lower?.distance).toBeCloseTo(index + 1, 12);
    expect(e.status?.nearThreshold).toBe(true); // 0,09 below 'niedrig'
    expect(explainArea(result, '08100102', { nearThreshold: 0.05 }).status?.nearThreshold).toBe(
      false,
    );
    expect(e.text).toContain('Nahe an einer Klassengrenze');
  });

  it('says why an area is not scored', () => {
    expect(explainArea(result, '10100205')).toMatchObject({
      scored: false,
      status: null,
      text: 'Nicht bewertet: Ausgeschlossen: Ausreißer (Gewerbegebiet Bitterfelder Straße), amtlich „ungültig (Ausreißer)“.',
    });
  });

  it('refuses an unknown area', () => {
    expect(() => explainArea(result, '99999999')).toThrow(MonitoringError);
  });

  it('scales contributions by 1/m when the definition combines by mean', () => {
    const def: IndexDefinition = {
      id: 'm',
      label: 'Mittel',
      status: {
        label: 'Index',
        inputs: [
          { indicatorId: 'A', label: 'A', direction: 'higher_is_worse' },
          { indicatorId: 'B', label: 'B', direction: 'higher_is_worse' },
        ],
        standardisation: 'zscore',
        combination: 'mean',
        restandardise: false,
        classes: {
          kind: 'fixed',
          boundaries: [{ value: 0, onBoundary: 'upper' }],
          classes: [
            { code: '1', label: 'unten' },
            { code: '2', label: 'oben' },
          ],
        },
      },
      validity: {},
    };
    const r = computeIndex(def, {
      areas: [1, 2, 3, 7].map((v, i) => ({
        id: `g${i}`,
        population: 1,
        values: { A: v, B: i * i },
      })),
    });
    const s = explainArea(r, 'g3').status;
    expect(s?.contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(
      s?.combined as number,
      12,
    );
  });

  it('formats signed German numbers without a sign on zero', () => {
    expect([
      formatSigned(0.94),
      formatSigned(-0.44),
      formatSigned(0.04),
      formatSigned(-0.04),
    ]).toEqual(['+0,9', '-0,4', '0,0', '0,0']);
  });
});
