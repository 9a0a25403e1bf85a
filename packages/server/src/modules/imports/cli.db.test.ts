// `sozialraum import` as a planner runs it from a shell: areas first, then a German CSV, on a fresh
// embedded database of her own tenant. (Runs the real command; the engine is the embedded one.)
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/db.ts';

const run = promisify(execFile);
const BIN = path.resolve('packages/server/bin/sozialraum.mjs');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sz-cli-'));
  env = {
    ...process.env,
    SOZIALRAUM_DATA_DIR: path.join(dir, 'data'),
    SOZIALRAUM_TENANT: 'kassel',
    SOZIALRAUM_TENANT_AGS: '06611000',
    DATABASE_URL: '',
  };
  const square = (x: number) => [
    [
      [x, 51.3],
      [x + 0.01, 51.3],
      [x + 0.01, 51.31],
      [x, 51.31],
      [x, 51.3],
    ],
  ];
  await writeFile(
    path.join(dir, 'stadtteile.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: ['01', '02', '03'].map((id, i) => ({
        type: 'Feature',
        properties: { ST_NR: id, ST_NAME: `Stadtteil ${id}` },
        geometry: { type: 'Polygon', coordinates: square(9.4 + i * 0.01) },
      })),
    }),
  );
  await writeFile(
    path.join(dir, 'areas.json'),
    JSON.stringify({
      kind: 'areas',
      systemId: 'stadtteile',
      systemName: 'Stadtteile Kassel',
      levelId: 'st',
      levelNameDe: 'Stadtteil',
      codeProperty: 'ST_NR',
      nameProperty: 'ST_NAME',
      source: {
        title: 'Stadtteile Kassel',
        publisher: 'Stadt Kassel',
        licence: 'dl-de/by-2-0',
        attribution: 'Stadt Kassel, Statistik',
      },
    }),
  );
  await writeFile(
    path.join(dir, 'werte.csv'),
    Buffer.from(
      'Stadtteil;Stichtag;Kinder unter 6\r\n1;31.12.2024;1.204\r\n2;31.12.2024;987\r\n3;31.12.2024;55\r\n',
      'latin1',
    ),
  );
  await writeFile(
    path.join(dir, 'werte.json'),
    JSON.stringify({
      kind: 'table',
      systemId: 'stadtteile',
      levelId: 'st',
      mapping: {
        layout: 'wide',
        areaColumn: 'Stadtteil',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Kinder unter 6', indicatorId: 'kinder_u6' }],
      },
      newIndicators: [
        {
          id: 'kinder_u6',
          nameDe: 'Kinder unter 6 Jahren',
          unit: 'count',
          dimension: 'demography',
          polarity: 'neutral',
        },
      ],
      source: {
        title: 'Einwohnerstatistik Kassel',
        publisher: 'Stadt Kassel',
        licence: 'dl-de/by-2-0',
        attribution: 'Stadt Kassel, Statistik',
      },
    }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  run(process.execPath, [BIN, 'import', ...args], { env, cwd: dir, timeout: 120_000 });

describe('sozialraum import (command line)', () => {
  it('analyses a file and prints a mapping to edit when no mapping is given', async () => {
    const { stdout } = await cli('stadtteile.geojson');
    expect(stdout).toMatch(/3 Objekte/);
    expect(stdout).toMatch(/"codeProperty": "ST_NR"/);
  });

  it('imports areas, then a German CSV whose codes lost their leading zeros', async () => {
    const a = await cli('stadtteile.geojson', '--mapping', 'areas.json');
    expect(a.stdout).toMatch(/Import erfolgreich: 3 Zeilen gelesen, 3 Werte geschrieben/);
    const t = await cli('werte.csv', '--mapping', 'werte.json', '--json');
    const report = JSON.parse(t.stdout.slice(t.stdout.indexOf('{\n')));
    expect(report).toMatchObject({
      status: 'succeeded',
      rowsRead: 3,
      rowsWritten: 3,
      errorCount: 0,
    });
    expect(report.warnings.join(' ')).toMatch(/führende/i);
    // both ran as jobs, recorded like imports from the web page (the administration sees them)
    const db = await openDb({ databaseUrl: '', dataDir: env.SOZIALRAUM_DATA_DIR! });
    try {
      const jobs = await db.query<{ kind: string; status: string; started_by: string }>(
        `SELECT kind, status, started_by FROM job WHERE tenant_id = 'kassel' ORDER BY id`,
      );
      expect(jobs).toEqual([
        { kind: 'imports.areas', status: 'succeeded', started_by: 'cli' },
        { kind: 'imports.table', status: 'succeeded', started_by: 'cli' },
      ]);
    } finally {
      await db.close();
    }
  }, 180_000);

  it('exits with 1 and names line and column when a file is bad, and a re-import says nothing changed', async () => {
    await writeFile(
      path.join(dir, 'kaputt.csv'),
      Buffer.from('Stadtteil;Stichtag;Kinder unter 6\r\n1;31.12.2024;viele\r\n', 'latin1'),
    );
    const bad = await cli('kaputt.csv', '--mapping', 'werte.json').then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(bad?.code).toBe(1);
    expect(bad?.stdout).toMatch(/Import abgelehnt – nichts wurde geändert/);
    expect(bad?.stdout).toMatch(/Zeile 2, Spalte 3 \(Kinder unter 6\)/);
    const again = await cli('werte.csv', '--mapping', 'werte.json');
    expect(again.stdout).toMatch(/Keine Änderungen/);
  }, 180_000);
});
