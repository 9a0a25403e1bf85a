// The budgeted XLSX reader on whole workbooks written with exceljs (as Excel would store them): the
// parts come out of the ZIP, the core's sheet parser turns the first sheet into records.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createAreaLookup,
  mapTableToObservations,
  readCsvBytes,
  type CsvRecord,
  type TableMapping,
} from '@sozialraum/core';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportFileError } from './errors.ts';
import { readXlsxRecords } from './xlsx-reader.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sozialraum-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function save(name: string, bytes: Uint8Array | ExcelJS.Workbook): Promise<string> {
  const p = path.join(dir, name);
  if (bytes instanceof ExcelJS.Workbook) await bytes.xlsx.writeFile(p);
  else writeFileSync(p, bytes);
  return p;
}

async function readAll(p: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readXlsxRecords(p, 100)) out.push(...batch);
  return out;
}

function sampleWorkbook(notesFirst: boolean): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (notesFirst) wb.addWorksheet('Hinweise').addRow(['Quelle: Amt für Statistik']);
  const ws = wb.addWorksheet('Daten');
  ws.addRow(['PLR', 'Name', 'Stichtag', 'Einwohner', 'Anteil', 'Bemerkung']);
  ws.addRow(['01100101', 'Stülerstraße', new Date(Date.UTC(2020, 11, 31)), 3419, 4.22594, null]);
  ws.addRow([
    1100102,
    'Großer Tiergarten & <Co>',
    new Date(Date.UTC(2020, 11, 31)),
    1791,
    { formula: 'D3/1000', result: 1.791 },
    ' k.A. ',
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
  return wb;
}

describe('readXlsxRecords', () => {
  it('reads the first sheet: text codes keep zeros, dates become ISO, numbers get a decimal comma', async () => {
    const records = await readAll(await save('daten.xlsx', sampleWorkbook(false)));
    expect(records).toEqual([
      { line: 1, fields: ['PLR', 'Name', 'Stichtag', 'Einwohner', 'Anteil', 'Bemerkung'] },
      { line: 2, fields: ['01100101', 'Stülerstraße', '2020-12-31', '3419', '4,22594'] },
      {
        line: 3,
        fields: ['1100102', 'Großer Tiergarten & <Co>', '2020-12-31', '1791', '1,791', 'k.A.'],
      },
      { line: 5, fields: ['07010101', 'Schöneberg', '', '0,30000000000000004', 'WAHR'] },
    ]);
  });

  it('reads only the first sheet, whatever follows it', async () => {
    const records = await readAll(await save('hinweise.xlsx', sampleWorkbook(true)));
    expect(records).toEqual([{ line: 1, fields: ['Quelle: Amt für Statistik'] }]);
  });

  it('refuses a ZIP that holds no workbook, naming the file', async () => {
    const p = await save('kein-excel.xlsx', zipSync({ 'hello.txt': strToU8('x') }));
    const err = await readAll(p).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as ImportFileError).issues).toEqual([
      {
        file: 'kein-excel.xlsx',
        message: 'Die Datei ist keine Excel-Arbeitsmappe (xl/workbook.xml fehlt).',
      },
    ]);
  });
});

describe('readXlsxRecords with the real MSS 2021 table', () => {
  it('gives the same observations as the CSV file', async () => {
    const csvBytes = new Uint8Array(
      readFileSync(
        new URL(
          '../../../../../../demo-data/berlin/mss/mss2021_index_indicators_plr542.csv',
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
    const records = await readAll(await save('mss2021.xlsx', wb));
    expect(records).toHaveLength(543);
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
    const ctx = { areas, indicatorIds: new Set(['S1', 'S3', 'S4', 'D1', 'EW']) } as const;
    const fromCsv = mapTableToObservations(csv.records[0]!.fields, csv.records.slice(1), mapping, {
      ...ctx,
      numberFormat: { decimal: '.', thousands: null },
    });
    const fromXlsx = mapTableToObservations(records[0]!.fields, records.slice(1), mapping, {
      ...ctx,
      numberFormat: { decimal: ',', thousands: null },
    });
    expect(fromCsv.errors).toEqual([]);
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.observations).toHaveLength(542 * 4 + 541);
    expect(fromXlsx.observations).toEqual(fromCsv.observations);
  });
});
