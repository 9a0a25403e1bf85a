// Reading one worksheet of an Excel .xlsx file (Office Open XML, ECMA-376 Part 1 §18.3 sheet data,
// §18.4 shared strings, §18.8.30 built-in number formats) into the same records the CSV parser
// gives, so the mapping code is shared. Values come out as text: numbers in JavaScript notation
// (or with a decimal comma, on request), date-formatted cells as 'YYYY-MM-DD', text unchanged (area
// codes stored as text keep their leading zeros).
// Pure. The XML is scanned with indexOf, never with backtracking regular expressions over a whole
// part: broken or hostile files (a `<row` without `</row>`, a cell reference in column ZZZZZZ) stop
// with an XlsxFormatError in linear time instead of hanging (issue 8, item 7). The sheet is parsed
// as a stream of text chunks, so the server inflates it chunk by chunk with a byte budget
// (server/…/imports/readers/xlsx-reader.ts holds the ZIP handling; core has no reader of its own).
// Namespace prefixes (`<x:row>`, written by the OpenXML SDK) are taken from the root element.

import type { CsvRecord } from './csv-parser.ts';

/** A workbook part that cannot be read; `line` is the Excel row, `column` the cell reference. */
export class XlsxFormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'XlsxFormatError';
  }
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,10}|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITY[e]!;
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    // XML 1.0 §2.2 forbids &#0; and surrogates; they would reach PostgreSQL as NUL or broken UTF-16.
    const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
    return valid ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXml(m[1]!) : undefined;
}

const isNameEnd = (c: number): boolean =>
  c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

/** Index of the next start tag `<name` (not `<nameSuffix`) at or after `from`, or -1. */
function findTag(s: string, name: string, from: number): number {
  const open = `<${name}`;
  for (let i = s.indexOf(open, from); i !== -1; i = s.indexOf(open, i + 1))
    if (i + open.length >= s.length || isNameEnd(s.charCodeAt(i + open.length))) return i;
  return -1;
}

interface Element {
  attrs: string;
  /** Text between start and end tag; '' for `<x/>`. */
  inner: string;
  /** Index just after the element. */
  end: number;
}

/** The element starting at `at` (found by findTag); null if its end is not (yet) in `s`. */
function elementAt(s: string, name: string, at: number): Element | null {
  const gt = s.indexOf('>', at);
  if (gt === -1) return null;
  const attrs = s.slice(at + name.length + 1, s[gt - 1] === '/' ? gt - 1 : gt);
  if (s[gt - 1] === '/') return { attrs, inner: '', end: gt + 1 };
  const close = `</${name}>`;
  const c = s.indexOf(close, gt + 1);
  return c === -1 ? null : { attrs, inner: s.slice(gt + 1, c), end: c + close.length };
}

/** Calls fn for every complete element `<name …>` in `s`; stops at the first incomplete one. */
function eachElement(s: string, name: string, fn: (e: Element) => void, selfClosing = false): void {
  for (let i = findTag(s, name, 0); i !== -1;) {
    if (selfClosing) {
      const gt = s.indexOf('>', i);
      if (gt === -1) return;
      fn({ attrs: s.slice(i + name.length + 1, gt), inner: '', end: gt + 1 });
      i = findTag(s, name, gt + 1);
      continue;
    }
    const e = elementAt(s, name, i);
    if (!e) return;
    fn(e);
    i = findTag(s, name, e.end);
  }
}

/** The namespace prefix ('' or 'x:') of the root element `local` of a part. */
function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml.slice(0, 4096));
  return m?.[1] ?? '';
}

/** Text of all <t> elements (rich-text runs), without phonetic guides (<rPh>). */
function textOf(xml: string, p: string): string {
  let out = '';
  let nextPh = findTag(xml, `${p}rPh`, 0);
  for (let i = findTag(xml, `${p}t`, 0); i !== -1;) {
    if (nextPh !== -1 && nextPh < i) {
      const ph = elementAt(xml, `${p}rPh`, nextPh);
      if (!ph) break;
      nextPh = findTag(xml, `${p}rPh`, ph.end);
      if (ph.end > i) i = findTag(xml, `${p}t`, ph.end);
      continue;
    }
    const t = elementAt(xml, `${p}t`, i);
    if (!t) break;
    out += t.inner;
    i = findTag(xml, `${p}t`, t.end);
  }
  return decodeXml(out);
}

// Built-in date/time formats (ECMA-376 §18.8.30): 14–22, 27–36 and 50–58 (East Asian), 45–47 (times).
function isBuiltinDateFormat(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58)
  );
}

function isDateFormatCode(code: string): boolean {
  // Drop quoted literals, escaped characters and [colour]/[$-407] sections, then look for day/year tokens.
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

// Excel's last column is XFD (ECMA-376 §18.3.1.4 / Excel specifications: 16,384 columns).
const MAX_COLUMNS = 16_384;

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length && n <= MAX_COLUMNS; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

// Serial 2,958,465 is 9999-12-31, Excel's last date; beyond it a Date would throw.
const MAX_SERIAL = 2_958_465;

/** Excel serial day number → 'YYYY-MM-DD' (with time if not midnight). 1900 system incl. Lotus' fake 29.02.1900. */
export function excelSerialToIso(serial: number, date1904 = false): string {
  let days = Math.floor(serial);
  const frac = serial - days;
  if (date1904) days += 1462;
  // Serial 1 = 1900-01-01; serials ≥ 61 are one too high because of the non-existent 1900-02-29.
  const epoch = Date.UTC(1899, 11, days >= 61 ? 30 : 31);
  const ms = epoch + days * 86_400_000 + Math.round(frac * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  return frac === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

export interface WorkbookInfo {
  /** Sheets in workbook order with the path of their part inside the ZIP. */
  sheets: { name: string; path: string }[];
  date1904: boolean;
}

/** Sheet names and parts from xl/workbook.xml and xl/_rels/workbook.xml.rels. */
export function parseWorkbook(workbookXml: string, relsXml: string): WorkbookInfo {
  const p = prefixOf(workbookXml, 'workbook');
  const targets = new Map<string, string>();
  eachElement(
    relsXml,
    `${prefixOf(relsXml, 'Relationships')}Relationship`,
    (e) => {
      const id = attr(e.attrs, 'Id');
      const target = attr(e.attrs, 'Target');
      if (id && target) targets.set(id, resolveTarget(target));
    },
    true,
  );
  const sheets: WorkbookInfo['sheets'] = [];
  eachElement(
    workbookXml,
    `${p}sheet`,
    (e) => {
      const name = attr(e.attrs, 'name') ?? '';
      const rid = attr(e.attrs, 'r:id') ?? /\s[\w]+:id="([^"]*)"/.exec(e.attrs)?.[1];
      const path = rid ? targets.get(rid) : undefined;
      if (path) sheets.push({ name, path });
    },
    true,
  );
  let date1904 = false;
  eachElement(
    workbookXml,
    `${p}workbookPr`,
    (e) => (date1904 ||= /(^|\s)date1904="(1|true)"/.test(e.attrs)),
    true,
  );
  return { sheets, date1904 };
}

/** For each cell style index (xl/styles.xml, cellXfs): is it a date format? */
export function parseDateStyles(stylesXml: string): boolean[] {
  const p = prefixOf(stylesXml, 'styleSheet');
  const custom = new Map<number, string>();
  eachElement(
    stylesXml,
    `${p}numFmt`,
    (e) => custom.set(Number(attr(e.attrs, 'numFmtId')), attr(e.attrs, 'formatCode') ?? ''),
    true,
  );
  const dateStyle: boolean[] = [];
  const at = findTag(stylesXml, `${p}cellXfs`, 0);
  const xfs = at === -1 ? null : elementAt(stylesXml, `${p}cellXfs`, at);
  if (xfs)
    eachElement(
      xfs.inner,
      `${p}xf`,
      (e) => {
        const id = Number(attr(e.attrs, 'numFmtId') ?? 0);
        const code = custom.get(id);
        dateStyle.push(code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id));
      },
      true,
    );
  return dateStyle;
}

/** The shared string table (xl/sharedStrings.xml) in index order. */
export function parseSharedStrings(xml: string): string[] {
  const p = prefixOf(xml, 'sst');
  const out: string[] = [];
  eachElement(xml, `${p}si`, (e) => out.push(e.inner === '' ? '' : textOf(e.inner, p)));
  return out;
}

export interface SheetParserOptions {
  shared: readonly string[];
  dateStyle: readonly boolean[];
  date1904?: boolean;
  /** ',' writes numbers with a decimal comma (for a mapper reading German notation). Default '.'. */
  decimalMark?: '.' | ',';
  /** Date cells as 'YYYY-MM-DD' even with a time of day. */
  dateOnly?: boolean;
  /** Longest row element accepted, in characters (default 4 M): a row that never ends is an error. */
  maxRowChars?: number;
}

export interface SheetParser {
  /** Feeds the next piece of the sheet's XML; returns the non-empty rows it completed. */
  push(text: string): CsvRecord[];
  /** Ends the input; throws if the part stops inside a row. */
  end(): CsvRecord[];
}

/** A streaming parser of one worksheet part; throws XlsxFormatError on broken XML. */
export function createSheetParser(opts: SheetParserOptions): SheetParser {
  const maxRow = opts.maxRowChars ?? 4 * 1024 * 1024;
  let p: string | null = null;
  let buf = '';
  let rowNo = 0;
  const cellText = (a: string, inner: string): string => {
    const t = attr(a, 't') ?? 'n';
    const vAt = findTag(inner, `${p}v`, 0);
    const vEl = vAt === -1 ? null : elementAt(inner, `${p}v`, vAt);
    const v = vEl ? vEl.inner : undefined;
    if (t === 's') return v === undefined ? '' : (opts.shared[Number(v)] ?? '');
    if (t === 'inlineStr') {
      const at = findTag(inner, `${p}is`, 0);
      const is = at === -1 ? null : elementAt(inner, `${p}is`, at);
      return is ? textOf(is.inner, p!) : '';
    }
    if (t === 'str' || t === 'e') return v === undefined ? '' : decodeXml(v);
    if (t === 'b') return v === '1' ? 'WAHR' : 'FALSCH';
    if (t === 'd') return v === undefined ? '' : decodeXml(v).slice(0, opts.dateOnly ? 10 : 19);
    if (v === undefined) return '';
    const num = Number(v);
    // not a number in a number cell (no spreadsheet writes that; a hand-edited file might): the
    // text as it stands, so the mapper names row and column if the column is used at all
    if (!Number.isFinite(num) || v.trim() === '') return decodeXml(v);
    const style = Number(attr(a, 's') ?? 0);
    if (opts.dateStyle[style] && num >= 0 && num <= MAX_SERIAL) {
      const iso = excelSerialToIso(num, opts.date1904 ?? false);
      return opts.dateOnly ? iso.slice(0, 10) : iso;
    }
    return opts.decimalMark === ',' ? String(num).replace('.', ',') : String(num);
  };
  const parseRow = (attrs: string, body: string): CsvRecord | null => {
    const r = Number(attr(attrs, 'r'));
    rowNo = Number.isSafeInteger(r) && r > 0 ? r : rowNo + 1;
    const fields: string[] = [];
    let col = -1;
    let nonEmpty = false;
    for (let i = findTag(body, `${p}c`, 0); i !== -1;) {
      const cell = elementAt(body, `${p}c`, i);
      if (!cell)
        throw new XlsxFormatError(`Zeile ${rowNo}: eine Zelle ist nicht abgeschlossen.`, rowNo);
      const ref = attr(cell.attrs, 'r');
      const c = ref ? columnIndex(ref) : -1;
      col = c >= 0 ? c : col + 1;
      const where = ref ?? `Spalte ${col + 1}`;
      if (col >= MAX_COLUMNS)
        throw new XlsxFormatError(
          `Zelle ${where}: Spalte jenseits von XFD (Excel hat 16.384 Spalten).`,
          rowNo,
          where,
        );
      const text = cellText(cell.attrs, cell.inner);
      if (text.includes('\0'))
        throw new XlsxFormatError(
          `Zelle ${where}: enthält ein NUL-Zeichen (Byte 0); die Datei ist beschädigt.`,
          rowNo,
          where,
        );
      while (fields.length < col) fields.push('');
      fields[col] = text;
      if (text !== '') nonEmpty = true;
      i = findTag(body, `${p}c`, cell.end);
    }
    return nonEmpty ? { line: rowNo, fields } : null;
  };
  const drain = (final: boolean): CsvRecord[] => {
    p ??= prefixOf(buf, 'worksheet');
    const out: CsvRecord[] = [];
    const tag = `${p}row`;
    let pos = 0;
    for (;;) {
      const at = findTag(buf, tag, pos);
      if (at === -1) {
        // keep a possibly cut '<row' at the end of the chunk
        pos = Math.max(pos, buf.length - tag.length - 1);
        break;
      }
      const row = elementAt(buf, tag, at);
      if (!row) {
        if (buf.length - at > maxRow)
          throw new XlsxFormatError(
            `Zeile ${rowNo + 1}: die Zeile endet nicht (beschädigte Datei).`,
            rowNo + 1,
          );
        if (final)
          throw new XlsxFormatError(
            `Das Tabellenblatt endet mitten in Zeile ${rowNo + 1} (Datei abgeschnitten).`,
            rowNo + 1,
          );
        pos = at;
        break;
      }
      const rec = parseRow(row.attrs, row.inner);
      if (rec) out.push(rec);
      pos = row.end;
    }
    buf = buf.slice(pos);
    return out;
  };
  return {
    push(text) {
      // XML 1.0 (§2.2) has no NUL; zeros in a sheet are damage (or a bomb of zeros): stop at once
      if (text.includes('\0'))
        throw new XlsxFormatError(
          `Das Tabellenblatt enthält nach Zeile ${rowNo} NUL-Zeichen (Byte 0); die Datei ist beschädigt.`,
          rowNo + 1,
        );
      buf += text;
      // the root element (and with it the prefix) must be seen before rows are looked for
      return p === null && buf.length < 4096 ? [] : drain(false);
    },
    end() {
      return drain(true);
    },
  };
}
