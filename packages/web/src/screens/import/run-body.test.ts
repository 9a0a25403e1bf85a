import { describe, expect, it } from 'vitest';
import { EMPTY_SOURCE } from './new-indicators.ts';
import { AREA_FIELDS, sourceErrors, validateAreaRun } from './run-body.ts';

describe('checks before a run', () => {
  it('an areas import marks each missing field by its id, the taken system id first', () => {
    const errors = validateAreaRun(
      { systemMode: 'new', levelMode: 'new', systemId: 'lor2021', codeProperty: 'id' },
      EMPTY_SOURCE,
      ['lor2021'],
    );
    expect(errors[0]).toEqual({
      field: AREA_FIELDS.systemId,
      message: expect.stringMatching(/„lor2021“ gibt es schon/),
    });
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'imp-asysname',
        'imp-alvl',
        'imp-alvlname',
        'imp-nameProperty',
        'imp-areas-src-title',
        'imp-areas-src-licence',
      ]),
    );
    expect(fields).not.toContain('imp-codeProperty');
  });

  it('an existing system needs no source', () => {
    const errors = validateAreaRun(
      {
        systemMode: 'existing',
        levelMode: 'existing',
        systemId: 'lor2021',
        levelId: 'bez',
        codeProperty: 'id',
        nameProperty: 'name',
      },
      EMPTY_SOURCE,
      ['lor2021'],
    );
    expect(errors).toEqual([]);
  });

  it('source errors point at the source fields', () => {
    expect(
      sourceErrors(
        {
          ...EMPTY_SOURCE,
          title: 'T',
          publisher: 'P',
          licence: 'L',
          attribution: 'A',
          url: 'ftp://x',
        },
        'p',
      ),
    ).toEqual([{ field: 'p-src-url', message: expect.stringMatching(/http/) }]);
  });
});
