// Bulk writes in bounded statements (ADR 0016, 0062): PGlite runs SQL in the server's own thread,
// so one statement over many rows holds every timer and request until it ends. Writers cut their
// rows into parts and let the event loop turn between two statements.

/** Lets timers and I/O (waiting HTTP requests) run before the next statement. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `write` with consecutive parts of at most `size` rows, in order, yielding after each. */
export async function inStatements<T>(
  rows: readonly T[],
  size: number,
  write: (part: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await write(rows.slice(i, i + size));
    await yieldToEventLoop();
  }
}
