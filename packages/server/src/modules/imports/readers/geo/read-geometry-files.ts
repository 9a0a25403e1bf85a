// Entry point: picks the reader by file extension and magic bytes; unpacks .zip uploads with the
// budgeted ZIP reader (declared sizes checked first, inflated bytes counted: issue 8, item 8).
import { ImportFileError } from '../errors.ts';
import {
  bytesSource,
  checkDeclaredSizes,
  DecompressionBudget,
  listZipEntries,
  readEntryBytes,
  type ZipLimits,
} from '../zip.ts';
import { readGeoJson } from './geojson-reader.ts';
import { isSqlite, readGeoPackage } from './geopackage-reader.ts';
import { readShapefile } from './shapefile-reader.ts';
import type { GeometryReadResult, InputFile, ReadGeometryOptions } from './types.ts';

const SHAPEFILE_PARTS = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg', 'sbn', 'sbx', 'qix', 'qmd']);
const extOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const isZip = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

// Documentation that travels with shapefiles; listed in messages, never inflated.
const IGNORED = /^(txt|xml|html?|pdf|md|qml|sld|lyr)$/;

/** The usable entries of a ZIP upload, inflated within the upload's budget; names for messages. */
async function unzip(
  file: InputFile,
  budget: DecompressionBudget,
): Promise<{ inner: InputFile[]; names: string[] }> {
  const src = bytesSource(file.bytes);
  const entries = (await listZipEntries(src, file.name, budget.limits)).filter(
    (e) => !e.name.endsWith('/') && !/(^|\/)(__MACOSX|\.)/.test(e.name),
  );
  const wanted = entries.filter((e) => !IGNORED.test(extOf(e.name)));
  checkDeclaredSizes(wanted, file.name, budget);
  const inner: InputFile[] = [];
  for (const e of wanted)
    inner.push({
      name: e.name.replace(/^.*\//, ''),
      bytes: await readEntryBytes(src, e, file.name, budget),
    });
  return { inner, names: entries.map((e) => e.name.replace(/^.*\//, '')) };
}

/** Reads geometries from an upload: GeoJSON, GeoPackage, shapefile parts, or a .zip holding one of them. */
export async function readGeometryFiles(
  files: readonly InputFile[],
  opts: ReadGeometryOptions = {},
  zipLimits?: ZipLimits,
): Promise<GeometryReadResult> {
  if (files.length === 0)
    throw new ImportFileError([{ file: '(keine)', message: 'Es wurde keine Datei übergeben.' }]);
  const empty = files.find((f) => f.bytes.length === 0 && extOf(f.name) !== 'cpg');
  if (empty)
    throw new ImportFileError([{ file: empty.name, message: 'Die Datei ist leer (0 Bytes).' }]);

  const expanded: InputFile[] = [];
  // one budget for the whole upload: ten archives of 500 MB each are no better than one of 5 GB
  const budget = new DecompressionBudget(zipLimits);
  for (const f of files) {
    if (extOf(f.name) === 'zip' || isZip(f.bytes)) {
      const { inner, names } = await unzip(f, budget);
      const usable = inner.some((e) => ['shp', 'gpkg', 'geojson', 'json'].includes(extOf(e.name)));
      if (!usable) {
        throw new ImportFileError([
          {
            file: f.name,
            message: `Die ZIP-Datei enthält keine .shp-Datei (und kein GeoPackage oder GeoJSON); gefunden: ${names.length ? names.join(', ') : 'nichts'}.`,
          },
        ]);
      }
      if (
        inner.some((e) => ['dbf', 'prj'].includes(extOf(e.name))) &&
        !inner.some((e) => extOf(e.name) === 'shp')
      ) {
        throw new ImportFileError([
          {
            file: f.name,
            message: `Die ZIP-Datei enthält Teile eines Shapefiles, aber keine .shp-Datei; gefunden: ${names.join(', ')}.`,
          },
        ]);
      }
      expanded.push(...inner);
    } else expanded.push(f);
  }

  const shapeParts = expanded.filter((f) => SHAPEFILE_PARTS.has(extOf(f.name)));
  const others = expanded.filter(
    (f) => !SHAPEFILE_PARTS.has(extOf(f.name)) && !IGNORED.test(extOf(f.name)),
  );
  if (shapeParts.length > 0) {
    if (others.length > 0)
      throw new ImportFileError([
        {
          file: others.map((f) => f.name).join(', '),
          message:
            'Bitte nur einen Datensatz hochladen: ein Shapefile oder eine andere Geodatei, nicht beides.',
        },
      ]);
    return readShapefile(shapeParts, opts);
  }
  if (others.length === 0)
    throw new ImportFileError([
      {
        file: expanded.map((f) => f.name).join(', '),
        message:
          'Keine lesbare Geodatei gefunden (erwartet .geojson, .json, .gpkg, .shp oder .zip).',
      },
    ]);
  if (others.length > 1)
    throw new ImportFileError([
      {
        file: others.map((f) => f.name).join(', '),
        message: 'Bitte nur eine Geodatei auf einmal hochladen.',
      },
    ]);
  const file = others[0]!;
  const ext = extOf(file.name);
  if (ext === 'gpkg' || isSqlite(file.bytes)) return readGeoPackage(file, opts);
  if (
    ext === 'geojson' ||
    ext === 'json' ||
    /^\s*[[{]/.test(new TextDecoder().decode(file.bytes.subarray(0, 64)).replace(/^\uFEFF/, ''))
  )
    return readGeoJson(file, opts);
  throw new ImportFileError([
    {
      file: file.name,
      message: `Unbekanntes Dateiformat „.${ext}“; unterstützt: GeoJSON (.geojson, .json), GeoPackage (.gpkg), Shapefile (.shp mit .dbf und .prj, auch als .zip).`,
    },
  ]);
}
