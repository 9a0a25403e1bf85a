// Where and why a JSON text is broken, from a parser that reports offsets (jsonc-parser in strict
// mode: no comments, no trailing commas) instead of V8's JSON.parse message text, which changes
// between Node versions. Used only after JSON.parse has refused a file, so the fast path stays.
import { printParseErrorCode, visit } from 'jsonc-parser';

/** jsonc-parser's error names (its ParseErrorCode is a const enum, which this build cannot read). */
type ErrorName = ReturnType<typeof printParseErrorCode>;

export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) of the offending character. */
  offset: number;
  /** 1-based line and column (column in characters from the line start). */
  line: number;
  column: number;
  /** German reason, without position. */
  reason: string;
  /** The text ends before the JSON value is complete. */
  truncated: boolean;
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface FirstError {
  code: ErrorName;
  offset: number;
  length: number;
  /** '}' or ']' of the innermost open object or array; '' at the top level. */
  inside: '}' | ']' | '';
  /** The root value was complete before the error. */
  afterRoot: boolean;
}

function firstError(text: string): FirstError | null {
  const open: ('}' | ']')[] = [];
  let rootDone = false;
  let first: FirstError | null = null;
  const closeOne = () => {
    open.pop();
    if (open.length === 0) rootDone = true;
  };
  visit(
    text,
    {
      onObjectBegin: () => void open.push('}'),
      onObjectEnd: closeOne,
      onArrayBegin: () => void open.push(']'),
      onArrayEnd: closeOne,
      onLiteralValue: () => {
        if (open.length === 0) rootDone = true;
      },
      onError: (code, offset, length) => {
        first ??= {
          code: printParseErrorCode(code),
          offset,
          length,
          inside: open.at(-1) ?? '',
          afterRoot: rootDone,
        };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}

/** The first character in [from, to) whose code is below 32 (a control character), or from. */
function controlCharIn(text: string, from: number, to: number): number {
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) < 32) return i;
  return from;
}

function reasonOf(text: string, e: FirstError): { offset: number; reason: string } {
  const at = e.offset;
  const code = text.charCodeAt(at);
  switch (e.code) {
    case 'CommaExpected':
      return {
        offset: at,
        reason:
          e.inside === ']'
            ? 'nach einem Listenelement fehlt ein Komma oder eine schließende Klammer ]'
            : 'nach einem Wert fehlt ein Komma oder eine schließende Klammer }',
      };
    case 'PropertyNameExpected':
      return {
        offset: at,
        reason: 'hier wird ein Name in doppelten Anführungszeichen erwartet (überzähliges Komma?)',
      };
    case 'ValueExpected':
      return { offset: at, reason: 'hier wird ein Wert erwartet (überzähliges Komma?)' };
    case 'ColonExpected':
      return { offset: at, reason: 'nach dem Namen fehlt der Doppelpunkt' };
    case 'CloseBraceExpected':
      return { offset: at, reason: 'hier fehlt eine schließende Klammer }' };
    case 'CloseBracketExpected':
      return { offset: at, reason: 'hier fehlt eine schließende Klammer ]' };
    case 'EndOfFileExpected':
      return { offset: at, reason: 'nach dem Ende des JSON-Objekts folgt weiterer Text' };
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return { offset: at, reason: 'Kommentare sind in JSON nicht erlaubt' };
    case 'UnexpectedEndOfString':
      return {
        offset: at,
        reason: 'eine Zeichenkette endet nicht (schließendes Anführungszeichen fehlt)',
      };
    case 'InvalidCharacter':
      return {
        offset: controlCharIn(text, at, at + e.length),
        reason:
          'ein Steuerzeichen (z. B. Zeilenumbruch, Tabulator oder NUL) steht ungeschützt in einer Zeichenkette',
      };
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode': {
      const slash = text.indexOf('\\', at);
      return {
        offset: slash !== -1 && slash < at + e.length ? slash : at,
        reason: 'ungültige Escape-Folge (\\…) in einer Zeichenkette',
      };
    }
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return { offset: at, reason: 'ungültige Zahl' };
    default:
      if (e.afterRoot)
        return { offset: at, reason: 'nach dem Ende des JSON-Objekts folgt weiterer Text' };
      if (code < 32)
        return {
          offset: at,
          reason: `unerlaubtes Steuerzeichen (Zeichencode ${code}) außerhalb einer Zeichenkette`,
        };
      return {
        offset: at,
        reason:
          'unerwartetes Zeichen (z. B. einfache statt doppelter Anführungszeichen, NaN oder ein Kommentar)',
      };
  }
}

/** The first syntax error of a JSON text with its exact position, or null when the text is JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const e = firstError(text);
  if (!e) return null;
  const { offset, reason } = reasonOf(text, e);
  const truncated =
    e.offset >= text.trimEnd().length && e.code !== 'EndOfFileExpected' && !e.afterRoot;
  return { offset, ...lineColumnAt(text, offset), reason, truncated };
}
