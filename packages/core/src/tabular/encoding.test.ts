import { describe, expect, it } from 'vitest';
import {
  createStreamingDecoder,
  decodeText,
  decodeWindows1252,
  detectEncoding,
} from './encoding.ts';
import { concatBytes, encodeWindows1252 } from './test-support.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectEncoding', () => {
  it('reads valid UTF-8 with umlauts as utf-8 without BOM', () => {
    const d = detectEncoding(utf8('plr;name\n07010101;Schöneberg\n'));
    expect(d).toMatchObject({
      encoding: 'utf-8',
      bom: false,
      utf8Lines: 1,
      invalidUtf8Lines: 0,
      problem: null,
    });
  });

  it('recognises the UTF-8 BOM of Excel "CSV UTF-8" and strips it when decoding', () => {
    const bytes = concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('name\nSchöneberg\n'));
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(decodeText(bytes, 'utf-8')).toBe('name\nSchöneberg\n');
  });

  it('falls back to windows-1252 for Excel CSV and decodes "Schöneberg" correctly', () => {
    const bytes = encodeWindows1252('plr;name\n07010101;Schöneberg\n07010102;Friedenau – Süd\n');
    expect(bytes[21]).toBe(0xf6); // the ö is one byte
    const d = detectEncoding(bytes);
    expect(d).toMatchObject({
      encoding: 'windows-1252',
      bom: false,
      invalidUtf8Lines: 2,
      problem: null,
    });
    expect(decodeText(bytes, d.encoding)).toBe(
      'plr;name\n07010101;Schöneberg\n07010102;Friedenau – Süd\n',
    );
  });

  it('treats pure ASCII as utf-8', () => {
    expect(detectEncoding(utf8('a;b\n1;2\n')).encoding).toBe('utf-8');
  });

  it('reports an empty file as utf-8 without problems', () => {
    expect(detectEncoding(new Uint8Array(0))).toMatchObject({
      encoding: 'utf-8',
      bom: false,
      problem: null,
    });
  });

  it('detects a file that mixes UTF-8 and windows-1252 lines and names the line of the minority encoding', () => {
    const bytes = concatBytes(
      encodeWindows1252('name;wert\nSchöneberg;1\nNeukölln;2\n'),
      utf8('Köpenick;3\n'), // line 4, pasted from a UTF-8 file
      encodeWindows1252('Weißensee;4\n'),
    );
    const d = detectEncoding(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(d.problem).not.toBeNull();
    expect(d.problem!.kind).toBe('mixed-encoding');
    expect(d.problem!.line).toBe(4);
    expect(d.problem!.message).toMatch(/^Zeile 4: gemischte Zeichenkodierung/);
  });

  it('names the windows-1252 line when a UTF-8 file has one stray windows-1252 line', () => {
    const bytes = concatBytes(
      utf8('name\nSchöneberg\nNeukölln\n'),
      encodeWindows1252('Köpenick\r\n'),
      utf8('Weißensee\n'),
    );
    const d = detectEncoding(bytes);
    expect(d.problem?.line).toBe(4);
    expect(d.problem?.message).toContain('diese Zeile ist Windows-1252');
  });

  it('reports invalid bytes in a file marked UTF-8 by its BOM', () => {
    const bytes = concatBytes(
      new Uint8Array([0xef, 0xbb, 0xbf]),
      utf8('a\nb\n'),
      encodeWindows1252('Schöneberg\n'),
    );
    const d = detectEncoding(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.problem).toMatchObject({ kind: 'invalid-utf8', line: 3 });
  });

  it('rejects overlong and surrogate UTF-8 sequences as invalid', () => {
    expect(detectEncoding(new Uint8Array([0x41, 0xc0, 0xaf])).encoding).toBe('windows-1252');
    expect(detectEncoding(new Uint8Array([0xed, 0xa0, 0x80])).encoding).toBe('windows-1252');
    expect(detectEncoding(utf8('€ 𝄞')).encoding).toBe('utf-8');
  });

  it('detects UTF-16LE from its BOM (Excel "Unicode-Text")', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x09, 0x00, 0xf6, 0x00]);
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(decodeText(bytes, 'utf-16le')).toBe('a\tö');
  });
});

describe('createStreamingDecoder', () => {
  it('decodes multi-byte characters split across chunks', () => {
    const bytes = utf8('Schöneberg\nWeißensee\n');
    const dec = createStreamingDecoder('utf-8');
    let text = '';
    for (let i = 0; i < bytes.length; i++) text += dec.decode(bytes.subarray(i, i + 1));
    text += dec.end();
    expect(text).toBe('Schöneberg\nWeißensee\n');
    expect(dec.problems).toEqual([]);
  });

  it('reports windows-1252 bytes in a chunk far behind the detection sample, with the line number', () => {
    const head = utf8('name\n' + 'Schöneberg\n'.repeat(1000));
    const tail = encodeWindows1252('Neukölln\n');
    const dec = createStreamingDecoder('utf-8');
    dec.decode(head);
    expect(dec.problems).toEqual([]);
    dec.decode(tail);
    dec.end();
    expect(dec.problems).toHaveLength(1);
    expect(dec.problems[0]!.line).toBe(1002);
  });

  it('reports UTF-8 lines in a stream decoded as windows-1252', () => {
    const dec = createStreamingDecoder('windows-1252');
    const text =
      dec.decode(encodeWindows1252('a\nSchöneberg\n')) + dec.decode(utf8('Köpenick\n')) + dec.end();
    expect(text).toBe('a\nSchöneberg\nKÃ¶penick\n');
    expect(dec.problems.map((p) => p.line)).toEqual([3]);
  });

  it('drops the UTF-8 BOM', () => {
    const dec = createStreamingDecoder('utf-8');
    expect(dec.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])) + dec.end()).toBe('a');
  });
});

describe("createStreamingDecoder('auto')", () => {
  const run = (chunks: Uint8Array[]) => {
    const dec = createStreamingDecoder('auto');
    let text = '';
    for (const c of chunks) text += dec.decode(c);
    text += dec.end();
    return { text, encoding: dec.encoding, problems: dec.problems };
  };
  const ascii = 'plr;ew\n' + '01100101;3419\n'.repeat(5000);

  it('reads a windows-1252 file whose first umlaut comes after 70 KB of ASCII as one encoding', () => {
    const r = run([utf8(ascii), encodeWindows1252('Quelle: Amt für Statistik\n')]);
    expect(r).toEqual({
      text: ascii + 'Quelle: Amt für Statistik\n',
      encoding: 'windows-1252',
      problems: [],
    });
  });

  it('reads a late UTF-8 umlaut as UTF-8', () => {
    const r = run([utf8(ascii), utf8('Quelle: Amt für Statistik\n')]);
    expect(r).toEqual({
      text: ascii + 'Quelle: Amt für Statistik\n',
      encoding: 'utf-8',
      problems: [],
    });
  });

  it('decides correctly when a chunk ends in the middle of the first non-ASCII character', () => {
    for (const [bytes, enc] of [
      [utf8('ab\nSchöneberg ä\n'), 'utf-8'],
      [encodeWindows1252('ab\nSchäfer ö\n'), 'windows-1252'],
      [encodeWindows1252('ab\nä'), 'windows-1252'], // 0xE4 at the very end: an incomplete UTF-8 lead byte
    ] as const) {
      const chunks = [...bytes].map((b) => new Uint8Array([b]));
      const r = run(chunks);
      expect(r.encoding).toBe(enc);
      expect(r.text).toBe(decodeText(bytes, enc));
      expect(r.problems).toEqual([]);
    }
  });

  it('still reports a file that really mixes both encodings', () => {
    const r = run([
      utf8(ascii),
      encodeWindows1252('Schöneberg;1\n'),
      utf8('Köpenick;2\nNeukölln;3\n'),
    ]);
    expect(r.encoding).toBe('windows-1252');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(5002); // the minority kind: the one windows-1252 line
  });

  it('switches to UTF-8 or UTF-16LE on a BOM', () => {
    expect(run([new Uint8Array([0xef, 0xbb, 0xbf, 0x61])])).toMatchObject({
      text: 'a',
      encoding: 'utf-8',
    });
    expect(run([new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0xf6, 0x00])])).toMatchObject({
      text: 'aö',
      encoding: 'utf-16le',
      problems: [],
    });
  });
});

describe('decodeWindows1252', () => {
  it('maps the 0x80–0x9F range to the Windows characters Excel writes (€ „ “ – …), not to C1 controls', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x84, 0x93, 0x96, 0x85, 0xdf, 0xe4]))).toBe(
      '€„“–…ßä',
    );
  });
});
