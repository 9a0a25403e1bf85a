// fast-check arbitraries that break valid seed files the way real files break (and the way attackers
// break them): flipped bytes, truncation, inserted NULs, lying ZIP sizes, zip bombs, deep nesting,
// damaged XML, UTF-16 text, corrupt SQLite pages. Each case is a plain description (shown by
// fast-check on failure) that apply*() turns into bytes deterministically.
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { crc32, deflatedEntry, writeZip, zeroBomb, type RawEntry } from './zip-writer.ts';

/** A change to raw bytes; positions are fractions of the length, so one case fits any seed. */
export type ByteOp =
  | { op: 'flip'; at: number[]; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'zero'; at: number; n: number }
  | { op: 'duplicate'; from: number; n: number; to: number };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** Generic byte damage. */
export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.array(frac, { minLength: 1, maxLength: 8 }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: frac }),
  fc.record({
    op: fc.constant('insert' as const),
    at: frac,
    bytes: fc.oneof(
      fc.array(fc.constant(0), { minLength: 1, maxLength: 64 }),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
    ),
  }),
  fc.record({ op: fc.constant('zero' as const), at: frac, n: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({
    op: fc.constant('duplicate' as const),
    from: frac,
    n: fc.integer({ min: 1, max: 8192 }),
    to: frac,
  }),
);

const pos = (f: number, len: number): number => Math.min(len, Math.floor(f * len));

/** Applies byte ops in order. */
export function applyBytes(seed: Uint8Array, ops: readonly ByteOp[]): Uint8Array {
  let b = seed;
  for (const o of ops) {
    if (o.op === 'flip') {
      b = b.slice();
      for (const f of o.at) if (b.length) b[pos(f, b.length - 1)] = o.value;
    } else if (o.op === 'truncate') b = b.slice(0, pos(o.at, b.length));
    else if (o.op === 'zero') {
      b = b.slice();
      const at = pos(o.at, b.length);
      b.fill(0, at, at + o.n);
    } else {
      const at = pos(o.op === 'insert' ? o.at : o.to, b.length);
      const ins =
        o.op === 'insert'
          ? Uint8Array.from(o.bytes)
          : b.slice(pos(o.from, b.length), pos(o.from, b.length) + o.n);
      const out = new Uint8Array(b.length + ins.length);
      out.set(b.subarray(0, at));
      out.set(ins, at);
      out.set(b.subarray(at), at + ins.length);
      b = out;
    }
  }
  return b;
}

/** Damage that a text parser sees (inserted at a fraction of the text). */
export type TextOp = { op: 'text'; at: number; text: string } | { op: 'nest'; depth: number };

const hostileText = fc.constantFrom(
  '\u0000',
  '\\u0000',
  '\\ud800',
  '"\u0000"',
  '&#0;',
  '&#xD800;',
  '&#99999999999;',
  '<row r="7"><c r="A7"><v>1</v>',
  '<c r="ZZZZZZZZ9"><v>1</v></c>',
  '<c r="A1" t="s"><v>999999</v></c>',
  '<c r="B2" s="1"><v>1e308</v></c>',
  '</row>',
  '<row>',
  '<si><t>',
  '"\n"',
  ';;;;;;;;',
  '\r',
  '"',
  '\u00e4\u00f6',
  '\ud83d',
);

export const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('text' as const), at: frac, text: hostileText }),
  fc.record({
    op: fc.constant('text' as const),
    at: frac,
    text: fc.string({ unit: 'binary', maxLength: 40 }),
  }),
  fc.record({
    op: fc.constant('text' as const),
    at: frac,
    text: hostileText.map((t) => t.repeat(2000)),
  }),
  fc.record({ op: fc.constant('nest' as const), depth: fc.integer({ min: 20, max: 20_000 }) }),
);

/** Applies text ops to UTF-8 text; 'nest' wraps the first JSON value or XML body `depth` deep. */
export function applyText(seed: Uint8Array, ops: readonly TextOp[]): Uint8Array {
  let s = new TextDecoder().decode(seed);
  for (const o of ops) {
    if (o.op === 'text') {
      const at = pos(o.at, s.length);
      s = s.slice(0, at) + o.text + s.slice(at);
    } else {
      const at = Math.max(0, s.indexOf('"coordinates"') + 14);
      s = s.startsWith('<')
        ? s.replace('<sheetData>', `<sheetData>${'<row>'.repeat(o.depth)}`)
        : s.slice(0, at) +
          '['.repeat(o.depth) +
          s.slice(at, at + 40) +
          ']'.repeat(o.depth) +
          s.slice(at + 40);
    }
  }
  return new TextEncoder().encode(s);
}

/** Re-encodings of a text file: UTF-16 without BOM, UTF-16BE with BOM. */
export type Recode = 'utf16le-nobom' | 'utf16be-bom' | 'none';
export const recode: fc.Arbitrary<Recode> = fc.constantFrom(
  'none',
  'none',
  'utf16le-nobom',
  'utf16be-bom',
);

export function applyRecode(bytes: Uint8Array, r: Recode): Uint8Array {
  if (r === 'none') return bytes;
  const le = Buffer.from(new TextDecoder().decode(bytes), 'utf16le');
  if (r === 'utf16le-nobom') return new Uint8Array(le);
  const be = Buffer.from(le);
  be.swap16();
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
}

/** Damage to a ZIP archive's structure or one entry's content. */
export type ZipOp =
  | { op: 'inner'; entry: number; bytes: ByteOp[]; text: TextOp[] }
  | { op: 'lie'; entry: number; field: 'size' | 'csize' | 'crc' | 'method'; value: number }
  | { op: 'bomb'; entry: number; mib: number; declared: 'honest' | 'small' }
  | { op: 'entries'; count: number };

const liar = fc.constantFrom(0, 1, 100, 65_535, 2 ** 31, 2 ** 32 - 1);

export const zipOp: fc.Arbitrary<ZipOp> = fc.oneof(
  fc.record({
    op: fc.constant('inner' as const),
    entry: fc.nat(31),
    bytes: fc.array(byteOp, { maxLength: 2 }),
    text: fc.array(textOp, { maxLength: 2 }),
  }),
  fc.record({
    op: fc.constant('lie' as const),
    entry: fc.nat(31),
    field: fc.constantFrom('size' as const, 'csize' as const, 'crc' as const, 'method' as const),
    value: liar,
  }),
  fc.record({
    op: fc.constant('bomb' as const),
    entry: fc.nat(31),
    mib: fc.integer({ min: 1, max: 1100 }),
    declared: fc.constantFrom('honest' as const, 'small' as const),
  }),
  fc.record({ op: fc.constant('entries' as const), count: fc.integer({ min: 1, max: 5000 }) }),
);

// unzipping and deflating the seed again for every case cost half the XLSX fuzz time
const rezipped = new WeakMap<Uint8Array, { files: [string, Uint8Array][]; entries: RawEntry[] }>();

/** Rebuilds the seed archive with the op applied (honest CRCs unless the op lies). */
export function applyZip(seed: Uint8Array, ops: readonly ZipOp[]): Uint8Array {
  let honest = rezipped.get(seed);
  if (!honest) {
    const files = Object.entries(unzipSync(seed)).filter(([name]) => !name.endsWith('/'));
    honest = { files, entries: files.map(([name, data]) => deflatedEntry(name, data)) };
    rezipped.set(seed, honest);
  }
  const { files } = honest;
  let entries: RawEntry[] = [...honest.entries];
  for (const o of ops) {
    const i = o.op === 'entries' ? 0 : o.entry % files.length;
    const e = entries[i]!;
    if (o.op === 'inner') {
      const data = applyText(applyBytes(files[i]![1], o.bytes), o.text);
      entries[i] = deflatedEntry(e.name, data);
    } else if (o.op === 'lie') {
      const stored = o.field === 'csize' ? e.stored.subarray(0, o.value) : e.stored;
      entries[i] = {
        ...e,
        stored,
        ...(o.field === 'size' ? { size: o.value } : {}),
        ...(o.field === 'crc' ? { crc: o.value } : {}),
        ...(o.field === 'method' ? { method: (o.value % 2 ? 0 : 8) as 0 | 8 } : {}),
      };
    } else if (o.op === 'bomb') {
      const bomb = zeroBomb(o.mib);
      entries[i] = { ...e, ...bomb, size: o.declared === 'honest' ? bomb.size : 1000 };
    } else {
      // many tiny entries (a classic way to exhaust memory with bookkeeping)
      const tiny = {
        name: '',
        stored: new Uint8Array(0),
        method: 0 as const,
        crc: crc32(new Uint8Array(0)),
        size: 0,
      };
      entries = [
        ...entries,
        ...Array.from({ length: o.count }, (_, k) => ({ ...tiny, name: `x/${k}.txt` })),
      ].slice(0, 5000);
    }
  }
  return writeZip(entries);
}
