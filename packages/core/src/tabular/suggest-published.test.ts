// suggestMapping on Sozialatlas tables as published: years in the headers, prefixed names, no header row.

import { describe, expect, it } from 'vitest';
import { suggestMapping } from './suggest.ts';

const NAMES = ['Altstadt', 'Am Wasserturm', 'Schönefeld', 'Sankt Georg'];
const CODES = ['01', '07', '08', '09'];
const INDICATORS = [
  { id: 'ew', name: 'Einwohner' },
  { id: 'alo', name: 'Arbeitslose' },
];
const DE = { decimal: ',', thousands: '.' } as const;

describe('suggestMapping – published tables', () => {
  it('does not take a running number ("Nr" 1, 2, 3 …) for short area codes; the names decide', () => {
    const rows = [
      ['1', 'Altstadt', '11.890'],
      ['2', 'Am_Wasserturm', '3.388'],
      ['3', 'Schoenefeld', '5.120'],
    ];
    const s = suggestMapping(['Nr', 'Stadtteil', 'Einwohner'], rows, INDICATORS, ['1', '2', '3'], {
      knownAreaNames: NAMES,
      numberFormat: DE,
    });
    expect(s.mapping).toMatchObject({ areaColumn: 'Stadtteil', areaKey: 'name' });
    // the same values under an area header are codes
    const codes = suggestMapping(
      ['Bezirk', 'Stadtteil', 'Einwohner'],
      rows,
      INDICATORS,
      ['1', '2', '3'],
      {
        knownAreaNames: NAMES,
        numberFormat: DE,
      },
    );
    expect(codes.mapping).toMatchObject({ areaColumn: 'Bezirk', areaKey: 'code' });
  });

  it('turns years in the headers into one Stichtag per column and finds prefixed names', () => {
    const s = suggestMapping(
      ['Stadtteil', 'Einwohner_2020', 'Einwohner_2021', 'Arbeitslose 2020', 'Arbeitslose 2021'],
      [
        ['01 Altstadt', '11.890', '12.001', '402', '415'],
        ['07 Am_Wasserturm', '3.388', '3.419', '96', '–'],
        ['Schoenefeld', '5.120', '5.230', '211', '198'],
      ],
      INDICATORS,
      CODES,
      { knownAreaNames: NAMES, numberFormat: DE },
    );
    expect(s.mapping).toEqual({
      layout: 'wide',
      areaColumn: 'Stadtteil',
      areaKey: 'name',
      date: { perColumn: true },
      indicators: [
        { column: 'Einwohner_2020', indicatorId: 'ew', date: '2020-12-31' },
        { column: 'Einwohner_2021', indicatorId: 'ew', date: '2021-12-31' },
        { column: 'Arbeitslose 2020', indicatorId: 'alo', date: '2020-12-31' },
        { column: 'Arbeitslose 2021', indicatorId: 'alo', date: '2021-12-31' },
      ],
    });
    expect(s.unresolved).toEqual([]);
    expect(s.unmatchedColumns).toEqual([]);
    expect(s.reasons).toContain(
      "4 Spalten tragen ein Datum in der Überschrift (2020-12-31 bis 2021-12-31): 2 Indikatoren ('Einwohner', 'Arbeitslose') mit je einem Stichtag pro Spalte.",
    );
    expect(s.firstRowIsData).toBeUndefined();
  });

  it('leaves the indicator open when the headers are only years', () => {
    const s = suggestMapping(
      ['Nr', '2019', '2020'],
      [
        ['01', '8,1', '8,4'],
        ['07', '12,5', '12,9'],
      ],
      INDICATORS,
      CODES,
      { numberFormat: DE },
    );
    expect(s.mapping).toMatchObject({
      areaColumn: 'Nr',
      date: { perColumn: true },
      indicators: [
        { column: '2019', indicatorId: '', date: '2019-12-31' },
        { column: '2020', indicatorId: '', date: '2020-12-31' },
      ],
    });
    expect(s.unresolved).toEqual(['indicators']);
    expect(s.unmatchedColumns).toEqual(['2019', '2020']);
  });

  it('says when the "header" it was given is already a data row', () => {
    const s = suggestMapping(
      ['07', 'Am Wasserturm', '3.419', '12,5'],
      [
        ['01', 'Altstadt', '12.001', '8,1'],
        ['08', 'Schönefeld', '5.230', '9,0'],
      ],
      INDICATORS,
      CODES,
      { knownAreaNames: NAMES, numberFormat: DE },
    );
    expect(s.firstRowIsData).toEqual({
      hasHeader: false,
      confidence: 'high',
      reason:
        "Die erste Zeile sieht wie Daten aus: '07' ist ein bekanntes Gebiet, dazu 2 Zahlen – keine Überschrift.",
    });
    expect(s.reasons).toContain(s.firstRowIsData!.reason);
  });
});
