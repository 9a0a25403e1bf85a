// The ObservationMapper on tables as Statistik-Ämter publish them (issue 9 § 2): names written
// differently, placeholders and footnote marks, sum and subtotal rows, years in the headers.

import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parser.ts';
import { detectDateColumns } from './header-dates.ts';
import {
  createAreaLookup,
  mapTableToObservations,
  type MappingContext,
  type TableMapping,
} from './mapping.ts';

const STADTTEILE = [
  { id: 1, code: '01', name: 'Altstadt' },
  { id: 2, code: '02', name: 'Neustadt (Nord)' },
  { id: 3, code: '03', name: 'Neustadt (Süd)' },
  { id: 7, code: '07', name: 'Am Wasserturm' },
  { id: 8, code: '08', name: 'Schönefeld' },
  { id: 9, code: '09', name: 'Sankt Georg' },
];
const ctx: MappingContext = {
  areas: createAreaLookup(STADTTEILE),
  indicatorIds: new Set(['ew', 'sgb2', 'alo']),
  numberFormat: { decimal: ',', thousands: '.' },
  nonAreaRows: { cityNames: ['Musterstadt'] },
};

function run(csv: string, mapping: TableMapping, c: MappingContext = ctx) {
  const { records, errors } = parseCsv(csv, { delimiter: ';' });
  expect(errors).toEqual([]);
  const [header, ...rows] = records;
  return mapTableToObservations(header!.fields, rows, mapping, c);
}

const BY_NAME: TableMapping = {
  layout: 'wide',
  areaColumn: 'Stadtteil',
  areaKey: 'name',
  date: { fixed: '31.12.2022' },
  indicators: [
    { column: 'Einwohner', indicatorId: 'ew' },
    { column: 'SGB-II-Quote in %', indicatorId: 'sgb2' },
  ],
};

// Stadtteilprofile 2022 as the Statistikstelle publishes them: numbered names, a footnoted value,
// placeholders, a Stadtbezirk subtotal and the city total.
const PROFILE = [
  'Stadtteil;Einwohner;SGB-II-Quote in %',
  '01 Altstadt;12.001;8,1 %',
  '07 Am_Wasserturm;3.419¹;12,5 %',
  'Schoenefeld;5.230;x',
  'St. Georg;2.118*;n.v.',
  'Stadtbezirk Mitte zusammen;22.768;9,9 %',
  'Neustadt (Nord);4.002;',
  'Stadt insgesamt;26.770;10,2 %',
  '1) Stand 31.12.2022;;',
].join('\n');

describe('ObservationMapper – names written differently', () => {
  it('joins numbered, underscored, transliterated and abbreviated names and lists them for review', () => {
    const r = run(PROFILE, BY_NAME, { ...ctx, skipNonAreaRows: true });
    expect(r.errors).toEqual([]);
    expect([...new Set(r.observations.map((o) => o.areaId))]).toEqual([1, 7, 8, 9, 2]);
    expect(
      r.nameMatches.map((m) =>
        m.status === 'matched' ? `${m.input} → ${m.area.code} (${m.reasons.join(', ')})` : m.input,
      ),
    ).toEqual([
      '01 Altstadt → 01 (Nummer vorangestellt (= Gebietsschlüssel))',
      '07 Am_Wasserturm → 07 (Nummer vorangestellt (= Gebietsschlüssel))',
      'Schoenefeld → 08 (Umlaut umschrieben)',
      'St. Georg → 09 (St./Sankt)',
    ]);
    expect(r.warnings).toContain(
      "4 Gebietsnamen anders geschrieben als im Gebietssystem und zugeordnet (4 Zeilen; z. B. '01 Altstadt' → 01 Altstadt (Nummer vorangestellt (= Gebietsschlüssel))) – bitte in der Prüfliste bestätigen.",
    );
  });

  it('takes accepted synonyms and refuses matches below the asked confidence', () => {
    const csv = 'Stadtteil;Einwohner\nHafenviertel;10\nAltstadt (Ortsteil);20\n';
    const mapping: TableMapping = {
      ...BY_NAME,
      indicators: [{ column: 'Einwohner', indicatorId: 'ew' }],
    };
    const r = run(csv, mapping, {
      ...ctx,
      nameMatching: { synonyms: { Hafenviertel: '07' }, minConfidence: 'high' },
    });
    expect(r.observations.map((o) => o.areaId)).toEqual([7]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 3, Spalte 1 (Stadtteil): Gebietsname 'Altstadt (Ortsteil)' passt vermutlich zu 01 Altstadt (Zusatz entfernt); bitte in der Prüfliste bestätigen",
    ]);
    // the synonym is listed too, so the person sees which stored decision was applied
    expect(r.nameMatches.map((m) => [m.input, m.status])).toEqual([
      ['Hafenviertel', 'matched'],
      ['Altstadt (Ortsteil)', 'matched'],
    ]);
  });

  it('never picks one of two areas a name fits after normalisation', () => {
    const r = run('Stadtteil;Einwohner\nNeustadt;10\n', {
      ...BY_NAME,
      indicators: [{ column: 'Einwohner', indicatorId: 'ew' }],
    });
    expect(r.observations).toEqual([]);
    expect(r.ambiguousAreaNames).toEqual([{ name: 'Neustadt', areaIds: [2, 3] }]);
    expect(r.errors[0]!.message).toBe(
      "Zeile 2, Spalte 1 (Stadtteil): Gebietsname 'Neustadt' ist mehrdeutig (02 Neustadt (Nord), 03 Neustadt (Süd)); bitte in der Prüfliste zuordnen",
    );
  });
});

describe('ObservationMapper – numbers as published', () => {
  it('counts blank and placeholder cells, lists text markers and stripped footnote marks', () => {
    const r = run(PROFILE, BY_NAME, { ...ctx, skipNonAreaRows: true });
    expect(r.cells).toEqual({
      missingCount: 3,
      missingByMarker: [
        { marker: 'x', kind: 'symbol', count: 1, firstLine: 4, firstColumn: 'SGB-II-Quote in %' },
        { marker: 'n.v.', kind: 'text', count: 1, firstLine: 5, firstColumn: 'SGB-II-Quote in %' },
        { marker: '', kind: 'blank', count: 1, firstLine: 7, firstColumn: 'SGB-II-Quote in %' },
      ],
      footnoteCount: 2,
      footnoteMarks: ['¹', '*'],
      footnoteExample: { line: 3, column: 'Einwohner', text: '3.419¹' },
    });
    expect(r.observations.find((o) => o.areaId === 7 && o.indicatorId === 'ew')!.value).toBe(3419);
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        "3 Zellen ohne Wert (fehlend gezählt): 1 × 'x', 1 × 'n.v.', 1 × leer.",
        "Plausibilität: Textkennzeichen in Zahlenspalten ('n.v.' 1 ×, zuerst Zeile 5 in 'SGB-II-Quote in %') – werden als fehlende Werte übernommen; bitte prüfen, ob das gemeint ist.",
        "Fußnotenzeichen entfernt bei 2 Werten ('¹', '*'; z. B. Zeile 3, Spalte Einwohner: '3.419¹').",
      ]),
    );
  });
});

describe('ObservationMapper – rows that are not areas', () => {
  it('skips sums, the city and subtotals as groups when asked, counting each row read', () => {
    const r = run(PROFILE, BY_NAME, { ...ctx, skipNonAreaRows: true });
    expect(r.rowsRead).toBe(8);
    expect(r.nonAreaRows.map((g) => [g.kind, g.count, g.lines, g.skipped])).toEqual([
      ['city', 1, [8], true],
      ['subtotal', 1, [6], true],
    ]);
    expect(r.warnings).toContain(
      "2 Zeile(n) übersprungen, die keine Gebiete sind (z. B. Zeile 6: Zwischensumme ('Stadtbezirk Mitte zusammen')).",
    );
  });

  it('keeps them as errors by default but says they can be skipped as a group', () => {
    const r = run(PROFILE, BY_NAME);
    expect(r.errorCount).toBe(2);
    expect(r.nonAreaRows.every((g) => !g.skipped)).toBe(true);
    expect(r.warnings).toContain(
      "2 Zeile(n) sind vermutlich keine Gebiete (z. B. Zeile 6: Zwischensumme ('Stadtbezirk Mitte zusammen')); sie lassen sich als Gruppe überspringen.",
    );
  });

  it('recognises a parent code and a blank area cell in a table keyed by code', () => {
    const csv = 'Nr;Einwohner;Quote\n0;99.999;9,9\n01;12.001;8,1\n;5;1,0\n';
    const mapping: TableMapping = {
      layout: 'wide',
      areaColumn: 'Nr',
      areaKey: 'code',
      date: { fixed: '2022' },
      indicators: [{ column: 'Einwohner', indicatorId: 'ew' }],
    };
    const r = run(csv, mapping, { ...ctx, skipNonAreaRows: true });
    expect(r.errors).toEqual([]);
    expect(r.observations.map((o) => o.areaId)).toEqual([1]);
    expect(r.nonAreaRows.map((g) => [g.kind, g.count])).toEqual([
      ['subtotal', 1],
      ['blank', 1],
    ]);
  });
});

describe('ObservationMapper – years in column headers', () => {
  const CSV = [
    'Nr;Stadtteil;Einwohner_2020;Einwohner_2021;Arbeitslose 31.12.2020;Arbeitslose 31.12.2021',
    '01;Altstadt;11.890;12.001;402;415',
    '07;Am Wasserturm;3.388;3.419;96;–',
  ].join('\n');

  it('imports every year of a wide-by-date table in one run, from the detected plan', () => {
    const header = CSV.split('\n')[0]!.split(';');
    const plan = detectDateColumns(header, [0, 1])!;
    const ids: Record<string, string> = { Einwohner: 'ew', Arbeitslose: 'alo' };
    const mapping: TableMapping = {
      layout: 'wide',
      areaColumn: 'Nr',
      areaKey: 'code',
      date: { perColumn: true },
      indicators: plan.columns.map((c) => ({
        column: c.column,
        indicatorId: ids[c.label]!,
        date: c.date,
      })),
    };
    const r = run(CSV, mapping);
    expect(r.errors).toEqual([]);
    expect(
      r.observations.map((o) => `${o.areaId} ${o.indicatorId} ${o.refDate} ${o.value}`),
    ).toEqual([
      '1 ew 2020-12-31 11890',
      '1 ew 2021-12-31 12001',
      '1 alo 2020-12-31 402',
      '1 alo 2021-12-31 415',
      '7 ew 2020-12-31 3388',
      '7 ew 2021-12-31 3419',
      '7 alo 2020-12-31 96',
      '7 alo 2021-12-31 null',
    ]);
  });

  it('asks for a date on every column when the date is taken per column', () => {
    const r = run(CSV, {
      layout: 'wide',
      areaColumn: 'Nr',
      areaKey: 'code',
      date: { perColumn: true },
      indicators: [{ column: 'Einwohner_2020', indicatorId: 'ew' }],
    });
    expect(r.errors.map((e) => e.message)).toEqual([
      'Zeile 1, Spalte 3 (Einwohner_2020): Spalte hat keinen Stichtag (Stichtag je Spalte gewählt)',
    ]);
  });
});
