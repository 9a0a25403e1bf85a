// There is one mail transport (ADR 0025): nodemailer is imported by modules/mail only, so no caller
// can send without the timeouts and the delivery log.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('one mail transport', () => {
  it('imports nodemailer only in modules/mail', async () => {
    const users: string[] = [];
    for (const f of await sourceFiles(SRC))
      if (/from ['"]nodemailer['"]/.test(await readFile(f, 'utf8')))
        users.push(path.relative(SRC, f).split(path.sep).join('/'));
    expect(users).toEqual(['modules/mail/transport.ts']);
  });
});
