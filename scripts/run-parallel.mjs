// Runs several npm scripts at the same time and fails if any of them fails: `npm test` uses it for
// typecheck, lint and the web build, which are independent and each use one core (ADR 0056). Each
// script's output is held back and printed in one piece when it ends, so the logs do not interleave.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script> …');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run <name>`, resolves with its exit code and prints its output once it is done. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (err) => chunks.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code, signal) => {
      const status = code ?? 1;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `== npm run ${name}: ${status === 0 ? 'ok' : `failed (${signal ?? status})`} in ${seconds} s\n`,
      );
      process.stdout.write(Buffer.concat(chunks));
      resolve(status);
    });
  });
}

const codes = await Promise.all(names.map(run));
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
