import { describe, expect, it } from 'vitest';
import { areasRunFields, missingInAreaTarget, unwrapSuggestion } from './mapping.ts';

describe('import mapping helpers', () => {
  it('takes the mapping out of a MappingSuggestion and copies it', () => {
    const inner = { layout: 'wide', areaColumn: 'PLR_ID' };
    const m = unwrapSuggestion({ mapping: inner, confidence: 0.9 });
    expect(m).toEqual(inner);
    expect(m).not.toBe(inner);
  });

  it('builds an areas run for a new system with name, validity and level name', () => {
    const a = {
      systemMode: 'new',
      levelMode: 'new',
      systemId: 'leipzig_ot',
      systemName: ' Ortsteile Leipzig ',
      validFrom: '2024-01-01',
      levelId: 'ot',
      levelNameDe: 'Ortsteil',
      codeProperty: 'OT',
      nameProperty: 'Name',
    } as const;
    expect(missingInAreaTarget(a)).toEqual([]);
    expect(areasRunFields(a)).toEqual({
      systemId: 'leipzig_ot',
      systemName: 'Ortsteile Leipzig',
      validFrom: '2024-01-01',
      levelId: 'ot',
      levelNameDe: 'Ortsteil',
      codeProperty: 'OT',
      nameProperty: 'Name',
      parentLevelId: null,
      parentCodeProperty: null,
    });
    // an existing system and level: no names are sent, the server keeps its own
    expect(
      areasRunFields({
        ...a,
        systemMode: 'existing',
        levelMode: 'existing',
        parentLevelId: 'sbz',
        parentCodeProperty: 'SBZ',
      }),
    ).toEqual({
      systemId: 'leipzig_ot',
      levelId: 'ot',
      codeProperty: 'OT',
      nameProperty: 'Name',
      parentLevelId: 'sbz',
      parentCodeProperty: 'SBZ',
    });
  });

  it('asks for the names of a new system and level in German', () => {
    expect(
      missingInAreaTarget({
        systemMode: 'new',
        levelMode: 'new',
        systemId: 'x1',
        levelId: 'ot',
        codeProperty: 'a',
        nameProperty: 'b',
        validFrom: '1.1.2024',
      }),
    ).toEqual([
      'Bitte einen Namen für das neue Gebietssystem angeben.',
      '„Gültig ab“ ist kein gültiges Datum (TT.MM.JJJJ).',
      'Bitte einen deutschen Namen für die neue Ebene angeben.',
    ]);
  });
});
