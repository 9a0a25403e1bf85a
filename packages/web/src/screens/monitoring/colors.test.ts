import { describe, expect, it } from 'vitest';
import type { IndexAreaResult, IndexResults } from '../../api/monitoring.ts';
import { sortAttention } from './attention-list.tsx';
import {
  colorsFor,
  DYNAMICS_COLORS,
  matrixColor,
  MATRIX_COLORS,
  STATUS_COLORS,
  textOn,
} from './colors.ts';

const lightness = (hex: string) =>
  Number.parseInt(hex.slice(1, 3), 16) +
  Number.parseInt(hex.slice(3, 5), 16) +
  Number.parseInt(hex.slice(5, 7), 16);

describe('monitoring colours', () => {
  it('darkens every dynamics column from status hoch to sehr niedrig, so status reads as lightness', () => {
    for (let d = 0; d < 3; d++)
      for (let s = 1; s < 4; s++)
        expect(lightness(matrixColor(s, d))).toBeLessThan(lightness(matrixColor(s - 1, d)));
    expect(new Set(MATRIX_COLORS.flat()).size).toBe(12);
    expect(matrixColor(3, 2)).toBe('#a63603');
  });

  it('writes dark text on light fills and white text on dark fills', () => {
    expect(textOn('#f0f0f0')).toBe('#1a1a1a');
    expect(textOn('#4d4d4d')).toBe('#ffffff');
    expect(textOn('#5e3c99')).toBe('#ffffff');
  });
});

const part = (index: number, classCode: string, classLabel: string) => ({
  z: {},
  sum: index,
  index,
  classCode,
  classLabel,
});
const AREAS: IndexAreaResult[] = [
  {
    areaId: 1,
    code: '01',
    name: 'Ahornweg',
    scored: true,
    reason: null,
    status: part(1.2, '3', 'niedrig'),
    dynamics: part(1.4, '-', 'negativ'),
    group: { code: '3-', label: '' },
    attention: true,
  },
  {
    areaId: 2,
    code: '02',
    name: 'Zeppelinplatz',
    scored: true,
    reason: null,
    status: part(2.5, '4', 'sehr niedrig'),
    dynamics: part(-1.2, '+', 'positiv'),
    group: { code: '4+', label: '' },
    attention: true,
  },
  {
    areaId: 3,
    code: '03',
    name: 'Mitte',
    scored: false,
    reason: 'Ausgeschlossen',
    status: null,
    dynamics: null,
    group: null,
    attention: false,
  },
];
const RESULTS = {
  counts: {
    status: ['1', '2', '3', '4'].map((code) => ({ code, label: code, count: 0 })),
    dynamics: ['+', '+/-', '-'].map((code) => ({ code, label: code, count: 0 })),
  },
  areas: AREAS,
} as unknown as IndexResults;

describe('map colours and the attention list', () => {
  it('colours each view by its class and leaves unscored areas without colour (hatched)', () => {
    expect(colorsFor(RESULTS, 'status').get(2)).toBe(STATUS_COLORS[3]);
    expect(colorsFor(RESULTS, 'dynamics').get(1)).toBe(DYNAMICS_COLORS[2]);
    expect(colorsFor(RESULTS, 'matrix').get(1)).toBe(matrixColor(2, 2));
    expect(colorsFor(RESULTS, 'matrix').get(3)).toBeNull();
  });

  it('sorts by Status-Index descending by default and by name A–Z', () => {
    expect(sortAttention(AREAS, 'status', true).map((a) => a.code)).toEqual(['02', '01', '03']);
    expect(sortAttention(AREAS, 'dynamics', true).map((a) => a.code)).toEqual(['01', '02', '03']);
    expect(sortAttention(AREAS, 'name', false).map((a) => a.name)).toEqual([
      'Ahornweg',
      'Mitte',
      'Zeppelinplatz',
    ]);
  });
});
