// Numbers as written in German and English tables. Strict on purpose: a value that could be read
// two ways ("1.2.3", "12,5,3", "12.5" in a decimal-comma file) is rejected with a reason instead
// of being guessed.

export interface NumberFormat {
  decimal: ',' | '.';
  thousands: '.' | ',' | null;
}

/**
 * Result of reading one cell: a number, a missing-value marker (distinct from invalid text), or invalid.
 * `percent` is true when the text carried a `%` sign; the value is not divided by 100.
 */
export type ParsedNumber =
  | {
      ok: true;
      kind: 'number';
      value: number;
      percent: boolean;
      /** Footnote or OCR marks stripped from the cell (`'°'` from `412°`); absent when there were none. */
      footnote?: string;
    }
  | { ok: true; kind: 'missing'; value: null; percent: false; marker: string }
  | { ok: false; kind: 'invalid'; value: null; reason: string };

/**
 * Markers for "no value" used in German statistics tables and Excel exports.
 * Zeichenerklärung of the statistical offices: `.` unbekannt/geheim, `x` gesperrt, `–` nichts
 * vorhanden, `k.A.` keine Angabe, `n.v.` nicht verfügbar. Note `–` strictly means "nothing", i.e. zero;
 * we still treat it as missing and return the marker so the caller can decide.
 */
export const MISSING_MARKERS: ReadonlySet<string> = new Set([
  '',
  '-',
  '–',
  '—',
  '.',
  'x',
  'X',
  'k.A.',
  'k. A.',
  'k.a.',
  'n.v.',
  'n. v.',
  'n.a.',
  '…',
  '...',
  '#NV',
  '#N/A',
  '/',
  'n.v',
  'k.A',
  'n.a',
]);

/**
 * What a missing-value marker is (docs/methods/table-import.md): `blank` an empty cell, `symbol` a
 * sign of the Zeichenerklärung (`-` `–` `.` `x` `/` `…`), `text` an abbreviation (`n.v.`, `k.A.`,
 * `#NV`). Text markers get a plausibility warning: they often stand for "not collected" rather than
 * "kept secret", and the planner should see that before they are imported as missing.
 */
export function classifyMissingMarker(marker: string): 'blank' | 'symbol' | 'text' {
  if (marker.trim() === '') return 'blank';
  return /\p{L}/u.test(marker) && !/^[xX]$/.test(marker) ? 'text' : 'symbol';
}

// Footnote marks and OCR artefacts after a number: superscript digits (`12,5¹`), `*` (`1.234*`),
// `°` (OCR of a superscript 0 or 1: `412°`), daggers, and the Destatis letters p/r/s/e
// (vorläufig, berichtigt, geschätzt) after a blank. Only at the end of the cell, so `1.234*5` stays invalid.
const FOOTNOTE = /(?:\s*[\u00B9\u00B2\u00B3\u2070\u2074-\u2079\u207E*°†‡]+|\s+[prse]|\s+\d\))$/u;

const INT = /^\d+$/;
const patterns = new Map<string, RegExp>();

function patternFor(f: NumberFormat): RegExp {
  const key = f.decimal + (f.thousands ?? '');
  let re = patterns.get(key);
  if (!re) {
    const dec = f.decimal === '.' ? '\\.' : ',';
    const intPart = f.thousands
      ? `(?:\\d+|\\d{1,3}(?:${f.thousands === '.' ? '\\.' : ','}\\d{3})+)`
      : '\\d+';
    re = new RegExp(`^(${intPart})(?:${dec}(\\d+))?$`);
    patterns.set(key, re);
  }
  return re;
}

function invalid(reason: string): ParsedNumber {
  return { ok: false, kind: 'invalid', value: null, reason };
}

/** Reads a number written with the given decimal mark and thousands separator ("1.234,5", "12,5 %", "-3,2"). */
export function parseLocaleNumber(text: string, format: NumberFormat): ParsedNumber {
  // Fast path for plain integers, the bulk of count tables.
  if (INT.test(text)) return { ok: true, kind: 'number', value: Number(text), percent: false };
  let t = text.trim();
  if (MISSING_MARKERS.has(t))
    return { ok: true, kind: 'missing', value: null, percent: false, marker: t };
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  let sign = 1;
  const c0 = t.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 0x2212 /* − minus sign */) {
    sign = -1;
    t = t.slice(1);
  } else if (c0 === 43 /* + */) t = t.slice(1);
  const m = patternFor(format).exec(t);
  if (m) {
    const intPart =
      format.thousands && m[1]!.length > 3 ? m[1]!.split(format.thousands).join('') : m[1]!;
    const value = sign * Number(m[2] === undefined ? intPart : `${intPart}.${m[2]}`);
    return { ok: true, kind: 'number', value: value === 0 ? 0 : value, percent };
  }
  const stripped = stripFootnote(text, format);
  if (stripped) return stripped;
  return invalid(explainInvalid(text.trim(), t, format));
}

/** Retries a cell without its trailing footnote marks (`12,5¹`, `1.234*`, `12,5 % ¹`); null if it still is no number. */
function stripFootnote(text: string, format: NumberFormat): ParsedNumber | null {
  let t = text.trim();
  // "12,5¹ %": the mark sits before the percent sign
  const percent = t.endsWith('%') ? '%' : '';
  if (percent) t = t.slice(0, -1).trimEnd();
  const marks: string[] = [];
  for (let m = FOOTNOTE.exec(t); m && m.index > 0; m = FOOTNOTE.exec(t)) {
    marks.unshift(m[0].trim());
    t = t.slice(0, m.index).trimEnd();
  }
  // "12,5 1)" with a blank is a footnote; "12,51)" cannot be told from a typo and stays invalid
  if (marks.length === 0 || !/[\d%]$/.test(t)) return null;
  const inner = parseLocaleNumber(t + percent, format);
  if (inner.kind !== 'number' || inner.footnote !== undefined) return null;
  return { ...inner, footnote: marks.join('') };
}

function explainInvalid(original: string, body: string, f: NumberFormat): string {
  const decName = f.decimal === ',' ? 'Komma' : 'Punkt';
  const decWithArticle = f.decimal === ',' ? 'das Komma' : 'der Punkt';
  if (!/^[\d.,]+$/.test(body)) {
    if (/^\d+(?:[.,]\d+)?[eE][-+]?\d+$/.test(body))
      return `'${original}' ist in wissenschaftlicher Schreibweise; bitte als normale Zahl speichern`;
    return `'${original}' ist keine Zahl`;
  }
  const decCount = body.split(f.decimal).length - 1;
  if (decCount > 1)
    return `'${original}' ist keine gültige Zahl: mehr als ein Dezimalzeichen (${decName})`;
  const other = f.decimal === ',' ? '.' : ',';
  if (f.thousands === null && body.includes(other)) {
    return `'${original}' ist keine gültige Zahl: Dezimalzeichen ist hier ${decWithArticle}, '${other}' ist nicht erlaubt`;
  }
  if (f.thousands !== null && body.includes(f.thousands)) {
    return `'${original}' ist keine gültige Zahl: '${f.thousands}' ist hier Tausendertrennzeichen (Gruppen zu 3 Ziffern), Dezimalzeichen ist ${decWithArticle}`;
  }
  return `'${original}' ist keine gültige Zahl`;
}
