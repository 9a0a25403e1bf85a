// A 200 MB table streams through the importer with bounded memory; one bad row rejects it whole.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { insertFixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { runTableImport } from './service.ts';

let db: Db;
let dir: string;
let file: string;

const CODES = ['01100101', '01100102', '02100101', '02100102'];
const NOTE =
  'Bemerkung der Fachplanung zu diesem Wert, die beim Import nicht verwendet wird und nur die Zeile verlängert – wie in echten Excel-Exporten üblich. '.repeat(
    5,
  );

async function writeLargeCsv(target: string, bytes: number): Promise<number> {
  const out = createWriteStream(target, { encoding: 'latin1' });
  out.write('PLR;Stichtag;Wert;Bemerkung\r\n');
  // line 2: a Planungsraum that does not exist
  out.write(`99999999;31.12.2024;1,5;${NOTE}\r\n`);
  let written = 0;
  let rows = 1;
  const day0 = Date.UTC(1900, 0, 1);
  // daily reference dates 1900–2099 (a plausible range for a Stichtag), four areas each
  for (let d = 0; written < bytes; d++) {
    if (d >= 73_000) throw new Error('test file: too few distinct dates for the requested size');
    const date = new Date(day0 + d * 86_400_000).toISOString().slice(0, 10);
    let chunk = '';
    for (const code of CODES)
      chunk += `${code};${date};${String((d % 1000) / 10).replace('.', ',')};${NOTE}\r\n`;
    rows += CODES.length;
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return rows;
}

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dir = await mkdtemp(path.join(tmpdir(), 'sz-large-'));
  file = path.join(dir, 'gross.csv');
  await writeLargeCsv(file, 200 * 1024 * 1024);
}, 120_000);
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a 200 MB file', () => {
  it('is read as a stream (memory stays far below the file size) and rejected whole for one unknown area', async () => {
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(200 * 1024 * 1024);
    const before = await db.query('SELECT count(*)::int AS n FROM observation');
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const report = await runTableImport(
      db,
      'berlin',
      { id: 'test', dir, files: [{ name: 'gross.csv', path: file, bytes: size }] },
      {
        dryRun: false,
        systemId: 'lor2021',
        levelId: 'plr',
        mapping: {
          layout: 'wide',
          areaColumn: 'PLR',
          areaKey: 'code',
          date: { column: 'Stichtag' },
          indicators: [{ column: 'Wert', indicatorId: 'income_median' }],
        },
      },
    );
    clearInterval(timer);
    expect(report.status).toBe('failed');
    expect(report.errorCount).toBe(1);
    expect(report.errors[0]).toMatchObject({ file: 'gross.csv', line: 2, column: 'PLR' });
    expect(report.errors[0]?.message).toMatch(/99999999/);
    expect(report.rowsRead).toBeGreaterThan(250_000);
    expect(await db.query('SELECT count(*)::int AS n FROM observation')).toEqual(before);
    // the whole file as a JS string would take > 400 MB (UTF-16); streaming stays well below the file size
    expect(peak - rss0).toBeLessThan(size);
  }, 300_000);
});
