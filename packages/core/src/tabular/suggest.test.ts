import { describe, expect, it } from 'vitest';
import { detectHeaderRow, suggestMapping } from './suggest.ts';

const CODES = ['01100101', '01100102', '07010101'];
const INDICATORS = [
  { id: 'ew', name: 'Einwohner' },
  { id: 'alo', name: 'Arbeitslose %' },
];

describe('suggestMapping', () => {
  it('finds the area column by its values even with an unhelpful header, and restores zero-stripped codes', () => {
    const s = suggestMapping(
      ['Spalte A', 'Stand', 'Einwohner', 'Arbeitslose %', 'Bemerkung'],
      [
        ['1100101', '31.12.2020', '3.419', '4,2', 'ok'],
        ['1100102', '31.12.2020', '1.791', '1,1', ''],
        ['7010101', '31.12.2020', '12.001', '12,5', 'neu'],
      ],
      INDICATORS,
      CODES,
    );
    expect(s.mapping).toEqual({
      layout: 'wide',
      areaColumn: 'Spalte A',
      areaKey: 'code',
      date: { column: 'Stand' },
      indicators: [
        { column: 'Einwohner', indicatorId: 'ew' },
        { column: 'Arbeitslose %', indicatorId: 'alo' },
      ],
    });
    expect(s.unresolved).toEqual([]);
    expect(s.confidence).toBe(1);
  });

  it('recognises the long layout from a column of indicator names', () => {
    const s = suggestMapping(
      ['Gebiet', 'Datum', 'Merkmal', 'Wert'],
      [
        ['01100101', '2020-12-31', 'Einwohner', '3419'],
        ['01100101', '2020-12-31', 'alo', '4,2'],
        ['01100102', '2020-12-31', 'Einwohner', '1791'],
      ],
      INDICATORS,
      CODES,
    );
    expect(s.mapping).toEqual({
      layout: 'long',
      areaColumn: 'Gebiet',
      areaKey: 'code',
      date: { column: 'Datum' },
      indicatorColumn: 'Merkmal',
      valueColumn: 'Wert',
      indicatorMap: { Einwohner: 'ew' },
    });
  });

  it('finds numerator and denominator columns of a long table', () => {
    const s = suggestMapping(
      ['Gebiet', 'Datum', 'Indikator', 'Wert', 'Zähler', 'Nenner'],
      [
        ['01100101', '2020-12-31', 'alo', '4,2', '42', '1000'],
        ['01100102', '2020-12-31', 'alo', '1,1', '11', '1000'],
      ],
      INDICATORS,
      CODES,
    );
    expect(s.mapping).toMatchObject({
      layout: 'long',
      indicatorColumn: 'Indikator',
      valueColumn: 'Wert',
      numeratorColumn: 'Zähler',
      denominatorColumn: 'Nenner',
    });
  });

  it('asks for the reference date when no column holds dates', () => {
    const s = suggestMapping(['PLR', 'Einwohner'], [['01100101', '3419']], INDICATORS, CODES);
    expect(s.mapping.date).toEqual({ fixed: '' });
    expect(s.unresolved).toEqual(['date']);
    expect(s.reasons).toContain('Keine Datumsspalte erkannt – bitte den Stichtag angeben.');
  });

  it('does not take a year-like number column for a date unless its header says so', () => {
    const s = suggestMapping(
      ['PLR', 'Baujahr Median', 'Jahr'],
      [
        ['01100101', '1965', '2020'],
        ['01100102', '1972', '2020'],
      ],
      ['ew'],
      CODES,
    );
    expect(s.mapping.date).toEqual({ column: 'Jahr' });
  });

  it('joins by name when no column holds codes but names are known', () => {
    const s = suggestMapping(
      ['Planungsraum', 'Einwohner'],
      [
        ['Stülerstraße', '1'],
        ['Schöneberg', '2'],
      ],
      INDICATORS,
      CODES,
      { knownAreaNames: ['Stülerstraße', 'Schöneberg'] },
    );
    expect(s.mapping.areaColumn).toBe('Planungsraum');
    expect(s.mapping.areaKey).toBe('name');
    expect(s.confidence).toBeLessThan(1);
  });

  it('proposes all numeric columns for the user to assign when none matches a known indicator', () => {
    const s = suggestMapping(
      ['PLR', 'Stichtag', 'Foo', 'Bar', 'Text'],
      [['01100101', '2020-12-31', '1', '2,5', 'a']],
      INDICATORS,
      CODES,
    );
    expect(s.mapping).toMatchObject({
      layout: 'wide',
      indicators: [
        { column: 'Foo', indicatorId: 'Foo' },
        { column: 'Bar', indicatorId: 'Bar' },
      ],
    });
    expect(s.unresolved).toEqual(['indicators']);
    expect(s.unmatchedColumns).toEqual(['Foo', 'Bar']);
  });
});

describe('detectHeaderRow', () => {
  it('skips title lines above the header of a published table', () => {
    const rows = [
      ['Einwohnerinnen und Einwohner am 31.12.2020', '', ''],
      ['', '', ''],
      ['nach Planungsräumen', '', ''],
      ['Planungsraum', 'Einwohner', 'Ausländer'],
      ['01100101', '3.419', '1.000'],
      ['01100102', '1.791', '500'],
    ];
    expect(detectHeaderRow(rows)).toEqual({
      index: 3,
      reason: 'Kopfzeile ist Zeile 4; 3 Titelzeile(n) davor werden übersprungen.',
    });
  });

  it('takes the first row of an ordinary CSV', () => {
    expect(
      detectHeaderRow([
        ['PLR', 'EW'],
        ['01100101', '1'],
      ]).index,
    ).toBe(0);
  });

  it('does not take a data row with a text name column for the header when a real header exists above', () => {
    expect(
      detectHeaderRow([
        ['Titel', ''],
        ['PLR', 'Name', 'EW'],
        ['01100101', 'Stülerstraße', '3419'],
      ]).index,
    ).toBe(1);
  });
});
