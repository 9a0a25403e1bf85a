import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './write-csv.ts';

describe('toCsv', () => {
  it('writes German CSV by default: BOM, semicolon, decimal comma, CRLF', () => {
    expect(
      toCsv([
        ['Gebiet', 'Wert'],
        ['Mitte', 1234.5],
        ['Wedding', null],
      ]),
    ).toBe('\uFEFFGebiet;Wert\r\nMitte;1234,5\r\nWedding;\r\n');
  });

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvField('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvField('a,b')).toBe('a,b');
    expect(csvField('a,b', { delimiter: ',' })).toBe('"a,b"');
  });

  it('never lets a spreadsheet run a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+49 30')).toBe("'+49 30");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
  });

  it('writes plain CSV for tools that expect it', () => {
    expect(toCsv([['a', 0.5]], { delimiter: ',', decimalComma: false, bom: false })).toBe(
      'a,0.5\r\n',
    );
  });

  it('leaves non-finite numbers empty', () => {
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
  });
});
