// Helpers for the tabular tests only (not exported from index.ts).

import { decodeWindows1252 } from './encoding.ts';

let table: Map<string, number> | null = null;

/** Encodes text as Windows-1252 the way German Excel saves "CSV (Trennzeichen-getrennt)"; throws on unmappable characters. */
export function encodeWindows1252(text: string): Uint8Array {
  if (!table) {
    table = new Map();
    for (let b = 0; b < 256; b++) table.set(decodeWindows1252(new Uint8Array([b])), b);
  }
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const ch of text) {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not encodable in windows-1252: ${ch}`);
    out[i++] = b;
  }
  return out.subarray(0, i);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
