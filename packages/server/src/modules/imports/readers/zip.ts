// Reading ZIP archives (XLSX workbooks, zipped shapefiles) with budgets, after PKWARE APPNOTE 6.3.10
// §4.3: the central directory is read first, so the entry count and every declared size are checked
// before a single byte is inflated; then the actual inflated bytes are counted while streaming,
// because declared sizes can lie (zip bombs). Both refuse early with a German message (400), never
// after the memory is gone. No third-party unzip stream: exceljs' unzipper waited forever on broken
// files and kept their file handle open (issue 8, item 7).
import { open } from 'node:fs/promises';
import { Inflate } from 'fflate';
import { ImportFileError } from './errors.ts';

const MiB = 1024 * 1024;

export interface ZipLimits {
  /** Entries one archive may list (a shapefile ZIP has ~10, an XLSX ~20). */
  maxEntries: number;
  /** Decompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Decompressed bytes of all entries read from one upload (all its archives together). */
  maxTotalBytes: number;
}

// Sized for real uploads: the largest Berlin geometry (542 PLR, GeoJSON) is 5.6 MB, a Germany-wide
// municipality shapefile ~150 MB; entries read into memory are parsed into objects several times
// their size, so 256 MiB per entry / 512 MiB per upload keeps the server well under 2 GB.
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
};

/** Decompressed bytes still allowed for one upload; shared by all archives (and entries) of it. */
export class DecompressionBudget {
  private used = 0;
  constructor(readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS) {}

  /** Reserves n bytes of entry `entry` in `file`; throws once the upload would exceed its budget. */
  take(n: number, file: string, entry: string): void {
    this.used += n;
    if (this.used > this.limits.maxTotalBytes)
      throw zipError(
        file,
        `entpackt zusammen mehr als ${mb(this.limits.maxTotalBytes)} (bei „${entry}“); so große Archive werden nicht gelesen (Schutz vor ZIP-Bomben).`,
      );
  }
}

/** Random access to the bytes of an archive (a file on disk or bytes in memory). */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Uncompressed size as the central directory declares it (may lie; checked while inflating). */
  size: number;
  localOffset: number;
}

/** A cooperative watchdog: code that works in chunks calls check() and stops once time is up. */
export interface Deadline {
  check(): void;
}

const mb = (n: number): string => `${Math.round(n / MiB)} MB`;
const zipError = (file: string, why: string): ImportFileError =>
  new ImportFileError([{ file, message: `Die ZIP-Datei ${why}` }]);

/** Bytes in memory as a ByteSource. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

/** Opens a file as a ByteSource; the caller must close() it (in a finally). */
export async function openFileSource(
  path: string,
): Promise<ByteSource & { close(): Promise<void> }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    return {
      size,
      async read(offset, length) {
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
        return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
      },
      close: () => fh.close(),
    };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Directory {
  entries: number;
  offset: number;
  size: number;
}

/** Finds the end of central directory record (and its ZIP64 form). */
async function readDirectoryEnd(src: ByteSource, file: string): Promise<Directory> {
  const tailLength = Math.min(src.size, 22 + 65535);
  const tail = await src.read(src.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (u32(tail, i) === EOCD && i + 22 + u16(tail, i + 20) <= tail.length) {
      at = i;
      break;
    }
  if (at < 0) throw zipError(file, 'ist unvollständig oder beschädigt (Inhaltsverzeichnis fehlt).');
  if (u16(tail, at + 4) !== 0 || u16(tail, at + 6) !== 0)
    throw zipError(file, 'ist auf mehrere Teile verteilt; bitte als ein Archiv speichern.');
  let dir: Directory = {
    entries: u16(tail, at + 10),
    size: u32(tail, at + 12),
    offset: u32(tail, at + 16),
  };
  const eocdPos = src.size - tailLength + at;
  if (dir.entries === 0xffff || dir.size === 0xffffffff || dir.offset === 0xffffffff) {
    const locator = eocdPos >= 20 ? await src.read(eocdPos - 20, 20) : new Uint8Array(0);
    if (locator.length < 20 || u32(locator, 0) !== EOCD64_LOCATOR)
      throw zipError(file, 'ist beschädigt (ZIP64-Verweis fehlt).');
    const rec = await src.read(u64(locator, 8), 56);
    if (rec.length < 56 || u32(rec, 0) !== EOCD64)
      throw zipError(file, 'ist beschädigt (ZIP64-Inhaltsverzeichnis fehlt).');
    dir = { entries: u64(rec, 32), size: u64(rec, 40), offset: u64(rec, 48) };
  }
  if (dir.offset + dir.size > eocdPos)
    throw zipError(file, 'ist unvollständig oder beschädigt (Inhaltsverzeichnis zeigt ins Leere).');
  return dir;
}

/** Sizes and offset from the ZIP64 extended information extra field (APPNOTE §4.5.3). */
function applyZip64(entry: ZipEntry, extra: Uint8Array): void {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = u16(extra, p);
    const len = u16(extra, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + len || q + 8 > extra.length) return NaN;
        const v = u64(extra, q);
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    p += 4 + len;
  }
}

/** Lists the entries of an archive from its central directory; refuses too many entries. */
export async function listZipEntries(
  src: ByteSource,
  file: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipEntry[]> {
  const dir = await readDirectoryEnd(src, file);
  if (dir.entries > limits.maxEntries)
    throw zipError(
      file,
      `enthält ${dir.entries} Einträge; höchstens ${limits.maxEntries} werden gelesen.`,
    );
  const cd = await src.read(dir.offset, dir.size);
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder('utf-8');
  let p = 0;
  while (p + 46 <= cd.length && u32(cd, p) === CENTRAL) {
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const end = p + 46 + nameLen + extraLen + u16(cd, p + 32);
    if (end > cd.length) break;
    const entry: ZipEntry = {
      // names are CP437 unless flag bit 11 says UTF-8; both read as UTF-8 (names are nearly always ASCII)
      name: utf8.decode(cd.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(cd, p + 8),
      method: u16(cd, p + 10),
      crc: u32(cd, p + 16),
      compressedSize: u32(cd, p + 20),
      size: u32(cd, p + 24),
      localOffset: u32(cd, p + 42),
    };
    applyZip64(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    entries.push(entry);
    if (entries.length > limits.maxEntries)
      throw zipError(file, `enthält mehr als ${limits.maxEntries} Einträge.`);
    p = end;
  }
  if (entries.length !== dir.entries)
    throw zipError(
      file,
      `ist beschädigt: das Inhaltsverzeichnis nennt ${dir.entries} Einträge, lesbar sind ${entries.length}.`,
    );
  return entries;
}

const SUSPICIOUS_SIZE = 32 * MiB;
const MAX_RATIO = 200;

/** Checks the declared sizes of the entries about to be read, before anything is inflated. */
export function checkDeclaredSizes(
  entries: readonly ZipEntry[],
  file: string,
  budget: DecompressionBudget,
): void {
  const { maxEntryBytes, maxTotalBytes } = budget.limits;
  let total = 0;
  for (const e of entries) {
    if (!Number.isFinite(e.size) || !Number.isFinite(e.compressedSize))
      throw zipError(file, `ist beschädigt (Größenangaben von „${e.name}“ unlesbar).`);
    if (e.size > maxEntryBytes)
      throw zipError(
        file,
        `enthält „${e.name}“ mit entpackt ${mb(e.size)}; höchstens ${mb(maxEntryBytes)} je Datei werden gelesen (Schutz vor ZIP-Bomben).`,
      );
    // Real data compresses 2–50:1 (coordinates ~3:1, padded dBASE or sheet XML up to ~50:1); a
    // large entry at more than 200:1 is a bomb, refused before it costs seconds of inflating.
    if (e.size > SUSPICIOUS_SIZE && e.size > e.compressedSize * MAX_RATIO)
      throw zipError(
        file,
        `enthält „${e.name}“, das sich von ${mb(e.compressedSize)} auf ${mb(e.size)} entpacken würde (mehr als ${MAX_RATIO}:1); so etwas ist eine ZIP-Bombe, keine Tabelle oder Geodatei.`,
      );
    total += e.size;
  }
  if (total > maxTotalBytes)
    throw zipError(
      file,
      `ist entpackt ${mb(total)} groß; höchstens ${mb(maxTotalBytes)} werden gelesen (Schutz vor ZIP-Bomben).`,
    );
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

function crc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

// 16 KiB of compressed input inflates to at most ~16.5 MB (DEFLATE's ratio tops out at 1032:1, RFC 1951),
// so even a bomb that lies about its size cannot allocate much before the count stops it.
const INPUT_CHUNK = 16 * 1024;

/**
 * Streams the inflated bytes of one entry. Refuses an entry that inflates to more than it declared
 * (or to more than the upload's budget), a broken DEFLATE stream and a wrong CRC-32.
 */
export async function* inflateEntry(
  src: ByteSource,
  entry: ZipEntry,
  file: string,
  budget: DecompressionBudget,
  deadline?: Deadline,
): AsyncGenerator<Uint8Array> {
  const where = `„${entry.name}“`;
  if (entry.flags & 1)
    throw zipError(file, `ist verschlüsselt (${where}); bitte ohne Passwort speichern.`);
  if (entry.method !== 0 && entry.method !== 8)
    throw zipError(
      file,
      `nutzt für ${where} das Kompressionsverfahren ${entry.method}; lesbar sind nur „stored“ und „deflate“.`,
    );
  checkDeclaredSizes([entry], file, budget);
  const local = await src.read(entry.localOffset, 30);
  if (local.length < 30 || u32(local, 0) !== LOCAL)
    throw zipError(file, `ist beschädigt (Eintrag ${where} nicht gefunden).`);
  const start = entry.localOffset + 30 + u16(local, 26) + u16(local, 28);
  if (start + entry.compressedSize > src.size)
    throw zipError(file, `ist unvollständig (Eintrag ${where} ist abgeschnitten).`);
  // DEFLATE cannot inflate more than 1032:1 (a 258-byte match costs at least 2 bits, RFC 1951):
  // a larger declared size is a lie, and trusting it would allocate for nothing.
  if (entry.method === 8 && entry.size > entry.compressedSize * 1032 + 1024)
    throw zipError(file, `ist beschädigt (Größenangabe von ${where} ist unmöglich groß).`);
  if (entry.method === 0 && entry.compressedSize !== entry.size)
    throw zipError(file, `ist beschädigt (Größenangaben von ${where} widersprechen sich).`);
  budget.take(entry.size, file, entry.name);

  let produced = 0;
  let crc = 0;
  let pending: Uint8Array[] = [];
  let failed: unknown = null;
  const accept = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > entry.size)
      throw zipError(
        file,
        `ist beschädigt oder eine ZIP-Bombe: ${where} ist entpackt größer als angegeben (${mb(entry.size)} laut Inhaltsverzeichnis).`,
      );
    crc = crc32(crc, chunk);
    pending.push(chunk);
  };
  const inflater =
    entry.method === 8
      ? new Inflate((chunk) => {
          try {
            accept(chunk);
          } catch (err) {
            failed ??= err;
          }
        })
      : null;
  for (let pos = 0; pos < entry.compressedSize || pos === 0; pos += INPUT_CHUNK) {
    deadline?.check();
    const n = Math.min(INPUT_CHUNK, entry.compressedSize - pos);
    const input = n > 0 ? await src.read(start + pos, n) : new Uint8Array(0);
    const last = pos + n >= entry.compressedSize;
    if (!inflater) accept(input);
    else {
      try {
        inflater.push(input, last);
      } catch (err) {
        failed ??= zipError(
          file,
          `ist beschädigt (${where} lässt sich nicht entpacken: ${(err as Error).message}).`,
        );
      }
    }
    if (failed) throw failed;
    if (pending.length) {
      const out = pending;
      pending = [];
      for (const chunk of out) yield chunk;
    }
    if (n <= 0) break;
  }
  if (produced !== entry.size)
    throw zipError(
      file,
      `ist beschädigt: ${where} ist entpackt ${produced} Bytes groß statt ${entry.size}.`,
    );
  if (crc !== entry.crc)
    throw zipError(file, `ist beschädigt (Prüfsumme von ${where} stimmt nicht).`);
}

/** Inflates one entry into memory (bounded by its checked declared size). */
export async function readEntryBytes(
  src: ByteSource,
  entry: ZipEntry,
  file: string,
  budget: DecompressionBudget,
  deadline?: Deadline,
): Promise<Uint8Array> {
  const out = new Uint8Array(entry.size);
  let at = 0;
  for await (const chunk of inflateEntry(src, entry, file, budget, deadline)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A deadline `ms` from now; past it, check() throws an ImportFileError naming `file`. */
export function deadlineIn(ms: number, file: string, what = 'gelesen'): Deadline {
  const end = performance.now() + ms;
  return {
    check() {
      if (performance.now() > end)
        throw new ImportFileError([
          {
            file,
            message: `Die Datei konnte nicht innerhalb von ${Math.round(ms / 1000)} s ${what} werden (beschädigt oder zu komplex); bitte prüfen oder kleiner aufteilen.`,
          },
        ]);
    },
  };
}
