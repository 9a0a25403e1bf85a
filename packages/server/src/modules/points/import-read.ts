// Reading a point upload (Standorte, issue 9 § 4): GeoJSON, Shapefile, GeoPackage through the area
// import's geometry readers (expect 'point'), or CSV with coordinate columns — WGS84 lat/lon or
// ETRS89/UTM (EPSG:25832/25833) Rechtswert/Hochwert, German decimal commas. Every bad cell is reported
// with file, line and column; nothing is guessed silently.
import { readFile } from 'node:fs/promises';
import {
  parseLocaleNumber,
  readCsvBytes,
  reprojectGeometry,
  GERMANY_BBOX,
  type CsvDialect,
  type NumberFormat,
} from '@sozialraum/core';
import {
  ImportFileError,
  type ImportFileIssue,
  readGeometryFiles,
  type Upload,
} from '../imports/index.ts';

/** One point as read, in WGS84. `ref` names it in messages: line (CSV) or object number (geo files). */
export interface ReadPoint {
  ref: string;
  line?: number;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
}

export type PointCrs = 4326 | 25832 | 25833;

/** Coordinate columns of a CSV and their reference system. */
export interface CoordinateColumns {
  x: string;
  y: string;
  crs: PointCrs;
}

export interface PointFile {
  file: string;
  format: 'CSV' | 'GeoJSON' | 'Shapefile' | 'GeoPackage';
  /** Attribute names (CSV: header), in file order. */
  columns: string[];
  points: ReadPoint[];
  warnings: string[];
  /** CSV only: the coordinate columns used, and how they were found. */
  coordinates?: CoordinateColumns & { reason: string };
  dialect?: Pick<CsvDialect, 'delimiter' | 'decimal' | 'thousands'>;
}

const CSV_EXT = /\.(csv|txt|tsv)$/i;
const MAX_ISSUES = 50;

const squeeze = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/[^a-z0-9]/g, '');
const LAT = /^(lat|latitude|breite|breitengrad|geolat|ywgs84|wgs84lat|wgs84y)$/;
const LON = /^(lon|lng|long|longitude|laenge|laengengrad|geolon|geolng|xwgs84|wgs84lon|wgs84x)$/;
const EAST = /^(x|rechtswert|rw|ostwert|easting|utmx|utme|xkoord|xkoordinate|koordx|xutm|xetrs89)$/;
const NORTH =
  /^(y|hochwert|hw|nordwert|northing|utmy|utmn|ykoord|ykoordinate|koordy|yutm|yetrs89)$/;
const NAME = /^(name|bezeichnung|einrichtung|titel|name1|standort|kitaname|schulname|label)$/;
const ID = /^(id|nr|nummer|kennung|kitanr|schulnr|objektid|fid|einrichtungsnr|bsn)$/;

/** The column whose squeezed header matches, or undefined. */
function columnLike(columns: readonly string[], re: RegExp): string | undefined {
  return columns.find((c) => re.test(squeeze(c)));
}

/** Suggests name and id columns (for every format). */
export function suggestNameAndId(columns: readonly string[]): {
  nameColumn: string | null;
  idColumn: string | null;
} {
  return {
    nameColumn:
      columnLike(columns, NAME) ?? columns.find((c) => /name|bezeichnung/i.test(c)) ?? null,
    idColumn: columnLike(columns, ID) ?? null,
  };
}

/** Parses a coordinate or number cell in the file's number format; also accepts the other decimal mark. */
export function parseCoordinate(text: string, format: NumberFormat): number | null {
  const t = text.trim();
  if (t === '') return null;
  for (const f of [format, { decimal: ',', thousands: null }, { decimal: '.', thousands: null }]) {
    const r = parseLocaleNumber(t, f as NumberFormat);
    if (r.ok && r.kind === 'number' && !r.percent) return r.value;
  }
  return null;
}

/** Numbers in the column (first 200 rows), or null unless most non-empty cells are numbers (bad cells are reported later, by line). */
function columnNumbers(
  rows: readonly string[][],
  index: number,
  format: NumberFormat,
): number[] | null {
  const out: number[] = [];
  let cells = 0;
  for (const r of rows.slice(0, 200)) {
    const cell = r[index] ?? '';
    if (cell.trim() === '') continue;
    cells++;
    const v = parseCoordinate(cell, format);
    if (v !== null) out.push(v);
  }
  return out.length > 0 && out.length * 2 >= cells ? out : null;
}

const within = (vs: number[], lo: number, hi: number): boolean =>
  vs.every((v) => v >= lo && v <= hi);

/**
 * Finds the coordinate columns of a CSV by header and value range: lat/lon in degrees (also when the
 * headers are swapped), Rechtswert/Hochwert in metres (UTM 280.000–920.000 / 5.200.000–6.150.000, or
 * with zone prefix 32…/33…). Metres without a zone prefix are returned with `zoneUnknown` so the
 * caller can pick 25832 or 25833 by where the points fall.
 */
export function detectCoordinateColumns(
  header: readonly string[],
  rows: readonly string[][],
  format: NumberFormat,
): (CoordinateColumns & { reason: string; zoneUnknown?: boolean }) | null {
  const lat = columnLike(header, LAT),
    lon = columnLike(header, LON);
  const east = columnLike(header, EAST),
    north = columnLike(header, NORTH);
  const nums = (c: string | undefined) =>
    c === undefined ? null : columnNumbers(rows, header.indexOf(c), format);
  if (lat && lon) {
    const a = nums(lon),
      b = nums(lat);
    if (a && b) {
      // Germany: longitude 5,8–15,1, latitude 47,2–55,1 — the ranges do not overlap, so swapped headers show
      if (within(a, 47, 56) && within(b, 5, 16))
        return {
          x: lat,
          y: lon,
          crs: 4326,
          reason: `Spalten „${lat}“ und „${lon}“ sind vertauscht beschriftet: „${lat}“ enthält Längen-, „${lon}“ Breitengrade.`,
        };
      return {
        x: lon,
        y: lat,
        crs: 4326,
        reason: `WGS84-Koordinaten in „${lon}“ (Länge) und „${lat}“ (Breite).`,
      };
    }
  }
  if (east && north) {
    const a = nums(east),
      b = nums(north);
    if (a && b) {
      if (within(a, -180, 180) && within(b, -90, 90)) {
        const swapped = within(a, 47, 56) && within(b, 5, 16);
        return {
          x: swapped ? north : east,
          y: swapped ? east : north,
          crs: 4326,
          reason: `Spalten „${east}“/„${north}“ enthalten Grad: gelesen als WGS84 (EPSG:4326).`,
        };
      }
      for (const zone of [32, 33] as const)
        if (within(a, zone * 1e6 + 1.5e5, zone * 1e6 + 9.5e5) && within(b, 5.2e6, 6.15e6))
          return {
            x: east,
            y: north,
            crs: zone === 32 ? 25832 : 25833,
            reason: `Rechtswert „${east}“ mit Zonenkennung ${zone}: ETRS89/UTM Zone ${zone}N (EPSG:258${zone}).`,
          };
      if (within(a, 1.5e5, 9.5e5) && within(b, 5.2e6, 6.15e6))
        return {
          x: east,
          y: north,
          crs: 25833,
          zoneUnknown: true,
          reason: `Rechtswert „${east}“ und Hochwert „${north}“ in Metern: ETRS89/UTM (Zone nach Lage der Punkte bestimmt).`,
        };
    }
  }
  return null;
}

/** lon/lat of one coordinate pair; a UTM easting with zone prefix (33390123) loses the prefix. */
export function toLonLat(x: number, y: number, crs: PointCrs): [number, number] {
  if (crs === 4326) return [x, y];
  const zone = crs === 25832 ? 32 : 33;
  const easting = x > 1e7 ? x - zone * 1e6 : x;
  const g = reprojectGeometry({ type: 'Point', coordinates: [easting, y] }, crs);
  return [g.coordinates[0]!, g.coordinates[1]!];
}

/** Share of points inside `bbox` when read in this zone (to decide 25832 vs 25833 without prefix). */
function shareInside(
  pairs: [number, number][],
  crs: PointCrs,
  [x0, y0, x1, y1]: readonly number[],
): number {
  const sample = pairs.slice(0, 200);
  const inside = sample.filter(([x, y]) => {
    const [lon, lat] = toLonLat(x, y, crs);
    return lon >= x0! && lon <= x1! && lat >= y0! && lat <= y1!;
  }).length;
  return sample.length ? inside / sample.length : 0;
}

export interface CsvReadOptions {
  coordinates?: CoordinateColumns | undefined;
  /**
   * Where the tenant's areas are (lon/lat bbox): decides the UTM zone of metres without zone prefix,
   * since the same easting lies inside Germany in both zones 32 and 33. Default: Germany.
   */
  areaBbox?: readonly [number, number, number, number] | null | undefined;
}

/** Reads a CSV of points; throws ImportFileError with file/line/column for every bad row. */
export function readPointCsv(file: string, bytes: Uint8Array, opts: CsvReadOptions): PointFile {
  const t = readCsvBytes(bytes);
  const issues: ImportFileIssue[] = t.errors
    .slice(0, MAX_ISSUES)
    .map((e) => ({ file, line: e.line, column: e.column, message: e.message }));
  if (issues.length) throw new ImportFileError(issues);
  const [head, ...body] = t.records;
  if (!head || body.length === 0)
    throw new ImportFileError([
      { file, message: 'Die Datei enthält keine Zeilen unter der Kopfzeile.' },
    ]);
  const header = head.fields.map((h) => h.trim());
  const format: NumberFormat = { decimal: t.dialect.decimal, thousands: t.dialect.thousands };
  const rows = body.map((r) => r.fields);
  const detected = detectCoordinateColumns(header, rows, format);
  const chosen = opts.coordinates ?? detected;
  if (!chosen)
    throw new ImportFileError([
      {
        file,
        line: head.line,
        message: `Keine Koordinatenspalten gefunden (Spalten: ${header.join(', ')}). Erwartet werden z. B. „lat“/„lon“ (WGS84) oder „Rechtswert“/„Hochwert“ (ETRS89/UTM, EPSG:25832 oder 25833). Adressen ohne Koordinaten bitte vorher geokodieren.`,
      },
    ]);
  for (const c of [chosen.x, chosen.y])
    if (!header.includes(c))
      throw new ImportFileError([
        { file, line: head.line, message: `Die Spalte „${c}“ gibt es in der Kopfzeile nicht.` },
      ]);
  const xi = header.indexOf(chosen.x),
    yi = header.indexOf(chosen.y);
  const pairs: [number, number][] = [];
  const lines: number[] = [];
  const used: string[][] = [];
  body.forEach((r) => {
    if (r.fields.every((f) => f.trim() === '')) return;
    const x = parseCoordinate(r.fields[xi] ?? '', format);
    const y = parseCoordinate(r.fields[yi] ?? '', format);
    for (const [v, col, idx] of [
      [x, chosen.x, xi],
      [y, chosen.y, yi],
    ] as const)
      if (v === null && issues.length < MAX_ISSUES)
        issues.push({
          file,
          line: r.line,
          column: col,
          message: `Zeile ${r.line}, Spalte „${col}“: „${r.fields[idx] ?? ''}“ ist keine Koordinate (erwartet eine Zahl wie 52,5163 oder 390123,4).`,
        });
    if (x !== null && y !== null) {
      pairs.push([x, y]);
      lines.push(r.line);
      used.push(r.fields);
    }
  });
  if (issues.length) throw new ImportFileError(issues);
  let crs = chosen.crs;
  const warnings: string[] = [];
  if (!opts.coordinates && detected?.zoneUnknown) {
    const bbox = opts.areaBbox ?? GERMANY_BBOX;
    crs = shareInside(pairs, 25832, bbox) > shareInside(pairs, 25833, bbox) ? 25832 : 25833;
    warnings.push(
      `UTM-Zone ohne Zonenkennung im Rechtswert: Zone ${crs === 25832 ? 32 : 33} angenommen, weil die Punkte so im Gebiet der Kommune liegen. Bitte prüfen.`,
    );
  }
  const points: ReadPoint[] = pairs.map(([x, y], i) => {
    const [lon, lat] = toLonLat(x, y, crs);
    const fields = used[i]!;
    const properties: Record<string, unknown> = {};
    header.forEach((h, k) => {
      if (k !== xi && k !== yi && h !== '') properties[h] = fields[k] ?? '';
    });
    return { ref: `Zeile ${lines[i]}`, line: lines[i]!, lon, lat, properties };
  });
  checkPlausible(file, points);
  return {
    file,
    format: 'CSV',
    columns: header,
    points,
    warnings,
    coordinates: {
      x: chosen.x,
      y: chosen.y,
      crs,
      reason: detected && !opts.coordinates ? detected.reason : 'Vom Benutzer gewählt.',
    },
    dialect: {
      delimiter: t.dialect.delimiter,
      decimal: t.dialect.decimal,
      thousands: t.dialect.thousands,
    },
  };
}

/** Refuses points far outside Germany (wrong columns or CRS), naming the first ones. */
function checkPlausible(file: string, points: readonly ReadPoint[]): void {
  const [x0, y0, x1, y1] = GERMANY_BBOX;
  const bad = points.filter(
    (p) =>
      !Number.isFinite(p.lon) ||
      !Number.isFinite(p.lat) ||
      p.lon < x0 - 1 ||
      p.lon > x1 + 1 ||
      p.lat < y0 - 1 ||
      p.lat > y1 + 1,
  );
  if (bad.length === 0) return;
  throw new ImportFileError(
    bad.slice(0, 10).map((p) => ({
      file,
      ...(p.line !== undefined ? { line: p.line } : {}),
      message: `${p.ref}: Koordinate ${fmt(p.lon)}, ${fmt(p.lat)} liegt nicht in Deutschland – Spalten oder Koordinatensystem prüfen (${bad.length} von ${points.length} Punkten betroffen).`,
    })),
  );
}

const fmt = (v: number): string =>
  Number.isFinite(v) ? v.toLocaleString('de-DE', { maximumFractionDigits: 5 }) : String(v);

/** Reads the upload's point file (CSV or a geometry format); throws ImportFileError on bad input. */
export async function readPointUpload(
  upload: Upload,
  opts: CsvReadOptions & { crs?: string | number | undefined },
): Promise<PointFile> {
  const csv = upload.files.find((f) => CSV_EXT.test(f.name));
  if (csv) return readPointCsv(csv.name, await readFile(csv.path), opts);
  const files = await Promise.all(
    upload.files.map(async (f) => ({
      name: f.name,
      bytes: new Uint8Array(await readFile(f.path)),
    })),
  );
  const r = await readGeometryFiles(files, {
    expect: 'point',
    ...(opts.crs !== undefined ? { crs: opts.crs } : {}),
  });
  const columns = new Set<string>();
  const points: ReadPoint[] = [];
  r.features.forEach((f, i) => {
    for (const k of Object.keys(f.properties)) columns.add(k);
    const g = f.geometry;
    const coords =
      g?.type === 'Point' ? [g.coordinates] : g?.type === 'MultiPoint' ? g.coordinates : [];
    coords.forEach((c, k) =>
      points.push({
        ref: coords.length > 1 ? `Objekt ${i + 1}.${k + 1}` : `Objekt ${i + 1}`,
        lon: c[0]!,
        lat: c[1]!,
        properties: f.properties,
      }),
    );
  });
  const file = upload.files.map((f) => f.name).join(', ');
  if (points.length === 0)
    throw new ImportFileError([{ file, message: 'Die Datei enthält keine Punkte mit Geometrie.' }]);
  return { file, format: r.format, columns: [...columns], points, warnings: r.warnings };
}

/** Numeric columns (every non-empty value a number, at least one value): candidates for a capacity. */
export function numericColumns(pf: PointFile): string[] {
  const format: NumberFormat = pf.dialect
    ? { decimal: pf.dialect.decimal, thousands: pf.dialect.thousands }
    : { decimal: '.', thousands: null };
  return pf.columns.filter((c) => {
    let seen = 0;
    for (const p of pf.points) {
      const v = p.properties[c];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v === 'number') seen++;
      else if (typeof v === 'string' && parseCoordinate(v, format) !== null) seen++;
      else return false;
    }
    return seen > 0;
  });
}

/** A capacity value of a point (number or German number text); null when empty; NaN when not a number. */
export function capacityOf(v: unknown, format: NumberFormat): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseCoordinate(v, format) ?? Number.NaN;
  return Number.NaN;
}
