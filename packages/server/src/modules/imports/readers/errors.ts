// The one error type file readers throw: a list of problems, each naming the file and, where known, the
// line (or record) and column, with a German message for the user.
export interface ImportFileIssue {
  file: string;
  line?: number;
  column?: string | number;
  message: string;
}

/** A file that cannot be read as it is; `issues` say where and why. */
export class ImportFileError extends Error {
  readonly issues: ImportFileIssue[];

  constructor(issues: ImportFileIssue[]) {
    super(
      issues
        .map(
          (i) =>
            `${i.file}${i.line !== undefined ? `:${i.line}` : ''}${i.column !== undefined ? `:${i.column}` : ''}: ${i.message}`,
        )
        .join('\n'),
    );
    this.name = 'ImportFileError';
    this.issues = issues;
  }
}
