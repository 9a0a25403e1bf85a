// Shared last steps of every geometry reader: check geometry types, reproject to WGS84, check coordinate
// plausibility (swapped axes, metres as degrees), validate polygons. Any error refuses the whole file.
import {
  GERMANY_BBOX,
  SUPPORTED_CRS,
  checkCoordinates,
  crsFromGeoJson,
  describeFeature,
  mapPositions,
  reprojectGeometry,
  validatePolygons,
  type Geometry,
} from '@sozialraum/core';
import { ImportFileError, storableText, type ImportFileIssue } from '../errors.ts';
import type { GeoFeature, GeometryReadResult, ReadGeometryOptions } from './types.ts';

const MAX_ISSUES = 50;

/** Parses the user's CRS option ("EPSG:25833", "25833", 25833, URN forms) to a supported EPSG code. */
export function parseCrsOption(crs: string | number, file: string): number {
  const text =
    typeof crs === 'number' || /^\d+$/.test(crs.trim()) ? `EPSG:${String(crs).trim()}` : crs.trim();
  const r = crsFromGeoJson({ type: 'name', properties: { name: text } });
  if (!r.ok)
    throw new ImportFileError([{ file, message: `Angegebenes Koordinatensystem: ${r.message}` }]);
  return r.epsg;
}

/** The geometry with x and y of every position exchanged. */
export function swapAxes(g: Geometry): Geometry {
  return mapPositions(g, (p) => [p[1]!, p[0]!, ...p.slice(2)] as typeof p);
}

const POLYGON_TYPES = new Set(['Polygon', 'MultiPolygon']);
const POINT_TYPES = new Set(['Point', 'MultiPoint']);

/** Reprojects, checks and validates features read from `file`; throws ImportFileError on any error. */
export function finalizeFeatures(
  file: string,
  format: GeometryReadResult['format'],
  features: GeoFeature[],
  sourceEpsg: number,
  opts: ReadGeometryOptions,
  warnings: string[],
  /** Line (or record number) of each feature, when the reader knows it. */
  lineOf: (featureIndex: number) => number | undefined = () => undefined,
): GeometryReadResult {
  const issues: ImportFileIssue[] = [];
  const at = (i: number): { line?: number } => {
    const line = lineOf(i);
    return line === undefined ? {} : { line };
  };
  const name = (i: number): string => describeFeature(i, features[i]?.properties, opts.idProperty);
  if (features.length === 0)
    throw new ImportFileError([{ file, message: 'Die Datei enthält keine Objekte (Features).' }]);

  checkTexts(file, features, at, name, issues);
  if (issues.length) throw new ImportFileError(issues);

  const expect = opts.expect ?? 'any';
  // a point file in the areas import: one message saying what the file is and where it goes (issue 9 § 4)
  const firstPoint = features.findIndex((f) => f.geometry);
  if (
    expect === 'polygon' &&
    firstPoint >= 0 &&
    features.every((f) => !f.geometry || POINT_TYPES.has(f.geometry.type))
  )
    throw new ImportFileError([
      {
        file,
        ...at(firstPoint),
        message: `${name(firstPoint)}: Geometrietyp ${features[firstPoint]!.geometry!.type}. Diese Datei enthält Punkte (Standorte), keine Gebietsflächen – importieren Sie sie unter Standorte.`,
      },
    ]);
  features.forEach((f, i) => {
    if (issues.length >= MAX_ISSUES) return;
    if (!f.geometry) {
      if (expect !== 'any')
        issues.push({ file, ...at(i), message: `${name(i)}: keine Geometrie (null).` });
      return;
    }
    if (expect === 'polygon' && !POLYGON_TYPES.has(f.geometry.type)) {
      issues.push({
        file,
        ...at(i),
        message: `${name(i)}: Geometrietyp ${f.geometry.type}, erwartet werden Flächen (Polygon oder MultiPolygon).`,
      });
    } else if (expect === 'point' && !POINT_TYPES.has(f.geometry.type)) {
      issues.push({
        file,
        ...at(i),
        message: `${name(i)}: Geometrietyp ${f.geometry.type}, erwartet werden Punkte (Point oder MultiPoint).`,
      });
    }
  });
  if (issues.length) throw new ImportFileError(issues);

  const def = SUPPORTED_CRS.get(sourceEpsg);
  if (!def)
    throw new ImportFileError([
      { file, message: `Koordinatensystem EPSG:${sourceEpsg} wird nicht unterstützt.` },
    ]);
  // Swapped axes are refused, never fixed silently (docs/methods/geometry.md); only after the person
  // confirmed it ("Achsen tauschen und erneut prüfen") are x and y exchanged, and the checks run again.
  const geometries = features.map((f) =>
    opts.swapAxes && f.geometry ? swapAxes(f.geometry) : f.geometry,
  );
  if (opts.swapAxes)
    warnings.push('Achsen getauscht: x und y wurden auf Wunsch vertauscht gelesen.');
  if (!def.geographic) {
    // Degrees declared as metres would reproject to a spot near 0° N and pass unnoticed: refuse them.
    const raw = checkCoordinates(geometries, { expectedBbox: null });
    const b = raw.bbox;
    if (
      b &&
      Math.max(Math.abs(b[0]), Math.abs(b[2])) <= 180 &&
      Math.max(Math.abs(b[1]), Math.abs(b[3])) <= 90
    ) {
      throw new ImportFileError([
        {
          file,
          message: `Die Datei ist als EPSG:${sourceEpsg} (${def.name}, Meter) deklariert, die Koordinaten sehen aber wie Grad aus (x von ${b[0]} bis ${b[2]}, y von ${b[1]} bis ${b[3]}). Bitte das Koordinatensystem prüfen (WGS84 = EPSG:4326).`,
        },
      ]);
    }
  }
  const projected =
    def.epsg === 4326
      ? geometries
      : geometries.map((g) => (g ? reprojectGeometry(g, sourceEpsg) : null));
  const expectedBbox = opts.expectedBbox === undefined ? GERMANY_BBOX : opts.expectedBbox;
  const check = checkCoordinates(projected, { expectedBbox });
  for (const issue of check.issues) {
    if (issue.severity === 'error')
      issues.push({
        file,
        message: issue.message,
        ...(issue.kind === 'swapped' && !opts.swapAxes ? { hint: 'swap_axes' as const } : {}),
      });
    else if (expectedBbox && check.bbox && !intersects(check.bbox, expectedBbox)) {
      // Nothing at all in the expected area: almost always a wrong CRS, so refuse instead of warning.
      issues.push({
        file,
        message: `${issue.message} Keine einzige Koordinate liegt im erwarteten Gebiet; die Datei wird deshalb abgelehnt.`,
      });
    } else warnings.push(issue.message);
  }
  if (issues.length) throw new ImportFileError(issues);

  const out: GeoFeature[] = features.map((f, i) => ({
    properties: f.properties,
    geometry: projected[i] ?? null,
  }));
  if (expect === 'polygon' && opts.validate !== false) {
    const polyIssues = validatePolygons(
      out.map((f) => ({ properties: f.properties, geometry: f.geometry as Geometry })),
      opts.idProperty ? { idProperty: opts.idProperty } : {},
    );
    for (const p of polyIssues.slice(0, MAX_ISSUES))
      issues.push({ file, ...at(p.featureIndex), message: p.message });
    if (polyIssues.length > MAX_ISSUES)
      issues.push({
        file,
        message: `… und ${polyIssues.length - MAX_ISSUES} weitere Geometriefehler.`,
      });
    if (issues.length) throw new ImportFileError(issues);
  }
  // warnings quote file contents too (a .cpg naming an unknown code page): made safe like errors
  return {
    features: out,
    sourceCrs: `EPSG:${sourceEpsg}`,
    warnings: warnings.map(storableText),
    format,
  };
}

const intersects = (a: readonly number[], b: readonly number[]): boolean =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

/**
 * Property names and texts become area codes and names (PostgreSQL text) and appear in messages
 * (jsonb): a NUL is refused with the feature and property (PostgreSQL cannot store it, issue 8,
 * item 9); an unpaired UTF-16 surrogate (possible through JSON's \uD800) cannot be UTF-8 and is
 * replaced by U+FFFD as any UTF-8 writer would.
 */
function checkTexts(
  file: string,
  features: GeoFeature[],
  at: (i: number) => { line?: number },
  name: (i: number) => string,
  issues: ImportFileIssue[],
): void {
  features.forEach((f, i) => {
    for (const [key, value] of Object.entries(f.properties)) {
      if (issues.length >= MAX_ISSUES) return;
      const nul =
        key.includes('\0') ||
        (typeof value === 'string' && value.includes('\0')) ||
        (typeof value === 'object' && value !== null && JSON.stringify(value).includes('\\u0000'));
      if (nul) {
        issues.push({
          file,
          ...at(i),
          column: key,
          message: `${name(i)}: Attribut „${key}“ enthält ein NUL-Zeichen (Byte 0); so ein Text lässt sich nicht speichern. Bitte die Datei prüfen.`,
        });
      } else if (typeof value === 'string') {
        const safe = storableText(value);
        if (safe !== value) f.properties[key] = safe;
      }
    }
  });
}
