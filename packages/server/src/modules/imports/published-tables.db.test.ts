// Tables as cities publish them (issue 9 § 2): one test per case, each with a small fixture from
// fixtures/published/, read without editing the file.
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { insertFixture, type Fixture } from '../../testing/fixtures.ts';
import { analyzeUpload, runTableImport, type TableRunOptions } from './service.ts';
import type { Upload } from './uploads.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'published');
let db: Db;
let fx: Fixture;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  dir = await mkdtemp(path.join(tmpdir(), 'sz-published-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(name: string): Promise<Upload> {
  const p = path.join(dir, name);
  await copyFile(path.join(FIXTURES, name), p);
  return { id: 'test', dir, files: [{ name, path: p, bytes: (await stat(p)).size }] };
}

const run = (name: string, o: Partial<TableRunOptions> & Pick<TableRunOptions, 'mapping'>) =>
  upload(name).then((u) =>
    runTableImport(db, 'berlin', u, { dryRun: true, systemId: 'lor2021', levelId: 'plr', ...o }),
  );

const value = async (indicator: string, code: string, date: string) =>
  (
    await db.query<{ value: number | null; flag: string | null }>(
      'SELECT value, flag FROM observation WHERE tenant_id = $1 AND indicator_id = $2 AND area_id = $3 AND ref_date = $4',
      ['berlin', indicator, fx.areaId[code], date],
    )
  )[0];

describe('tables as cities publish them', () => {
  it('detects a missing header row, reads every row as data and lets the person switch it', async () => {
    const mapping: TableRunOptions['mapping'] = {
      layout: 'wide',
      areaColumn: 'Spalte 1',
      areaKey: 'code',
      date: { fixed: '2024-12-31' },
      indicators: [{ column: 'Spalte 3', indicatorId: 'ewr_total' }],
    };
    const r = await run('ohne-kopfzeile.csv', { mapping, hasHeader: 'auto', dryRun: false });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('succeeded');
    expect(r.rowsRead).toBe(4);
    expect(r.details?.headerPresence).toMatchObject({ hasHeader: false, used: false });
    expect(r.warnings[0]).toMatch(/Ohne Überschriftenzeile gelesen \(erkannt\)/);
    expect((await value('ewr_total', '01100101', '2024-12-31'))?.value).toBe(1374);
    // switched on by the person: the first data row becomes the header, 'Spalte 1' is unknown
    const forced = await run('ohne-kopfzeile.csv', { mapping, hasHeader: true });
    expect(forced.status).toBe('failed');
    // the report still says what the detection found
    expect(forced.details?.headerPresence).toMatchObject({
      hasHeader: false,
      used: true,
      decidedBy: 'person',
    });
  });

  it('matches names written differently, shows the review table and reuses accepted synonyms', async () => {
    const mapping: TableRunOptions['mapping'] = {
      layout: 'wide',
      areaColumn: 'Planungsraum',
      areaKey: 'name',
      date: { fixed: '2019-12-31' },
      indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
    };
    const dry = await run('namen.csv', { mapping });
    expect(dry.errors).toEqual([]);
    expect(dry.status).toBe('dry_run');
    const byInput = new Map(dry.details!.nameMatches.map((m) => [m.input, m]));
    const t = byInput.get('Grosser_Tiergarten');
    expect(t?.status).toBe('matched');
    expect(t?.status === 'matched' && t.area.code).toBe('01100102');
    expect(t?.reasons.join(' ')).toMatch(/Umlaut|Schreibweise/);
    expect(byInput.get('02100101 Askanischer Platz')?.reasons.join(' ')).toMatch(/Nummer/);
    // accepting stores the synonym for the level (audited); the next run says "Synonym (bestätigt)"
    const real = await run('namen.csv', {
      mapping,
      dryRun: false,
      acceptedNames: [{ name: 'Grosser_Tiergarten', areaId: fx.areaId['01100102']! }],
    });
    expect(real.status).toBe('succeeded');
    expect(real.details?.synonymsSaved).toBe(1);
    const stored = await db.query<{ synonym: string; area_id: number }>(
      "SELECT synonym, area_id FROM area_name_synonym WHERE tenant_id = 'berlin'",
    );
    expect(stored).toEqual([{ synonym: 'grosser_tiergarten', area_id: fx.areaId['01100102'] }]);
    const audit = await db.query(
      "SELECT 1 FROM audit_log WHERE tenant_id = 'berlin' AND action = 'import.area_synonyms'",
    );
    expect(audit).toHaveLength(1);
    const again = await run('namen.csv', { mapping });
    const m = again.details!.nameMatches.find((x) => x.input === 'Grosser_Tiergarten');
    expect(m?.reasons).toContain('Synonym (bestätigt)');
    // an area of another level is refused with a German message, nothing stored
    const bad = await run('namen.csv', {
      mapping,
      dryRun: false,
      acceptedNames: [{ name: 'Mitte', areaId: fx.areaId['01']! }],
    });
    expect(bad.status).toBe('failed');
    expect(bad.errors[0]?.message).toMatch(/gehört nicht zur gewählten Gebietsebene/);
  });

  it('reshapes years and dates in the column headers into one import with a date per column', async () => {
    const r = await run('jahre-in-spalten.csv', {
      dryRun: false,
      mapping: {
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { perColumn: true },
        indicators: [
          { column: 'Einwohner_2017', indicatorId: 'ewr_total', date: '2017-12-31' },
          { column: 'Einwohner 2019', indicatorId: 'ewr_total', date: '2019-12-31' },
          { column: '31.12.2021', indicatorId: 'ewr_total', date: '2021-12-31' },
        ],
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.rowsWritten).toBe(12);
    expect(r.details?.columnDates.map((c) => c.date)).toEqual([
      '2017-12-31',
      '2019-12-31',
      '2021-12-31',
    ]);
    expect((await value('ewr_total', '02100101', '2017-12-31'))?.value).toBe(1950);
    expect((await value('ewr_total', '02100101', '2021-12-31'))?.value).toBe(2001);
  });

  it('groups rows that are no area (city, Bezirke, sums, blank) with counts and skips them on request', async () => {
    const mapping: TableRunOptions['mapping'] = {
      layout: 'wide',
      areaColumn: 'Planungsraum',
      areaKey: 'code',
      date: { fixed: '2020-12-31' },
      indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
    };
    const strict = await run('summenzeilen.csv', { mapping });
    expect(strict.status).toBe('failed');
    const r = await run('summenzeilen.csv', { mapping, skipNonAreaRows: true });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('dry_run');
    const groups = r.details!.nonAreaRows;
    const total = groups.reduce((n, g) => n + g.count, 0);
    // every row read is imported (4) or reported in a group
    expect(total + 4).toBe(r.rowsRead);
    expect(groups.every((g) => g.skipped)).toBe(true);
    expect(groups.map((g) => g.kind).sort()).toEqual(expect.arrayContaining(['subtotal']));
  });

  it('reads numbers as published: footnotes, placeholders, blanks counted, text markers need consent', async () => {
    const mapping: TableRunOptions['mapping'] = {
      layout: 'wide',
      areaColumn: 'Planungsraum',
      areaKey: 'code',
      date: { fixed: '2018-12-31' },
      indicators: [
        { column: 'Einwohner', indicatorId: 'ewr_total' },
        { column: 'Median-Einkommen', indicatorId: 'income_median' },
      ],
    };
    const dry = await run('zahlen.csv', { mapping });
    expect(dry.errors).toEqual([]);
    const d = dry.details!;
    expect(d.cells.missingCount).toBe(3); // '–', blank, 'n.v.'
    expect(d.cells.footnoteMarks).toEqual(expect.arrayContaining(['°', '*']));
    expect(d.textMarkers).toEqual([expect.objectContaining({ marker: 'n.v.', count: 1 })]);
    expect(d.plausibility.decimalsInCounts[0]).toMatchObject({ indicatorId: 'ewr_total' });
    const refused = await run('zahlen.csv', { mapping, dryRun: false });
    expect(refused.status).toBe('failed');
    expect(refused.errors[0]?.message).toMatch(/Textkennzeichen/);
    expect(await value('income_median', '01100101', '2018-12-31')).toBeUndefined();
    const ok = await run('zahlen.csv', { mapping, dryRun: false, acceptMarkers: true });
    expect(ok.status).toBe('succeeded');
    expect((await value('ewr_total', '01100101', '2018-12-31'))?.value).toBe(412);
    expect((await value('income_median', '01100101', '2018-12-31'))?.value).toBe(2150);
    expect(await value('income_median', '01100102', '2018-12-31')).toMatchObject({
      value: null,
      flag: 'suppressed',
    });
  });

  it('names every existing value it would overwrite (old → new) and counts the unchanged', async () => {
    const r = await run('ueberschreiben.csv', {
      mapping: {
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
      },
    });
    expect(r.errors).toEqual([]);
    const o = r.details!.overwrite;
    expect(o).toMatchObject({ changed: 2, unchanged: 2, added: 0 });
    expect(o.examples).toEqual([
      expect.objectContaining({ areaCode: '01100101', old: 100, new: 150 }),
      expect.objectContaining({ areaCode: '02100102', old: 400, new: 410 }),
    ]);
    expect(r.warnings.join(' ')).toMatch(
      /2 werden überschrieben.*100 → 150.*2 bleiben unverändert/,
    );
  });

  it('analysis: says the first row is data and maps the columns as "Spalte n"', async () => {
    const a = await analyzeUpload(db, 'berlin', await upload('ohne-kopfzeile.csv'));
    if (a.kind !== 'table') throw new Error('table expected');
    expect(a.published.headerPresence).toMatchObject({ hasHeader: false, used: false });
    expect(a.published.headerPresence.reason).toMatch(/wie Daten/);
    expect(a.suggestion.mapping.areaColumn).toBe('Spalte 1');
    const switched = await analyzeUpload(db, 'berlin', await upload('ohne-kopfzeile.csv'), {
      hasHeader: true,
    });
    if (switched.kind !== 'table') throw new Error('table expected');
    expect(switched.published.headerPresence).toMatchObject({ used: true, decidedBy: 'person' });
  });

  it('analysis: a long table lists every distinct label of the whole file with counts and a suggestion', async () => {
    const a = await analyzeUpload(db, 'berlin', await upload('lang-viele-merkmale.csv'));
    if (a.kind !== 'table') throw new Error('table expected');
    expect(a.suggestion.mapping.layout).toBe('long');
    const labels = new Map(a.published.labels!.map((l) => [l.label, l]));
    // the last two labels come after the preview rows
    expect(labels.get('Alleinerziehende Haushalte')?.count).toBe(4);
    expect(labels.get('Wohndauer über 5 Jahre')?.count).toBe(1);
    expect(labels.size).toBe(5);
    expect(labels.get('Einwohnende insgesamt')?.suggestedIndicatorId).toBe('ewr_total');
    expect(labels.get('Medianeinkommen')?.suggestedIndicatorId).toBe('income_median');
    expect(labels.get('Wohndauer über 5 Jahre')?.suggestedIndicatorId).toBeNull();
  });

  it('analysis: years in the headers and names written differently are shown for review', async () => {
    const years = await analyzeUpload(db, 'berlin', await upload('jahre-in-spalten.csv'));
    if (years.kind !== 'table') throw new Error('table expected');
    expect(years.published.dateColumns?.columns.map((c) => c.date)).toEqual([
      '2017-12-31',
      '2019-12-31',
      '2021-12-31',
    ]);
  });

  it('XLSX Stadtteilprofil: names by spelling, years per column, footnotes, "Gesamt" row skipped', async () => {
    // stadtteilprofile.xlsx was written with exceljs: Stadtteil | Einwohner 2020 | Einwohner 2021,
    // names as "Stuelerstrasse", "Grosser_Tiergarten", "02100101 Askanischer Platz", a '1.374*' text
    // cell, a '–' placeholder and a "Gesamt" row
    const r = await run('stadtteilprofile.xlsx', {
      skipNonAreaRows: true,
      mapping: {
        layout: 'wide',
        areaColumn: 'Stadtteil',
        areaKey: 'name',
        date: { perColumn: true },
        indicators: [
          { column: 'Einwohner 2020', indicatorId: 'ewr_total', date: '2020-12-31' },
          { column: 'Einwohner 2021', indicatorId: 'ewr_total', date: '2021-12-31' },
        ],
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('dry_run');
    expect(r.rowsRead).toBe(5);
    const d = r.details!;
    expect(d.nonAreaRows).toEqual([expect.objectContaining({ kind: 'total', count: 1 })]);
    expect(d.nameMatches.filter((m) => m.status === 'matched')).toHaveLength(3);
    expect(d.cells.missingCount).toBe(1);
    expect(d.cells.footnoteMarks).toEqual(['*']);
    // 4 areas × 2 years ('–' gives a suppressed value); the 2021 values equal an earlier import here
    expect(d.overwrite.changed).toBe(0);
    expect(d.overwrite.added + d.overwrite.unchanged).toBe(8);
  });

  it('long table: labels mapped to indicators or skipped; skipped rows are reported, not dropped silently', async () => {
    const r = await run('lang-viele-merkmale.csv', {
      mapping: {
        layout: 'long',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicatorColumn: 'Merkmal',
        valueColumn: 'Wert',
        indicatorMap: {
          'Einwohnende insgesamt': 'ewr_total',
          'Anteil Arbeitslose': 'share_unemployed',
          Medianeinkommen: 'income_median',
        },
        skipLabels: ['Alleinerziehende Haushalte', 'Wohndauer über 5 Jahre'],
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.rowsRead).toBe(17);
    expect(r.warnings.join(' ')).toMatch(
      /Übersprungene Merkmale.*'Alleinerziehende Haushalte' 4 Zeilen, 'Wohndauer über 5 Jahre' 1 Zeile/,
    );
    const strict = await run('lang-viele-merkmale.csv', {
      mapping: {
        layout: 'long',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicatorColumn: 'Merkmal',
        valueColumn: 'Wert',
        indicatorMap: { 'Einwohnende insgesamt': 'ewr_total' },
      },
    });
    expect(strict.status).toBe('failed');
  });

  it('rows where every value is 0 are warned about and imported as missing on request', async () => {
    const mapping: TableRunOptions['mapping'] = {
      layout: 'wide',
      areaColumn: 'Planungsraum',
      areaKey: 'code',
      date: { fixed: '2016-12-31' },
      indicators: [
        { column: 'Einwohner', indicatorId: 'ewr_total' },
        { column: 'Median-Einkommen', indicatorId: 'income_median' },
      ],
    };
    const dry = await run('nullzeilen.csv', { mapping });
    expect(dry.details?.plausibility.zeroRows).toEqual({
      count: 2,
      lines: [2, 5],
      treatedAsMissing: false,
    });
    const ok = await run('nullzeilen.csv', { mapping, dryRun: false, zeroRows: 'missing' });
    expect(ok.status).toBe('succeeded');
    expect(ok.details?.plausibility.zeroRows.treatedAsMissing).toBe(true);
    expect(await value('ewr_total', '01100101', '2016-12-31')).toMatchObject({
      value: null,
      flag: 'suppressed',
    });
    expect((await value('ewr_total', '01100102', '2016-12-31'))?.value).toBe(215);
  });
});
