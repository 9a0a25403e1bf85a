// COPY text format (PostgreSQL docs, COPY, "Text Format"): tab-separated, \N for NULL, backslash
// escapes for backslash, newline, carriage return and tab; chunks of about 1 MB, each ending a line.
import { describe, expect, it } from 'vitest';
import { encodeCopyText } from './db.ts';

describe('encodeCopyText', () => {
  it('writes fields, NULL and the escapes', () => {
    const { chunks, count } = encodeCopyText([
      ['a', 1, 2.5, null, true, false],
      ['tab\there', 'line\nbreak', 'back\\slash', 'cr\r', '', -0.1],
    ]);
    expect(count).toBe(2);
    expect(chunks).toEqual([
      'a\t1\t2.5\t\\N\tt\tf\ntab\\there\tline\\nbreak\tback\\\\slash\tcr\\r\t\t-0.1\n',
    ]);
  });

  it('splits into chunks of whole lines and counts every row', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ['x'.repeat(60), i]);
    const { chunks, count } = encodeCopyText(rows);
    expect(count).toBe(30_000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
    expect(chunks.join('').split('\n')).toHaveLength(30_001);
    expect(chunks.join('')).toBe(rows.map((r) => r.join('\t') + '\n').join(''));
  });

  it('writes nothing for no rows', () => {
    expect(encodeCopyText([])).toEqual({ chunks: [], count: 0 });
  });
});
