// Valid seed files for the import fuzz suite, built from the real Berlin demo data in the
// repository (demo-data/berlin, see demo-data/README.md for source and licence): a CSV and an XLSX
// of the MSS 2021 indices for the four Planungsräume of the test fixture (so an unbroken file
// imports), and three LOR 2021 Planungsräume as GeoJSON, zipped Shapefile and GeoPackage. The
// fuzz suite mutates these rather than random noise, so the parsers are driven deep.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import initSqlJs from 'sql.js';
import { deflatedEntry, writeZip } from './zip-writer.ts';

const DEMO = new URL('../../../../../../demo-data/berlin/', import.meta.url);
/** The Planungsräume of the test fixture (testing/fixtures.ts). */
const FIXTURE_CODES = new Set(['01100101', '01100102', '02100101', '02100102']);

export interface Seeds {
  csv: Uint8Array;
  xlsx: Uint8Array;
  geojson: Uint8Array;
  shapeZip: Uint8Array;
  gpkg: Uint8Array;
}

type Ring = [number, number][];
interface PlrFeature {
  properties: { PLR_ID: string; PLR_NAME: string; BEZ: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] };
}

/** Lines of the MSS 2021 index table for the fixture's areas (header first). */
function mssLines(): string[] {
  const text = readFileSync(new URL('mss/mss2021_indices_plr542.csv', DEMO), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  return [
    lines[0]!,
    ...lines.slice(1).filter((l) => FIXTURE_CODES.has(l.split(',')[1]!.replace(/"/g, ''))),
  ];
}

async function xlsxOf(lines: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('MSS 2021');
  lines.forEach((line, i) => {
    // a planner's sheet: codes as text, counts as numbers, the Stichtag as a date cell
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    ws.addRow(
      cells.map((c, j) =>
        i > 0 && j === 0 ? new Date(Date.UTC(2020, 11, 31)) : i > 0 && j === 3 ? Number(c) : c,
      ),
    );
  });
  ws.getColumn(1).numFmt = 'dd.mm.yyyy';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The first three LOR 2021 Planungsräume (WGS84, ~20 KB). */
function plrFeatures(): PlrFeature[] {
  const all = JSON.parse(
    readFileSync(new URL('geo/lor_2021_planungsraeume.geojson', DEMO), 'utf8'),
  ) as { features: PlrFeature[] };
  return all.features.slice(0, 3).map((f) => ({
    properties: {
      PLR_ID: f.properties.PLR_ID,
      PLR_NAME: f.properties.PLR_NAME,
      BEZ: f.properties.BEZ,
    },
    geometry: f.geometry,
  }));
}

const WGS84_WKT =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const signedArea = (r: Ring): number => {
  let a = 0;
  for (let i = 0; i + 1 < r.length; i++) a += r[i]![0] * r[i + 1]![1] - r[i + 1]![0] * r[i]![1];
  return a / 2;
};

/** .shp + .shx for polygons (ESRI Shapefile Technical Description 1998: outer rings clockwise). */
function shpOf(features: PlrFeature[]): { shp: Buffer; shx: Buffer } {
  const records = features.map((f, n) => {
    const rings = f.geometry.coordinates.map((r, i) =>
      (i === 0) === signedArea(r) > 0 ? [...r].reverse() : r,
    );
    const points = rings.flat();
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const content = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    content.writeInt32LE(5, 0);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
      content.writeDoubleLE(v, 4 + 8 * i),
    );
    content.writeInt32LE(rings.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((r, i) => {
      content.writeInt32LE(start, 44 + 4 * i);
      start += r.length;
    });
    points.forEach((p, i) => {
      content.writeDoubleLE(p[0], 44 + 4 * rings.length + 16 * i);
      content.writeDoubleLE(p[1], 52 + 4 * rings.length + 16 * i);
    });
    const head = Buffer.alloc(8);
    head.writeInt32BE(n + 1, 0);
    head.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([head, content]);
  });
  const header = (bytes: number): Buffer => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(bytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    return h;
  };
  const shpBody = Buffer.concat(records);
  const index = Buffer.alloc(8 * records.length);
  let offset = 100;
  records.forEach((r, i) => {
    index.writeInt32BE(offset / 2, 8 * i);
    index.writeInt32BE((r.length - 8) / 2, 8 * i + 4);
    offset += r.length;
  });
  return {
    shp: Buffer.concat([header(100 + shpBody.length), shpBody]),
    shx: Buffer.concat([header(100 + index.length), index]),
  };
}

/** dBASE III table with PLR_ID, PLR_NAME, BEZ as character fields (UTF-8, see the .cpg). */
function dbfOf(features: PlrFeature[]): Buffer {
  const fields: [keyof PlrFeature['properties'], number][] = [
    ['PLR_ID', 8],
    ['PLR_NAME', 60],
    ['BEZ', 2],
  ];
  const recordLength = 1 + fields.reduce((s, [, w]) => s + w, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const head = Buffer.alloc(headerLength);
  head.writeUInt8(3, 0);
  head.writeUInt8(126, 1);
  head.writeUInt8(1, 2);
  head.writeUInt8(1, 3);
  head.writeUInt32LE(features.length, 4);
  head.writeUInt16LE(headerLength, 8);
  head.writeUInt16LE(recordLength, 10);
  fields.forEach(([name, width], i) => {
    head.write(name, 32 + 32 * i, 'latin1');
    head.write('C', 32 + 32 * i + 11, 'latin1');
    head.writeUInt8(width, 32 + 32 * i + 16);
  });
  head.writeUInt8(0x0d, headerLength - 1);
  const rows = features.map((f) => {
    const row = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    for (const [name, width] of fields) {
      Buffer.from(f.properties[name], 'utf8').copy(row, at, 0, width);
      at += width;
    }
    return row;
  });
  return Buffer.concat([head, ...rows, Buffer.from([0x1a])]);
}

/** GeoPackage geometry blob (OGC 12-128r18 §2.1.3): 'GP', version, flags (LE, no envelope), srs, WKB. */
function gpkgBlob(g: PlrFeature['geometry']): Uint8Array {
  const points = g.coordinates.reduce((s, r) => s + r.length, 0);
  const b = Buffer.alloc(8 + 9 + 4 * g.coordinates.length + 16 * points);
  b.write('GP', 0, 'latin1');
  b.writeUInt8(0, 2);
  b.writeUInt8(1, 3);
  b.writeInt32LE(4326, 4);
  b.writeUInt8(1, 8);
  b.writeUInt32LE(3, 9);
  b.writeUInt32LE(g.coordinates.length, 13);
  let at = 17;
  for (const ring of g.coordinates) {
    b.writeUInt32LE(ring.length, at);
    at += 4;
    for (const [x, y] of ring) {
      b.writeDoubleLE(x, at);
      b.writeDoubleLE(y, at + 8);
      at += 16;
    }
  }
  return new Uint8Array(b);
}

async function gpkgOf(features: PlrFeature[]): Promise<Uint8Array> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
  const SQL = await initSqlJs({ wasmBinary: new Uint8Array(wasm).buffer });
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
      organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
      description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,
      description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE,
      max_y DOUBLE, srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
      geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
    CREATE TABLE plr (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, PLR_ID TEXT, PLR_NAME TEXT, BEZ TEXT);
    INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('plr', 'features', 'plr', 4326);
    INSERT INTO gpkg_geometry_columns VALUES ('plr', 'geom', 'POLYGON', 4326, 0, 0);
  `);
  db.run('INSERT INTO gpkg_spatial_ref_sys VALUES (?, 4326, ?, 4326, ?, NULL)', [
    'WGS 84',
    'EPSG',
    WGS84_WKT,
  ]);
  for (const f of features)
    db.run('INSERT INTO plr (geom, PLR_ID, PLR_NAME, BEZ) VALUES (?, ?, ?, ?)', [
      gpkgBlob(f.geometry),
      f.properties.PLR_ID,
      f.properties.PLR_NAME,
      f.properties.BEZ,
    ]);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Builds the five seed files. */
export async function buildSeeds(): Promise<Seeds> {
  const lines = mssLines();
  const features = plrFeatures();
  const enc = new TextEncoder();
  const { shp, shx } = shpOf(features);
  const shapeZip = writeZip([
    deflatedEntry('plr.shp', shp),
    deflatedEntry('plr.shx', shx),
    deflatedEntry('plr.dbf', dbfOf(features)),
    deflatedEntry('plr.prj', enc.encode(WGS84_WKT)),
    deflatedEntry('plr.cpg', enc.encode('UTF-8')),
  ]);
  const geojson = enc.encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({ type: 'Feature', ...f })),
    }),
  );
  return {
    csv: enc.encode(lines.join('\r\n') + '\r\n'),
    xlsx: await xlsxOf(lines),
    geojson,
    shapeZip,
    gpkg: await gpkgOf(features),
  };
}

/** The mapping that imports the seed table into the fixture (EW = residents). */
export const SEED_TABLE_MAPPING = {
  layout: 'wide',
  areaColumn: 'PLR_ID',
  areaKey: 'code',
  date: { column: 'ZEIT' },
  indicators: [{ column: 'EW', indicatorId: 'ewr_total' }],
} as const;
