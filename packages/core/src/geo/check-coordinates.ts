// Plausibility checks of coordinates that claim to be WGS84 longitude/latitude.
// We refuse swapped axes instead of fixing them silently: a silent fix would hide a broken export chain
// (see docs/methods/geometry.md, "Achsenreihenfolge").
import { forEachPosition } from './types.ts';
import type { BBox, Geometry } from './types.ts';

/** Germany (lon 5.87–15.04, lat 47.27–55.06, Bundesamt für Kartographie und Geodäsie VG250) with ≈ 0.1° margin. */
export const GERMANY_BBOX: BBox = [5.8, 47.2, 15.1, 55.1];

export type CoordinateIssueKind =
  'not-finite' | 'projected' | 'swapped' | 'out-of-range' | 'outside-expected' | 'empty';

export interface CoordinateIssue {
  kind: CoordinateIssueKind;
  severity: 'error' | 'warning';
  message: string;
}

export interface CoordinateCheck {
  ok: boolean;
  bbox: BBox | null;
  issues: CoordinateIssue[];
}

const fmt = (v: number, digits = 4): string =>
  v.toLocaleString('de-DE', { maximumFractionDigits: digits, useGrouping: false });
const range = (a: number, b: number): string => `${fmt(a)} bis ${fmt(b)}`;

/** Guesses the projected CRS of coordinates in metres from their magnitude (German systems only); a hint text or ''. */
export function guessProjectedCrs(bbox: BBox): string {
  const [minX, minY, maxX, maxY] = bbox;
  const yInGermany = minY >= 5_200_000 && maxY <= 6_150_000;
  if (yInGermany && minX >= 32_000_000 && maxX < 34_000_000)
    return ` Die Ostwerte mit Zonenvorsatz passen zu ETRS89/UTM Zone ${Math.floor(minX / 1_000_000)} (8-stellig, EPSG:${minX < 33_000_000 ? 4647 : 5650}).`;
  if (yInGermany && minX >= 2_200_000 && maxX < 5_900_000) {
    const zone = Math.floor(minX / 1_000_000);
    return ` Die Werte passen zu Gauß-Krüger Zone ${zone} (DHDN, EPSG:${31464 + zone}).`;
  }
  if (yInGermany && minX >= 150_000 && maxX <= 950_000)
    return ' Die Werte passen zu ETRS89/UTM (EPSG:25832 für Zone 32 oder EPSG:25833 für Zone 33).';
  if (minX >= 600_000 && maxX <= 1_700_000 && minY >= 5_950_000 && maxY <= 7_400_000)
    return ' Die Werte passen zu Web-Mercator (EPSG:3857).';
  return '';
}

/**
 * Checks coordinates that should be WGS84 lon/lat degrees: non-finite values, metres declared as degrees,
 * swapped latitude/longitude (judged against `expectedBbox`, default Germany) and values outside it.
 * Errors mean "refuse the file"; warnings may be shown and accepted.
 */
export function checkCoordinates(
  geometries: readonly (Geometry | null)[],
  opts: { expectedBbox?: BBox | null } = {},
): CoordinateCheck {
  const expected = opts.expectedBbox === undefined ? GERMANY_BBOX : opts.expectedBbox;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  let count = 0,
    nonFinite = 0,
    inExpected = 0,
    inSwapped = 0;
  let firstBad: string | undefined;
  geometries.forEach((g, gi) => {
    if (!g) return;
    forEachPosition(g, (p) => {
      const x = p[0],
        y = p[1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        nonFinite++;
        firstBad ??= `Objekt ${gi + 1}: (${String(x)}, ${String(y)})`;
        return;
      }
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (expected) {
        if (x >= expected[0] && x <= expected[2] && y >= expected[1] && y <= expected[3])
          inExpected++;
        else if (y >= expected[0] && y <= expected[2] && x >= expected[1] && x <= expected[3])
          inSwapped++;
      }
    });
  });
  const issues: CoordinateIssue[] = [];
  if (nonFinite > 0) {
    issues.push({
      kind: 'not-finite',
      severity: 'error',
      message: `${nonFinite} Koordinaten sind keine endlichen Zahlen (leer, NaN oder unendlich), zuerst ${firstBad ?? ''}.`,
    });
  }
  if (count === 0) {
    if (nonFinite === 0)
      issues.push({
        kind: 'empty',
        severity: 'error',
        message: 'Die Datei enthält keine Koordinaten.',
      });
    return { ok: false, bbox: null, issues };
  }
  const bbox: BBox = [minX, minY, maxX, maxY];
  if (
    Math.max(Math.abs(minX), Math.abs(maxX)) > 180 ||
    Math.max(Math.abs(minY), Math.abs(maxY)) > 90
  ) {
    const looksProjected =
      Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY)) > 1000;
    issues.push(
      looksProjected
        ? {
            kind: 'projected',
            severity: 'error',
            message:
              `Die Koordinaten sind keine Längen-/Breitengrade (x von ${range(minX, maxX)}, y von ${range(minY, maxY)}): ` +
              `Sie sehen nach Metern in einem projizierten Koordinatensystem aus, die Datei ist aber als WGS84 (Grad) deklariert ` +
              `oder hat keine Angabe.${guessProjectedCrs(bbox)} Bitte das Koordinatensystem angeben (z. B. .prj-Datei oder EPSG-Code).`,
          }
        : {
            kind: 'out-of-range',
            severity: 'error',
            message: `Koordinaten außerhalb des gültigen Bereichs (Länge −180 bis 180, Breite −90 bis 90): x von ${range(minX, maxX)}, y von ${range(minY, maxY)}.`,
          },
    );
    return { ok: false, bbox, issues };
  }
  if (expected && inSwapped > 0 && inSwapped >= inExpected) {
    issues.push({
      kind: 'swapped',
      severity: 'error',
      message:
        `Die Koordinaten scheinen Breite/Länge vertauscht zu haben: x liegt zwischen ${fmt(minX)} und ${fmt(maxX)}, y zwischen ${fmt(minY)} und ${fmt(maxY)}. ` +
        `Das sind Breite und Länge des erwarteten Gebiets (Länge ${range(expected[0], expected[2])}, Breite ${range(expected[1], expected[3])}) in falscher Reihenfolge. ` +
        `GeoJSON und WGS84-Dateien verlangen Länge, Breite (x = Länge, RFC 7946, Abschnitt 3.1.1). Bitte die Achsen in der Quelle tauschen und die Datei neu hochladen; wir korrigieren das nicht stillschweigend.`,
    });
  } else if (expected && inExpected < count) {
    const outside = count - inExpected;
    issues.push({
      kind: 'outside-expected',
      severity: 'warning',
      message: `${outside} von ${count} Koordinaten liegen außerhalb des erwarteten Gebiets (Länge ${range(expected[0], expected[2])}, Breite ${range(expected[1], expected[3])}); gefunden: x von ${range(minX, maxX)}, y von ${range(minY, maxY)}. Stimmt das angegebene Koordinatensystem?`,
    });
  }
  return { ok: !issues.some((i) => i.severity === 'error'), bbox, issues };
}
