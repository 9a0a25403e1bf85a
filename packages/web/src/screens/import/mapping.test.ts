import { describe, expect, it } from 'vitest';
import {
  areasRunFields,
  longLabels,
  splitUnknownLabels,
  withNewLabels,
  missingInAreaTarget,
  missingInMapping,
  setWideTarget,
  splitUnknownIndicators,
  unwrapSuggestion,
  wideTargets,
  withNewIndicators,
} from './mapping.ts';

describe('import mapping helpers', () => {
  it('takes the mapping out of a MappingSuggestion and copies it', () => {
    const inner = { layout: 'wide', areaColumn: 'PLR_ID' };
    const m = unwrapSuggestion({ mapping: inner, confidence: 0.9 });
    expect(m).toEqual(inner);
    expect(m).not.toBe(inner);
  });

  it('sets, replaces and clears the target of a wide column', () => {
    let m = setWideTarget({ layout: 'wide' }, 'S1', 'mss_s1');
    m = setWideTarget(m, 'S3', 'mss_s3');
    m = setWideTarget(m, 'S1', 'mss_s1_new');
    expect(wideTargets(m)).toEqual({
      S3: { indicatorId: 'mss_s3', role: 'value' },
      S1: { indicatorId: 'mss_s1_new', role: 'value' },
    });
    m = setWideTarget(m, 'S3', '');
    expect(Object.keys(wideTargets(m))).toEqual(['S1']);
  });

  it('names what is missing in German', () => {
    expect(missingInMapping({ layout: 'wide', indicators: [] })).toEqual([
      'Bitte die Gebietsspalte wählen.',
      'Bitte eine Datumsspalte oder einen festen Stichtag angeben.',
      'Bitte mindestens eine Spalte einem Indikator zuordnen.',
    ]);
    expect(
      missingInMapping({
        layout: 'wide',
        areaColumn: 'ID',
        date: { fixed: '31.12.2020' },
        indicators: [{ column: 'a', indicatorId: 'x' }],
      }),
    ).toEqual(['Der Stichtag ist kein gültiges Datum.']);
    expect(
      missingInMapping({ layout: 'long', areaColumn: 'ID', date: { column: 'Jahr' } }),
    ).toEqual(['Bitte die Indikatorspalte wählen.', 'Bitte die Wertspalte wählen.']);
  });

  it('turns suggested columns without a known indicator into drafts and keeps the known ones', () => {
    const suggested = {
      layout: 'wide',
      areaColumn: 'Bezirk',
      indicators: [
        { column: 'Anteil Alleinerziehende (%)', indicatorId: 'Anteil Alleinerziehende (%)' },
        { column: 'K15', indicatorId: 'mss_k15' },
      ],
    };
    const { mapping, drafts } = splitUnknownIndicators(suggested, new Set(['mss_k15']));
    expect(mapping.indicators).toEqual([{ column: 'K15', indicatorId: 'mss_k15' }]);
    expect(Object.keys(drafts)).toEqual(['Anteil Alleinerziehende (%)']);
    expect(drafts['Anteil Alleinerziehende (%)']?.id).toBe('anteil_alleinerziehende');
  });

  it('sends new indicators as value columns under their edited id, in the order of the file', () => {
    const drafts = {
      'Anteil Alleinerziehende (%)': {
        column: 'Anteil Alleinerziehende (%)',
        id: 'ae_anteil',
        nameDe: 'x',
        unit: 'percent',
        dimension: 'income',
        polarity: 'higher_is_worse',
      } as const,
    };
    const m = withNewIndicators(
      { layout: 'wide', indicators: [{ column: 'K15', indicatorId: 'mss_k15' }] },
      drafts,
      ['Bezirk', 'Anteil Alleinerziehende (%)', 'K15'],
    );
    expect(m.indicators).toEqual([
      { column: 'Anteil Alleinerziehende (%)', indicatorId: 'ae_anteil' },
      { column: 'K15', indicatorId: 'mss_k15' },
    ]);
    expect(withNewIndicators({ layout: 'long', valueColumn: 'Wert' }, drafts, [])).toEqual({
      layout: 'long',
      valueColumn: 'Wert',
    });
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

  it('offers new indicators for the unknown labels of a long table and sends them in indicatorMap', () => {
    const columns = ['Bezirk', 'Jahr', 'Merkmal', 'Wert'];
    const rows = [
      ['01', '2023', 'Alleinerziehende', '12,5'],
      ['01', '2023', 'Wohnfläche', '35,1'],
      ['02', '2023', ' Alleinerziehende ', '9,8'],
      ['02', '2023', 'mss_k15', '33,0'],
    ];
    const labels = longLabels(columns, rows, 'Merkmal');
    expect(labels).toEqual(['Alleinerziehende', 'Wohnfläche', 'mss_k15']);
    const m = {
      layout: 'long',
      indicatorColumn: 'Merkmal',
      indicatorMap: { Wohnfläche: 'mss_k15' },
    };
    const drafts = splitUnknownLabels(m, labels, new Set(['mss_k15']));
    expect(Object.keys(drafts)).toEqual(['Alleinerziehende']);
    expect(drafts.Alleinerziehende?.origin).toBe('label');
    expect(withNewLabels(m, drafts).indicatorMap).toEqual({
      Wohnfläche: 'mss_k15',
      Alleinerziehende: 'alleinerziehende',
    });
    expect(withNewLabels({ layout: 'wide' }, drafts)).toEqual({ layout: 'wide' });
  });
});
