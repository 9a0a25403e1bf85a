// GeoJSON (RFC 7946; also the 2008 form with a `crs` member): FeatureCollection, Feature or bare geometry.
import { crsFromGeoJson, type Geometry } from '@sozialraum/core';
import { ImportFileError } from '../errors.ts';
import { finalizeFeatures, parseCrsOption } from './finalize.ts';
import { findJsonSyntaxError, lineColumnAt } from './json-syntax.ts';
import type { GeoFeature, GeometryReadResult, InputFile, ReadGeometryOptions } from './types.ts';

const GEOMETRY_DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

export { lineColumnAt } from './json-syntax.ts';

/** A German message with exact line and column for a text JSON.parse refused. */
function jsonSyntaxIssue(file: string, text: string): ImportFileError {
  const e = findJsonSyntaxError(text);
  if (!e)
    // JSON.parse refused what the strict parser accepts: no position to give.
    return new ImportFileError([{ file, message: 'Ungültiges JSON.' }]);
  const reason = e.truncated
    ? 'Die Datei endet mitten im JSON (abgeschnitten oder eine Klammer fehlt).'
    : `Ungültiges JSON: ${e.reason}.`;
  return new ImportFileError([
    {
      file,
      line: e.line,
      column: e.column,
      message: `Zeile ${e.line}, Spalte ${e.column}: ${reason}`,
    },
  ]);
}

/** Checks the nesting of `coordinates` (numbers at the right depth); returns a German problem or null. */
function checkGeometry(g: unknown, depthLimit = 3): string | null {
  if (g === null) return null;
  if (typeof g !== 'object' || Array.isArray(g)) return 'Geometrie ist kein Objekt.';
  const geom = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (geom.type === 'GeometryCollection') {
    if (!Array.isArray(geom.geometries)) return 'GeometryCollection ohne „geometries“-Liste.';
    if (depthLimit === 0) return 'zu tief verschachtelte GeometryCollection.';
    for (const sub of geom.geometries) {
      const p = checkGeometry(sub, depthLimit - 1);
      if (p) return p;
    }
    return null;
  }
  if (typeof geom.type !== 'string' || !(geom.type in GEOMETRY_DEPTH))
    return `unbekannter Geometrietyp ${JSON.stringify(geom.type)}.`;
  const depth = GEOMETRY_DEPTH[geom.type]!;
  const walk = (v: unknown, d: number): string | null => {
    if (!Array.isArray(v))
      return `„coordinates“ von ${String(geom.type)} hat nicht die erwartete Verschachtelung.`;
    if (d === 0) {
      if (v.length < 2 || v.some((n) => typeof n !== 'number'))
        return `Position ${JSON.stringify(v).slice(0, 60)} besteht nicht aus mindestens zwei Zahlen.`;
      return null;
    }
    for (const c of v) {
      const p = walk(c, d - 1);
      if (p) return p;
    }
    return null;
  };
  return walk(geom.coordinates, depth);
}

/** Lines where each `"type": "Feature"` starts, so messages can point into the file. */
function featureLines(text: string, count: number): (number | undefined)[] {
  const lines: number[] = [];
  const re = /"type"\s*:\s*"Feature"/g;
  let line = 1,
    last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  // Only trust the scan if it found exactly one match per feature (a property value "Feature" would shift it).
  return lines.length === count ? lines : [];
}

// GeoJSON needs ~8 levels (FeatureCollection → features → Feature → geometry → MultiPolygon's 4);
// 64 leaves room for nested properties. Deeper input (10,000 levels in the fuzz test of issue 8) is
// refused before JSON.parse, so no recursive step later (checks, JSON.stringify of properties for
// the answer or the database) can overflow the stack.
const MAX_NESTING = 64;

/** Offset of the bracket where nesting first exceeds `max` (strings skipped), or -1. Linear. */
export function tooDeepAt(text: string, max = MAX_NESTING): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Reads a GeoJSON file into WGS84 features; throws ImportFileError with line/column for syntax errors. */
export function readGeoJson(file: InputFile, opts: ReadGeometryOptions = {}): GeometryReadResult {
  if (file.bytes.length === 0)
    throw new ImportFileError([{ file: file.name, message: 'Die Datei ist leer (0 Bytes).' }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new ImportFileError([
      {
        file: file.name,
        message:
          'Die Datei ist nicht UTF-8-kodiert; GeoJSON muss UTF-8 sein (RFC 7946, Abschnitt 11). Bitte als UTF-8 speichern.',
      },
    ]);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '')
    throw new ImportFileError([
      { file: file.name, message: 'Die Datei ist leer (nur Leerzeichen).' },
    ]);
  const deep = tooDeepAt(text);
  if (deep !== -1) {
    const where = lineColumnAt(text, deep);
    throw new ImportFileError([
      {
        file: file.name,
        ...where,
        message: `Zeile ${where.line}, Spalte ${where.column}: Das JSON ist tiefer als ${MAX_NESTING} Ebenen verschachtelt; GeoJSON braucht weniger als 10. Die Datei wird nicht gelesen.`,
      },
    ]);
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw jsonSyntaxIssue(file.name, text);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ImportFileError([
      {
        file: file.name,
        line: 1,
        column: 1,
        message:
          'Die Datei ist JSON, aber kein GeoJSON-Objekt (erwartet {"type": "FeatureCollection", …}).',
      },
    ]);
  }
  const obj = root as {
    type?: unknown;
    features?: unknown;
    crs?: unknown;
    geometry?: unknown;
    properties?: unknown;
  };
  let rawFeatures: unknown[];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features))
      throw new ImportFileError([
        { file: file.name, message: 'FeatureCollection ohne „features“-Liste.' },
      ]);
    rawFeatures = obj.features;
  } else if (obj.type === 'Feature') rawFeatures = [obj];
  else if (
    typeof obj.type === 'string' &&
    (obj.type in GEOMETRY_DEPTH || obj.type === 'GeometryCollection')
  ) {
    rawFeatures = [{ type: 'Feature', properties: {}, geometry: obj }];
  } else {
    throw new ImportFileError([
      {
        file: file.name,
        message: `Unbekannter GeoJSON-Typ ${JSON.stringify(obj.type)}; erwartet FeatureCollection, Feature oder eine Geometrie.`,
      },
    ]);
  }
  const lines = featureLines(text, rawFeatures.length);
  const lineOf = (i: number): number | undefined => lines[i];
  const issues: { file: string; line?: number; message: string }[] = [];
  const features: GeoFeature[] = [];
  rawFeatures.forEach((raw, i) => {
    const f = raw as { type?: unknown; geometry?: unknown; properties?: unknown };
    const line = lineOf(i);
    const where = { file: file.name, ...(line !== undefined ? { line } : {}) };
    if (typeof f !== 'object' || f === null || f.type !== 'Feature') {
      issues.push({
        ...where,
        message: `Objekt ${i + 1}: kein Feature (type = ${JSON.stringify(f?.type)}).`,
      });
      return;
    }
    const problem = checkGeometry(f.geometry === undefined ? null : f.geometry);
    if (problem) issues.push({ ...where, message: `Objekt ${i + 1}: ${problem}` });
    const props =
      f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties)
        ? { ...(f.properties as Record<string, unknown>) }
        : {};
    // The Feature's own "id" member (RFC 7946, §3.2; WFS exports put the key there) is kept as property
    // "id" so it can be chosen as the area code — unless a property of that name exists already.
    const featureId = (raw as { id?: unknown }).id;
    if ((typeof featureId === 'string' || typeof featureId === 'number') && !('id' in props))
      props.id = featureId;
    features.push({ properties: props, geometry: (f.geometry ?? null) as Geometry | null });
  });
  if (issues.length) throw new ImportFileError(issues.slice(0, 50));

  const warnings: string[] = [];
  let epsg: number;
  if (obj.crs !== undefined && obj.crs !== null) {
    const declared = crsFromGeoJson(obj.crs);
    if (!declared.ok) throw new ImportFileError([{ file: file.name, message: declared.message }]);
    epsg = declared.epsg;
    if (opts.crs !== undefined) {
      const given = parseCrsOption(opts.crs, file.name);
      if (given !== epsg)
        warnings.push(
          `Die Datei gibt EPSG:${epsg} an; verwendet wird das ausdrücklich angegebene EPSG:${given}.`,
        );
      epsg = given;
    }
  } else {
    // RFC 7946, section 4: no crs member means WGS84 lon/lat (CRS84) — unless the user says otherwise.
    epsg = opts.crs !== undefined ? parseCrsOption(opts.crs, file.name) : 4326;
  }
  return finalizeFeatures(file.name, 'GeoJSON', features, epsg, opts, warnings, lineOf);
}
