import { describe, expect, it } from 'vitest';
import { readCsvBytes } from './read-table.ts';
import { concatBytes, encodeWindows1252 } from './test-support.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readCsvBytes', () => {
  it('reads an empty file as no records without errors', () => {
    const r = readCsvBytes(new Uint8Array(0));
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.encodingProblems).toEqual([]);
  });

  it('reads a German Excel export with BOM: header without BOM character, umlauts intact', () => {
    const r = readCsvBytes(
      concatBytes(
        new Uint8Array([0xef, 0xbb, 0xbf]),
        utf8('Planungsraum;Name;Anteil\r\n01100101;Schöneberg;12,5\r\n'),
      ),
    );
    expect(r.encoding).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(r.dialect).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(r.records).toEqual([
      { line: 1, fields: ['Planungsraum', 'Name', 'Anteil'] },
      { line: 2, fields: ['01100101', 'Schöneberg', '12,5'] },
    ]);
  });

  it('decodes windows-1252 "Schöneberg" and reports an unbalanced quote', () => {
    const r = readCsvBytes(
      encodeWindows1252('PLR;Name\n07010101;"Schöneberg\n07010102;Friedenau\n'),
    );
    expect(r.encoding.encoding).toBe('windows-1252');
    expect(r.errors).toEqual([
      {
        line: 2,
        column: 2,
        message: 'Zeile 2, Spalte 2: Anführungszeichen wird nicht geschlossen',
      },
    ]);
    expect(r.records[2]).toEqual({ line: 3, fields: ['07010102', 'Friedenau'] });
  });

  it('passes the mixed-encoding problem on with its line', () => {
    const r = readCsvBytes(
      concatBytes(encodeWindows1252('a;b\nSchöneberg;1\nNeukölln;2\n'), utf8('Köpenick;3\n')),
    );
    expect(r.encodingProblems.map((p) => p.line)).toEqual([4]);
  });

  it('uses a dialect given by the user instead of detecting one', () => {
    const r = readCsvBytes(utf8('a;b,c\n1;2,3\n'), {
      dialect: { delimiter: ',', decimal: '.', thousands: null },
    });
    expect(r.records.map((x) => x.fields)).toEqual([
      ['a;b', 'c'],
      ['1;2', '3'],
    ]);
  });
});
