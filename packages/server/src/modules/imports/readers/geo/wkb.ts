// Well-known binary (OGC Simple Features 1.2.1, section 8.2; ISO 13249-3 Z/M codes) and the GeoPackage
// geometry blob header (OGC GeoPackage 1.3, section 2.1.3). Z and M values are read and dropped.
import type { Geometry, Position } from '@sozialraum/core';

class Reader {
  private readonly view: DataView;
  offset = 0;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): void {
    if (this.offset + n > this.bytes.length)
      throw new Error(
        `WKB endet unerwartet bei Byte ${this.offset} (benötigt ${n} weitere Bytes).`,
      );
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.offset++);
  }
  u32(le: boolean): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, le);
    this.offset += 4;
    return v;
  }
  f64(le: boolean): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, le);
    this.offset += 8;
    return v;
  }
}

/** Parses one WKB geometry (little or big endian, 2D/Z/M/ZM, ISO and EWKB-style flags). */
export function parseWkb(bytes: Uint8Array): Geometry {
  const r = new Reader(bytes);
  return readGeometry(r);
}

function readGeometry(r: Reader): Geometry {
  const order = r.u8();
  if (order !== 0 && order !== 1)
    throw new Error(`Ungültige WKB-Bytereihenfolge ${order} bei Byte ${r.offset - 1}.`);
  const le = order === 1;
  let code = r.u32(le);
  // EWKB flags (PostGIS): 0x80000000 Z, 0x40000000 M, 0x20000000 SRID follows.
  let dims = 2;
  if (code & 0x80000000) dims++;
  if (code & 0x40000000) dims++;
  const hasSrid = (code & 0x20000000) !== 0;
  code &= 0x0fffffff;
  if (hasSrid) r.u32(le);
  // ISO: 1000s = Z, 2000s = M, 3000s = ZM.
  const iso = Math.floor(code / 1000);
  if (iso === 1 || iso === 2) dims = 3;
  if (iso === 3) dims = 4;
  const type = code % 1000;
  const point = (): Position => {
    const x = r.f64(le),
      y = r.f64(le);
    for (let d = 2; d < dims; d++) r.f64(le);
    return [x, y];
  };
  const points = (): Position[] => {
    const n = r.u32(le);
    const out: Position[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = point();
    return out;
  };
  const rings = (): Position[][] => {
    const n = r.u32(le);
    const out: Position[][] = [];
    for (let i = 0; i < n; i++) out.push(points());
    return out;
  };
  const parts = <T extends Geometry['type']>(expected: T): Geometry[] => {
    const n = r.u32(le);
    const out: Geometry[] = [];
    for (let i = 0; i < n; i++) {
      const g = readGeometry(r);
      if (expected !== 'GeometryCollection' && g.type !== expected)
        throw new Error(`WKB: ${g.type} in einer Multi-${expected}-Geometrie.`);
      out.push(g);
    }
    return out;
  };
  switch (type) {
    case 1: {
      const p = point();
      // An empty point is stored as NaN, NaN (GeoPackage 1.3, section 2.1.3.4.2 / ISO convention).
      return { type: 'Point', coordinates: p };
    }
    case 2:
      return { type: 'LineString', coordinates: points() };
    case 3:
      return { type: 'Polygon', coordinates: rings() };
    case 4:
      return {
        type: 'MultiPoint',
        coordinates: parts('Point').map((g) => (g as { coordinates: Position }).coordinates),
      };
    case 5:
      return {
        type: 'MultiLineString',
        coordinates: parts('LineString').map((g) => (g as { coordinates: Position[] }).coordinates),
      };
    case 6:
      return {
        type: 'MultiPolygon',
        coordinates: parts('Polygon').map((g) => (g as { coordinates: Position[][] }).coordinates),
      };
    case 7:
      return { type: 'GeometryCollection', geometries: parts('GeometryCollection') };
    default:
      throw new Error(
        `WKB-Geometrietyp ${code} wird nicht unterstützt (nur Punkt, Linie, Polygon und ihre Multi-Formen).`,
      );
  }
}

/** Parses a GeoPackage geometry blob ("GP" header + WKB); null for an empty geometry. */
export function parseGeoPackageGeometry(blob: Uint8Array): {
  geometry: Geometry | null;
  srsId: number;
} {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    throw new Error('Geometrie beginnt nicht mit der GeoPackage-Kennung „GP“.');
  const flags = blob[3]!;
  const le = (flags & 1) === 1;
  const envelope = (flags >> 1) & 0b111;
  const empty = (flags & 0b10000) !== 0;
  const srsId = new DataView(blob.buffer, blob.byteOffset + 4, 4).getInt32(0, le);
  const envelopeBytes = [0, 32, 48, 48, 64][envelope];
  if (envelopeBytes === undefined)
    throw new Error(`Ungültiger GeoPackage-Hüllquader-Typ ${envelope}.`);
  if (empty) return { geometry: null, srsId };
  return { geometry: parseWkb(blob.subarray(8 + envelopeBytes)), srsId };
}
