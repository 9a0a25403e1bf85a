// A GIS user's client: GDAL's OAPIF driver reads the areas over OGC API – Features.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, test } from 'vitest';
import { OGR2OGR_PATH, OGRINFO_PATH, getJson } from './tools.ts';

const run = promisify(execFile);
const baseUrl = inject('e2eBaseUrl');
const enabled = inject('e2eHasGdal') && baseUrl !== '';

describe.skipIf(!enabled)('OGC API – Features with GDAL', () => {
  test('a GIS user reads the areas with GDAL', async () => {
    const { collections } = await getJson<{ collections: { id: string }[] }>(
      baseUrl,
      '/ogc/collections',
    );
    expect(collections.map((c) => c.id)).toEqual(
      expect.arrayContaining(['lor2021-plr', 'lor2021-bez', 'lor2006-plr']),
    );

    // ogrinfo pages through all items (limit 10 by default) to count them
    const info = await run(OGRINFO_PATH, ['-ro', '-so', `OAPIF:${baseUrl}/ogc`, 'lor2021-plr'], {
      timeout: 60_000,
    });
    expect(info.stdout).toMatch(/Feature Count: 542\b/);
    expect(info.stdout).toMatch(/Geometry: (Multi )?Polygon/i);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-ogr-'));
    try {
      const out = path.join(dir, 'bezirke.geojson');
      await run(OGR2OGR_PATH, ['-f', 'GeoJSON', out, `OAPIF:${baseUrl}/ogc`, 'lor2021-bez'], {
        timeout: 60_000,
      });
      const fc = JSON.parse(await readFile(out, 'utf8')) as {
        features: { properties: Record<string, unknown> }[];
      };
      expect(fc.features).toHaveLength(12);
      const names = fc.features.map((f) => f.properties.name).sort();
      expect(names).toContain('Tempelhof-Schöneberg'); // UTF-8 umlauts survive the round trip
      expect(fc.features.map((f) => f.properties.code).sort()).toEqual([
        '01',
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '10',
        '11',
        '12',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
