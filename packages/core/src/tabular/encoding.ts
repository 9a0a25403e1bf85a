// Character encoding of uploaded text tables. German Excel writes "CSV (Trennzeichen-getrennt)" in
// Windows-1252 and "CSV UTF-8" with a BOM; planners also paste files that were edited in two tools,
// so one file can hold UTF-8 lines next to Windows-1252 lines. We never guess silently: a mixed file
// is reported with the first line of each kind.

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le';

/** A problem found while checking or decoding bytes; `line` is the 1-based physical line. */
export interface EncodingProblem {
  kind: 'mixed-encoding' | 'invalid-utf8';
  line: number;
  message: string;
}

export interface EncodingDetection {
  encoding: TextEncodingName;
  bom: boolean;
  /** Lines that contain non-ASCII characters valid as UTF-8 (only counted without a UTF-16 BOM). */
  utf8Lines: number;
  /** Lines with bytes that are not valid UTF-8 (typically Windows-1252 umlauts). */
  invalidUtf8Lines: number;
  /** Set when both kinds of lines occur: the file mixes encodings and will be partly garbled. */
  problem: EncodingProblem | null;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Incremental UTF-8 validator that classifies every physical line as ASCII, valid UTF-8 with
 * multi-byte characters, or invalid UTF-8. Byte rules after RFC 3629 §4 (no overlongs, no surrogates).
 */
class Utf8LineScanner {
  line = 1;
  utf8Lines = 0;
  invalidLines = 0;
  firstUtf8Line = 0;
  firstInvalidLine = 0;
  /** Set at the first invalid byte / first complete multi-byte character (before the line ends). */
  anyInvalid = false;
  anyMultibyte = false;
  private need = 0; // continuation bytes still expected
  private lower = 0x80;
  private upper = 0xbf;
  private lineInvalid = false;
  private lineMultibyte = false;
  private afterCr = false;

  scan(bytes: Uint8Array, final: boolean): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b < 0x80 && this.need === 0) {
        if (b === LF) {
          if (!this.afterCr) this.endLine();
          this.afterCr = false;
        } else if (b === CR) {
          this.endLine();
          this.afterCr = true;
        } else this.afterCr = false;
        continue;
      }
      this.afterCr = false;
      if (this.need > 0) {
        if (b >= this.lower && b <= this.upper) {
          this.lower = 0x80;
          this.upper = 0xbf;
          if (--this.need === 0) {
            this.lineMultibyte = true;
            this.anyMultibyte = true;
          }
          continue;
        }
        // truncated sequence: mark invalid and read this byte again as a lead byte
        this.need = 0;
        this.lineInvalid = true;
        this.anyInvalid = true;
        i--;
        continue;
      }
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lower = 0xa0;
        else if (b === 0xed) this.upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lower = 0x90;
        else if (b === 0xf4) this.upper = 0x8f;
      } else {
        this.lineInvalid = true;
        this.anyInvalid = true;
      }
    }
    if (final) {
      if (this.need > 0) {
        this.lineInvalid = true;
        this.anyInvalid = true;
      }
      this.need = 0;
      this.endLine();
    }
  }

  /** True while a multi-byte sequence has started but is not complete. */
  get pending(): boolean {
    return this.need > 0;
  }

  private endLine(): void {
    if (this.need > 0) {
      this.need = 0;
      this.lineInvalid = true;
      this.anyInvalid = true;
    }
    if (this.lineInvalid) {
      this.invalidLines++;
      if (this.firstInvalidLine === 0) this.firstInvalidLine = this.line;
    } else if (this.lineMultibyte) {
      this.utf8Lines++;
      if (this.firstUtf8Line === 0) this.firstUtf8Line = this.line;
    }
    this.lineInvalid = false;
    this.lineMultibyte = false;
    this.line++;
  }
}

function mixedProblem(s: Utf8LineScanner): EncodingProblem | null {
  if (s.utf8Lines === 0 || s.invalidLines === 0) return null;
  // The minority kind is the one that will come out garbled; name it first.
  const utf8Minority = s.utf8Lines <= s.invalidLines;
  const line = utf8Minority ? s.firstUtf8Line : s.firstInvalidLine;
  const message = utf8Minority
    ? `Zeile ${line}: gemischte Zeichenkodierung – diese Zeile ist UTF-8, die Datei sonst Windows-1252 (erste solche Zeile: ${s.firstInvalidLine}; ${s.utf8Lines} UTF-8-Zeilen, ${s.invalidLines} Windows-1252-Zeilen). Bitte die Datei einheitlich speichern.`
    : `Zeile ${line}: gemischte Zeichenkodierung – diese Zeile ist Windows-1252, die Datei sonst UTF-8 (erste UTF-8-Zeile: ${s.firstUtf8Line}; ${s.invalidLines} Windows-1252-Zeilen, ${s.utf8Lines} UTF-8-Zeilen). Bitte die Datei einheitlich speichern.`;
  return { kind: 'mixed-encoding', line, message };
}

function bomLength(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  // Excel "Unicode-Text (*.txt)" is UTF-16LE with BOM and tab-separated.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** Detects UTF-8 (valid UTF-8 or UTF-8 BOM) vs. Windows-1252 (anything else) and reports mixed files with line numbers. */
export function detectEncoding(bytes: Uint8Array): EncodingDetection {
  const bom = bomLength(bytes);
  if (bom?.encoding === 'utf-16le')
    return { encoding: 'utf-16le', bom: true, utf8Lines: 0, invalidUtf8Lines: 0, problem: null };
  const scanner = new Utf8LineScanner();
  scanner.scan(bom ? bytes.subarray(bom.length) : bytes, true);
  const encoding: TextEncodingName = scanner.invalidLines > 0 && !bom ? 'windows-1252' : 'utf-8';
  let problem = mixedProblem(scanner);
  if (!problem && bom && scanner.invalidLines > 0) {
    problem = {
      kind: 'invalid-utf8',
      line: scanner.firstInvalidLine,
      message: `Zeile ${scanner.firstInvalidLine}: ungültige UTF-8-Bytes, obwohl die Datei als UTF-8 markiert ist (${scanner.invalidLines} Zeilen betroffen).`,
    };
  }
  return {
    encoding,
    bom: bom !== null,
    utf8Lines: scanner.utf8Lines,
    invalidUtf8Lines: scanner.invalidLines,
    problem,
  };
}

// Windows-1252 bytes 0x80–0x9F (WHATWG encoding index; 0x81, 0x8D, 0x8F, 0x90, 0x9D map to C1 controls).
// Node 20's TextDecoder('windows-1252') decodes these as ISO-8859-1 C1 controls (measured: 0x96 → U+0096
// instead of '–'), which would garble „“ – € from Excel, so we decode this encoding ourselves.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const C1_TO_CP1252 = new Map<string, string>(
  CP1252_HIGH.map((cp, i) => [String.fromCharCode(0x80 + i), String.fromCharCode(cp)]),
);
// 'latin1' is a WHATWG label of windows-1252, so a fixed Node gives the right characters directly;
// the fix-up below then finds nothing to replace.
const latin1 = new TextDecoder('latin1');

/** Decodes Windows-1252 bytes (single-byte, so chunks can be decoded independently). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = latin1.decode(bytes);
  return /[\x80-\x9f]/.test(text)
    ? text.replace(/[\x80-\x9f]/g, (c) => C1_TO_CP1252.get(c)!)
    : text;
}

/** Incremental decoder: feed byte chunks, get text; strips a BOM and reports mixed encodings with line numbers. */
export interface StreamingDecoder {
  decode(chunk: Uint8Array): string;
  end(): string;
  /** Filled once a mixed encoding is seen (at the latest after `end()`). */
  readonly problems: readonly EncodingProblem[];
  /** The encoding in use; null while 'auto' has seen only ASCII. */
  readonly encoding: TextEncodingName | null;
}

/**
 * Creates a streaming decoder (UTF-8 and UTF-16LE via TextDecoder, Windows-1252 by table).
 * 'auto' decides on the first non-ASCII byte, so a file whose first megabytes are ASCII (codes and
 * numbers) and whose umlauts come late is still read as one encoding instead of being called mixed.
 */
export function createStreamingDecoder(encoding: TextEncodingName | 'auto'): StreamingDecoder {
  let mode: TextEncodingName | null = encoding === 'auto' ? null : encoding;
  let textDecoder: TextDecoder | null = null;
  let scanner: Utf8LineScanner | null = encoding === 'utf-16le' ? null : new Utf8LineScanner();
  const problems: EncodingProblem[] = [];
  let first = true;
  let reported = false;
  let carry: Uint8Array | null = null; // incomplete multi-byte sequence held back while undecided

  const decodeWith = (bytes: Uint8Array): string => {
    if (mode === 'windows-1252') return decodeWindows1252(bytes);
    textDecoder ??= new TextDecoder(mode ?? 'utf-8', { ignoreBOM: false });
    return textDecoder.decode(bytes, { stream: true });
  };

  const check = (final: boolean): void => {
    if (!scanner || reported) return;
    if (mode === 'utf-8' && scanner.invalidLines > 0) {
      reported = true;
      problems.push(
        mixedProblem(scanner) ?? {
          kind: 'mixed-encoding',
          line: scanner.firstInvalidLine,
          message: `Zeile ${scanner.firstInvalidLine}: ungültige UTF-8-Bytes (vermutlich Windows-1252) in einer sonst als UTF-8 gelesenen Datei.`,
        },
      );
    } else if (
      mode === 'windows-1252' &&
      scanner.utf8Lines > 0 &&
      (final || scanner.invalidLines > 0)
    ) {
      reported = true;
      problems.push(
        mixedProblem(scanner) ?? {
          kind: 'mixed-encoding',
          line: scanner.firstUtf8Line,
          message: `Zeile ${scanner.firstUtf8Line}: enthält UTF-8-kodierte Zeichen in einer als Windows-1252 gelesenen Datei (Umlaute würden z. B. als 'Ã¶' erscheinen).`,
        },
      );
    }
  };

  return {
    decode(chunk) {
      let bytes = chunk;
      if (first && bytes.length > 0) {
        first = false;
        const bom = bomLength(bytes);
        if (bom && (mode === null || mode === bom.encoding)) {
          mode = bom.encoding;
          bytes = bytes.subarray(bom.length);
          if (mode === 'utf-16le') scanner = null;
        }
      }
      scanner?.scan(bytes, false);
      let out: string;
      if (mode === null) {
        const s = scanner!;
        if (s.anyInvalid || s.anyMultibyte)
          mode = s.anyInvalid && s.invalidLines >= s.utf8Lines ? 'windows-1252' : 'utf-8';
        let data = bytes;
        if (carry) {
          data = new Uint8Array(carry.length + bytes.length);
          data.set(carry);
          data.set(bytes, carry.length);
          carry = null;
        }
        if (mode === null && s.pending) {
          // only ASCII so far plus the start of a sequence: hold it back until it is complete
          let i = data.length - 1;
          while (i > 0 && data[i]! < 0xc0) i--;
          carry = data.slice(i);
          data = data.subarray(0, i);
        }
        out = mode === null ? decodeWindows1252(data) : decodeWith(data); // ASCII is the same in every encoding
      } else out = decodeWith(bytes);
      check(false);
      return out;
    },
    end() {
      scanner?.scan(new Uint8Array(0), true);
      let out = '';
      if (mode === null) {
        // an incomplete sequence at the end is invalid UTF-8
        mode = carry ? 'windows-1252' : 'utf-8';
        if (carry) out = decodeWindows1252(carry);
      } else if (mode !== 'windows-1252' && textDecoder) out = textDecoder.decode();
      check(true);
      return out;
    },
    problems,
    get encoding() {
      return mode;
    },
  };
}

/** Decodes a whole byte array with the given encoding, dropping a BOM. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
}
