// Reader tests on the real Berlin LOR 2021 shapefile (EPSG:25833) and conversions of it made with GDAL's
// ogr2ogr in a temporary folder. Reference: the WGS84 GeoJSON of the same 542 PLR (ogr2ogr, 7 decimals).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Position } from '@sozialraum/core';
import { ImportFileError } from '../errors.ts';
import { readGeometryFiles } from './read-geometry-files.ts';
import type { GeometryReadResult, InputFile, ReadGeometryOptions } from './types.ts';

const BERLIN = join(import.meta.dirname, '../../../../../../../demo-data/berlin/geo');
const ORIGINAL = join(BERLIN, 'original/lor_planungsraeume_2021_epsg25833');
const UTM33 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
// EPSG:31468 exactly as PROJ defines it (Helmert EPSG:1777), so GDAL and proj4js apply the same datum shift.
const GK4 =
  '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';
const GK4_ESRI_PRJ =
  'PROJCS["DHDN_3_Degree_Gauss_Zone_4",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",4500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",12.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

let dir = '';
const file = (path: string, name = path.replace(/^.*\//, '')): InputFile => ({
  name,
  bytes: new Uint8Array(readFileSync(path)),
});
const shapefileSet = (base: string, exts = ['shp', 'shx', 'dbf', 'prj', 'cpg']): InputFile[] =>
  exts.flatMap((e) => {
    try {
      return [file(`${base}.${e}`)];
    } catch {
      return [];
    }
  });
// GDAL makes the fixtures; CI installs it (.ci/run). Without it (a developer machine) those tests are
// skipped with a note, in CI they must run.
const HAS_GDAL = existsSync('/usr/bin/ogr2ogr');
if (!HAS_GDAL && process.env.CI)
  throw new Error('GDAL (/usr/bin/ogr2ogr) fehlt: in CI müssen die Reader-Tests mit GDAL laufen.');
if (!HAS_GDAL)
  console.warn(
    'GDAL fehlt: die Reader-Tests mit GDAL-Fixtures werden übersprungen (apt-get install gdal-bin).',
  );
const withGdal = test.skipIf(!HAS_GDAL);
const ogr2ogr = (...args: string[]): void => {
  if (!HAS_GDAL) return;
  execFileSync('/usr/bin/ogr2ogr', args, { stdio: 'pipe' });
};
const text = (name: string, s: string): InputFile => ({ name, bytes: new TextEncoder().encode(s) });

/** The issues of the ImportFileError a read throws. */
async function issuesOf(
  files: InputFile[],
  opts: ReadGeometryOptions = {},
): Promise<ImportFileError['issues']> {
  try {
    await readGeometryFiles(files, opts);
  } catch (err) {
    if (err instanceof ImportFileError) return err.issues;
    throw err;
  }
  throw new Error('expected an ImportFileError');
}

const reference = new Map<string, Position[][]>();

/** Largest coordinate difference (degrees) against the reference GeoJSON, matched by PLR_ID. */
function maxDeviation(read: GeometryReadResult): number {
  expect(read.features).toHaveLength(542);
  let worst = 0;
  for (const f of read.features) {
    const ref = reference.get(String(f.properties.PLR_ID));
    expect(ref, String(f.properties.PLR_ID)).toBeDefined();
    const rings = (f.geometry as { coordinates: Position[][] }).coordinates;
    expect(rings.map((r) => r.length)).toEqual(ref!.map((r) => r.length));
    rings.forEach((ring, r) =>
      ring.forEach((p, i) => {
        const q = ref![r]![i]!;
        worst = Math.max(worst, Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]));
      }),
    );
  }
  return worst;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sozialraum-geo-'));
  const fc = JSON.parse(readFileSync(join(BERLIN, 'lor_2021_planungsraeume.geojson'), 'utf8')) as {
    features: { properties: { PLR_ID: string }; geometry: { coordinates: Position[][] } }[];
  };
  for (const f of fc.features) reference.set(f.properties.PLR_ID, f.geometry.coordinates);
  ogr2ogr('-f', 'GPKG', join(dir, 'plr.gpkg'), `${ORIGINAL}.shp`);
  ogr2ogr(
    '-s_srs',
    UTM33,
    '-t_srs',
    GK4,
    join(dir, 'plr_gk4.shp'),
    `${ORIGINAL}.shp`,
    '-select',
    'PLR_ID,PLR_NAME',
  );
  writeFileSync(join(dir, 'plr_gk4.prj'), GK4_ESRI_PRJ);
  ogr2ogr(
    '-t_srs',
    'EPSG:3857',
    join(dir, 'plr_3857.shp'),
    `${ORIGINAL}.shp`,
    '-select',
    'PLR_ID,PLR_NAME',
  );
  ogr2ogr(
    '-t_srs',
    'EPSG:4326',
    join(dir, 'plr_wgs84.shp'),
    `${ORIGINAL}.shp`,
    '-select',
    'PLR_ID,PLR_NAME',
  );
  ogr2ogr(
    '-lco',
    'ENCODING=CP1252',
    join(dir, 'plr_cp1252.shp'),
    `${ORIGINAL}.shp`,
    '-select',
    'PLR_ID,PLR_NAME',
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reading the Berlin Planungsräume in several formats and CRS', { timeout: 30_000 }, () => {
  test('the original shapefile (EPSG:25833) matches the WGS84 GeoJSON within 1e-6° for all 542 PLR', async () => {
    const read = await readGeometryFiles(shapefileSet(ORIGINAL), { expect: 'polygon' });
    expect(read.sourceCrs).toBe('EPSG:25833');
    expect(read.format).toBe('Shapefile');
    expect(read.warnings).toEqual([]);
    expect(maxDeviation(read)).toBeLessThan(1e-6);
    const karlshorst = read.features.find((f) => f.properties.PLR_ID === '11501341')!;
    expect(karlshorst.properties).toMatchObject({
      PLR_NAME: 'Karlshorst Süd',
      BEZ: '11',
      GROESSE_M2: 2294021.723,
    });
  });

  test('the same shapefile zipped gives the same result', async () => {
    const zip = zipSync(
      Object.fromEntries(shapefileSet(ORIGINAL).map((f) => [`LOR/${f.name}`, f.bytes])),
    );
    const read = await readGeometryFiles([{ name: 'lor.zip', bytes: zip }], {
      expect: 'polygon',
      idProperty: 'PLR_ID',
    });
    expect(maxDeviation(read)).toBeLessThan(1e-6);
  });

  withGdal('a GeoPackage converted by GDAL matches too, without GDAL’s fid column', async () => {
    const read = await readGeometryFiles([file(join(dir, 'plr.gpkg'))], { expect: 'polygon' });
    expect(read).toMatchObject({ sourceCrs: 'EPSG:25833', format: 'GeoPackage' });
    expect(Object.keys(read.features[0]!.properties)).toEqual([
      'PLR_ID',
      'PLR_NAME',
      'BEZ',
      'STAND',
      'GROESSE_M2',
    ]);
    expect(maxDeviation(read)).toBeLessThan(1e-6);
  });

  withGdal(
    'a Gauß-Krüger zone 4 (EPSG:31468) shapefile with an ESRI .prj matches too',
    async () => {
      const read = await readGeometryFiles(shapefileSet(join(dir, 'plr_gk4')), {
        expect: 'polygon',
      });
      expect(read.sourceCrs).toBe('EPSG:31468');
      expect(maxDeviation(read)).toBeLessThan(1e-6);
    },
  );

  withGdal('a Web-Mercator (EPSG:3857) shapefile written by GDAL matches too', async () => {
    const read = await readGeometryFiles(shapefileSet(join(dir, 'plr_3857')), {
      expect: 'polygon',
    });
    expect(read.sourceCrs).toBe('EPSG:3857');
    expect(maxDeviation(read)).toBeLessThan(1e-6);
  });

  test('the WGS84 GeoJSON itself reads back unchanged', async () => {
    const read = await readGeometryFiles([file(join(BERLIN, 'lor_2021_planungsraeume.geojson'))], {
      expect: 'polygon',
    });
    expect(read).toMatchObject({ sourceCrs: 'EPSG:4326', format: 'GeoJSON', warnings: [] });
    expect(maxDeviation(read)).toBe(0);
  });

  withGdal(
    'reads Windows-1252 attributes from the .cpg, from the LDID byte, and by guessing when both are missing',
    async () => {
      const base = join(dir, 'plr_cp1252');
      const name = (r: GeometryReadResult): unknown =>
        r.features.find((f) => f.properties.PLR_ID === '11501341')!.properties.PLR_NAME;
      expect(name(await readGeometryFiles(shapefileSet(base), { expect: 'polygon' }))).toBe(
        'Karlshorst Süd',
      );
      const noCpg = shapefileSet(base, ['shp', 'dbf', 'prj']);
      const dbf = noCpg.find((f) => f.name.endsWith('.dbf'))!;
      const guessed = await readGeometryFiles(noCpg, { expect: 'polygon' });
      expect(name(guessed)).toBe('Karlshorst Süd');
      expect(guessed.warnings.join(' ')).toContain('als Windows-1252 gelesen');
      const withLdid = dbf.bytes.slice();
      withLdid[29] = 0x57; // language driver "ANSI" (Windows-1252)
      const byLdid = await readGeometryFiles(
        noCpg.map((f) => (f === dbf ? { ...f, bytes: withLdid } : f)),
        { expect: 'polygon' },
      );
      expect(name(byLdid)).toBe('Karlshorst Süd');
      expect(byLdid.warnings).toEqual([]);
    },
  );
});

describe('refusing broken files with a precise German message', { timeout: 30_000 }, () => {
  test('refuses a GeoJSON with latitude and longitude swapped', async () => {
    const swapped = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'a' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [52.5, 13.4],
                [52.5, 13.5],
                [52.6, 13.5],
                [52.5, 13.4],
              ],
            ],
          },
        },
      ],
    };
    const issues = await issuesOf([text('swapped.geojson', JSON.stringify(swapped))], {
      expect: 'polygon',
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.file).toBe('swapped.geojson');
    expect(issues[0]!.message).toMatch(
      /^Die Koordinaten scheinen Breite\/Länge vertauscht zu haben: x liegt zwischen 52,5 und 52,6, y zwischen 13,4 und 13,5\./,
    );
  });

  test('refuses a shapefile in metres without .prj, names the likely CRS, and reads it when the CRS is given', async () => {
    const noPrj = shapefileSet(ORIGINAL, ['shp', 'shx', 'dbf', 'cpg']);
    const issues = await issuesOf(noPrj, { expect: 'polygon' });
    expect(issues).toEqual([
      {
        file: 'lor_planungsraeume_2021_epsg25833.shp',
        message:
          'Zu lor_planungsraeume_2021_epsg25833.shp fehlt die .prj-Datei, daher ist das Koordinatensystem unbekannt. Die Werte passen zu ETRS89/UTM (EPSG:25832 für Zone 32 oder EPSG:25833 für Zone 33). Bitte die .prj-Datei mit hochladen oder das Koordinatensystem angeben (z. B. EPSG:25833); wir raten es nicht.',
      },
    ]);
    const read = await readGeometryFiles(noPrj, { expect: 'polygon', crs: 'EPSG:25833' });
    expect(maxDeviation(read)).toBeLessThan(1e-6);
  });

  withGdal(
    'accepts a lon/lat shapefile without .prj with a warning, since degrees inside Germany are unambiguous',
    async () => {
      const read = await readGeometryFiles(
        shapefileSet(join(dir, 'plr_wgs84'), ['shp', 'dbf', 'cpg']),
        { expect: 'polygon' },
      );
      expect(read.sourceCrs).toBe('EPSG:4326');
      expect(read.warnings).toEqual([
        'Zu plr_wgs84.shp fehlt die .prj-Datei; die Koordinaten sind eindeutig Längen-/Breitengrade in Deutschland und wurden als WGS84 (EPSG:4326) gelesen.',
      ]);
      expect(maxDeviation(read)).toBeLessThan(1e-6);
    },
  );

  test('refuses a self-intersecting (bow-tie) polygon and names the feature', async () => {
    const bowTie = {
      type: 'Feature',
      properties: { PLR_ID: '01100101' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [13.4, 52.5],
            [13.5, 52.6],
            [13.5, 52.5],
            [13.4, 52.6],
            [13.4, 52.5],
          ],
        ],
      },
    };
    const issues = await issuesOf(
      [
        text(
          'bowtie.geojson',
          JSON.stringify({ type: 'FeatureCollection', features: [bowTie] }, null, 1),
        ),
      ],
      { expect: 'polygon', idProperty: 'PLR_ID' },
    );
    expect(issues).toEqual([
      {
        file: 'bowtie.geojson',
        line: 5,
        message:
          'Objekt 1 (PLR_ID 01100101), Ring 1: Ring schneidet sich selbst bei (13.45, 52.55) (Kante 1 und Kante 3).',
      },
    ]);
  });

  test('refuses an empty file', async () => {
    expect(await issuesOf([{ name: 'leer.geojson', bytes: new Uint8Array() }])).toEqual([
      { file: 'leer.geojson', message: 'Die Datei ist leer (0 Bytes).' },
    ]);
    expect(
      await issuesOf([text('leer.geojson', '{"type":"FeatureCollection","features":[]}')]),
    ).toEqual([{ file: 'leer.geojson', message: 'Die Datei enthält keine Objekte (Features).' }]);
  });

  test('reports invalid JSON with line and column', async () => {
    const broken =
      '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature" "properties": {}}\n  ]\n}\n';
    const issues = await issuesOf([text('kaputt.geojson', broken)]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'kaputt.geojson', line: 4, column: 24 }); // the unexpected "properties" after the missing comma
    expect(issues[0]!.message).toBe(
      'Zeile 4, Spalte 24: Ungültiges JSON: nach einem Wert fehlt ein Komma oder eine schließende Klammer }.',
    );
    const truncated = await issuesOf([
      text('halb.geojson', '{"type": "FeatureCollection",\n"features": ['),
    ]);
    expect(truncated[0]).toMatchObject({
      line: 2,
      column: 14,
      message:
        'Zeile 2, Spalte 14: Die Datei endet mitten im JSON (abgeschnitten oder eine Klammer fehlt).',
    });
  });

  test('refuses a zip without a .shp and lists what it holds', async () => {
    const zip = zipSync({
      'lor.dbf': new Uint8Array([1, 2, 3]),
      'lor.prj': new TextEncoder().encode('PROJCS[]'),
    });
    expect(await issuesOf([{ name: 'lor.zip', bytes: zip }])).toEqual([
      {
        file: 'lor.zip',
        message:
          'Die ZIP-Datei enthält keine .shp-Datei (und kein GeoPackage oder GeoJSON); gefunden: lor.dbf, lor.prj.',
      },
    ]);
  });

  test('refuses points where areas are expected, with the line of the feature', async () => {
    const points =
      '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [13.4, 52.5]}}\n]}';
    expect(await issuesOf([text('punkte.geojson', points)], { expect: 'polygon' })).toEqual([
      {
        file: 'punkte.geojson',
        line: 2,
        message:
          'Objekt 1: Geometrietyp Point. Diese Datei enthält Punkte (Standorte), keine Gebietsflächen – importieren Sie sie unter Standorte.',
      },
    ]);
    const read = await readGeometryFiles([text('punkte.geojson', points)], { expect: 'point' });
    expect(read.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [13.4, 52.5] });
  });

  test('keeps a Feature\'s own id member as property "id" without overwriting an existing one', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: '01100101',
          properties: { name: 'A' },
          geometry: { type: 'Point', coordinates: [13.4, 52.5] },
        },
        {
          type: 'Feature',
          id: 7,
          properties: { id: 'x' },
          geometry: { type: 'Point', coordinates: [13.4, 52.5] },
        },
      ],
    };
    const read = await readGeometryFiles([text('ids.geojson', JSON.stringify(fc))], {
      expect: 'point',
    });
    expect(read.features.map((f) => f.properties)).toEqual([
      { name: 'A', id: '01100101' },
      { id: 'x' },
    ]);
  });

  test('refuses a GeoJSON in metres without a crs member, and reads it with an EPSG:25833 crs member', async () => {
    const square = (crs?: string): string =>
      JSON.stringify({
        type: 'FeatureCollection',
        ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [392000, 5820000],
                  [392100, 5820000],
                  [392100, 5820100],
                  [392000, 5820000],
                ],
              ],
            },
          },
        ],
      });
    const issues = await issuesOf([text('m.geojson', square())], { expect: 'polygon' });
    expect(issues[0]!.message).toContain('Die Koordinaten sind keine Längen-/Breitengrade');
    const read = await readGeometryFiles(
      [text('m.geojson', square('urn:ogc:def:crs:EPSG::25833'))],
      { expect: 'polygon' },
    );
    expect(read.sourceCrs).toBe('EPSG:25833');
    const first = (read.features[0]!.geometry as { coordinates: Position[][] }).coordinates[0]![0]!;
    expect(first[0]).toBeCloseTo(13.40827544, 8);
  });

  withGdal('refuses a .prj that declares metres when the coordinates are degrees', async () => {
    const files = shapefileSet(join(dir, 'plr_wgs84'), ['shp', 'dbf']).concat([
      { name: 'plr_wgs84.prj', bytes: readFileSync(`${ORIGINAL}.prj`) },
    ]);
    const issues = await issuesOf(files, { expect: 'polygon' });
    expect(issues[0]!.message).toMatch(
      /^Die Datei ist als EPSG:25833 \(ETRS89 \/ UTM zone 33N, Meter\) deklariert, die Koordinaten sehen aber wie Grad aus/,
    );
  });

  withGdal('refuses a GeoPackage with several layers unless one is chosen', async () => {
    const two = join(dir, 'two.gpkg');
    ogr2ogr('-f', 'GPKG', two, `${ORIGINAL}.shp`, '-nln', 'plr');
    ogr2ogr('-update', '-f', 'GPKG', two, join(dir, 'plr_wgs84.shp'), '-nln', 'plr_wgs84');
    expect((await issuesOf([file(two)]))[0]!.message).toBe(
      'Das GeoPackage enthält 2 Ebenen (plr, plr_wgs84); bitte eine auswählen.',
    );
    const read = await readGeometryFiles([file(two)], { layer: 'plr_wgs84', expect: 'polygon' });
    expect(read.sourceCrs).toBe('EPSG:4326');
    expect(maxDeviation(read)).toBeLessThan(1e-6);
    unlinkSync(two);
  });
});
