// Streaming CSV parser: RFC 4180 (quoted fields with delimiters, line breaks and doubled quotes)
// plus the habits of Excel exports: `;` or tab as delimiter, CRLF, CR-only line ends (old Mac
// Excel), a BOM, quotes in the middle of an unquoted field taken literally, trailing empty lines.

export type CsvDelimiter = ';' | ',' | '\t';

/** One record with the 1-based physical line on which it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A syntax problem; `column` is the 1-based field number within the record. */
export interface CsvError {
  line: number;
  column: number;
  message: string;
}

export interface CsvParserOptions {
  /** Skip records whose fields are all empty (empty lines, Excel's `;;;` rows). Default true. */
  skipBlankRecords?: boolean;
}

export interface CsvParser {
  /** Feeds decoded text; returns the records completed by it. */
  push(chunk: string): CsvRecord[];
  /** Ends the input; returns the last records (and reports an unclosed quote). */
  end(): CsvRecord[];
  readonly errors: readonly CsvError[];
  /** Physical lines consumed so far (for progress reports). */
  readonly linesRead: number;
}

const NEED_MORE = -1;

/** Creates a streaming CSV parser for one delimiter; push text chunks, get complete records with their source line. */
export function createCsvParser(
  dialect: { delimiter: CsvDelimiter },
  options: CsvParserOptions = {},
): CsvParser {
  const delim = dialect.delimiter;
  const delimCode = delim.charCodeAt(0);
  const skipBlank = options.skipBlankRecords ?? true;
  const errors: CsvError[] = [];
  let buf = '';
  let pos = 0;
  let line = 1; // line number at `pos`
  let started = false;
  // Old Mac Excel ends lines with CR only. Decided on the first line end seen — the first LF, or the
  // first CR: followed by LF it is CRLF, followed by anything else CR-only (the buffer is converted
  // then). Only the first line end counts, so the decision never depends on how text is chunked.
  let lineMode: 'unknown' | 'lf' | 'cr' = 'unknown';
  let pendingCr = false; // the text so far ends with a CR, and no line end came before it
  const toCrMode = (chunk: string): string => {
    lineMode = 'cr';
    buf = buf.replace(/\r/g, '\n');
    return chunk.replace(/\r/g, '\n');
  };
  const decideLineMode = (chunk: string, final: boolean): string => {
    if (pendingCr) {
      if (chunk.length === 0) return final ? toCrMode(chunk) : chunk;
      if (chunk.charCodeAt(0) === 10) {
        lineMode = 'lf';
        return chunk;
      }
      return toCrMode(chunk);
    }
    const lf = chunk.indexOf('\n');
    const cr = chunk.indexOf('\r');
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      if (lf !== -1) lineMode = 'lf';
      return chunk;
    }
    if (cr + 1 < chunk.length) {
      if (chunk.charCodeAt(cr + 1) === 10) {
        lineMode = 'lf';
        return chunk;
      }
      return toCrMode(chunk);
    }
    if (final) return toCrMode(chunk);
    pendingCr = true;
    return chunk;
  };
  // Cached index of the next quote at or after `pos` (-1: none in buf; -2: unknown).
  let nextQuote = -2;
  // After a record could not be completed, wait until the buffer has doubled its pending part
  // before trying again, so a very long quoted field does not make parsing quadratic.
  let retryAt = 0;
  let ended = false;

  const emit = (out: CsvRecord[], recLine: number, fields: string[]): void => {
    if (skipBlank) {
      let blank = true;
      for (const f of fields) {
        if (f !== '') {
          blank = false;
          break;
        }
      }
      if (blank) return;
    }
    out.push({ line: recLine, fields });
  };

  const countNewlines = (s: string): number => {
    let n = 0;
    let i = s.indexOf('\n');
    while (i !== -1) {
      n++;
      i = s.indexOf('\n', i + 1);
    }
    return n;
  };

  // Parses one record that contains a quote, starting at `pos`. Returns the new position or NEED_MORE.
  // The record's errors are kept aside and recorded only once the record is complete: a record cut
  // by a chunk boundary is parsed again with the next chunk, and must not report its errors twice.
  const parseSlow = (out: CsvRecord[], final: boolean): number => {
    const recordErrors: CsvError[] = [];
    const next = parseRecord(out, final, recordErrors);
    if (next !== NEED_MORE) for (const e of recordErrors) errors.push(e);
    return next;
  };

  const parseRecord = (out: CsvRecord[], final: boolean, errors: CsvError[]): number => {
    const recLine = line;
    let curLine = line;
    const fields: string[] = [];
    let i = pos;
    const n = buf.length;
    let nlIdx = -1; // cached index of the next line feed at or after i (-1: not searched / none)
    for (;;) {
      const column = fields.length + 1;
      if (i < n && buf.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let j = i + 1;
        let closed = -1;
        for (;;) {
          const k = buf.indexOf('"', j);
          if (k === -1) break;
          if (k + 1 < n && buf.charCodeAt(k + 1) === 34) {
            value += buf.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          if (k + 1 >= n && !final) break; // the next chunk might start with the second quote
          value += buf.slice(j, k);
          closed = k;
          break;
        }
        if (closed === -1) {
          if (!final) return NEED_MORE;
          errors.push({
            line: curLine,
            column,
            message: `Zeile ${curLine}, Spalte ${column}: Anführungszeichen wird nicht geschlossen`,
          });
          // Recover like a spreadsheet: take the quote literally and read the field unquoted.
        } else {
          curLine += countNewlines(value);
          let after = closed + 1;
          const c = after < n ? buf.charCodeAt(after) : -1;
          if (c === 13 && after + 1 >= n && !final) return NEED_MORE; // CR, maybe LF in the next chunk
          if (
            c !== -1 &&
            c !== delimCode &&
            c !== 10 &&
            !(c === 13 && (after + 1 >= n || buf.charCodeAt(after + 1) === 10))
          ) {
            // `"abc"def`: Excel keeps the rest; we keep it too but report it.
            errors.push({
              line: curLine,
              column,
              message: `Zeile ${curLine}, Spalte ${column}: unerwartete Zeichen nach schließendem Anführungszeichen`,
            });
            let e = after;
            while (e < n) {
              const ch = buf.charCodeAt(e);
              if (ch === delimCode || ch === 10) break;
              e++;
            }
            if (e >= n && !final) return NEED_MORE;
            let rest = buf.slice(after, e);
            if (rest.endsWith('\r') && e < n) rest = rest.slice(0, -1);
            value += rest;
            after = e;
          }
          fields.push(value);
          if (after >= n) {
            emit(out, recLine, fields);
            line = curLine;
            return after;
          }
          const ch = buf.charCodeAt(after);
          if (ch === delimCode) {
            i = after + 1;
            continue;
          }
          // line end (LF or CRLF)
          const nl = ch === 13 ? after + 2 : after + 1;
          emit(out, recLine, fields);
          line = curLine + 1;
          return nl;
        }
      }
      // unquoted field (or an unclosed quote read literally)
      if (nlIdx < i) nlIdx = buf.indexOf('\n', i);
      if (nlIdx === -1 && !final) return NEED_MORE;
      const lineEnd = nlIdx === -1 ? n : nlIdx;
      let d = i;
      while (d < lineEnd && buf.charCodeAt(d) !== delimCode) d++;
      if (d < lineEnd) {
        fields.push(buf.slice(i, d));
        i = d + 1;
        continue;
      }
      let value = buf.slice(i, lineEnd);
      if (value.endsWith('\r')) value = value.slice(0, -1);
      fields.push(value);
      emit(out, recLine, fields);
      if (nlIdx === -1) {
        line = curLine;
        return n;
      }
      line = curLine + 1;
      return nlIdx + 1;
    }
  };

  const parse = (final: boolean): CsvRecord[] => {
    const out: CsvRecord[] = [];
    if (!final && buf.length < retryAt) return out;
    while (pos < buf.length) {
      const nl = buf.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const lineEnd = nl === -1 ? buf.length : nl;
      if (nextQuote === -2 || (nextQuote !== -1 && nextQuote < pos))
        nextQuote = buf.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > lineEnd) {
        // Fast path: a line without quotes is split directly.
        let end = lineEnd;
        if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
        if (end === pos) {
          if (!skipBlank) out.push({ line, fields: [''] });
        } else emit(out, line, buf.slice(pos, end).split(delim));
        line++;
        pos = lineEnd + 1;
        continue;
      }
      const next = parseSlow(out, final);
      if (next === NEED_MORE) {
        retryAt = buf.length + (buf.length - pos);
        break;
      }
      pos = next;
    }
    if (pos >= buf.length) {
      buf = '';
      pos = 0;
      nextQuote = -2;
    } else if (pos > 0) {
      buf = buf.slice(pos);
      nextQuote = nextQuote >= pos ? nextQuote - pos : -2;
      retryAt = Math.max(0, retryAt - pos);
      pos = 0;
    }
    return out;
  };

  return {
    push(chunk) {
      if (ended) throw new Error('CSV-Parser: push() nach end()');
      if (chunk.length === 0) return [];
      if (!started) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      if (lineMode === 'unknown') chunk = decideLineMode(chunk, false);
      else if (lineMode === 'cr') chunk = chunk.replace(/\r/g, '\n');
      if (nextQuote === -1) nextQuote = -2; // new text may contain quotes
      buf = buf.length === 0 ? chunk : buf + chunk;
      return parse(false);
    },
    end() {
      if (ended) return [];
      ended = true;
      retryAt = 0;
      if (lineMode === 'unknown') decideLineMode('', true);
      return parse(true);
    },
    errors,
    get linesRead() {
      return line - 1;
    },
  };
}

/** Parses a whole CSV text at once (convenience over the streaming parser). */
export function parseCsv(
  text: string,
  dialect: { delimiter: CsvDelimiter },
  options?: CsvParserOptions,
): { records: CsvRecord[]; errors: CsvError[] } {
  const parser = createCsvParser(dialect, options);
  const records = parser.push(text);
  for (const r of parser.end()) records.push(r);
  return { records, errors: [...parser.errors] };
}
