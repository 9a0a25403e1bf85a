// XLSX files are written with exceljs in the test (as Excel would store them) and read back with our pure reader.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createAreaLookup, mapTableToObservations, type TableMapping } from './mapping.ts';
import { readCsvBytes } from './read-table.ts';
import {
  createSheetParser,
  detectFileFormat,
  excelSerialToIso,
  readXlsx,
  XlsxFormatError,
} from './xlsx.ts';

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function sampleWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Hinweise').addRow(['Quelle: Amt für Statistik']);
  const ws = wb.addWorksheet('Daten');
  ws.addRow(['PLR', 'Name', 'Stichtag', 'Einwohner', 'Anteil', 'Bemerkung']);
  ws.addRow(['01100101', 'Stülerstraße', new Date(Date.UTC(2020, 11, 31)), 3419, 4.22594, null]);
  ws.addRow([
    1100102,
    'Großer Tiergarten & <Co>',
    new Date(Date.UTC(2020, 11, 31)),
    1791,
    { formula: 'D3/1000', result: 1.791 },
    'k.A.',
  ]);
  ws.addRow([]); // empty row
  ws.addRow([
    '07010101',
    { richText: [{ text: 'Schöne' }, { text: 'berg', font: { bold: true } }] },
    null,
    0.1 + 0.2,
    true,
  ]);
  ws.getColumn(3).numFmt = 'dd.mm.yyyy';
  return toBytes(wb);
}

describe('readXlsx', () => {
  it('reads the chosen sheet: text codes keep zeros, dates become ISO, numbers plain, rows padded', async () => {
    const r = readXlsx(await sampleWorkbook(), { sheet: 'Daten' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sheets).toEqual(['Hinweise', 'Daten']);
    expect(r.sheet).toBe('Daten');
    expect(r.records).toEqual([
      { line: 1, fields: ['PLR', 'Name', 'Stichtag', 'Einwohner', 'Anteil', 'Bemerkung'] },
      { line: 2, fields: ['01100101', 'Stülerstraße', '2020-12-31', '3419', '4.22594', ''] },
      {
        line: 3,
        fields: ['1100102', 'Großer Tiergarten & <Co>', '2020-12-31', '1791', '1.791', 'k.A.'],
      },
      { line: 5, fields: ['07010101', 'Schöneberg', '', '0.30000000000000004', 'WAHR', ''] },
    ]);
  });

  it('reads the first sheet by default and names the sheets when a wanted one is missing', async () => {
    const bytes = await sampleWorkbook();
    const first = readXlsx(bytes);
    expect(first.ok && first.records).toEqual([{ line: 1, fields: ['Quelle: Amt für Statistik'] }]);
    expect(readXlsx(bytes, { sheet: 'Tabelle1' })).toEqual({
      ok: false,
      message: "Tabellenblatt 'Tabelle1' gibt es nicht; vorhanden: 'Hinweise', 'Daten'",
    });
  });

  it('refuses old .xls, .ods and non-Excel files with a German message', () => {
    expect(readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toEqual({
      ok: false,
      message:
        'Altes Excel-Format (.xls) wird nicht gelesen – bitte in Excel als .xlsx oder CSV speichern.',
    });
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    });
    expect(detectFileFormat(ods)).toBe('ods');
    expect(readXlsx(new TextEncoder().encode('a;b\n1;2\n'))).toEqual({
      ok: false,
      message: 'Die Datei ist keine Excel-Datei (.xlsx).',
    });
    const zipWithoutWorkbook = zipSync({ 'hello.txt': strToU8('x') });
    expect(readXlsx(zipWithoutWorkbook)).toEqual({
      ok: false,
      message: 'Die Datei ist keine Excel-Arbeitsmappe (xl/workbook.xml fehlt).',
    });
  });

  it('converts Excel serial days, including the 1900 leap-year bug and the 1904 system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(44196)).toBe('2020-12-31');
    expect(excelSerialToIso(44196.5)).toBe('2020-12-31T12:00:00');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
  });
});

describe('readXlsx with the real MSS 2021 table', () => {
  it('gives the same observations as the CSV file', async () => {
    const csvBytes = new Uint8Array(
      readFileSync(
        new URL(
          '../../../../demo-data/berlin/mss/mss2021_index_indicators_plr542.csv',
          import.meta.url,
        ),
      ),
    );
    const csv = readCsvBytes(csvBytes);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('MSS 2021');
    for (const [i, rec] of csv.records.entries()) {
      // as a planner's sheet: codes as text, numbers as numbers, empty cells empty
      ws.addRow(
        rec.fields.map((f, j) =>
          i === 0 || j === 1 || j === 2 || j === 4 || f === '' || Number.isNaN(Number(f))
            ? f === ''
              ? null
              : f
            : Number(f),
        ),
      );
    }
    const x = readXlsx(await toBytes(wb));
    expect(x.ok).toBe(true);
    if (!x.ok) return;
    expect(x.records).toHaveLength(543);
    const areas = createAreaLookup(
      csv.records.slice(1).map((r, i) => ({ id: i + 1, code: r.fields[1]!, name: r.fields[2]! })),
    );
    const mapping: TableMapping = {
      layout: 'wide',
      areaColumn: 'PLR_ID',
      areaKey: 'code',
      date: { column: 'ZEIT' },
      indicators: ['S1', 'S3', 'S4', 'D1', 'EW'].map((c) => ({ column: c, indicatorId: c })),
    };
    const ctx = {
      areas,
      indicatorIds: new Set(['S1', 'S3', 'S4', 'D1', 'EW']),
      numberFormat: { decimal: '.', thousands: null },
    } as const;
    const fromCsv = mapTableToObservations(
      csv.records[0]!.fields,
      csv.records.slice(1),
      mapping,
      ctx,
    );
    const fromXlsx = mapTableToObservations(x.records[0]!.fields, x.records.slice(1), mapping, ctx);
    expect(fromCsv.errors).toEqual([]);
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.observations).toHaveLength(542 * 4 + 541);
    expect(fromXlsx.observations).toEqual(fromCsv.observations);
  });
});

describe('createSheetParser on damaged or unusual sheets', () => {
  const sheet = (rows: string, root = 'worksheet', p = '') =>
    `<?xml version="1.0"?><${p}${root} xmlns="x"><${p}sheetData>${rows}</${p}sheetData></${p}${root}>`;
  const parse = (xml: string, chunk = xml.length) => {
    const parser = createSheetParser({ shared: ['Text'], dateStyle: [false, true] });
    const out = [];
    for (let i = 0; i < xml.length; i += chunk) out.push(...parser.push(xml.slice(i, i + chunk)));
    return [...out, ...parser.end()];
  };

  it('gives the same rows whether the XML comes whole or in 7-character pieces', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.5</v></c></row><row r="3"><c r="B3" s="1"><v>44196</v></c></row>',
    );
    const whole = parse(xml);
    expect(whole).toEqual([
      { line: 1, fields: ['Text', '', '1.5'] },
      { line: 3, fields: ['', '2020-12-31'] },
    ]);
    expect(parse(xml, 7)).toEqual(whole);
  });

  it('reads sheets whose elements carry a namespace prefix (OpenXML SDK)', () => {
    const xml = sheet('<x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row>', 'worksheet', 'x:');
    expect(parse(xml)).toEqual([{ line: 2, fields: ['7'] }]);
  });

  // Not timed (timing asserts flake on a busy CI; the figure is in bench/parsers.ts): the timeout
  // proves the scan does not turn quadratic or hang.
  it('stops at a row that never ends, without hanging', { timeout: 30_000 }, () => {
    const xml = sheet('<row r="1"><c r="A1"><v>1</v></c>'.repeat(200_000));
    expect(() => parse(xml, 65_536)).toThrow(XlsxFormatError);
  });

  it('refuses a column beyond XFD and NUL characters, naming row and cell', () => {
    expect(() => parse(sheet('<row r="4"><c r="ZZZZZZ4"><v>1</v></c></row>'))).toThrow(
      /Zelle ZZZZZZ4: Spalte jenseits von XFD/,
    );
    expect(() => parse(sheet('<row r="5"><c r="A5"><v>1</v></c></row>\u0000'))).toThrow(
      /NUL-Zeichen/,
    );
  });

  it('turns forbidden character references into U+FFFD and keeps absurd date serials as numbers', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#0;b&#xD800;c&#99999999;</t></is></c><c r="B1" s="1"><v>1e300</v></c></row>',
    );
    expect(parse(xml)).toEqual([{ line: 1, fields: ['a\uFFFDb\uFFFDc\uFFFD', '1e+300'] }]);
  });
});
