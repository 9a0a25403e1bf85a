import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvParser, parseCsv, type CsvDelimiter, type CsvRecord } from './csv-parser.ts';

/** Feeds the text in chunks of every size from 1 to 7 characters and checks the result never depends on chunking. */
function parseChunked(text: string, size: number, delimiter: ';' | ',' | '\t' = ';') {
  const p = createCsvParser({ delimiter });
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) records.push(...p.push(text.slice(i, i + size)));
  records.push(...p.end());
  return { records, errors: [...p.errors] };
}

describe('createCsvParser', () => {
  it('splits simple records and gives each its 1-based line', () => {
    const { records, errors } = parseCsv('a;b;c\n1;2;3\n4;5;6\n', { delimiter: ';' });
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('handles CRLF, LF and a missing final line break alike', () => {
    const a = parseCsv('a;b\r\n1;2\r\n3;4', { delimiter: ';' }).records;
    const b = parseCsv('a;b\n1;2\n3;4\n', { delimiter: ';' }).records;
    expect(a).toEqual(b);
    expect(a.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads CR-only line ends of old Mac Excel, whatever the chunking', () => {
    const expected = [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', 'x\ny'] },
    ];
    const text = 'a;b\r1;2\r3;"x\ry"\r';
    expect(parseCsv(text, { delimiter: ';' }).records).toEqual(expected);
    for (let size = 1; size <= 4; size++)
      expect(parseChunked(text, size).records).toEqual(expected);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and keeps counting lines', () => {
    const text = 'name;note;n\n"Kiez; Nord";"sagt ""hallo""";1\n"zwei\r\nZeilen";x;2\nletzte;y;3\n';
    const { records, errors } = parseCsv(text, { delimiter: ';' });
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note', 'n'] },
      { line: 2, fields: ['Kiez; Nord', 'sagt "hallo"', '1'] },
      { line: 3, fields: ['zwei\r\nZeilen', 'x', '2'] },
      { line: 5, fields: ['letzte', 'y', '3'] },
    ]);
  });

  it('gives the same records for every chunk size, even when a chunk ends inside a quote or a CRLF', () => {
    const text = '\uFEFFa;b;c\r\n"x;""y""\r\nz";2;3\r\n\r\n"";"";"q"\r\nu;"v";w\r\n"end"';
    const whole = parseCsv(text, { delimiter: ';' });
    expect(whole.records.map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
    for (let size = 1; size <= 7; size++) expect(parseChunked(text, size)).toEqual(whole);
  });

  it('reports an unbalanced quote with line and column in German and still reads the following lines', () => {
    const lines = ['a;b;c'];
    for (let i = 2; i <= 11; i++) lines.push(`${i};x;y`);
    lines.push('12;x;"offen'); // line 12, field 3
    lines.push('13;x;y');
    const { records, errors } = parseCsv(lines.join('\n') + '\n', { delimiter: ';' });
    expect(errors).toEqual([
      {
        line: 12,
        column: 3,
        message: 'Zeile 12, Spalte 3: Anführungszeichen wird nicht geschlossen',
      },
    ]);
    expect(records.at(-2)).toEqual({ line: 12, fields: ['12', 'x', '"offen'] });
    expect(records.at(-1)).toEqual({ line: 13, fields: ['13', 'x', 'y'] });
  });

  it('reports text after a closing quote but keeps it like Excel', () => {
    const { records, errors } = parseCsv('"ab"cd;2\n', { delimiter: ';' });
    expect(records[0]!.fields).toEqual(['abcd', '2']);
    expect(errors).toEqual([
      {
        line: 1,
        column: 1,
        message: 'Zeile 1, Spalte 1: unerwartete Zeichen nach schließendem Anführungszeichen',
      },
    ]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(parseCsv('5" Zoll;2\n', { delimiter: ';' }).records[0]!.fields).toEqual([
      '5" Zoll',
      '2',
    ]);
  });

  it('ignores trailing empty lines and Excel rows of bare delimiters, but keeps line numbers', () => {
    const { records } = parseCsv('a;b\n\n1;2\n;\n\r\n\n', { delimiter: ';' });
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('keeps blank records when asked to', () => {
    expect(
      parseCsv('a\n\nb\n', { delimiter: ';' }, { skipBlankRecords: false }).records.map(
        (r) => r.fields,
      ),
    ).toEqual([['a'], [''], ['b']]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseCsv('', { delimiter: ';' })).toEqual({ records: [], errors: [] });
    expect(parseCsv('\uFEFF', { delimiter: ';' })).toEqual({ records: [], errors: [] });
  });

  it('keeps empty fields and leading zeros as text', () => {
    expect(parseCsv('01100101;;"007"\n', { delimiter: ';' }).records[0]!.fields).toEqual([
      '01100101',
      '',
      '007',
    ]);
  });

  it('splits on tabs and commas when told so', () => {
    expect(parseCsv('a\tb,c\n', { delimiter: '\t' }).records[0]!.fields).toEqual(['a', 'b,c']);
    expect(parseCsv('a\tb,c\n', { delimiter: ',' }).records[0]!.fields).toEqual(['a\tb', 'c']);
  });

  it('returns records as soon as their line is complete', () => {
    const p = createCsvParser({ delimiter: ';' });
    expect(p.push('a;b\n1;')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(p.push('2\n3')).toEqual([{ line: 2, fields: ['1', '2'] }]);
    expect(p.end()).toEqual([{ line: 3, fields: ['3'] }]);
    expect(p.linesRead).toBe(3);
  });

  // Not timed (timing asserts flake on a busy CI; the speed figure is in bench/parsers.ts): the
  // generous timeout only proves parsing does not turn quadratic or hang.
  it('parses 200,000 rows fed in 64 KiB chunks, without hanging', { timeout: 30_000 }, () => {
    const rows = ['plr;datum;ew;anteil'];
    for (let i = 0; i < 200_000; i++)
      rows.push(`${String(i).padStart(8, '0')};31.12.2020;${i % 977};"12,5"`);
    const text = rows.join('\r\n');
    const p = createCsvParser({ delimiter: ';' });
    let n = 0;
    let last: CsvRecord | undefined;
    for (let i = 0; i < text.length; i += 65536) {
      const recs = p.push(text.slice(i, i + 65536));
      n += recs.length;
      last = recs.at(-1) ?? last;
    }
    const tail = p.end();
    n += tail.length;
    last = tail.at(-1) ?? last;
    expect(n).toBe(200_001);
    expect(last).toEqual({
      line: 200_001,
      fields: ['00199999', '31.12.2020', String(199_999 % 977), '12,5'],
    });
  });
});

/** Feeds the text cut at the given positions (sorted, inside the text). */
function parseSplit(text: string, cuts: number[], delimiter: CsvDelimiter = ';') {
  const p = createCsvParser({ delimiter });
  const records: CsvRecord[] = [];
  let from = 0;
  for (const c of [...cuts, text.length]) {
    records.push(...p.push(text.slice(from, c)));
    from = c;
  }
  records.push(...p.end());
  return { records, errors: [...p.errors] };
}

// Issue 10 § 4: an error was recorded twice when a chunk boundary fell after a closing quote.
describe('chunking invariance of records and errors', () => {
  const TRICKY = [
    'a;b\n"abc"def;x\n1;2\n',
    '"abc"def\n',
    '"abc"def',
    'a;"x"y;"z"w\r\n"unclosed;1\n2;3',
    '"a""b";"c\r\nd"e;f\r\n"g"\r\n',
    'x;"y"\r"z"q\r1;2\r',
    '\ufeff"k";"l"m;"n\n',
    'a;b\n;;\n"";""x\n',
  ];

  it.each(TRICKY)('gives the same records and errors for every split into two: %j', (text) => {
    const whole = parseCsv(text, { delimiter: ';' });
    for (let c = 0; c <= text.length; c++)
      expect(parseSplit(text, [c]), `cut at ${c}`).toEqual(whole);
  });

  it.each(TRICKY)('… and for every split into three and into single characters: %j', (text) => {
    const whole = parseCsv(text, { delimiter: ';' });
    for (let a = 0; a <= text.length; a++)
      for (let b = a; b <= text.length; b++)
        expect(parseSplit(text, [a, b]), `cuts at ${a}, ${b}`).toEqual(whole);
    expect(parseChunked(text, 1)).toEqual(whole);
  });

  it('reports text after a closing quote once when the chunk ends in that text', () => {
    // a quoted field over two lines, the chunk ends after the closing quote and one more character
    const p = createCsvParser({ delimiter: ';' });
    const records = [...p.push('x\n"c\r\nd"e'), ...p.push(';f\r\n'), ...p.end()];
    expect(records.map((r) => r.fields)).toEqual([['x'], ['c\r\nde', 'f']]);
    expect(p.errors).toEqual([
      {
        line: 3,
        column: 1,
        message: 'Zeile 3, Spalte 1: unerwartete Zeichen nach schließendem Anführungszeichen',
      },
    ]);
  });

  it('holds for random CSV-like text cut at random places (seeded)', () => {
    const text = fc
      .array(fc.constantFrom('a', '1', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'ä'), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom<CsvDelimiter>(';', ',', '\t'),
        (t, raw, delimiter) => {
          const cuts = raw.map((r) => r % (t.length + 1)).sort((x, y) => x - y);
          expect(parseSplit(t, cuts, delimiter)).toEqual(parseCsv(t, { delimiter }));
        },
      ),
      { seed: 4180, numRuns: 3000 },
    );
  });
});
