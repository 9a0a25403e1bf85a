import { describe, expect, it } from 'vitest';
import type { IndexDefinition, StandardisationMethod } from '../types.ts';
import { computeIndexColumns } from './compute.ts';
import { createIndexWorkspace } from './workspace.ts';

const definition = (standardisation: StandardisationMethod): IndexDefinition => ({
  id: 'ws',
  label: 'Workspace',
  validity: {},
  status: {
    label: 'Status-Index',
    inputs: [
      { indicatorId: 'a', label: 'A', direction: 'higher_is_worse' },
      { indicatorId: 'b', label: 'B', direction: 'higher_is_better' },
    ],
    standardisation,
    combination: 'sum',
    restandardise: false,
    classes: {
      kind: 'fixed',
      boundaries: [{ value: 0.5, onBoundary: 'lower' }],
      classes: [
        { code: '1', label: 'niedrig' },
        { code: '2', label: 'hoch' },
      ],
    },
  },
});

const input = {
  ids: ['1', '2', '3', '4', '5'],
  population: new Float64Array(5),
  values: { a: Float64Array.of(1, 2, 3, 4, 9), b: Float64Array.of(4, 2, 3, 1, 2) },
};

describe('a reused IndexWorkspace', () => {
  for (const method of ['zscore', 'minmax', 'percentile_rank'] as const)
    it(`gives the same ${method} index on every run as without a workspace`, () => {
      const expected = computeIndexColumns(definition(method), input);
      const combined = Array.from(expected.status.combined);
      const classes = Array.from(expected.status.classOf);
      const workspace = createIndexWorkspace();
      for (let run = 0; run < 3; run++) {
        const again = computeIndexColumns(definition(method), input, workspace);
        expect(Array.from(again.status.combined)).toEqual(combined);
        expect(Array.from(again.status.classOf)).toEqual(classes);
      }
    });
});
