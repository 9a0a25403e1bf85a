import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { ensureTenant } from '../ingest/index.ts';
import { analyzeUpload, runAreaImport, type AreaRunOptions } from './service.ts';
import type { Upload } from './uploads.ts';

const ORIGINAL = path.join(import.meta.dirname, '../../../../../demo-data/berlin/geo/original');
let db: Db;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction((tx) => ensureTenant(tx, 'leipzig', '14713000', 'Leipzig'));
  dir = await mkdtemp(path.join(tmpdir(), 'sz-areas-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function uploadOf(names: string[]): Promise<Upload> {
  const files = [];
  for (const n of names)
    files.push({ name: n, path: path.join(dir, n), bytes: (await stat(path.join(dir, n))).size });
  return { id: 'test', dir, files };
}

const SOURCE = {
  title: 'Lebensweltlich orientierte Räume 2021',
  publisher: 'Amt für Statistik Berlin-Brandenburg',
  licence: 'CC BY 3.0 DE',
  attribution: 'Amt für Statistik Berlin-Brandenburg',
};

const OPTS: AreaRunOptions = {
  dryRun: false,
  systemId: 'test2021',
  systemName: 'Test LOR',
  levelId: 'plr',
  levelNameDe: 'Planungsraum',
  codeProperty: 'PLR_ID',
  nameProperty: 'PLR_NAME',
  source: SOURCE,
};

const count = async () =>
  (
    await db.query<{ n: number }>("SELECT count(*)::int AS n FROM area WHERE tenant_id = 'leipzig'")
  )[0]!.n;

describe('area import', () => {
  it('asks for the source of a new area system, so every map can name it (issue 9 § 3)', async () => {
    await writeFile(
      path.join(dir, 'nosource.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: 'A', name: 'Alpha' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [13.3, 52.5],
                  [13.31, 52.5],
                  [13.31, 52.51],
                  [13.3, 52.51],
                  [13.3, 52.5],
                ],
              ],
            },
          },
        ],
      }),
    );
    const { source: _dropped, ...noSource } = OPTS;
    const r = await runAreaImport(db, 'leipzig', await uploadOf(['nosource.geojson']), {
      ...noSource,
      systemId: 'ohnequelle',
      codeProperty: 'id',
      nameProperty: 'name',
    });
    expect(r.status).toBe('failed');
    expect(r.errors[0]!.message).toContain('bitte die Quelle angeben');
    expect(await db.query(`SELECT 1 FROM area_system WHERE id = 'ohnequelle'`)).toEqual([]);
  });

  it('reads a shapefile set in EPSG:25833, reprojects it and creates the area system with 542 areas', async () => {
    const names = ['lor.shp', 'lor.shx', 'lor.dbf', 'lor.prj', 'lor.cpg'];
    for (const n of names)
      await copyFile(
        path.join(ORIGINAL, `lor_planungsraeume_2021_epsg25833${path.extname(n)}`),
        path.join(dir, n),
      );
    const upload = await uploadOf(names);
    const a = await analyzeUpload(db, 'leipzig', upload);
    expect(a).toMatchObject({ kind: 'areas', featureCount: 542 });
    if (a.kind === 'areas') {
      expect(a.crs).toMatch(/25833/);
      expect(a.suggestion.codeProperty).toBe('PLR_ID');
    }
    const r = await runAreaImport(db, 'leipzig', upload, OPTS);
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'succeeded', rowsRead: 542, rowsWritten: 542 });
    const [row] = await db.query<{ code: string; name: string; bbox: number[]; area_m2: number }>(
      "SELECT code, name, bbox, area_m2 FROM area WHERE tenant_id = 'leipzig' AND code = '01100101'",
    );
    expect(row?.name).toBe('Stülerstraße');
    // WGS84 after reprojection: Berlin lies near 13.3° E, 52.5° N
    expect(row?.bbox[0]).toBeCloseTo(13.339, 2);
    expect(row?.bbox[1]).toBeCloseTo(52.503, 2);
    // spherical area within 0.5 % of the published 366,933 m²
    expect(Math.abs(row!.area_m2 / 366933 - 1)).toBeLessThan(0.005);
  });

  it('importing the same files again changes nothing', async () => {
    const r = await runAreaImport(
      db,
      'leipzig',
      await uploadOf(['lor.shp', 'lor.shx', 'lor.dbf', 'lor.prj', 'lor.cpg']),
      OPTS,
    );
    expect(r).toMatchObject({ status: 'unchanged', rowsWritten: 0 });
    expect(await count()).toBe(542);
  });

  it('refuses GeoJSON with swapped latitude/longitude and explains why, changing nothing', async () => {
    const swapped = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'x1', name: 'X' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [52.5, 13.3],
                [52.5, 13.4],
                [52.6, 13.4],
                [52.5, 13.3],
              ],
            ],
          },
        },
      ],
    };
    await writeFile(path.join(dir, 'swapped.geojson'), JSON.stringify(swapped));
    const r = await runAreaImport(db, 'leipzig', await uploadOf(['swapped.geojson']), {
      ...OPTS,
      systemId: 'swapped',
      codeProperty: 'id',
      nameProperty: 'name',
    });
    expect(r.status).toBe('failed');
    expect(r.errors.map((e) => e.message).join(' ')).toMatch(/vertauscht/);
    expect(await count()).toBe(542);
  });

  it('refuses a self-intersecting polygon naming the feature', async () => {
    const bowtie = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'b1', name: 'Schleife' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [13.0, 52.0],
                [13.1, 52.1],
                [13.1, 52.0],
                [13.0, 52.1],
                [13.0, 52.0],
              ],
            ],
          },
        },
      ],
    };
    await writeFile(path.join(dir, 'bowtie.geojson'), JSON.stringify(bowtie));
    const r = await runAreaImport(db, 'leipzig', await uploadOf(['bowtie.geojson']), {
      ...OPTS,
      systemId: 'bowtie',
      codeProperty: 'id',
      nameProperty: 'name',
    });
    expect(r.status).toBe('failed');
    expect(r.errors[0]?.message).toMatch(/überschneid|schneidet/i);
    expect(await count()).toBe(542);
  });

  it('refuses a shapefile without .prj instead of guessing its coordinate system', async () => {
    const r = await runAreaImport(
      db,
      'leipzig',
      await uploadOf(['lor.shp', 'lor.shx', 'lor.dbf']),
      { ...OPTS, systemId: 'noprj' },
    );
    expect(r.status).toBe('failed');
    expect(r.errors.map((e) => e.message).join(' ')).toMatch(/\.prj|Koordinatensystem/);
    expect(await count()).toBe(542);
  });

  it('reports duplicate area codes with both features', async () => {
    const dup = {
      type: 'FeatureCollection',
      features: ['a', 'a'].map((id, i) => ({
        type: 'Feature',
        properties: { id, name: `F${i}` },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [13 + i * 0.1, 52],
              [13.05 + i * 0.1, 52],
              [13.05 + i * 0.1, 52.05],
              [13 + i * 0.1, 52],
            ],
          ],
        },
      })),
    };
    await writeFile(path.join(dir, 'dup.geojson'), JSON.stringify(dup));
    const r = await runAreaImport(db, 'leipzig', await uploadOf(['dup.geojson']), {
      ...OPTS,
      systemId: 'dup',
      codeProperty: 'id',
      nameProperty: 'name',
    });
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({ line: 2, column: 'id' });
    expect(r.errors[0]?.message).toMatch(/doppelt.*Objekt 1/);
  });

  it('refuses coordinates in metres declared as degrees (wrong CRS) and says which system they look like', async () => {
    const utm = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
      features: [
        {
          type: 'Feature',
          properties: { id: 'u1', name: 'Metrisch' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [389000, 5819000],
                [390000, 5819000],
                [390000, 5820000],
                [389000, 5819000],
              ],
            ],
          },
        },
      ],
    };
    await writeFile(path.join(dir, 'utm.geojson'), JSON.stringify(utm));
    const r = await runAreaImport(db, 'leipzig', await uploadOf(['utm.geojson']), {
      ...OPTS,
      systemId: 'utm',
      codeProperty: 'id',
      nameProperty: 'name',
    });
    expect(r.status).toBe('failed');
    expect(r.errors.map((e) => e.message).join(' ')).toMatch(/Meter|metr|Grad/i);
    expect(await count()).toBe(542);
  });
});
