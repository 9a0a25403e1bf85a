// Broken GeoJSON files are reported with the exact line and column of the fault, found by a parser
// that reports offsets (not by reading V8's error text, which changes between Node versions).
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../errors.ts';
import { readGeoJson } from './geojson-reader.ts';
import { findJsonSyntaxError } from './json-syntax.ts';

const FC_HEAD = '{\n  "type": "FeatureCollection",\n  "features": [\n';
const FEATURE =
  '    {"type": "Feature", "properties": {"name": "Mitte"}, "geometry": {"type": "Point", "coordinates": [13.4, 52.5]}}';

/** The one issue readGeoJson reports for a text. */
function issueOf(text: string) {
  try {
    readGeoJson({ name: 'kaputt.geojson', bytes: new TextEncoder().encode(text) });
  } catch (err) {
    if (err instanceof ImportFileError) {
      expect(err.issues).toHaveLength(1);
      return err.issues[0]!;
    }
    throw err;
  }
  throw new Error('readGeoJson accepted the broken file');
}

describe('GeoJSON syntax errors with exact line and column', () => {
  it('a missing comma between two features', () => {
    const text = `${FC_HEAD}${FEATURE}\n${FEATURE}\n  ]\n}\n`;
    expect(issueOf(text)).toEqual({
      file: 'kaputt.geojson',
      line: 5,
      column: 5,
      message:
        'Zeile 5, Spalte 5: Ungültiges JSON: nach einem Listenelement fehlt ein Komma oder eine schließende Klammer ].',
    });
  });

  it('a missing comma between two members', () => {
    const text = '{\n  "type": "FeatureCollection"\n  "features": []\n}';
    expect(issueOf(text)).toMatchObject({
      line: 3,
      column: 3,
      message:
        'Zeile 3, Spalte 3: Ungültiges JSON: nach einem Wert fehlt ein Komma oder eine schließende Klammer }.',
    });
  });

  it('trailing garbage after the object', () => {
    const text = `${FC_HEAD}${FEATURE}\n  ]\n}\nxyz\n`;
    expect(issueOf(text)).toMatchObject({
      line: 7,
      column: 1,
      message:
        'Zeile 7, Spalte 1: Ungültiges JSON: nach dem Ende des JSON-Objekts folgt weiterer Text.',
    });
    expect(issueOf('{"type": "FeatureCollection", "features": []} {')).toMatchObject({
      line: 1,
      column: 47,
    });
  });

  it('a truncated file points at its end', () => {
    const text = `${FC_HEAD}${FEATURE},\n    {"type": "Feature", "properties": {"na`;
    // the string that never ends starts at its quote before na (column 40)
    expect(issueOf(text)).toMatchObject({
      line: 5,
      column: 40,
      message:
        'Zeile 5, Spalte 40: Ungültiges JSON: eine Zeichenkette endet nicht (schließendes Anführungszeichen fehlt).',
    });
    const cut = `${FC_HEAD}${FEATURE},\n`;
    expect(issueOf(cut)).toEqual({
      file: 'kaputt.geojson',
      line: 5,
      column: 1,
      message:
        'Zeile 5, Spalte 1: Die Datei endet mitten im JSON (abgeschnitten oder eine Klammer fehlt).',
    });
  });

  it('a NUL byte inside a string and outside one', () => {
    const inString = '{"type": "FeatureCollection",\n "name": "Mi\u0000tte", "features": []}';
    expect(issueOf(inString)).toMatchObject({
      line: 2,
      column: 13,
      message:
        'Zeile 2, Spalte 13: Ungültiges JSON: ein Steuerzeichen (z. B. Zeilenumbruch, Tabulator oder NUL) steht ungeschützt in einer Zeichenkette.',
    });
    const outside = '{"type": "FeatureCollection",\n  \u0000"features": []}';
    expect(issueOf(outside)).toMatchObject({
      line: 2,
      column: 3,
      message:
        'Zeile 2, Spalte 3: Ungültiges JSON: unerlaubtes Steuerzeichen (Zeichencode 0) außerhalb einer Zeichenkette.',
    });
  });

  it.each([
    ['a trailing comma in a list', '{"features": [1, 2,]}', 1, 20, 'hier wird ein Wert erwartet'],
    ['a trailing comma in an object', '{"a": 1,\n}', 2, 1, 'hier wird ein Name in doppelten'],
    ['single quotes', "{'type': 'Feature'}", 1, 2, 'unerwartetes Zeichen'],
    ['a comment', '// Gebiete\n{}', 1, 1, 'Kommentare sind in JSON nicht erlaubt'],
    ['NaN', '{"a":\n   NaN}', 2, 4, 'unerwartetes Zeichen'],
    ['a missing colon', '{"type" "Feature"}', 1, 9, 'nach dem Namen fehlt der Doppelpunkt'],
    ['a bad escape', '{"a": "C:\\Daten"}', 1, 10, 'ungültige Escape-Folge'],
    ['a bad number', '{"a": 1.}', 1, 7, 'ungültige Zahl'],
    ['an unclosed string', '{"a": "abc}', 1, 7, 'eine Zeichenkette endet nicht'],
  ])('%s', (_name, text, line, column, reason) => {
    const e = findJsonSyntaxError(text);
    expect(e).toMatchObject({ line, column });
    expect(e!.reason).toContain(reason);
    expect(() => JSON.parse(text)).toThrow(); // the cases are really invalid JSON
  });

  it('finds nothing in valid JSON', () => {
    expect(findJsonSyntaxError(`${FC_HEAD}${FEATURE}\n  ]\n}\n`)).toBeNull();
    expect(findJsonSyntaxError('"text"')).toBeNull();
  });
});
