import { describe, expect, test } from 'vitest';
import { crsFromGeoJson, crsFromPrj, projectFromWgs84, reprojectGeometry } from './crs.ts';
import type { PointGeometry } from './types.ts';

// .prj texts as written by ArcGIS / GDAL (`gdalsrsinfo -o wkt_esri EPSG:<code>`) and the Berlin source file.
const BERLIN_PRJ =
  'PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const GK4_PRJ =
  'PROJCS["DHDN_3_Degree_Gauss_Zone_4",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",4500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",12.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const WEB_MERCATOR_PRJ =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const OGC_25833 =
  'PROJCS["ETRS89 / UTM zone 33N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",15],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","25833"]]';

describe('crsFromPrj', () => {
  test.each([
    ['the Berlin LOR .prj (ESRI name ETRS_1989_UTM_Zone_33N)', BERLIN_PRJ, 25833],
    ['ESRI DHDN_3_Degree_Gauss_Zone_4', GK4_PRJ, 31468],
    ['ESRI WGS_1984_Web_Mercator_Auxiliary_Sphere', WEB_MERCATOR_PRJ, 3857],
    ['ESRI GCS_WGS_1984', WGS84_PRJ, 4326],
    ['OGC WKT1 by its outermost AUTHORITY, not the nested datum/unit ones', OGC_25833, 25833],
    [
      'WKT2 by its top-level ID',
      'PROJCRS["ETRS89 / UTM zone 32N",BASEGEOGCRS["ETRS89",DATUM["x"],ID["EPSG",4258]],CONVERSION["UTM zone 32N",METHOD["Transverse Mercator",ID["EPSG",9807]]],ID["EPSG",25832]]',
      25832,
    ],
    [
      'the 8-digit zE-N variant ETRS_1989_UTM_Zone_33N_zE-N',
      BERLIN_PRJ.replace('Zone_33N"', 'Zone_33N_zE-N"').replace('500000.0', '33500000.0'),
      5650,
    ],
    [
      'an unknown name with Gauss–Krüger parameters of zone 3',
      GK4_PRJ.replace('DHDN_3_Degree_Gauss_Zone_4', 'Mein_GK3')
        .replace('4500000.0', '3500000.0')
        .replace('"Central_Meridian",12.0', '"Central_Meridian",9.0'),
      31467,
    ],
  ])('recognises %s', (_label, wkt, epsg) => {
    expect(crsFromPrj(wkt)).toEqual({ ok: true, epsg });
  });

  test('refuses an unsupported CRS and names it', () => {
    const r = crsFromPrj(
      'PROJCS["NAD83 / UTM zone 10N",GEOGCS["NAD83",AUTHORITY["EPSG","4269"]],AUTHORITY["EPSG","26910"]]',
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toContain('EPSG:26910 (NAD83 / UTM zone 10N) wird nicht unterstützt');
  });

  test('refuses an empty .prj and text that is not WKT', () => {
    expect(crsFromPrj('  ')).toEqual({
      ok: false,
      message: 'Die Projektionsdatei (.prj) ist leer.',
    });
    expect(crsFromPrj('EPSG:25833').ok).toBe(false);
  });
});

describe('crsFromGeoJson', () => {
  test.each([
    [undefined, 4326],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, 4326],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } }, 4326],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } }, 25833],
    [{ type: 'name', properties: { name: 'EPSG:31468' } }, 31468],
    [{ type: 'name', properties: { name: 'http://www.opengis.net/def/crs/EPSG/0/3857' } }, 3857],
  ])('reads %j as EPSG:%i (absent = CRS84 per RFC 7946)', (member, epsg) => {
    expect(crsFromGeoJson(member)).toEqual({ ok: true, epsg });
  });

  test('refuses link-style and unknown crs members with a German message', () => {
    const link = crsFromGeoJson({ type: 'link', properties: { href: 'x.prj' } });
    expect(link.ok).toBe(false);
    const unknown = crsFromGeoJson({ type: 'name', properties: { name: 'EPSG:2056' } });
    expect(unknown).toMatchObject({ ok: false, message: expect.stringContaining('EPSG:2056') });
  });
});

describe('reprojectGeometry', () => {
  // Golden values from PROJ 9 (`cs2cs -f %.9f <proj4 string> +to +proj=longlat +datum=WGS84`), an independent C implementation.
  test.each([
    [25833, [392000, 5820000], [13.40827544, 52.519395318]],
    [5650, [33392000, 5820000], [13.40827544, 52.519395318]],
    [31468, [4595000, 5821000], [13.39785567, 52.513862166]],
    [31467, [3500000, 5500000], [8.998963564, 49.636710642]],
    [3857, [1491000, 6894000], [13.393880886, 52.516174643]],
  ])('projects EPSG:%i %j to WGS84 like PROJ within 1e-8°', (epsg, xy, expected) => {
    const g: PointGeometry = { type: 'Point', coordinates: [xy[0]!, xy[1]!] };
    const out = reprojectGeometry(g, epsg).coordinates;
    expect(out[0]).toBeCloseTo(expected[0]!, 8);
    expect(out[1]).toBeCloseTo(expected[1]!, 8);
  });

  test('round-trips through projectFromWgs84 to the millimetre', () => {
    const back = projectFromWgs84([13.39785567, 52.513862166], 31468);
    expect(back[0]).toBeCloseTo(4595000, 2);
    expect(back[1]).toBeCloseTo(5821000, 2);
  });

  test('keeps the structure of polygons and does not mutate the input', () => {
    const poly = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [392000, 5820000],
          [392100, 5820000],
          [392100, 5820100],
          [392000, 5820000],
        ] as [number, number][],
      ],
    };
    const out = reprojectGeometry(poly, 25833);
    expect(out.coordinates[0]).toHaveLength(4);
    expect(poly.coordinates[0]![0]).toEqual([392000, 5820000]);
    expect(out.coordinates[0]![0]![0]).toBeCloseTo(13.40827544, 8);
  });
});
