import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { insertFixture, type Fixture } from '../../testing/fixtures.ts';
import { analyzeUpload, runTableImport, type TableRunOptions } from './service.ts';
import type { Upload } from './uploads.ts';

let db: Db;
let fx: Fixture;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  dir = await mkdtemp(path.join(tmpdir(), 'sz-import-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a file as German Excel would (Windows-1252 unless told otherwise) and wraps it as an upload. */
async function upload(
  name: string,
  text: string,
  encoding: 'latin1' | 'utf8' = 'latin1',
): Promise<Upload> {
  const p = path.join(dir, name);
  await writeFile(p, Buffer.from(text, encoding));
  return { id: 'test', dir, files: [{ name, path: p, bytes: (await stat(p)).size }] };
}

const snapshot = async () =>
  db.query(
    'SELECT indicator_id, area_id, ref_date, value, numerator, denominator, flag, origin FROM observation ORDER BY 1, 2, 3',
  );

const wide = (
  indicators: TableRunOptions['mapping'] extends infer M ? M : never,
): TableRunOptions => ({
  dryRun: false,
  systemId: 'lor2021',
  levelId: 'plr',
  mapping: indicators,
});

const GERMAN = [
  'Planungsraum;Name;Stichtag;Einwohner;Arbeitslose;Einw. 15-65',
  // Excel dropped the leading zero of the first two codes; the third keeps it
  '1100101;Stülerstraße;31.12.2024;1.374;12;240',
  '1100102;Großer Tiergarten;31.12.2024;215;3;150',
  '02100101;Askanischer Platz;31.12.2024;2.001;40;1.000',
  '02100102;Mehringplatz;31.12.2024;987;.;700',
].join('\r\n');

const GERMAN_MAPPING: TableRunOptions['mapping'] = {
  layout: 'wide',
  areaColumn: 'Planungsraum',
  areaKey: 'code',
  date: { column: 'Stichtag' },
  indicators: [
    { column: 'Einwohner', indicatorId: 'ewr_total' },
    { column: 'Arbeitslose', indicatorId: 'share_unemployed', role: 'numerator' },
    { column: 'Einw. 15-65', indicatorId: 'share_unemployed', role: 'denominator' },
  ],
};

describe('table import (German Excel CSV)', () => {
  it('detects Windows-1252, semicolon and decimal comma and suggests the Planungsraum level', async () => {
    const a = await analyzeUpload(db, 'berlin', await upload('daten.csv', GERMAN));
    expect(a.kind).toBe('table');
    if (a.kind !== 'table') return;
    expect(a.detection.encoding).toBe('windows-1252');
    expect(a.detection.dialect?.delimiter).toBe(';');
    expect(a.detection.dialect?.decimal).toBe(',');
    expect(a.suggestion.systemId).toBe('lor2021');
    expect(a.suggestion.levelId).toBe('plr');
    expect(a.detection.sampleRows[0]?.[1]).toBe('Stülerstraße');
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await snapshot();
    const r = await runTableImport(db, 'berlin', await upload('daten.csv', GERMAN), {
      ...wide(GERMAN_MAPPING),
      dryRun: true,
    });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('dry_run');
    expect(r.rowsRead).toBe(4);
    expect(r.errorCount).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('imports counts and shares, restores leading zeros, and aggregates to the Bezirke', async () => {
    const r = await runTableImport(
      db,
      'berlin',
      await upload('daten.csv', GERMAN),
      wide(GERMAN_MAPPING),
    );
    expect(r.status).toBe('succeeded');
    expect(r.warnings.join(' ')).toMatch(/führende Null/i);
    const rows = await db.query<{
      code: string;
      indicator_id: string;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      flag: string | null;
      origin: string;
    }>(
      `SELECT a.code, o.indicator_id, o.value, o.numerator, o.denominator, o.flag, o.origin FROM observation o JOIN area a ON a.id = o.area_id
       WHERE o.ref_date = '2024-12-31' ORDER BY a.code, o.indicator_id`,
    );
    const get = (code: string, ind: string) =>
      rows.find((x) => x.code === code && x.indicator_id === ind);
    expect(get('01100101', 'ewr_total')?.value).toBe(1374);
    expect(get('02100101', 'ewr_total')?.value).toBe(2001);
    expect(get('01100101', 'share_unemployed')).toMatchObject({
      value: 5,
      numerator: 12,
      denominator: 240,
    });
    // "." is the German statistics marker for "no value": kept as a suppressed cell, not 0
    expect(get('02100102', 'share_unemployed')).toMatchObject({
      value: null,
      numerator: null,
      flag: 'suppressed',
    });
    // Bezirk 01: counts summed, the share recomputed from the summed counts (15 / 390 × 100)
    expect(get('01', 'ewr_total')).toMatchObject({ value: 1589, origin: 'aggregated' });
    expect(get('01', 'share_unemployed')?.value).toBeCloseTo((15 / 390) * 100, 10);
    // Bezirk 02 lacks one numerator: no value, flagged with the reason
    expect(get('02', 'share_unemployed')).toMatchObject({ value: null, flag: 'invalid' });
    const audit = await db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'import.observations'",
    );
    expect(audit).toHaveLength(1);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await snapshot();
    const r = await runTableImport(
      db,
      'berlin',
      await upload('daten.csv', GERMAN),
      wide(GERMAN_MAPPING),
    );
    expect(r.status).toBe('unchanged');
    expect(r.rowsWritten).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a file with text in a number column and an unknown area, naming line and column, and changes nothing', async () => {
    const before = await snapshot();
    const bad = [
      'Planungsraum;Stichtag;Einwohner',
      '01100101;31.12.2025;100',
      '01100102;31.12.2025;zwölf',
      '09999999;31.12.2025;50',
    ].join('\n');
    const r = await runTableImport(
      db,
      'berlin',
      await upload('kaputt.csv', bad),
      wide({
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
      }),
    );
    expect(r.status).toBe('failed');
    expect(r.errorCount).toBe(2);
    expect(r.errors[0]).toMatchObject({ file: 'kaputt.csv', line: 3, column: 'Einwohner' });
    expect(r.errors[0]?.message).toMatch(/zwölf/);
    expect(r.errors[1]).toMatchObject({ line: 4 });
    expect(r.errors[1]?.message).toMatch(/09999999/);
    expect(await snapshot()).toEqual(before);
    const runs = await db.query<{ status: string }>(
      "SELECT status FROM import_run WHERE file_name = 'kaputt.csv'",
    );
    expect(runs).toEqual([{ status: 'failed' }]);
  });

  it('rejects duplicate keys naming both lines', async () => {
    const before = await snapshot();
    const dup = [
      'PLR,Datum,Wert',
      '01100101,2025-12-31,1',
      '01100102,2025-12-31,2',
      '01100101,2025-12-31,3',
    ].join('\n');
    const r = await runTableImport(
      db,
      'berlin',
      await upload('doppelt.csv', dup, 'utf8'),
      wide({
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { column: 'Datum' },
        indicators: [{ column: 'Wert', indicatorId: 'ewr_total' }],
      }),
    );
    expect(r.status).toBe('failed');
    expect(r.errors[0]?.line).toBe(4);
    expect(r.errors[0]?.message).toMatch(/2/);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects an unbalanced quote with its line', async () => {
    const before = await snapshot();
    const text = [
      'PLR;Datum;Wert',
      '01100101;31.12.2025;1',
      '"01100102;31.12.2025;2',
      '02100101;31.12.2025;3',
    ].join('\n');
    const r = await runTableImport(
      db,
      'berlin',
      await upload('quote.csv', text),
      wide({
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { column: 'Datum' },
        indicators: [{ column: 'Wert', indicatorId: 'ewr_total' }],
      }),
    );
    expect(r.status).toBe('failed');
    expect(r.errors.some((e) => e.line === 3 && /Anführungszeichen/.test(e.message))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('creates new indicators with their source in the same transaction (long layout)', async () => {
    const text = [
      'Gebiet;Jahr;Merkmal;Wert',
      'Stülerstraße;31.12.2024;kitaplaetze;120',
      'Mehringplatz;31.12.2024;kitaplaetze;80',
    ].join('\n');
    const r = await runTableImport(db, 'berlin', await upload('kita.csv', text), {
      dryRun: false,
      systemId: 'lor2021',
      levelId: 'plr',
      mapping: {
        layout: 'long',
        areaColumn: 'Gebiet',
        areaKey: 'name',
        date: { column: 'Jahr' },
        indicatorColumn: 'Merkmal',
        valueColumn: 'Wert',
      },
      newIndicators: [
        {
          id: 'kitaplaetze',
          nameDe: 'Kitaplätze',
          unit: 'count',
          dimension: 'education',
          polarity: 'higher_is_better',
        },
      ],
      source: {
        id: '',
        title: 'Kitaplanung Jugendamt',
        publisher: 'Jugendamt',
        licence: 'intern',
        attribution: 'Jugendamt, Kitaplanung',
      },
    });
    expect(r.status).toBe('succeeded');
    const [ind] = await db.query<{ kind: string; source_id: string }>(
      "SELECT kind, source_id FROM indicator WHERE id = 'kitaplaetze'",
    );
    expect(ind).toEqual({ kind: 'count', source_id: 'kitaplanung_jugendamt' });
    // Bezirk 02 has a value for only one of its two Planungsräume: no sum, the reason instead
    const [sum] = await db.query(
      `SELECT value, flag, flag_reason FROM observation WHERE indicator_id = 'kitaplaetze' AND area_id = $1`,
      [fx.areaId['02']],
    );
    expect(sum).toEqual({
      value: null,
      flag: 'invalid',
      flag_reason: 'unvollständig: 1 von 2 Teilgebieten ohne Wert',
    });
  });

  it('imports an XLSX workbook: numbers, dates and codes typed as numbers by Excel', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Daten');
    ws.addRow(['Planungsraum', 'Stichtag', 'Medianeinkommen']);
    ws.addRow(['01100101', new Date(Date.UTC(2026, 11, 31)), 1234.5]);
    ws.addRow([2100102, new Date(Date.UTC(2026, 11, 31)), 2100]);
    const p = path.join(dir, 'einkommen.xlsx');
    await wb.xlsx.writeFile(p);
    const up: Upload = {
      id: 'test',
      dir,
      files: [{ name: 'einkommen.xlsx', path: p, bytes: (await stat(p)).size }],
    };
    const a = await analyzeUpload(db, 'berlin', up);
    expect(a).toMatchObject({
      kind: 'table',
      detection: { format: 'xlsx', header: ['Planungsraum', 'Stichtag', 'Medianeinkommen'] },
    });
    const r = await runTableImport(
      db,
      'berlin',
      up,
      wide({
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Medianeinkommen', indicatorId: 'income_median' }],
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'succeeded', rowsRead: 2, rowsWritten: 2 });
    const rows = await db.query<{ code: string; value: number }>(
      "SELECT a.code, o.value FROM observation o JOIN area a ON a.id = o.area_id WHERE o.indicator_id = 'income_median' AND o.ref_date = '2026-12-31' ORDER BY a.code",
    );
    expect(rows).toEqual([
      { code: '01100101', value: 1234.5 },
      { code: '02100102', value: 2100 },
    ]);
  });

  it('rejects a file that mixes UTF-8 and Windows-1252 lines, naming the line, and changes nothing', async () => {
    const before = await snapshot();
    const head = Buffer.from(
      'PLR;Name;Stichtag;Wert\r\n01100101;Stülerstraße;31.12.2027;1\r\n',
      'utf8',
    );
    const tail = Buffer.from(
      '01100102;Großer Tiergarten;31.12.2027;2\r\n02100101;Askanischer Platz;31.12.2027;3\r\n',
      'latin1',
    );
    const p = path.join(dir, 'gemischt.csv');
    await writeFile(p, Buffer.concat([head, tail]));
    const up: Upload = {
      id: 'test',
      dir,
      files: [{ name: 'gemischt.csv', path: p, bytes: (await stat(p)).size }],
    };
    const r = await runTableImport(
      db,
      'berlin',
      up,
      wide({
        layout: 'wide',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Wert', indicatorId: 'ewr_total' }],
      }),
    );
    expect(r.status).toBe('failed');
    expect(
      r.errors.some(
        (e) =>
          e.file === 'gemischt.csv' &&
          (e.line === 2 || e.line === 3) &&
          /UTF-8|Windows-1252|Kodierung/.test(e.message),
      ),
    ).toBe(true);
    expect(await snapshot()).toEqual(before);
  });
});
