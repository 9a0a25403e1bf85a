import { expect, test } from 'vitest';
import { parseGeoPackageGeometry, parseWkb } from './wkb.ts';

/** Builds WKB by hand: byte order, type code, then doubles / counts in that byte order. */
function wkb(
  le: boolean,
  parts: ({ u32: number } | { f64: number } | { u8: number })[],
): Uint8Array {
  const size = parts.reduce((s, p) => s + ('u8' in p ? 1 : 'u32' in p ? 4 : 8), 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let o = 0;
  for (const p of parts) {
    if ('u8' in p) v.setUint8(o++, p.u8);
    else if ('u32' in p) {
      v.setUint32(o, p.u32, le);
      o += 4;
    } else {
      v.setFloat64(o, p.f64, le);
      o += 8;
    }
  }
  return out;
}
const xy = (x: number, y: number) => [{ f64: x }, { f64: y }];

test('reads a big-endian polygon', () => {
  const bytes = wkb(false, [
    { u8: 0 },
    { u32: 3 },
    { u32: 1 },
    { u32: 4 },
    ...xy(0, 0),
    ...xy(1, 0),
    ...xy(1, 1),
    ...xy(0, 0),
  ]);
  expect(parseWkb(bytes)).toEqual({
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  });
});

test('reads a little-endian multipolygon whose parts switch to big endian', () => {
  const part = wkb(false, [
    { u8: 0 },
    { u32: 3 },
    { u32: 1 },
    { u32: 4 },
    ...xy(5, 5),
    ...xy(6, 5),
    ...xy(6, 6),
    ...xy(5, 5),
  ]);
  const head = wkb(true, [{ u8: 1 }, { u32: 6 }, { u32: 1 }]);
  expect(parseWkb(new Uint8Array([...head, ...part]))).toEqual({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [5, 5],
          [6, 5],
          [6, 6],
          [5, 5],
        ],
      ],
    ],
  });
});

test('drops Z from ISO (1001) and EWKB (0x80000001 with SRID) points, and reads multipoints', () => {
  expect(parseWkb(wkb(true, [{ u8: 1 }, { u32: 1001 }, ...xy(13.4, 52.5), { f64: 34 }]))).toEqual({
    type: 'Point',
    coordinates: [13.4, 52.5],
  });
  expect(
    parseWkb(
      wkb(true, [{ u8: 1 }, { u32: 0xa0000001 }, { u32: 4326 }, ...xy(13.4, 52.5), { f64: 34 }]),
    ),
  ).toEqual({ type: 'Point', coordinates: [13.4, 52.5] });
  const mp = wkb(true, [
    { u8: 1 },
    { u32: 4 },
    { u32: 2 },
    { u8: 1 },
    { u32: 1 },
    ...xy(1, 2),
    { u8: 1 },
    { u32: 1 },
    ...xy(3, 4),
  ]);
  expect(parseWkb(mp)).toEqual({
    type: 'MultiPoint',
    coordinates: [
      [1, 2],
      [3, 4],
    ],
  });
});

test('reports truncated WKB and unsupported types in German', () => {
  expect(() =>
    parseWkb(wkb(true, [{ u8: 1 }, { u32: 3 }, { u32: 1 }, { u32: 4 }, ...xy(0, 0)])),
  ).toThrow(/WKB endet unerwartet bei Byte 29/);
  expect(() => parseWkb(wkb(true, [{ u8: 1 }, { u32: 15 }]))).toThrow(
    'WKB-Geometrietyp 15 wird nicht unterstützt',
  );
});

test('skips the GeoPackage header with its envelope and reads the srs id', () => {
  const point = wkb(true, [{ u8: 1 }, { u32: 1 }, ...xy(392000, 5820000)]);
  const header = wkb(true, [
    { u8: 0x47 },
    { u8: 0x50 },
    { u8: 0 },
    { u8: 0b0000_0011 },
    { u32: 25833 },
    ...xy(392000, 392000),
    ...xy(5820000, 5820000),
  ]);
  expect(parseGeoPackageGeometry(new Uint8Array([...header, ...point]))).toEqual({
    srsId: 25833,
    geometry: { type: 'Point', coordinates: [392000, 5820000] },
  });
  const empty = wkb(true, [
    { u8: 0x47 },
    { u8: 0x50 },
    { u8: 0 },
    { u8: 0b0001_0001 },
    { u32: 4326 },
  ]);
  expect(parseGeoPackageGeometry(empty).geometry).toBeNull();
  expect(() => parseGeoPackageGeometry(new Uint8Array(10))).toThrow('GeoPackage-Kennung');
});
