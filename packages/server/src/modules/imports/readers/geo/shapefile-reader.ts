// ESRI Shapefile (ESRI Shapefile Technical Description, 1998): .shp geometry + .dbf attributes (dBASE III)
// + .prj CRS (ESRI WKT) + optional .cpg code page. Parsed with the `shapefile` package from memory.
import { checkCoordinates, crsFromPrj, guessProjectedCrs, type Geometry } from '@sozialraum/core';
import * as shapefile from 'shapefile';
import { ImportFileError } from '../errors.ts';
import { finalizeFeatures, parseCrsOption, swapAxes } from './finalize.ts';
import type { GeoFeature, GeometryReadResult, InputFile, ReadGeometryOptions } from './types.ts';

const extOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const baseOf = (name: string): string => name.replace(/^.*[/\\]/, '').replace(/\.[^.]+$/, '');

/** .cpg code page names → WHATWG TextDecoder labels (what Node can decode). */
function encodingFromCpg(cpg: string): string | null {
  const c = cpg.trim().toUpperCase().replace(/\s+/g, ' ');
  if (/^(UTF-?8|65001)$/.test(c)) return 'utf-8';
  if (/^(ANSI )?1252$|^(WINDOWS|CP)-?1252$/.test(c)) return 'windows-1252';
  if (/^(ISO-?8859-?1|88591|LATIN-?1)$/.test(c)) return 'iso-8859-1';
  if (/^(ISO-?8859-?15|885915)$/.test(c)) return 'iso-8859-15';
  if (/^(ANSI )?1250$|^(WINDOWS|CP)-?1250$/.test(c)) return 'windows-1250';
  try {
    return new TextDecoder(c.toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/** dBASE language driver id (byte 29 of the .dbf header) → decoder label; only the ones TextDecoder knows. */
const LDID: Record<number, string> = {
  0x03: 'windows-1252',
  0x57: 'windows-1252',
  0x58: 'windows-1252',
  0x59: 'windows-1252',
  0xc8: 'windows-1250',
  0x64: 'ibm866',
};

/** Chooses the .dbf encoding: .cpg, else the LDID byte, else UTF-8 if the bytes are valid UTF-8, else Windows-1252. */
export function chooseDbfEncoding(
  dbf: Uint8Array,
  cpg: string | undefined,
  fileName: string,
  warnings: string[],
): string {
  if (cpg !== undefined) {
    const enc = encodingFromCpg(cpg);
    if (enc) return enc;
    warnings.push(
      `${fileName}: Die .cpg-Datei nennt die unbekannte Kodierung „${cpg.trim()}“; die Zeichenkodierung wurde erraten.`,
    );
  }
  const ldid = dbf[29] ?? 0;
  if (cpg === undefined && LDID[ldid]) return LDID[ldid];
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  const body = dbf.subarray(headerLength);
  let ascii = true;
  for (const b of body)
    if (b >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    warnings.push(
      `${fileName}: Keine Angabe zur Zeichenkodierung (.cpg); die Attribute sind gültiges UTF-8 und wurden so gelesen.`,
    );
    return 'utf-8';
  } catch {
    warnings.push(
      `${fileName}: Keine Angabe zur Zeichenkodierung (.cpg); die Attribute wurden als Windows-1252 gelesen (übliche ANSI-Kodierung deutscher Shapefiles). Bitte Umlaute prüfen.`,
    );
    return 'windows-1252';
  }
}

/** A fresh, exactly sized copy: the shapefile package reads the whole underlying buffer of a view. */
const own = (b: Uint8Array): Uint8Array =>
  b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();

/** Reads one shapefile (its .shp, .dbf, .prj, .cpg given as separate files) into WGS84 features. */
export async function readShapefile(
  files: readonly InputFile[],
  opts: ReadGeometryOptions = {},
): Promise<GeometryReadResult> {
  const shps = files.filter((f) => extOf(f.name) === 'shp');
  const all = files.map((f) => f.name).join(', ');
  if (shps.length === 0)
    throw new ImportFileError([
      {
        file: all,
        message: `Keine .shp-Datei gefunden (vorhanden: ${all}). Ein Shapefile besteht aus .shp, .dbf, .shx und .prj.`,
      },
    ]);
  let shp: InputFile;
  if (opts.layer !== undefined) {
    const chosen = shps.find((f) => baseOf(f.name) === opts.layer);
    if (!chosen)
      throw new ImportFileError([
        {
          file: all,
          message: `Shapefile „${opts.layer}“ nicht gefunden; vorhanden: ${shps.map((f) => baseOf(f.name)).join(', ')}.`,
        },
      ]);
    shp = chosen;
  } else if (shps.length > 1) {
    throw new ImportFileError([
      {
        file: all,
        message: `Mehrere Shapefiles (${shps.map((f) => f.name).join(', ')}); bitte nur eines hochladen oder eines auswählen.`,
      },
    ]);
  } else shp = shps[0]!;
  const base = baseOf(shp.name).toLowerCase();
  const part = (ext: string): InputFile | undefined =>
    files.find((f) => extOf(f.name) === ext && baseOf(f.name).toLowerCase() === base);
  const dbf = part('dbf'),
    prj = part('prj'),
    cpg = part('cpg');
  const name = shp.name;
  if (shp.bytes.length === 0)
    throw new ImportFileError([{ file: name, message: 'Die .shp-Datei ist leer (0 Bytes).' }]);
  if (
    shp.bytes.length < 100 ||
    new DataView(shp.bytes.buffer, shp.bytes.byteOffset).getInt32(0, false) !== 9994
  ) {
    throw new ImportFileError([
      { file: name, message: 'Die Datei ist kein Shapefile (Dateikennung 9994 fehlt im Kopf).' },
    ]);
  }
  if (!dbf)
    throw new ImportFileError([
      {
        file: name,
        message: `Zu ${shp.name} fehlt die Attributtabelle ${baseOf(shp.name)}.dbf (mit den Gebietsschlüsseln).`,
      },
    ]);

  const warnings: string[] = [];
  const decode = (b: Uint8Array): string => new TextDecoder('utf-8').decode(b);
  const encoding = chooseDbfEncoding(
    dbf.bytes,
    cpg ? decode(cpg.bytes) : undefined,
    dbf.name,
    warnings,
  );

  const features: GeoFeature[] = [];
  try {
    const source = await shapefile.open(own(shp.bytes), own(dbf.bytes), { encoding });
    for (let r = await source.read(); !r.done; r = await source.read()) {
      const properties = (r.value.properties ?? {}) as Record<string, unknown>;
      // dBASE writers pad text fields with NUL as well as blanks; only NULs inside a text are an error
      for (const [k, v] of Object.entries(properties))
        if (typeof v === 'string' && v.includes('\0')) properties[k] = v.replace(/[\0\s]+$/, '');
      features.push({
        properties,
        geometry: (r.value.geometry ?? null) as Geometry | null,
      });
    }
  } catch (err) {
    throw new ImportFileError([
      {
        file: name,
        ...(features.length ? { line: features.length + 1 } : {}),
        message: `Shapefile nicht lesbar${features.length ? ` ab Datensatz ${features.length + 1}` : ''}: ${(err as Error).message}`,
      },
    ]);
  }
  if (features.length === 0)
    throw new ImportFileError([{ file: name, message: 'Das Shapefile enthält keine Objekte.' }]);

  let epsg: number | undefined;
  if (prj) {
    const r = crsFromPrj(decode(prj.bytes));
    if (!r.ok) throw new ImportFileError([{ file: prj.name, message: r.message }]);
    epsg = r.epsg;
  }
  if (opts.crs !== undefined) {
    const given = parseCrsOption(opts.crs, name);
    if (epsg !== undefined && given !== epsg)
      warnings.push(
        `Die .prj-Datei gibt EPSG:${epsg} an; verwendet wird das ausdrücklich angegebene EPSG:${given}.`,
      );
    epsg = given;
  }
  if (epsg === undefined) {
    // No .prj: guessing a CRS silently is dangerous. Only lon/lat degrees that all lie in the expected area
    // (Germany) are unambiguous enough (WGS84 and ETRS89 differ by < 1 m); everything else is refused.
    const check = checkCoordinates(
      features.map((f) => (opts.swapAxes && f.geometry ? swapAxes(f.geometry) : f.geometry)),
      { expectedBbox: opts.expectedBbox === undefined ? undefined : opts.expectedBbox },
    );
    const swapped = check.issues.find((i) => i.kind === 'swapped');
    if (swapped)
      throw new ImportFileError([
        {
          file: name,
          message: `Keine .prj-Datei. ${swapped.message}`,
          ...(opts.swapAxes ? {} : { hint: 'swap_axes' as const }),
        },
      ]);
    if (check.ok && check.issues.length === 0 && opts.expectedBbox !== null) {
      warnings.push(
        `Zu ${shp.name} fehlt die .prj-Datei; die Koordinaten sind eindeutig Längen-/Breitengrade in Deutschland und wurden als WGS84 (EPSG:4326) gelesen.`,
      );
      epsg = 4326;
    } else {
      const hint = check.bbox ? guessProjectedCrs(check.bbox) : '';
      throw new ImportFileError([
        {
          file: name,
          message: `Zu ${shp.name} fehlt die .prj-Datei, daher ist das Koordinatensystem unbekannt.${hint} Bitte die .prj-Datei mit hochladen oder das Koordinatensystem angeben (z. B. EPSG:25833); wir raten es nicht.`,
        },
      ]);
    }
  }
  return finalizeFeatures(name, 'Shapefile', features, epsg, opts, warnings, (i) => i + 1);
}
