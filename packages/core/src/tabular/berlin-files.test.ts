// Real Berlin open data (demo-data/berlin, see demo-data/README.md) through the whole import pipeline,
// once as published (UTF-8, `,`, decimal point) and once converted in the test to what German Excel
// writes (Windows-1252, `;`, decimal comma, thousands dots, CRLF, leading zeros dropped).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createAreaLookup,
  mapTableToObservations,
  type MappingContext,
  type TableMapping,
} from './mapping.ts';
import { readCsvBytes } from './read-table.ts';
import { suggestMapping } from './suggest.ts';
import { encodeWindows1252 } from './test-support.ts';

const BERLIN = new URL('../../../../demo-data/berlin/', import.meta.url);
const readBerlin = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(path, BERLIN)));

// The 542 LOR-2021 Planungsräume as the area registry (ids 1…542 in file order).
const geo = JSON.parse(
  new TextDecoder().decode(readBerlin('geo/lor_2021_planungsraeume.geojson')),
) as {
  features: { properties: { PLR_ID: string; PLR_NAME: string } }[];
};
const AREAS = geo.features.map((f, i) => ({
  id: i + 1,
  code: f.properties.PLR_ID,
  name: f.properties.PLR_NAME,
}));
const CODES = AREAS.map((a) => a.code);

/** German Excel number text: thousands dots, decimal comma. */
function toGermanNumber(text: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const [int, frac] = text.split('.');
  const neg = int!.startsWith('-');
  const digits = neg ? int!.slice(1) : int!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (neg ? '-' : '') + grouped + (frac === undefined ? '' : `,${frac}`);
}

/** Writes records as German Excel "CSV (Trennzeichen-getrennt)" would: `;`, CRLF, quotes only where needed. */
function toGermanCsv(rows: string[][]): Uint8Array {
  const quote = (f: string) => (/[;"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return encodeWindows1252(rows.map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n');
}

describe('Berlin population file ewr_plr_t2_age_groups.csv', () => {
  const bytes = readBerlin('population/ewr_plr_t2_age_groups.csv');
  const original = readCsvBytes(bytes, { chunkSize: 4096 });
  const header = original.records[0]!.fields;
  const VALUE_COLUMNS = header.slice(4);

  it('is read completely: UTF-8, comma, decimal point, 9,704 data records without errors', () => {
    expect(original.encoding).toMatchObject({ encoding: 'utf-8', bom: false, problem: null });
    expect(original.dialect).toMatchObject({
      delimiter: ',',
      decimal: '.',
      thousands: null,
      confidence: 1,
    });
    expect(original.errors).toEqual([]);
    expect(original.encodingProblems).toEqual([]);
    expect(original.records).toHaveLength(9705);
    expect(original.records[1]).toEqual({
      line: 2,
      fields: [
        '2015-06-30',
        '2015-01',
        '2006',
        '01011101',
        '3126',
        '129',
        '106',
        '27',
        '465',
        '864',
        '393',
        '406',
        '736',
        '1504',
        '1164',
      ],
    });
    expect(original.records.at(-1)).toEqual({
      line: 9705,
      fields: [
        '2024-12-31',
        '2024-02',
        '2021',
        '12601236',
        '3190',
        '121',
        '259',
        '103',
        '349',
        '647',
        '334',
        '503',
        '874',
        '1589',
        '660',
      ],
    });
    // golden: sum of column `inhabitants` over all rows (Python csv module: 75,181,152)
    expect(original.records.slice(1).reduce((s, r) => s + Number(r.fields[4]), 0)).toBe(75_181_152);
    expect(original.records.slice(1).every((r) => /^\d{8}$/.test(r.fields[3]!))).toBe(true);
  });

  // The German version: German headers with umlauts, dates TT.MM.JJJJ, codes without leading zeros.
  const GERMAN_HEADER = [
    'Stichtag',
    'Periode',
    'LOR-Version',
    'Planungsraum',
    'Einwohner',
    'unter 6 Jährige',
    '6 bis unter 15',
    '15 bis unter 18',
    '18 bis unter 27',
    '27 bis unter 45',
    '45 bis unter 55',
    '55 bis unter 65',
    '65 und älter',
    'weiblich',
    'Ausländer',
  ];
  const germanRows = original.records.slice(1).map((r) => {
    const [date, period, version, plr, ...values] = r.fields;
    const [y, m, d] = date!.split('-');
    return [
      `${d}.${m}.${y}`,
      period!,
      version!,
      plr!.replace(/^0+/, ''),
      ...values.map(toGermanNumber),
    ];
  });
  const germanBytes = toGermanCsv([GERMAN_HEADER, ...germanRows]);
  const german = readCsvBytes(germanBytes, { chunkSize: 4096 });

  it('is recognised as Windows-1252 with semicolon, decimal comma and thousands dots after a German Excel conversion', () => {
    expect(germanBytes.length).toBeGreaterThan(500_000);
    expect(german.encoding).toMatchObject({ encoding: 'windows-1252', bom: false, problem: null });
    expect(german.dialect).toMatchObject({ delimiter: ';', decimal: ',', thousands: '.' });
    expect(german.errors).toEqual([]);
    expect(german.records).toHaveLength(9705);
    expect(german.records[0]!.fields).toEqual(GERMAN_HEADER);
    expect(german.records[1]!.fields.slice(0, 5)).toEqual([
      '30.06.2015',
      '2015-01',
      '2006',
      '1011101',
      '3.126',
    ]);
  });

  it('gives identical observations from the original and the German file (LOR 2021 rows), restoring leading zeros', () => {
    const ctx: MappingContext = {
      areas: createAreaLookup(AREAS),
      indicatorIds: new Set(VALUE_COLUMNS),
      numberFormat: { decimal: '.', thousands: null },
    };
    const lor2021 = (recs: typeof original.records) =>
      recs.slice(1).filter((r) => r.fields[2] === '2021');
    const fromOriginal = mapTableToObservations(
      header,
      lor2021(original.records),
      {
        layout: 'wide',
        areaColumn: 'plr_id',
        areaKey: 'code',
        date: { column: 'stichtag' },
        indicators: VALUE_COLUMNS.map((c) => ({ column: c, indicatorId: c })),
      },
      ctx,
    );
    const fromGerman = mapTableToObservations(
      GERMAN_HEADER,
      lor2021(german.records),
      {
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: GERMAN_HEADER.slice(4).map((c, i) => ({
          column: c,
          indicatorId: VALUE_COLUMNS[i]!,
        })),
      },
      { ...ctx, numberFormat: { decimal: ',', thousands: '.' } },
    );
    expect(fromOriginal.errorCount).toBe(0);
    expect(fromGerman.errorCount).toBe(0);
    // 542 PLR × 8 half-years × 11 value columns
    expect(fromOriginal.observations).toHaveLength(542 * 8 * 11);
    expect(fromGerman.observations).toEqual(fromOriginal.observations);
    // golden: Berlin total on 2024-12-31 (Python csv module: 3,897,145)
    const total = fromGerman.observations
      .filter((o) => o.indicatorId === 'inhabitants' && o.refDate === '2024-12-31')
      .reduce((s, o) => s + o.value!, 0);
    expect(total).toBe(3_897_145);
    expect(fromOriginal.warnings).toEqual([]);
    // 3,392 LOR-2021 rows have a code starting with 0 (Bezirke 01–09)
    expect(fromGerman.warnings).toEqual([
      "Führende Nullen ergänzt bei 3392 Zeilen (z. B. '1100101' → '01100101'); Excel entfernt sie beim Öffnen von CSV-Dateien.",
    ]);
  });

  it('suggests plr_id, stichtag and the matching indicator column for LOR 2021 rows', () => {
    const sample = original.records.slice(-20).map((r) => r.fields);
    const s = suggestMapping(
      header,
      sample,
      [
        { id: 'ew', name: 'inhabitants' },
        { id: 'ew_auslaender', name: 'inhabitants_foreigners' },
      ],
      CODES,
      { numberFormat: original.dialect },
    );
    expect(s.mapping).toEqual({
      layout: 'wide',
      areaColumn: 'plr_id',
      areaKey: 'code',
      date: { column: 'stichtag' },
      indicators: [
        { column: 'inhabitants', indicatorId: 'ew' },
        { column: 'inhabitants_foreigners', indicatorId: 'ew_auslaender' },
      ],
    });
    expect(s.unresolved).toEqual([]);
    expect(s.unmatchedColumns).toContain('inhabitants_female');
  });

  it('tells that no column holds known codes when the sample is on the old LOR 2006 codes', () => {
    const sample = original.records.slice(1, 21).map((r) => r.fields);
    const s = suggestMapping(header, sample, ['inhabitants'], CODES);
    expect(s.unresolved).toContain('area');
    expect(s.mapping.areaColumn).toBe('plr_id'); // guessed from the header name only
    expect(s.reasons.join(' ')).toContain('passt die Gebietsebene?');
  });
});

describe('Berlin MSS 2021 index indicators', () => {
  const bytes = readBerlin('mss/mss2021_index_indicators_plr542.csv');
  const original = readCsvBytes(bytes);
  const header = original.records[0]!.fields;
  const MAPPING: TableMapping = {
    layout: 'wide',
    areaColumn: 'PLR_ID',
    areaKey: 'code',
    date: { column: 'ZEIT' },
    indicators: [
      { column: 'S1', indicatorId: 's1' },
      { column: 'S3', indicatorId: 's3' },
      { column: 'S4', indicatorId: 's4' },
      { column: 'EW', indicatorId: 'ew' },
    ],
  };
  const ctx: MappingContext = {
    areas: createAreaLookup(AREAS),
    indicatorIds: new Set(['s1', 's3', 's4', 'ew']),
    numberFormat: { decimal: '.', thousands: null },
  };

  it('gives identical numbers from a German Excel version (decimal comma, Windows-1252 names)', () => {
    expect(original.dialect).toMatchObject({ delimiter: ',', decimal: '.' });
    const germanRows = original.records.map((r, i) =>
      i === 0 ? r.fields : r.fields.map((f, j) => (j <= 1 || j === 4 ? f : toGermanNumber(f))),
    );
    const german = readCsvBytes(toGermanCsv(germanRows));
    expect(german.encoding.encoding).toBe('windows-1252');
    expect(german.dialect).toMatchObject({ delimiter: ';', decimal: ',', thousands: '.' });
    expect(german.records[1]!.fields.slice(0, 6)).toEqual([
      '202012',
      '01100101',
      'Stülerstraße',
      '3.419',
      '01',
      '4,22594',
    ]);
    const a = mapTableToObservations(header, original.records.slice(1), MAPPING, ctx);
    const b = mapTableToObservations(german.records[0]!.fields, german.records.slice(1), MAPPING, {
      ...ctx,
      numberFormat: { decimal: ',', thousands: '.' },
    });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    // 542 × 3 shares + 541 EW (EW is empty for 03400831)
    expect(a.observations).toHaveLength(542 * 3 + 541);
    expect(b.observations).toEqual(a.observations);
    const stueler = AREAS.find((x) => x.code === '01100101')!;
    expect(stueler.name).toBe('Stülerstraße');
    expect(a.observations[0]).toEqual({
      indicatorId: 's1',
      areaId: stueler.id,
      refDate: '2020-12-31',
      value: 4.22594,
      line: 2,
    });
    // golden: sum of S1 incl. the six -9999 rows of invalid PLR (Python: -57329.23631)
    const s1 = b.observations
      .filter((o) => o.indicatorId === 's1')
      .reduce((s, o) => s + o.value!, 0);
    expect(s1).toBeCloseTo(-57329.23631, 5);
  });

  it('reports the two PLR named "Schloßstraße" as ambiguous and matches "Meller Bogen" to the geometry\'s "Mellerbogen" for review when joining by name', () => {
    const r = mapTableToObservations(
      header,
      original.records.slice(1),
      { ...MAPPING, areaColumn: 'PLR_NAME', areaKey: 'name' },
      ctx,
    );
    const ids = AREAS.filter((x) => x.name === 'Schloßstraße').map((x) => x.id);
    expect(ids).toHaveLength(2);
    expect(r.ambiguousAreaNames).toEqual([{ name: 'Schloßstraße', areaIds: ids }]);
    // until issue 9 "Meller Bogen" was unmatched; the name matcher joins it and lists it for review
    expect(r.unmatchedAreas).toEqual([]);
    expect(r.nameMatches.filter((m) => m.status === 'matched').map((m) => m.input)).toEqual([
      'Meller Bogen',
    ]);
    expect(r.errorCount).toBe(2);
    expect(r.observations).toHaveLength(540 * 3 + 539);
  });

  it('suggests PLR_ID, ZEIT and the S-columns from the header and 20 rows', () => {
    const s = suggestMapping(
      header,
      original.records.slice(1, 21).map((r) => r.fields),
      [
        { id: 's1', name: 'S1' },
        { id: 's3', name: 'S3' },
        { id: 's4', name: 'S4' },
      ],
      CODES,
      { numberFormat: original.dialect },
    );
    expect(s.mapping).toEqual({
      layout: 'wide',
      areaColumn: 'PLR_ID',
      areaKey: 'code',
      date: { column: 'ZEIT' },
      indicators: [
        { column: 'S1', indicatorId: 's1' },
        { column: 'S3', indicatorId: 's3' },
        { column: 'S4', indicatorId: 's4' },
      ],
    });
    expect(s.confidence).toBe(1);
  });
});
