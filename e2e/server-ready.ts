// Setup file of every journey: waits until the server of the global setup, which starts in the
// background (ADR 0056), has loaded the demo and made the e2e people — or fails with its error.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, inject } from 'vitest';

const READY_TIMEOUT_MS = 300_000;

beforeAll(async () => {
  const file = inject('e2eReadyFile');
  if (!file) return;
  const until = Date.now() + READY_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (Date.now() > until)
      throw new Error(`e2e: der Server war nach ${READY_TIMEOUT_MS / 1000} s nicht bereit`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const state = readFileSync(file, 'utf8');
  if (state !== 'ok') throw new Error(state);
}, READY_TIMEOUT_MS + 10_000);
