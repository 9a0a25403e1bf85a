// Schema errors of the HSDS import speak German (issue 12 § 1: per-record errors a planner can act
// on), checked with the real compiled HSDS 3.0 schemas on broken services.
import { describe, expect, it } from 'vitest';
import { checkHsdsSchemas, germanMessage } from './hsds-schema.ts';

const at = { file: 'angebote.json', index: 0, path: '$[0]' };

describe('HSDS schema errors in German', () => {
  it('names a missing field, a bad uuid and a wrong status with their JSON paths', () => {
    const issues = checkHsdsSchemas([
      { kind: 'service', obj: { id: 'keine-uuid', status: 'offen' }, at },
    ]);
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      '$[0]: HSDS 3.0 (service.json): Pflichtfeld fehlt (name)',
      '$[0].id: HSDS 3.0 (service.json): kein gültiges Format „uuid“',
      '$[0].status: HSDS 3.0 (service.json): nicht erlaubter Wert; erlaubt: active, inactive, defunct, temporarily closed',
    ]);
  });

  it('keeps Ajv’s text only for keywords it does not translate', () => {
    expect(
      germanMessage({ keyword: 'enum', params: { allowedValues: ['active', 'inactive'] } }),
    ).toBe('nicht erlaubter Wert; erlaubt: active, inactive');
    expect(germanMessage({ keyword: 'if', params: {}, message: 'must match "then" schema' })).toBe(
      'must match "then" schema',
    );
  });
});
