// Builds the map's label glyphs (signed-distance-field PBFs, the format MapLibre asks for under
// style.glyphs) from a font file, so labels render without internet (issue 11 § 2). The output is
// committed in packages/web/public/glyphs/ (Vite copies it into the build); run this only to change
// the font or the character ranges:
//   node_modules/.bin/tsx packages/web/scripts/build-glyphs.ts [Regular.ttf] [Bold.ttf]
// Rendering: @mapbox/tiny-sdf in real Chromium (it needs a canvas) with MapLibre's own parameters
// for locally drawn glyphs (24 px, buffer 3, radius 8, cutoff 0.25); encoding: the glyphs.proto
// message of the MapLibre style specification, written by hand (a few varints and byte strings).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../../e2e/chromium.ts';

const FONTS = [
  {
    stack: 'sozialraum-sans',
    file: process.argv[2] ?? '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
    weight: 'normal',
  },
  {
    stack: 'sozialraum-sans-bold',
    file: process.argv[3] ?? '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf',
    weight: 'bold',
  },
];
/** Basic Latin + Latin-1 (ä ö ü ß), Latin Extended-A/B and Additional (ł ő č ẞ …), punctuation („ “ –). */
const RANGES = [0, 256, 512, 768, 1024, 7680, 8192];
const OUT = path.resolve(import.meta.dirname, '../public/glyphs');
const TINY_SDF = readFileSync(
  path.resolve(import.meta.dirname, '../../../node_modules/@mapbox/tiny-sdf/index.js'),
  'utf8',
);

interface Glyph {
  id: number;
  bitmap: number[];
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

// --- protobuf writing (wire types 0 = varint, 2 = length-delimited) ---
function varint(n: number, out: number[]): void {
  let v = n >>> 0;
  while (v > 127) {
    out.push((v & 127) | 128);
    v >>>= 7;
  }
  out.push(v);
}
const zigzag = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;
function field(tag: number, wire: 0 | 2, out: number[]): void {
  varint((tag << 3) | wire, out);
}
function bytes(tag: number, data: ArrayLike<number>, out: number[]): void {
  field(tag, 2, out);
  varint(data.length, out);
  for (let i = 0; i < data.length; i++) out.push(data[i]!);
}
function uint(tag: number, n: number, out: number[]): void {
  field(tag, 0, out);
  varint(n, out);
}
function encodeGlyph(g: Glyph): number[] {
  const out: number[] = [];
  uint(1, g.id, out);
  if (g.bitmap.length > 0) bytes(2, g.bitmap, out);
  uint(3, g.width, out);
  uint(4, g.height, out);
  field(5, 0, out);
  varint(zigzag(g.left), out); // sint32
  field(6, 0, out);
  varint(zigzag(g.top), out);
  uint(7, g.advance, out);
  return out;
}
function encodeRange(stack: string, start: number, glyphs: Glyph[]): Uint8Array {
  const fontstack: number[] = [];
  bytes(1, Buffer.from(stack, 'utf8'), fontstack);
  bytes(2, Buffer.from(`${start}-${start + 255}`, 'utf8'), fontstack);
  for (const g of glyphs) bytes(3, encodeGlyph(g), fontstack);
  const out: number[] = [];
  bytes(1, fontstack, out);
  return Uint8Array.from(out);
}

// Runs in the page (as text: the TypeScript runner's helpers do not exist there). The font's own
// character map decides which code points exist: a character the font lacks would be drawn in a
// fallback font, so it is left out (MapLibre then shows nothing for it rather than a wrong shape).
const IN_PAGE = `async ({ data, weight, ranges }) => {
  const face = new FontFace('GlyphSource', 'url(data:font/ttf;base64,' + data + ')', { weight });
  document.fonts.add(await face.load());
  const sdf = new window.TinySDF({
    fontSize: 24, buffer: 3, radius: 8, cutoff: 0.25, fontFamily: 'GlyphSource', fontWeight: weight,
  });
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (font, ch) => { ctx.font = font; return ctx.measureText(ch).width; };
  // absent from the font, the character falls back: then it measures like the fallback alone
  const has = (ch) =>
    width('24px GlyphSource, monospace', ch) !== width('24px monospace', ch) ||
    width('24px GlyphSource, serif', ch) !== width('24px serif', ch);
  return ranges.map((start) => {
    const list = [];
    for (let id = start; id < start + 256; id++) {
      const ch = String.fromCodePoint(id);
      if (id < 32 || (id >= 127 && id < 160) || !has(ch)) continue;
      const g = sdf.draw(ch);
      list.push({
        id,
        bitmap: Array.from(g.data),
        width: g.glyphWidth,
        height: g.glyphHeight,
        left: Math.round(g.glyphLeft),
        top: Math.round(g.glyphTop - 27),
        advance: Math.round(g.glyphAdvance),
      });
    }
    return list;
  });
}`;

// Debian's Chromium as everywhere (e2e/chromium.ts); its flags are kept as they were when the
// committed glyph metrics were measured (other flags, e.g. --disable-gpu, may rasterise differently)
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
  await page.addScriptTag({
    type: 'module',
    content: `${TINY_SDF.replace('export default class TinySDF', 'class TinySDF')}\nwindow.TinySDF = TinySDF;`,
  });
  await page.waitForFunction(() => 'TinySDF' in window);
  for (const font of FONTS) {
    const data = readFileSync(font.file).toString('base64');
    const glyphsByRange = (await page.evaluate(
      `(${IN_PAGE})(${JSON.stringify({ data, weight: font.weight, ranges: RANGES })})`,
    )) as Glyph[][];
    mkdirSync(path.join(OUT, font.stack), { recursive: true });
    RANGES.forEach((start, i) => {
      const file = path.join(OUT, font.stack, `${start}-${start + 255}.pbf`);
      writeFileSync(file, encodeRange(font.stack, start, glyphsByRange[i]!));
      console.log(`${file}: ${glyphsByRange[i]!.length} Zeichen`);
    });
  }
} finally {
  await browser.close();
}
