// Regression tests for issue 8, items 7–9 (files): broken XLSX files answered in time with their file
// handle closed, zip bombs refused before the memory is gone, NUL characters, UTF-16, deep JSON,
// corrupt GeoPackage and broken ZIP data answered with a 400 naming file, line and reason — never a
// 5xx, and never a NUL in PostgreSQL. Seeds are real demo data (fuzz/seeds.ts).
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { buildSeeds, SEED_TABLE_MAPPING, type Seeds } from './fuzz/seeds.ts';
import { deflatedEntry, writeZip, zeroBomb, type RawEntry } from './fuzz/zip-writer.ts';

let db: Db;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
let dataDir: string;
let seeds: Seeds;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-file-input-'));
  app = await buildApp(testContext(db, { dataDir, maxUploadBytes: 32 * 1024 * 1024 }), {
    validateResponses: true,
  });
  api = injectAs(app, await adminHeaders(db));
  seeds = await buildSeeds();
});
afterAll(async () => {
  await app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

let boundaryNo = 0;
async function analyze(name: string, content: Uint8Array) {
  const boundary = `----sozialraum-input-${++boundaryNo}`;
  return api({
    method: 'POST',
    url: '/api/imports/analyze',
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const openFiles = (): number => readdirSync('/proc/self/fd').length;
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** The entries of a seed archive, re-deflated, with `replace` swapped in. */
function rezip(seed: Uint8Array, replace: Record<string, Omit<RawEntry, 'name'>>): Uint8Array {
  return writeZip(
    Object.entries(unzipSync(seed))
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, data]) =>
        replace[name] ? { ...replace[name], name } : deflatedEntry(name, data),
      ),
  );
}

async function counts() {
  const [c] = await db.query(
    `SELECT (SELECT count(*) FROM area)::int AS areas, (SELECT count(*) FROM observation)::int AS observations,
            (SELECT count(*) FROM indicator)::int AS indicators, (SELECT count(*) FROM source)::int AS sources,
            (SELECT hash FROM audit_chain_head WHERE tenant_id = 'berlin') AS head`,
  );
  return c;
}

describe('issue 8, item 7: broken XLSX files', () => {
  // Not timed (timing asserts flake on a busy CI): the test timeout proves no workbook hangs.
  it(
    'answers each damaged workbook (400 with a reason, or read) and closes its file',
    { timeout: 120_000 },
    async () => {
      // 50 zeroed bytes at 19 places: with exceljs' reader 2 of these never answered and 16 file
      // handles stayed open (measured before the fix).
      const before = openFiles();
      for (let k = 1; k < 20; k++) {
        const bytes = seeds.xlsx.slice();
        const at = Math.floor((k / 20) * bytes.length);
        bytes.fill(0, at, at + 50);
        const res = await analyze('kaputt.xlsx', bytes);
        expect([200, 400], res.body).toContain(res.statusCode);
        if (res.statusCode === 400) {
          expect(res.json().error.code).toBe('invalid_file');
          expect(res.json().error.message).toMatch(/Excel|ZIP|Tabellenblatt|Zeile/);
        }
      }
      expect(openFiles()).toBe(before);
    },
  );

  it('refuses a row that never ends instead of scanning for ever', async () => {
    const sheet = new TextDecoder().decode(unzipSync(seeds.xlsx)['xl/worksheets/sheet1.xml']);
    const broken = sheet.replace(/<\/row>/g, '').replace('</sheetData>', '<row>'.repeat(50_000));
    const res = await analyze(
      'endlos.xlsx',
      rezip(seeds.xlsx, {
        'xl/worksheets/sheet1.xml': deflatedEntry('x', new TextEncoder().encode(broken)),
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/endet|abgeschnitten/);
  });
});

describe('issue 8, item 8: decompressed size', () => {
  it('refuses an XLSX whose shared strings would inflate to 200 MB, from the central directory', async () => {
    const rss = peakRssMb();
    const res = await analyze(
      'bombe.xlsx',
      rezip(seeds.xlsx, { 'xl/sharedStrings.xml': { method: 8, ...zeroBomb(200) } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Liste der Texte.*200 MB.*Schutz vor ZIP-Bomben/);
    expect(peakRssMb() - rss).toBeLessThan(100);
  });

  it('refuses an XLSX whose shared strings claim 1 KB but inflate to 200 MB, after counting', async () => {
    const rss = peakRssMb();
    const bomb = zeroBomb(200);
    const res = await analyze(
      'luege.xlsx',
      rezip(seeds.xlsx, { 'xl/sharedStrings.xml': { method: 8, ...bomb, size: 1000 } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/entpackt größer als angegeben/);
    expect(peakRssMb() - rss).toBeLessThan(100);
  });

  it(
    'refuses 1 GB zip bombs in a Shapefile ZIP, honest or lying about their size, with little memory',
    { timeout: 60_000 },
    async () => {
      const rss = peakRssMb();
      const bomb = zeroBomb(1024);
      for (const size of [bomb.size, 1000]) {
        const res = await analyze(
          'bombe.zip',
          rezip(seeds.shapeZip, { 'plr.shp': { method: 8, ...bomb, size } }),
        );
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.message).toMatch(/ZIP-Bombe/);
      }
      expect(peakRssMb() - rss).toBeLessThan(150);
    },
  );

  it('refuses an archive with more entries than a dataset ever has', async () => {
    const tiny = deflatedEntry('x', new Uint8Array(0));
    const many = Array.from({ length: 1500 }, (_, i) => ({ ...tiny, name: `doku/${i}.txt` }));
    const zip = writeZip([
      ...Object.entries(unzipSync(seeds.shapeZip)).map(([name, data]) => deflatedEntry(name, data)),
      ...many,
    ]);
    const res = await analyze('viele.zip', zip);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/1505 Einträge; höchstens 1000/);
  });
});

describe('issue 8, item 9: NUL, UTF-16, deep nesting, corrupt files', () => {
  const csv = () => new TextDecoder().decode(seeds.csv);

  it('refuses a CSV with a NUL in the sample, naming line and position', async () => {
    const text = csv().replace('Stülerstraße', 'Stüler\u0000straße');
    const res = await analyze('nul.csv', new TextEncoder().encode(text));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^Zeile 2, Zeichen \d+: enthält ein NUL-Zeichen/);
  });

  it('refuses UTF-16 text without byte order mark and big-endian UTF-16', async () => {
    const le = Buffer.from(csv(), 'utf16le');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
    for (const bytes of [le, be]) {
      const res = await analyze('utf16.csv', bytes);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/UTF-16/);
    }
  });

  it('reports a NUL after the sample in the run (200, failed, line named) and stores nothing', async () => {
    // the analysis reads 256 KB; the NUL comes later, in an area code, which the error message quotes
    const filler = '\r\n'.repeat(300_000);
    const text = csv().trimEnd() + filler + '202012,"0110\u00000101",X,5,"01",1,a,1,b,1,1,c,d\r\n';
    const up = await analyze('spaet.csv', new TextEncoder().encode(text));
    expect(up.statusCode, up.body).toBe(200);
    const before = await counts();
    for (const dryRun of [true, false]) {
      const res = await api({
        method: 'POST',
        url: `/api/imports/${up.json().uploadId}/run`,
        payload: {
          kind: 'table',
          dryRun,
          systemId: 'lor2021',
          levelId: 'plr',
          mapping: SEED_TABLE_MAPPING,
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('failed');
      expect(res.json().errors[0]).toMatchObject({ file: 'spaet.csv', line: 300_005, column: 2 });
      expect(res.body).not.toMatch(/(^|[^\\])\\u0000/);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses GeoJSON nested 10,000 deep with line and column', async () => {
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}},"geometry":null}]}`;
    const res = await analyze('tief.geojson', new TextEncoder().encode(deep));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(
      /^Zeile 1, Spalte \d+: Das JSON ist tiefer als 64 Ebenen/,
    );
  });

  it('refuses a GeoJSON property holding NUL, naming feature and property', async () => {
    const text = new TextDecoder()
      .decode(seeds.geojson)
      .replace('"Karlshorst Süd"', '"Karlshorst\\u0000Süd"');
    const res = await analyze('nul.geojson', new TextEncoder().encode(text));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Attribut „PLR_NAME“ enthält ein NUL-Zeichen/);
  });

  it('refuses a corrupt GeoPackage with the reason', async () => {
    const bytes = seeds.gpkg.slice();
    bytes.fill(0xff, 4096, 3 * 4096); // the pages after the header: schema and first tables
    const res = await analyze('kaputt.gpkg', bytes);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/GeoPackage/);
  });

  it('refuses broken ZIP data with the reason', async () => {
    for (const bytes of [
      seeds.shapeZip.slice(0, seeds.shapeZip.length - 30),
      seeds.shapeZip.slice(0, 200),
    ]) {
      const res = await analyze('kaputt.zip', bytes);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/ZIP-Datei ist (unvollständig|beschädigt)/);
    }
  });
});
