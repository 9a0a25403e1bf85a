import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parser.ts';
import {
  createAreaLookup,
  mapTableToObservations,
  ObservationMapper,
  type MappingContext,
  type TableMapping,
} from './mapping.ts';

const AREAS = [
  { id: 1, code: '01100101', name: 'Stülerstraße' },
  { id: 2, code: '01100102', name: 'Großer Tiergarten' },
  { id: 3, code: '04030417', name: 'Schloßstraße' },
  { id: 4, code: '06010102', name: 'Schloßstraße' },
  { id: 5, code: '07010101', name: 'Schöneberg' },
];
const ctx: MappingContext = {
  areas: createAreaLookup(AREAS),
  indicatorIds: new Set(['ew', 'alo', 'kinderarmut']),
  numberFormat: { decimal: ',', thousands: '.' },
};

/** Parses a German CSV fixture and maps it. */
function run(csv: string, mapping: TableMapping, c: MappingContext = ctx) {
  const { records, errors } = parseCsv(csv, { delimiter: ';' });
  expect(errors).toEqual([]);
  const [header, ...rows] = records;
  return mapTableToObservations(header!.fields, rows, mapping, c);
}

const WIDE: TableMapping = {
  layout: 'wide',
  areaColumn: 'PLR',
  areaKey: 'code',
  date: { column: 'Stichtag' },
  indicators: [
    { column: 'Einwohner', indicatorId: 'ew' },
    { column: 'Arbeitslose %', indicatorId: 'alo' },
  ],
};

describe('mapTableToObservations – wide layout', () => {
  it('turns each indicator column into observations with German numbers and dates', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020;3.419;4,2\n07010101;31.12.2020;12.001;12,5 %\n',
      WIDE,
    );
    expect(r.errors).toEqual([]);
    expect(r.errorCount).toBe(0);
    expect(r.rowsRead).toBe(2);
    expect(r.observations).toEqual([
      { indicatorId: 'ew', areaId: 1, refDate: '2020-12-31', value: 3419, line: 2 },
      { indicatorId: 'alo', areaId: 1, refDate: '2020-12-31', value: 4.2, line: 2 },
      { indicatorId: 'ew', areaId: 5, refDate: '2020-12-31', value: 12001, line: 3 },
      { indicatorId: 'alo', areaId: 5, refDate: '2020-12-31', value: 12.5, line: 3 },
    ]);
  });

  it('uses a fixed reference date when the table has none', () => {
    const r = run('PLR;Einwohner\n01100101;3419\n', {
      layout: 'wide',
      areaColumn: 'PLR',
      areaKey: 'code',
      date: { fixed: '30.06.2021' },
      indicators: [{ column: 'Einwohner', indicatorId: 'ew' }],
    });
    expect(r.observations).toEqual([
      { indicatorId: 'ew', areaId: 1, refDate: '2021-06-30', value: 3419, line: 2 },
    ]);
  });

  it('attaches numerator and denominator columns to their indicator', () => {
    const r = run('PLR;Quote;Kinder SGB II;Kinder;\n01100101;19,4;58;299;\n', {
      layout: 'wide',
      areaColumn: 'PLR',
      areaKey: 'code',
      date: { fixed: '2020-12-31' },
      indicators: [
        { column: 'Quote', indicatorId: 'kinderarmut' },
        { column: 'Kinder SGB II', indicatorId: 'kinderarmut', role: 'numerator' },
        { column: 'Kinder', indicatorId: 'kinderarmut', role: 'denominator' },
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.observations).toEqual([
      {
        indicatorId: 'kinderarmut',
        areaId: 1,
        refDate: '2020-12-31',
        value: 19.4,
        numerator: 58,
        denominator: 299,
        line: 2,
      },
    ]);
  });

  it('reports text in a number column with line, column number and header name', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020;3.419;4,2\n01100102;31.12.2020;abc;1,1\n',
      WIDE,
    );
    expect(r.errors).toEqual([
      {
        line: 3,
        column: 3,
        columnName: 'Einwohner',
        message: "Zeile 3, Spalte 3 (Einwohner): 'abc' ist keine Zahl",
      },
    ]);
    // the valid cell of the same row is still mapped
    expect(r.observations.map((o) => [o.line, o.indicatorId])).toEqual([
      [2, 'ew'],
      [2, 'alo'],
      [3, 'alo'],
    ]);
  });

  it('flags missing-value markers as suppressed and skips empty cells', () => {
    const r = run('PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020;.;\n', WIDE);
    expect(r.errors).toEqual([]);
    expect(r.observations).toEqual([
      {
        indicatorId: 'ew',
        areaId: 1,
        refDate: '2020-12-31',
        value: null,
        line: 2,
        flag: 'suppressed',
        flagReason: "Kennzeichen '.' in der Quelle",
      },
    ]);
  });

  it('reports an unknown area code by name and lists it once', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n99999999;31.12.2020;1;1\n99999999;30.06.2020;1;1\n',
      WIDE,
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 2, Spalte 1 (PLR): Gebietsschlüssel '99999999' ist unbekannt",
      "Zeile 3, Spalte 1 (PLR): Gebietsschlüssel '99999999' ist unbekannt",
    ]);
    expect(r.unmatchedAreas).toEqual(['99999999']);
    expect(r.observations).toEqual([]);
  });

  it('restores leading zeros Excel dropped when exactly one known code matches, warning once with the count', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n1100101;31.12.2020;1;1\n1100102;31.12.2020;2;2\n7010101;31.12.2020;3;3\n',
      WIDE,
    );
    expect(r.errors).toEqual([]);
    expect(r.observations.filter((o) => o.indicatorId === 'ew').map((o) => o.areaId)).toEqual([
      1, 2, 5,
    ]);
    expect(r.warnings).toEqual([
      "Führende Nullen ergänzt bei 3 Zeilen (z. B. '1100101' → '01100101'); Excel entfernt sie beim Öffnen von CSV-Dateien.",
    ]);
  });

  it('refuses zero-padding that fits two known codes of different length', () => {
    const c = {
      ...ctx,
      areas: createAreaLookup([
        { id: 1, code: '01', name: 'Mitte' },
        { id: 2, code: '0001', name: 'X' },
      ]),
    };
    const r = run(
      'PLR;Einwohner\n1;5\n',
      {
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { fixed: '2020' },
        indicators: [{ column: 'Einwohner', indicatorId: 'ew' }],
      },
      c,
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 2, Spalte 1 (PLR): Gebietsschlüssel '1' ist ohne führende Nullen mehrdeutig ('0001', '01')",
    ]);
  });

  it('keeps leading zeros written with Excel\'s ="…" trick', () => {
    const r = run('PLR;Stichtag;Einwohner;Arbeitslose %\n"=""01100101""";31.12.2020;1;\n', WIDE);
    expect(r.errors).toEqual([]);
    expect(r.observations[0]!.areaId).toBe(1);
    expect(r.warnings).toEqual(['1 Zelle ohne Wert (fehlend gezählt): 1 × leer.']);
  });

  it('reads the code from cells that hold code and name, with one warning', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n01100101 Stülerstraße;31.12.2020;1;\n1100102 Großer Tiergarten;31.12.2020;2;\n',
      WIDE,
    );
    expect(r.errors).toEqual([]);
    expect(r.observations.map((o) => o.areaId)).toEqual([1, 2]);
    expect(r.warnings).toEqual([
      "Führende Nullen ergänzt bei 1 Zeile (z. B. '1100102' → '01100102'); Excel entfernt sie beim Öffnen von CSV-Dateien.",
      "Gebietsschlüssel aus Zellen mit Schlüssel und Name gelesen bei 2 Zeilen (z. B. '01100101 Stülerstraße').",
      '2 Zellen ohne Wert (fehlend gezählt): 2 × leer.',
    ]);
  });

  it('reports a bad date in the date column', () => {
    const r = run('PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.02.2020;1;1\n', WIDE);
    expect(r.errors).toEqual([
      {
        line: 2,
        column: 2,
        columnName: 'Stichtag',
        message:
          "Zeile 2, Spalte 2 (Stichtag): '31.02.2020': den 31. Tag gibt es im Monat 2/2020 nicht",
      },
    ]);
  });

  it('reports a duplicate area + indicator + date and names both lines', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020;1;\n01100102;31.12.2020;2;\n1100101;2020-12-31;3;\n',
      WIDE,
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 4, Spalte 1 (PLR): doppelter Eintrag für Gebiet '1100101', Indikator 'ew' (und ggf. weitere Indikatoren dieser Zeile), Stichtag 2020-12-31 – steht schon in Zeile 2",
    ]);
    expect(r.observations.map((o) => o.value)).toEqual([1, 2]);
  });

  it('reports a duplicate row of a wide table once, not once per indicator', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020;1;2\n01100101;31.12.2020;1;2\n',
      WIDE,
    );
    expect(r.errorCount).toBe(1);
    expect(r.errors[0]!.line).toBe(3);
  });

  it('stops with one message per missing required column, listing the columns that exist', () => {
    const r = run('Gebiet;Einwohner\n01100101;1\n', WIDE);
    expect(r.observations).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 1: Spalte 'PLR' (Gebietsschlüssel) fehlt in der Kopfzeile; vorhanden: 'Gebiet', 'Einwohner'",
      "Zeile 1: Spalte 'Stichtag' (Stichtag) fehlt in der Kopfzeile; vorhanden: 'Gebiet', 'Einwohner'",
      "Zeile 1: Spalte 'Arbeitslose %' (Indikator alo) fehlt in der Kopfzeile; vorhanden: 'Gebiet', 'Einwohner'",
    ]);
    expect(r.rowsRead).toBe(1);
  });

  it('matches header names ignoring case and surrounding blanks', () => {
    const r = run(' plr ;STICHTAG;einwohner;Arbeitslose %\n01100101;31.12.2020;1;2\n', WIDE);
    expect(r.errors).toEqual([]);
    expect(r.observations).toHaveLength(2);
  });

  it('rejects an indicator id that is not known', () => {
    const r = run('PLR;X\n01100101;1\n', {
      layout: 'wide',
      areaColumn: 'PLR',
      areaKey: 'code',
      date: { fixed: '2020-12-31' },
      indicators: [{ column: 'X', indicatorId: 'nope' }],
    });
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 1, Spalte 2 (X): Indikator 'nope' ist unbekannt",
    ]);
    expect(r.unknownIndicators).toEqual(['nope']);
  });

  it('detects a wrong delimiter through rows with more fields than the header', () => {
    // German decimals read with ',' as delimiter: "4,2" splits into two fields
    const { records } = parseCsv('PLR,Einwohner\n01100101,4,2\n01100102,7\n', { delimiter: ',' });
    const r = mapTableToObservations(
      records[0]!.fields,
      records.slice(1),
      {
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { fixed: '2020-12-31' },
        indicators: [{ column: 'Einwohner', indicatorId: 'ew' }],
      },
      ctx,
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      'Zeile 2: 3 Felder statt 2 wie in der Kopfzeile – enthält ein Wert das Trennzeichen ohne Anführungszeichen?',
    ]);
    expect(r.observations.map((o) => o.value)).toEqual([7]);
  });

  it('skips sum rows and footnote rows with one warning each instead of errors', () => {
    const r = run(
      'PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020;1;2\nInsgesamt;31.12.2020;1;2\nQuelle: Amt für Statistik Berlin-Brandenburg;;;\n1) Stand 31.12.\n',
      WIDE,
    );
    expect(r.errors).toEqual([]);
    expect(r.observations).toHaveLength(2);
    expect(r.rowsRead).toBe(4);
    expect(r.warnings).toEqual([
      "1 Summenzeile(n) übersprungen (z. B. Zeile 3: 'Insgesamt').",
      "2 Zeile(n) mit nur einem gefüllten Feld übersprungen (Titel/Fußnoten; z. B. Zeile 4: 'Quelle: Amt für Statistik Berlin-Brandenburg').",
    ]);
  });

  it('reports rows that are too short', () => {
    const r = run('PLR;Stichtag;Einwohner;Arbeitslose %\n01100101;31.12.2020\n', WIDE);
    expect(r.errors.map((e) => e.message)).toEqual([
      'Zeile 2: nur 2 Felder statt 4 wie in der Kopfzeile',
    ]);
    expect(r.warnings).toEqual([]);
  });
});

describe('mapTableToObservations – join by name', () => {
  const BY_NAME: TableMapping = {
    layout: 'wide',
    areaColumn: 'Name',
    areaKey: 'name',
    date: { fixed: '2020-12-31' },
    indicators: [{ column: 'EW', indicatorId: 'ew' }],
  };

  it('joins names regardless of case and extra blanks', () => {
    const r = run('Name;EW\n  stülerstraße ;5\nSchöneberg;6\n', BY_NAME);
    expect(r.errors).toEqual([]);
    expect(r.observations.map((o) => o.areaId)).toEqual([1, 5]);
  });

  it('lists names that match no area and names that match two areas', () => {
    const r = run('Name;EW\nSchloßstraße;1\nAtlantis;2\nAtlantis;3\nNeverland;4\n', BY_NAME);
    expect(r.unmatchedAreas).toEqual(['Atlantis', 'Neverland']);
    expect(r.ambiguousAreaNames).toEqual([{ name: 'Schloßstraße', areaIds: [3, 4] }]);
    expect(r.errors[0]!.message).toBe(
      "Zeile 2, Spalte 1 (Name): Gebietsname 'Schloßstraße' ist mehrdeutig (2 Gebiete heißen so); bitte über den Gebietsschlüssel zuordnen",
    );
    expect(r.errorCount).toBe(4);
  });
});

describe('mapTableToObservations – long layout', () => {
  const LONG: TableMapping = {
    layout: 'long',
    areaColumn: 'Gebiet',
    areaKey: 'code',
    date: { column: 'Datum' },
    indicatorColumn: 'Merkmal',
    valueColumn: 'Wert',
    numeratorColumn: 'Zähler',
    denominatorColumn: 'Nenner',
    indicatorMap: { Einwohner: 'ew' },
  };

  it('maps indicator labels through the map or as ids and reads numerator/denominator', () => {
    const r = run(
      'Gebiet;Datum;Merkmal;Wert;Zähler;Nenner\n01100101;12/2020;Einwohner;3.419;;\n01100101;12/2020;kinderarmut;19,4;58;299\n',
      LONG,
    );
    expect(r.errors).toEqual([]);
    expect(r.observations).toEqual([
      {
        indicatorId: 'ew',
        areaId: 1,
        refDate: '2020-12-31',
        value: 3419,
        numerator: null,
        denominator: null,
        line: 2,
      },
      {
        indicatorId: 'kinderarmut',
        areaId: 1,
        refDate: '2020-12-31',
        value: 19.4,
        numerator: 58,
        denominator: 299,
        line: 3,
      },
    ]);
  });

  it('reports unknown indicator labels and lists them', () => {
    const r = run(
      'Gebiet;Datum;Merkmal;Wert;Zähler;Nenner\n01100101;12/2020;Kaufkraft;1;;\n',
      LONG,
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      "Zeile 2, Spalte 3 (Merkmal): Indikator 'Kaufkraft' ist unbekannt",
    ]);
    expect(r.unknownIndicators).toEqual(['Kaufkraft']);
  });
});

describe('ObservationMapper', () => {
  it('gives the same result when records arrive in batches, and caps the error details', () => {
    const lines = ['PLR;Stichtag;Einwohner;Arbeitslose %'];
    for (let i = 0; i < 30; i++) lines.push(`0000000${i % 10};31.12.2020;${i};`);
    const { records } = parseCsv(lines.join('\n'), { delimiter: ';' });
    const mapper = new ObservationMapper(records[0]!.fields, WIDE, { ...ctx, maxErrors: 5 });
    let n = 0;
    for (let i = 1; i < records.length; i += 7) n += mapper.push(records.slice(i, i + 7)).length;
    const s = mapper.finish();
    expect(n).toBe(0);
    expect(s.rowsRead).toBe(30);
    expect(s.errorCount).toBe(30);
    expect(s.errors).toHaveLength(5);
    expect(s.warnings).toContain('Nur die ersten 5 von 30 Fehlern werden einzeln aufgeführt.');
    expect(s.unmatchedAreas).toHaveLength(10);
  });

  it('is fatal for an invalid fixed date', () => {
    const m = new ObservationMapper(
      ['PLR', 'EW'],
      {
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { fixed: '31.12.20' },
        indicators: [{ column: 'EW', indicatorId: 'ew' }],
      },
      ctx,
    );
    expect(m.fatal).toBe(true);
    expect(m.finish().errors[0]!.message).toBe(
      "Zeile 1: Stichtag ungültig: '31.12.20': zweistellige Jahreszahl ist mehrdeutig, bitte vierstellig angeben (31.12.2020)",
    );
  });
});
