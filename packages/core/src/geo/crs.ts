// Coordinate reference systems used by German municipal geodata, and reprojection to WGS84 lon/lat.
// The proj4 strings are exactly those PROJ 9 / GDAL 3.6 print for the EPSG codes
// (`gdalsrsinfo -o proj4 EPSG:<code>`, EPSG dataset in PROJ's proj.db), which is also what epsg.io serves
// for proj4js. DHDN uses the 7-parameter Helmert shift EPSG:1777 "DHDN to WGS 84 (2)" (towgs84, position
// vector convention, EPSG accuracy 3 m, area former West Germany; at Berlin 0.16 m from PROJ's default
// "DHDN to ETRS89 (8)"); ETRS89 = WGS84 within ≈ 1 m (EPSG:1149, null transformation).
// See docs/methods/geometry.md.
import proj4 from 'proj4';
import { mapPositions } from './types.ts';
import type { Geometry, Position } from './types.ts';

export interface CrsDefinition {
  epsg: number;
  name: string;
  proj4: string;
  /** true for geographic CRS whose coordinates are degrees of longitude/latitude. */
  geographic: boolean;
}

const DHDN_TOWGS84 =
  '+ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';
const gk = (zone: number): string =>
  `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 ${DHDN_TOWGS84}`;

/** The CRS we can read, keyed by EPSG code. */
export const SUPPORTED_CRS: ReadonlyMap<number, CrsDefinition> = new Map(
  (
    [
      [4326, 'WGS 84', '+proj=longlat +datum=WGS84 +no_defs', true],
      [4258, 'ETRS89', '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs', true],
      [
        3857,
        'WGS 84 / Pseudo-Mercator',
        '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
        false,
      ],
      [
        25832,
        'ETRS89 / UTM zone 32N',
        '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
        false,
      ],
      [
        25833,
        'ETRS89 / UTM zone 33N',
        '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
        false,
      ],
      // "zE-N" variants: easting prefixed with the zone number (8 digits), common in Berlin/Brandenburg (ALKIS).
      [
        4647,
        'ETRS89 / UTM zone 32N (zE-N)',
        '+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
        false,
      ],
      [
        5650,
        'ETRS89 / UTM zone 33N (zE-N)',
        '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=33500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
        false,
      ],
      [31466, 'DHDN / 3-degree Gauss-Kruger zone 2', gk(2), false],
      [31467, 'DHDN / 3-degree Gauss-Kruger zone 3', gk(3), false],
      [31468, 'DHDN / 3-degree Gauss-Kruger zone 4', gk(4), false],
      [31469, 'DHDN / 3-degree Gauss-Kruger zone 5', gk(5), false],
    ] as const
  ).map(([epsg, name, def, geographic]) => [epsg, { epsg, name, proj4: def, geographic }]),
);

export type CrsResult = { ok: true; epsg: number } | { ok: false; message: string };

const supportedList = (): string =>
  [...SUPPORTED_CRS.values()].map((c) => `EPSG:${c.epsg} (${c.name})`).join(', ');

function fromCode(code: number, source: string): CrsResult {
  if (SUPPORTED_CRS.has(code)) return { ok: true, epsg: code };
  return {
    ok: false,
    message: `Das Koordinatenreferenzsystem EPSG:${code} (${source}) wird nicht unterstützt. Unterstützt: ${supportedList()}.`,
  };
}

// Squeezed names (lower case, only a–z0–9) of ESRI and EPSG WKT names → EPSG code.
const NAME_TO_EPSG: ReadonlyMap<string, number> = new Map([
  ['gcswgs1984', 4326],
  ['wgs84', 4326],
  ['wgs1984', 4326],
  ['crs84', 4326],
  ['gcsetrs1989', 4258],
  ['etrs89', 4258],
  ['wgs1984webmercatorauxiliarysphere', 3857],
  ['wgs84pseudomercator', 3857],
  ['popularvisualisationcrsmercator', 3857],
  ['googlemapsglobalmercator', 3857],
  ['wgs1984webmercator', 3857],
  ['etrs1989utmzone32n', 25832],
  ['etrs89utmzone32n', 25832],
  ['etrs1989utmzone33n', 25833],
  ['etrs89utmzone33n', 25833],
  ['etrs1989utmzone32nzen', 4647],
  ['etrs89utmzone32nzen', 4647],
  ['etrs1989utmzone32n8stellen', 4647],
  ['etrs1989utmzone33nzen', 5650],
  ['etrs89utmzone33nzen', 5650],
  ['etrs1989utmzone33n8stellen', 5650],
  ...[2, 3, 4, 5].flatMap((z): [string, number][] => [
    [`dhdn3degreegausszone${z}`, 31464 + z],
    [`dhdn3degreegausskrugerzone${z}`, 31464 + z],
    [`dhdngausskrugerzone${z}`, 31464 + z],
    [`deutscheshauptdreiecksnetz3degreegausskrugerzone${z}`, 31464 + z],
  ]),
]);

const squeeze = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');

/** Parses WKT1/WKT2 brackets into the top-level keyword, its first quoted name and its top-level nodes. */
function topLevel(wkt: string): {
  keyword: string;
  name: string;
  authority?: number;
  params: Map<string, number>;
  text: string;
} {
  const text = wkt.trim();
  const keyword = (/^([A-Za-z_0-9]+)\s*[[(]/.exec(text)?.[1] ?? '').toUpperCase();
  const name = /^[A-Za-z_0-9]+\s*[[(]\s*"([^"]*)"/.exec(text)?.[1] ?? '';
  // The CRS's own AUTHORITY/ID is the one at bracket depth 1 (nested ones belong to datum, unit, …).
  let depth = 0;
  let authority: number | undefined;
  const re = /[[\]()]|(AUTHORITY|ID)\s*[[(]\s*"EPSG"\s*,\s*"?(\d+)"?/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0];
    if (t === '[' || t === '(') depth++;
    else if (t === ']' || t === ')') depth--;
    else {
      if (depth === 1) authority = Number(m[2]);
      depth++; // the match consumed the opening bracket of AUTHORITY[
    }
  }
  const params = new Map<string, number>();
  for (const m of text.matchAll(/PARAMETER\s*\[\s*"([^"]+)"\s*,\s*([-+0-9.eE]+)/gi))
    params.set(squeeze(m[1] ?? ''), Number(m[2]));
  return { keyword, name, ...(authority !== undefined ? { authority } : {}), params, text };
}

/** Recognises a .prj / WKT CRS definition (ESRI or OGC WKT1, WKT2) and returns its EPSG code. */
export function crsFromPrj(wkt: string): CrsResult {
  const trimmed = wkt.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, message: 'Die Projektionsdatei (.prj) ist leer.' };
  const top = topLevel(trimmed);
  if (!top.keyword)
    return { ok: false, message: `Die Projektionsangabe ist kein WKT: „${trimmed.slice(0, 60)}“.` };
  if (top.authority !== undefined) return fromCode(top.authority, top.name);
  const byName = NAME_TO_EPSG.get(squeeze(top.name));
  if (byName !== undefined) return { ok: true, epsg: byName };
  // Fall back on the parameters, since software writes many spellings of the same CRS name.
  const upper = top.text.toUpperCase();
  const isBessel = /BESSEL|DHDN|HAUPTDREIECKSNETZ|POTSDAM/.test(upper);
  const isGrs80 = /GRS[_ ]?1980|GRS[_ ]?80|ETRS/.test(upper);
  const isWgs84 = /WGS[_ ]?(19)?84/.test(upper);
  if (top.keyword === 'GEOGCS' || top.keyword === 'GEOGCRS' || top.keyword === 'GEODCRS') {
    if (isWgs84) return { ok: true, epsg: 4326 };
    if (isGrs80) return { ok: true, epsg: 4258 };
  }
  const cm = top.params.get('centralmeridian') ?? top.params.get('longitudeofnaturalorigin');
  const fe = top.params.get('falseeasting');
  const k = top.params.get('scalefactor') ?? top.params.get('scalefactoratnaturalorigin');
  if (
    /TRANSVERSE_MERCATOR|GAUSS_KRUGER|TRANSVERSE MERCATOR/.test(upper) &&
    cm !== undefined &&
    fe !== undefined
  ) {
    if (isBessel && k === 1 && [6, 9, 12, 15].includes(cm) && fe === (cm / 3) * 1_000_000 + 500_000)
      return { ok: true, epsg: 31464 + cm / 3 };
    if (isGrs80 && k === 0.9996 && (cm === 9 || cm === 15)) {
      const zone = cm === 9 ? 32 : 33;
      if (fe === 500_000) return { ok: true, epsg: zone === 32 ? 25832 : 25833 };
      if (fe === zone * 1_000_000 + 500_000) return { ok: true, epsg: zone === 32 ? 4647 : 5650 };
    }
  }
  if (/MERCATOR_AUXILIARY_SPHERE|PSEUDO.MERCATOR|POPULAR VISUALISATION/.test(upper))
    return { ok: true, epsg: 3857 };
  return {
    ok: false,
    message: `Das Koordinatenreferenzsystem „${top.name || trimmed.slice(0, 60)}“ wurde nicht erkannt. Unterstützt: ${supportedList()}.`,
  };
}

/** Reads a GeoJSON `crs` member (GeoJSON 2008 "name" form); absent → CRS84 lon/lat (RFC 7946, section 4). */
export function crsFromGeoJson(crsMember: unknown): CrsResult {
  if (crsMember === undefined || crsMember === null) return { ok: true, epsg: 4326 };
  const m = crsMember as { type?: unknown; properties?: { name?: unknown } };
  const name =
    m.type === 'name' && typeof m.properties?.name === 'string' ? m.properties.name : undefined;
  if (name === undefined) {
    return {
      ok: false,
      message:
        'Das „crs“-Element der GeoJSON-Datei hat nicht die Form {"type": "name", "properties": {"name": "EPSG:…"}}.',
    };
  }
  const s = name.trim();
  if (
    /^urn:ogc:def:crs:OGC:[0-9.]*:CRS84$/i.test(s) ||
    /^CRS:?84$/i.test(s) ||
    /opengis\.net\/def\/crs\/OGC\/[0-9.]+\/CRS84$/i.test(s)
  ) {
    return { ok: true, epsg: 4326 };
  }
  // urn:ogc:def:crs:EPSG::25833, urn:ogc:def:crs:EPSG:6.6:25833, EPSG:25833, http://www.opengis.net/def/crs/EPSG/0/25833.
  // EPSG:4326 formally means lat/lon order; like GDAL we read GeoJSON as lon/lat and let checkCoordinates catch swaps.
  const code =
    /^(?:urn:ogc:def:crs:EPSG:[0-9.]*:|EPSG:{1,2}|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[0-9.]+\/)(\d+)$/i.exec(
      s,
    )?.[1];
  if (code !== undefined) return fromCode(Number(code), s);
  return {
    ok: false,
    message: `Das Koordinatenreferenzsystem „${s}“ der GeoJSON-Datei wurde nicht erkannt. Unterstützt: ${supportedList()}.`,
  };
}

const converters = new Map<number, proj4.Converter>();
function converterFor(epsg: number): proj4.Converter {
  let c = converters.get(epsg);
  if (!c) {
    const def = SUPPORTED_CRS.get(epsg);
    if (!def) throw new Error(`EPSG:${epsg} wird nicht unterstützt.`);
    c = proj4(def.proj4, SUPPORTED_CRS.get(4326)!.proj4);
    converters.set(epsg, c);
  }
  return c;
}

/** Reprojects a geometry from EPSG:`fromEpsg` to WGS84 lon/lat degrees (new object; z is dropped). */
export function reprojectGeometry<G extends Geometry>(geometry: G, fromEpsg: number): G {
  if (fromEpsg === 4326) return mapPositions(geometry, (p) => [p[0], p[1]]) as G;
  const c = converterFor(fromEpsg);
  return mapPositions(geometry, (p): Position => {
    const out = c.forward([p[0], p[1]]);
    return [out[0] as number, out[1] as number];
  }) as G;
}

/** Projects one WGS84 lon/lat position into EPSG:`toEpsg` (for test fixtures and user-facing hints). */
export function projectFromWgs84(position: Position, toEpsg: number): Position {
  if (toEpsg === 4326) return [position[0], position[1]];
  const out = converterFor(toEpsg).inverse([position[0], position[1]]);
  return [out[0] as number, out[1] as number];
}
