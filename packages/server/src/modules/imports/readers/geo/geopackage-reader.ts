// GeoPackage (OGC 12-128r18, version 1.3): an SQLite file read in memory with sql.js (SQLite compiled to WASM).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crsFromPrj, SUPPORTED_CRS } from '@sozialraum/core';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { ImportFileError } from '../errors.ts';
import { finalizeFeatures, parseCrsOption } from './finalize.ts';
import type { GeoFeature, GeometryReadResult, InputFile, ReadGeometryOptions } from './types.ts';
import { parseGeoPackageGeometry } from './wkb.ts';

let sqlPromise: Promise<SqlJsStatic> | undefined;
function loadSql(): Promise<SqlJsStatic> {
  if (!sqlPromise) {
    const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    const wasm = readFileSync(wasmPath);
    sqlPromise = initSqlJs({
      wasmBinary: wasm.buffer.slice(
        wasm.byteOffset,
        wasm.byteOffset + wasm.byteLength,
      ) as ArrayBuffer,
    });
  }
  return sqlPromise;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
/** True if the bytes start with the SQLite 3 file header. */
export function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 16; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

function query(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: Record<string, SqlValue>[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject());
    return rows;
  } finally {
    stmt.free();
  }
}

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Reads the feature layer of a GeoPackage (the only one, or `opts.layer`) into WGS84 features. */
export async function readGeoPackage(
  file: InputFile,
  opts: ReadGeometryOptions = {},
): Promise<GeometryReadResult> {
  if (file.bytes.length === 0)
    throw new ImportFileError([{ file: file.name, message: 'Die Datei ist leer (0 Bytes).' }]);
  if (!isSqlite(file.bytes))
    throw new ImportFileError([
      {
        file: file.name,
        message: 'Die Datei ist keine GeoPackage-Datei (keine SQLite-3-Kennung am Dateianfang).',
      },
    ]);
  const SQL = await loadSql();
  let db: Database;
  try {
    db = new SQL.Database(file.bytes);
  } catch (err) {
    throw new ImportFileError([
      {
        file: file.name,
        message: `Die GeoPackage-Datei lässt sich nicht öffnen: ${(err as Error).message}`,
      },
    ]);
  }
  try {
    return readLayer(db, file, opts);
  } catch (err) {
    // SQLite reports a damaged file only when a query touches the broken page ("database disk
    // image is malformed"), anywhere below; that is the file's fault, so a 400 with the reason.
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError([
      {
        file: file.name,
        message: `Die GeoPackage-Datei ist beschädigt oder nicht lesbar: ${(err as Error).message}`,
      },
    ]);
  } finally {
    db.close();
  }
}

const refuse = (file: InputFile, message: string): ImportFileError =>
  new ImportFileError([{ file: file.name, message }]);

/** The feature layer to read: the only one, or the one the user chose. */
function chooseLayer(db: Database, file: InputFile, opts: ReadGeometryOptions): string {
  let layers: Record<string, SqlValue>[];
  try {
    layers = query(
      db,
      "SELECT table_name, srs_id FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name",
    );
  } catch {
    throw refuse(file, 'Die SQLite-Datei ist kein GeoPackage: die Tabelle gpkg_contents fehlt.');
  }
  const names = layers.map((l) => String(l.table_name));
  if (names.length === 0)
    throw refuse(
      file,
      'Das GeoPackage enthält keine Vektorebene (gpkg_contents ohne data_type = features).',
    );
  if (opts.layer !== undefined) {
    if (!names.includes(opts.layer))
      throw refuse(
        file,
        `Ebene „${opts.layer}“ gibt es im GeoPackage nicht; vorhanden: ${names.join(', ')}.`,
      );
    return opts.layer;
  }
  if (names.length > 1)
    throw refuse(
      file,
      `Das GeoPackage enthält ${names.length} Ebenen (${names.join(', ')}); bitte eine auswählen.`,
    );
  return names[0]!;
}

/** EPSG code of the layer's spatial reference system, or of the user's explicit choice. */
function layerEpsg(
  db: Database,
  file: InputFile,
  opts: ReadGeometryOptions,
  layer: string,
  srsId: number,
  warnings: string[],
): number {
  let epsg: number | undefined;
  const srs = query(
    db,
    'SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    [srsId],
  )[0];
  if (
    srs &&
    String(srs.organization).toUpperCase() === 'EPSG' &&
    SUPPORTED_CRS.has(Number(srs.organization_coordsys_id))
  ) {
    epsg = Number(srs.organization_coordsys_id);
  } else if (
    srs &&
    typeof srs.definition === 'string' &&
    srs.definition !== 'undefined' &&
    srsId > 0
  ) {
    const r = crsFromPrj(srs.definition);
    if (!r.ok) throw refuse(file, r.message);
    epsg = r.epsg;
  }
  if (opts.crs !== undefined) {
    const given = parseCrsOption(opts.crs, file.name);
    if (epsg !== undefined && given !== epsg)
      warnings.push(
        `Das GeoPackage gibt EPSG:${epsg} an; verwendet wird das ausdrücklich angegebene EPSG:${given}.`,
      );
    epsg = given;
  }
  // srs_id 0 / −1 = "undefined geographic / cartesian" (GeoPackage 1.3, Requirement 11).
  if (epsg === undefined)
    throw refuse(
      file,
      `Ebene „${layer}“ hat kein bekanntes Koordinatensystem (srs_id ${srsId}); bitte das Koordinatensystem angeben (z. B. EPSG:25833).`,
    );
  return epsg;
}

/** The rows of the layer as features (geometry parsed from GeoPackage WKB, properties as stored). */
function readFeatures(db: Database, file: InputFile, layer: string, column: string): GeoFeature[] {
  const info = query(db, `PRAGMA table_info(${quoteIdent(layer)})`);
  // The integer primary key GDAL adds ("fid") is storage, not data.
  const skip = new Set(
    info
      .filter((c) => Number(c.pk) > 0 && /^(fid|ogc_fid)$/i.test(String(c.name)))
      .map((c) => String(c.name)),
  );
  skip.add(column);
  const rows = query(db, `SELECT * FROM ${quoteIdent(layer)}`);
  const features: GeoFeature[] = [];
  const issues: { file: string; line: number; message: string }[] = [];
  rows.forEach((row, i) => {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!skip.has(k)) properties[k] = v;
    const blob = row[column];
    let geometry = null;
    if (blob instanceof Uint8Array) {
      try {
        geometry = parseGeoPackageGeometry(blob).geometry;
      } catch (err) {
        if (issues.length < 50)
          issues.push({
            file: file.name,
            line: i + 1,
            message: `Datensatz ${i + 1}: Geometrie nicht lesbar: ${(err as Error).message}`,
          });
      }
    }
    features.push({ properties, geometry });
  });
  if (issues.length) throw new ImportFileError(issues);
  return features;
}

function readLayer(db: Database, file: InputFile, opts: ReadGeometryOptions): GeometryReadResult {
  const layer = chooseLayer(db, file, opts);
  const geomCol = query(
    db,
    'SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?',
    [layer],
  )[0];
  if (!geomCol) throw refuse(file, `Ebene „${layer}“ hat keinen Eintrag in gpkg_geometry_columns.`);
  const column = String(geomCol.column_name);
  const warnings: string[] = [];
  const epsg = layerEpsg(db, file, opts, layer, Number(geomCol.srs_id), warnings);
  const features = readFeatures(db, file, layer, column);
  return finalizeFeatures(file.name, 'GeoPackage', features, epsg, opts, warnings, (i) => i + 1);
}
