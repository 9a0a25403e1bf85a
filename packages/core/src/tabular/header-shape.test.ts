import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parser.ts';
import { detectDateColumns, duplicateDatedColumns, parseHeaderDate } from './header-dates.ts';
import { detectHeaderPresence, syntheticHeader } from './header-presence.ts';

const STADTTEILE = [
  { id: 1, code: '01', name: 'Altstadt' },
  { id: 7, code: '07', name: 'Am Wasserturm' },
  { id: 8, code: '08', name: 'Schönefeld' },
];

const rows = (csv: string): string[][] =>
  parseCsv(csv, { delimiter: ';' }).records.map((r) => r.fields);

describe('detectHeaderPresence', () => {
  it('says a Sozialatlas export without header starts with data, naming the known area', () => {
    const r = detectHeaderPresence(
      rows('07 Am Wasserturm;3.419;12,5\n01 Altstadt;12.001;8,1\n08 Schönefeld;5.230;x\n'),
      { areas: STADTTEILE },
    );
    expect(r).toEqual({
      hasHeader: false,
      confidence: 'high',
      reason:
        "Die erste Zeile sieht wie Daten aus: '07 Am Wasserturm' ist ein bekanntes Gebiet, dazu 2 Zahlen – keine Überschrift.",
    });
  });

  it('recognises a data first row from the shape alone when the areas are unknown', () => {
    const r = detectHeaderPresence(rows('Hafen;3.419;12,5\nKai;12.001;8,1\n'));
    expect(r.hasHeader).toBe(false);
    expect(r.confidence).toBe('medium');
    expect(r.reason).toContain('in allen 2 Zahlenspalten Zahlen');
  });

  it('keeps an ordinary header row', () => {
    const r = detectHeaderPresence(
      rows('Stadtteil;Einwohner;Anteil in %\nAltstadt;12.001;8,1\nSchönefeld;5.230;7,0\n'),
      { areas: STADTTEILE },
    );
    expect(r).toEqual({
      hasHeader: true,
      confidence: 'high',
      reason: 'Die erste Zeile enthält Überschriften (Text über den Zahlenspalten).',
    });
  });

  it('takes years above columns of counts for a header, not for data', () => {
    const r = detectHeaderPresence(
      rows('Stadtteil;2019;2020\nAltstadt;12.001;12.118\nSchönefeld;5.230;5.301\n'),
      { areas: STADTTEILE },
    );
    expect(r.hasHeader).toBe(true);
  });

  it('names columns of a headerless table', () => {
    expect(syntheticHeader(3)).toEqual(['Spalte 1', 'Spalte 2', 'Spalte 3']);
  });
});

describe('parseHeaderDate', () => {
  it.each([
    ['Einwohner_2017', 'Einwohner', '2017-12-31'],
    ['2019', '', '2019-12-31'],
    ['31.12.2021', '', '2021-12-31'],
    ['Anteil 2020 in %', 'Anteil in %', '2020-12-31'],
    ['EW (31.12.2019)', 'EW', '2019-12-31'],
    ['Einwohner am 31.12.2020', 'Einwohner', '2020-12-31'],
    ['Stand 30.06.2022', '', '2022-06-30'],
    ['Arbeitslose 12/2020', 'Arbeitslose', '2020-12-31'],
    ['2019_SGB II-Quote', 'SGB II-Quote', '2019-12-31'],
  ])('splits %j into label %j and date %s', (header, label, date) => {
    expect(parseHeaderDate(header)).toMatchObject({ label, date });
  });

  it.each([
    'Stadtteil',
    'Anteil 65+',
    'Schüler 2018/19',
    'Schüler 2018/2019',
    '1.234',
    'Einwohner',
  ])('finds no date in %j', (header) => {
    expect(parseHeaderDate(header)).toBeNull();
  });
});

describe('detectDateColumns', () => {
  it('describes the reshape of a wide-by-date Sozialatlas table: column → indicator label + date', () => {
    const header = [
      'Nr',
      'Stadtteil',
      'Einwohner_2017',
      'Einwohner_2018',
      'Anteil 2017 in %',
      'Anteil 2018 in %',
    ];
    const plan = detectDateColumns(header, [0, 1])!;
    expect(plan.columns.map((c) => [c.column, c.label, c.date])).toEqual([
      ['Einwohner_2017', 'Einwohner', '2017-12-31'],
      ['Einwohner_2018', 'Einwohner', '2018-12-31'],
      ['Anteil 2017 in %', 'Anteil in %', '2017-12-31'],
      ['Anteil 2018 in %', 'Anteil in %', '2018-12-31'],
    ]);
    expect(plan.labels).toEqual([
      {
        label: 'Einwohner',
        dates: ['2017-12-31', '2018-12-31'],
        columns: ['Einwohner_2017', 'Einwohner_2018'],
      },
      {
        label: 'Anteil in %',
        dates: ['2017-12-31', '2018-12-31'],
        columns: ['Anteil 2017 in %', 'Anteil 2018 in %'],
      },
    ]);
    expect(plan.reason).toBe(
      "4 Spalten tragen ein Datum in der Überschrift (2017-12-31 bis 2018-12-31): 2 Indikatoren ('Einwohner', 'Anteil in %') mit je einem Stichtag pro Spalte.",
    );
    expect(duplicateDatedColumns(plan)).toEqual([]);
  });

  it('returns null without dated headers and skips excluded columns', () => {
    expect(detectDateColumns(['Stadtteil', 'Einwohner'])).toBeNull();
    expect(detectDateColumns(['PLR_2021', 'Einwohner'], [0])).toBeNull();
  });

  it('reports two columns of one label with the same date', () => {
    const plan = detectDateColumns(['Gebiet', 'EW 2019', 'EW 31.12.2019'], [0])!;
    expect(duplicateDatedColumns(plan)).toEqual([
      "Spalten 'EW 2019' und 'EW 31.12.2019' haben denselben Stichtag 2019-12-31",
    ]);
  });
});
