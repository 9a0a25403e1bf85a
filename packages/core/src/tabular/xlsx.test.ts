// The pure sheet parser of .xlsx worksheets. Whole workbooks (written with exceljs, as Excel would
// store them) are read by the server's budgeted reader and tested there
// (server/src/modules/imports/readers/xlsx-reader.test.ts).
import { describe, expect, it } from 'vitest';
import { createSheetParser, excelSerialToIso, XlsxFormatError } from './xlsx.ts';

describe('excelSerialToIso', () => {
  it('converts Excel serial days, including the 1900 leap-year bug and the 1904 system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(44196)).toBe('2020-12-31');
    expect(excelSerialToIso(44196.5)).toBe('2020-12-31T12:00:00');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
  });
});

describe('createSheetParser on damaged or unusual sheets', () => {
  const sheet = (rows: string, root = 'worksheet', p = '') =>
    `<?xml version="1.0"?><${p}${root} xmlns="x"><${p}sheetData>${rows}</${p}sheetData></${p}${root}>`;
  const parse = (xml: string, chunk = xml.length) => {
    const parser = createSheetParser({ shared: ['Text'], dateStyle: [false, true] });
    const out = [];
    for (let i = 0; i < xml.length; i += chunk) out.push(...parser.push(xml.slice(i, i + chunk)));
    return [...out, ...parser.end()];
  };

  it('gives the same rows whether the XML comes whole or in 7-character pieces', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.5</v></c></row><row r="3"><c r="B3" s="1"><v>44196</v></c></row>',
    );
    const whole = parse(xml);
    expect(whole).toEqual([
      { line: 1, fields: ['Text', '', '1.5'] },
      { line: 3, fields: ['', '2020-12-31'] },
    ]);
    expect(parse(xml, 7)).toEqual(whole);
  });

  it('reads sheets whose elements carry a namespace prefix (OpenXML SDK)', () => {
    const xml = sheet('<x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row>', 'worksheet', 'x:');
    expect(parse(xml)).toEqual([{ line: 2, fields: ['7'] }]);
  });

  // Not timed (timing asserts flake on a busy CI; the figure is in bench/parsers.ts): the timeout
  // proves the scan does not turn quadratic or hang.
  it('stops at a row that never ends, without hanging', { timeout: 30_000 }, () => {
    const xml = sheet('<row r="1"><c r="A1"><v>1</v></c>'.repeat(200_000));
    expect(() => parse(xml, 65_536)).toThrow(XlsxFormatError);
  });

  it('refuses a column beyond XFD and NUL characters, naming row and cell', () => {
    expect(() => parse(sheet('<row r="4"><c r="ZZZZZZ4"><v>1</v></c></row>'))).toThrow(
      /Zelle ZZZZZZ4: Spalte jenseits von XFD/,
    );
    expect(() => parse(sheet('<row r="5"><c r="A5"><v>1</v></c></row>\u0000'))).toThrow(
      /NUL-Zeichen/,
    );
  });

  it('turns forbidden character references into U+FFFD and keeps absurd date serials as numbers', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#0;b&#xD800;c&#99999999;</t></is></c><c r="B1" s="1"><v>1e300</v></c></row>',
    );
    expect(parse(xml)).toEqual([{ line: 1, fields: ['a\uFFFDb\uFFFDc\uFFFD', '1e+300'] }]);
  });
});
