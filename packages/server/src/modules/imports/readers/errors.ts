// The one error type file readers throw: a list of problems, each naming the file and, where known, the
// line (or record) and column, with a German message for the user.
// Messages quote file contents (names, values, ZIP entry names) and are stored with failed runs in
// import_run.errors (jsonb): PostgreSQL refuses U+0000 and unpaired surrogates there, which turned a
// bad file into a 500 (issue 8, item 9). So the texts are made safe here, once for every reader.
export interface ImportFileIssue {
  file: string;
  line?: number;
  column?: string | number;
  message: string;
  /** What the person can do about it in the app: 'swap_axes' = read again with x and y swapped. */
  hint?: 'swap_axes';
}

// NUL, and a high surrogate without a low one after it or a low one without a high one before it.
const UNSAFE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that PostgreSQL accepts in text and jsonb: NUL shown as ␀, broken surrogates as U+FFFD. */
export function storableText(s: string): string {
  return s.replace(UNSAFE, (c) => (c === '\0' ? '␀' : '\uFFFD'));
}

/** A file that cannot be read as it is; `issues` say where and why. */
export class ImportFileError extends Error {
  readonly issues: ImportFileIssue[];

  constructor(issues: ImportFileIssue[]) {
    const safe = issues.map((i) => ({
      ...i,
      file: storableText(i.file),
      message: storableText(i.message),
      ...(typeof i.column === 'string' ? { column: storableText(i.column) } : {}),
    }));
    super(
      safe
        .map(
          (i) =>
            `${i.file}${i.line !== undefined ? `:${i.line}` : ''}${i.column !== undefined ? `:${i.column}` : ''}: ${i.message}`,
        )
        .join('\n'),
    );
    this.name = 'ImportFileError';
    this.issues = safe;
  }
}
