import { projectFromWgs84 } from '@sozialraum/core';
import { expect, test } from 'vitest';
import { ImportFileError } from '../imports/index.ts';
import { detectCoordinateColumns, parseCoordinate, readPointCsv } from './import-read.ts';

const de = { decimal: ',', thousands: '.' } as const;
const bytes = (s: string) => new TextEncoder().encode(s);

test('reads coordinates with decimal comma or point, and thousands separators in metres', () => {
  expect(parseCoordinate('52,5163', de)).toBe(52.5163);
  expect(parseCoordinate('13.3777', de)).toBe(13.3777);
  expect(parseCoordinate('390.123,45', de)).toBe(390123.45);
  expect(parseCoordinate('', de)).toBeNull();
  expect(parseCoordinate('k.A.', de)).toBeNull();
});

test('finds lat/lon columns and notices headers that are the wrong way round', () => {
  const rows = [['52,5', '13,4']];
  expect(detectCoordinateColumns(['lat', 'lon'], rows, de)).toMatchObject({
    x: 'lon',
    y: 'lat',
    crs: 4326,
  });
  // "lat" holds 13,4 (a longitude in Germany): read swapped, and say so
  const swapped = detectCoordinateColumns(['lon', 'lat'], rows, de);
  expect(swapped).toMatchObject({ x: 'lat', y: 'lon', crs: 4326 });
  expect(swapped!.reason).toContain('vertauscht');
});

test('recognises UTM zone prefixes (32/33) in the Rechtswert', () => {
  const r = detectCoordinateColumns(['RW', 'HW'], [['33390000', '5820000']], de);
  expect(r).toMatchObject({ x: 'RW', y: 'HW', crs: 25833 });
  expect(detectCoordinateColumns(['RW', 'HW'], [['32690000', '5820000']], de)?.crs).toBe(25832);
});

test('picks UTM zone 32 or 33 by where the points fall when the Rechtswert has no prefix', () => {
  // Cologne in zone 32: read as 33 it would land west of Germany
  const [x, y] = projectFromWgs84([6.96, 50.94], 25832);
  const csv = `name;x;y\nDom;${x!.toFixed(1).replace('.', ',')};${y!.toFixed(1).replace('.', ',')}\n`;
  const pf = readPointCsv('koeln.csv', bytes(csv), { areaBbox: [6.77, 50.83, 7.17, 51.09] });
  expect(pf.coordinates?.crs).toBe(25832);
  expect(pf.points[0]!.lon).toBeCloseTo(6.96, 6);
  expect(pf.points[0]!.properties).toEqual({ name: 'Dom' });
  expect(pf.warnings[0]).toContain('Zone 32 angenommen');
  // read in zone 33 the same easting also lies in Germany: only the tenant's area decides (tie: 33)
  expect(
    readPointCsv('k.csv', bytes(csv), { areaBbox: [13.08, 52.33, 13.77, 52.68] }).coordinates?.crs,
  ).toBe(25833);
});

test('refuses points far outside Germany (wrong columns) naming the line', () => {
  try {
    readPointCsv('x.csv', bytes('name;lat;lon\nA;52,5;13,4\nB;-33,9;18,4\n'), {});
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    expect((e as ImportFileError).issues[0]).toMatchObject({ file: 'x.csv', line: 3 });
    expect((e as ImportFileError).issues[0]!.message).toContain('nicht in Deutschland');
  }
});
