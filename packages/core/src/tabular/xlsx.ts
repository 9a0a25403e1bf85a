// Reading one worksheet of an Excel .xlsx file (Office Open XML, ECMA-376 Part 1 §18.3 sheet data,
// §18.4 shared strings, §18.8.30 built-in number formats) into the same records the CSV parser
// gives, so the mapping code is shared. Values come out as text the mapper can read with
// `{ decimal: '.', thousands: null }`: numbers in JavaScript notation, date-formatted cells as
// 'YYYY-MM-DD', text unchanged (area codes stored as text keep their leading zeros).
// Pure: unzips in memory with fflate; XML is scanned with regular expressions (the sheet format is
// flat and machine-written; no DTDs or namespaces prefixes on sheet elements in practice).

import { strFromU8, unzipSync } from 'fflate';
import type { CsvRecord } from './csv-parser.ts';

export type TableFileFormat = 'xlsx' | 'xls' | 'ods' | 'text';

/** Tells from the first bytes whether a file is XLSX (ZIP), old binary XLS, ODS or plain text. */
export function detectFileFormat(bytes: Uint8Array): TableFileFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // ODS is a ZIP too; its first entry is the uncompressed "mimetype" file.
    const head = strFromU8(bytes.subarray(30, 90), true);
    return head.startsWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')
      ? 'ods'
      : 'xlsx';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return 'xls';
  return 'text';
}

export interface XlsxReadOptions {
  /** Sheet name, or 0-based index in workbook order. Default: the first sheet. */
  sheet?: string | number;
}

export type XlsxReadResult =
  | {
      ok: true;
      /** All sheet names in workbook order. */
      sheets: string[];
      sheet: string;
      /** One record per non-empty row; `line` is the Excel row number. Rows are padded to the widest row. */
      records: CsvRecord[];
    }
  | { ok: false; message: string };

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ENTITY[e]!,
  );
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXml(m[1]!) : undefined;
}

/** Text of all <t> elements (rich-text runs), without phonetic guides (<rPh>). */
function textOf(xml: string): string {
  const clean = xml.indexOf('<rPh') === -1 ? xml : xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clean))) out += m[1];
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

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

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

/** Reads one worksheet of an .xlsx file into records (first record = header row). */
export function readXlsx(bytes: Uint8Array, options: XlsxReadOptions = {}): XlsxReadResult {
  const format = detectFileFormat(bytes);
  if (format === 'xls')
    return {
      ok: false,
      message:
        'Altes Excel-Format (.xls) wird nicht gelesen – bitte in Excel als .xlsx oder CSV speichern.',
    };
  if (format === 'ods')
    return {
      ok: false,
      message:
        'OpenDocument-Tabellen (.ods) werden nicht gelesen – bitte als .xlsx oder CSV speichern.',
    };
  if (format !== 'xlsx') return { ok: false, message: 'Die Datei ist keine Excel-Datei (.xlsx).' };
  const META = new Set([
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
  ]);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => META.has(f.name) });
  } catch {
    return { ok: false, message: 'Die Excel-Datei ist beschädigt (ZIP-Archiv nicht lesbar).' };
  }
  const wbXml = files['xl/workbook.xml'];
  const relsXml = files['xl/_rels/workbook.xml.rels'];
  if (!wbXml || !relsXml)
    return {
      ok: false,
      message: 'Die Datei ist keine Excel-Arbeitsmappe (xl/workbook.xml fehlt).',
    };
  const wb = strFromU8(wbXml);
  const rels = strFromU8(relsXml);
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(wb);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const sheets: { name: string; path: string }[] = [];
  for (const m of wb.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? '';
    const rid = attr(m[1]!, 'r:id') ?? /\s[\w]+:id="([^"]*)"/.exec(m[1]!)?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path) sheets.push({ name, path });
  }
  if (sheets.length === 0)
    return { ok: false, message: 'Die Excel-Datei enthält kein Tabellenblatt.' };
  const wanted = options.sheet ?? 0;
  const chosen =
    typeof wanted === 'number' ? sheets[wanted] : sheets.find((s) => s.name === wanted);
  if (!chosen) {
    return {
      ok: false,
      message: `Tabellenblatt '${String(wanted)}' gibt es nicht; vorhanden: ${sheets.map((s) => `'${s.name}'`).join(', ')}`,
    };
  }

  const shared: string[] = [];
  const ssXml = files['xl/sharedStrings.xml'];
  if (ssXml)
    for (const m of strFromU8(ssXml).matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g))
      shared.push(m[1] === undefined ? '' : textOf(m[1]));

  // Style index → is the cell a date?
  const dateStyle: boolean[] = [];
  const stylesXml = files['xl/styles.xml'];
  if (stylesXml) {
    const styles = strFromU8(stylesXml);
    const custom = new Map<number, string>();
    for (const m of styles.matchAll(/<numFmt\b([^>]*)\/?>/g))
      custom.set(Number(attr(m[1]!, 'numFmtId')), attr(m[1]!, 'formatCode') ?? '');
    const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    for (const m of cellXfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
      const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
      const code = custom.get(id);
      dateStyle.push(code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id));
    }
  }

  let sheetFiles: Record<string, Uint8Array>;
  try {
    sheetFiles = unzipSync(bytes, { filter: (f) => f.name === chosen.path });
  } catch {
    return { ok: false, message: 'Die Excel-Datei ist beschädigt (ZIP-Archiv nicht lesbar).' };
  }
  const sheetBytes = sheetFiles[chosen.path];
  if (!sheetBytes)
    return {
      ok: false,
      message: `Tabellenblatt '${chosen.name}' fehlt in der Datei (${chosen.path}).`,
    };
  const xml = strFromU8(sheetBytes);

  const records: CsvRecord[] = [];
  let width = 0;
  let rowNo = 0;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let rm: RegExpExecArray | null;
  while ((rm = rowRe.exec(xml))) {
    const r = attr(rm[1]!, 'r');
    rowNo = r ? Number(r) : rowNo + 1;
    const body = rm[2];
    if (!body) continue;
    const fields: string[] = [];
    let col = -1;
    let nonEmpty = false;
    cellRe.lastIndex = 0;
    let cm: RegExpExecArray | null;
    while ((cm = cellRe.exec(body))) {
      const a = cm[1]!;
      const ref = attr(a, 'r');
      col = ref ? columnIndex(ref) : col + 1;
      const inner = cm[2] ?? '';
      const t = attr(a, 't') ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let text = '';
      if (t === 's') text = v === undefined ? '' : (shared[Number(v)] ?? '');
      else if (t === 'inlineStr') text = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (t === 'str' || t === 'e') text = v === undefined ? '' : decodeXml(v);
      else if (t === 'b') text = v === '1' ? 'WAHR' : 'FALSCH';
      else if (v !== undefined) {
        const num = Number(v);
        const style = Number(attr(a, 's') ?? 0);
        text =
          dateStyle[style] && Number.isFinite(num) ? excelSerialToIso(num, date1904) : String(num);
      }
      while (fields.length < col) fields.push('');
      fields[col] = text;
      if (text !== '') nonEmpty = true;
    }
    if (!nonEmpty) continue;
    width = Math.max(width, fields.length);
    records.push({ line: rowNo, fields });
  }
  for (const rec of records) while (rec.fields.length < width) rec.fields.push('');
  return { ok: true, sheets: sheets.map((s) => s.name), sheet: chosen.name, records };
}
