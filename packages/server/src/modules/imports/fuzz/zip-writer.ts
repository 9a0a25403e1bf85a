// A minimal ZIP writer for tests (APPNOTE 6.3.10 §4.3): unlike fflate's zipSync it writes whatever
// sizes it is told, so tests can build archives whose central directory lies, and zip bombs.
import { constants, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Bytes as stored in the archive (already deflated when method is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** Uncompressed size written to the local header and the central directory. */
  size: number;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (ISO 3309) of bytes. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** An honest deflated entry. */
export function deflatedEntry(name: string, data: Uint8Array): RawEntry {
  return {
    name,
    stored: new Uint8Array(deflateRawSync(data)),
    method: 8,
    crc: crc32(data),
    size: data.length,
  };
}

let block: Buffer | undefined;

/**
 * A DEFLATE stream of `mib` MiB of zeros, built from one flushed 1 MiB block repeated (a full
 * flush ends the block byte-aligned and forgets the history, so copies can be concatenated):
 * ~1 KB per MiB, made in milliseconds, the classic zip bomb.
 */
export function zeroBomb(
  mib: number,
  withCrc = false,
): { stored: Uint8Array; size: number; crc: number } {
  block ??= deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  const stored = new Uint8Array(block.length * mib + end.length);
  for (let i = 0; i < mib; i++) stored.set(block, i * block.length);
  stored.set(end, block.length * mib);
  // the CRC costs a second per 300 MiB; a bomb is refused before it is compared anyway
  let crc = 0;
  const chunk = new Uint8Array(1 << 20);
  for (let i = 0; withCrc && i < mib; i++) crc = crc32(chunk, crc);
  return { stored, size: mib * (1 << 20), crc };
}

/** Writes the entries as a ZIP archive, sizes exactly as given. */
export function writeZip(entries: readonly RawEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.stored.length, 20);
    central.writeUInt32LE(e.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), Buffer.from(e.stored));
    centrals.push(central, Buffer.from(name));
    offset += 30 + name.length + e.stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}
