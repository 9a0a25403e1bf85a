// The embedded data directory belongs to one process: a second one (e.g. `sozialraum admin create`
// while the server runs) is refused with a German message instead of overwriting its changes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from './db.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sz-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('refuses a directory another running process holds, and releases its own lock', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(path.join(dir, 'sozialraum.lock'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(
        /wird gerade von einem anderen Prozess benutzt \(PID \d+/,
      );
    } finally {
      other.kill();
    }
    await new Promise((r) => other.once('exit', r));
    // the other process is gone: its stale lock is taken over
    const unlock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'sozialraum.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    expect(existsSync(path.join(dir, 'sozialraum.lock'))).toBe(false);
  });
});
