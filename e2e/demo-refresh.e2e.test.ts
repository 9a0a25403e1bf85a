// The note of the Berlin demo's second phase in Chromium (ADR 0053, 0062), against a server of this
// file's own whose phase-2 job is held by the test: the note says in German how far the load is and
// follows the per cent; when the job ends, an open page reloads itself and says briefly that the
// demo is complete, then the note disappears — and a page where someone typed into a field keeps
// the text and offers the reload instead. The job stands in for the real phase 2 under its kind
// (seed.berlin): the web only hears /api/health, and the real load is the shared server's.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Db } from '../packages/server/src/db/db.ts';
import { DEMO_KIND } from '../packages/server/src/seed/berlin/index.ts';
import { prepareDb } from '../packages/server/src/serve.ts';
import { launchChromium, openPage, saveScreenshot } from './tools.ts';

const run = inject('e2eHasChromium');

/** A gate the held job waits at; `open()` lets it pass. */
function gate(): { passed: Promise<void>; open: () => void } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}

const atHalf = gate();
const atEnd = gate();
let dir: string;
let db: Db;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let jobDone: Promise<unknown>;

const noteText = (page: Page) => page.locator('.demo-loading-note').innerText();

describe.skipIf(!run)('Berlin demo note while phase 2 runs (Chromium)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-e2e-demo-refresh-'));
    const config = {
      ...loadConfig({ SOZIALRAUM_DATA_DIR: dir, SOZIALRAUM_DEMO: 'none', PORT: '0' }),
      alertScheduleMinutes: null,
    };
    db = await prepareDb(config, () => undefined);
    app = await buildApp({ db, tenantId: config.tenantId, config });
    const kind = app.sozialraumJobs.define({
      kind: DEMO_KIND,
      resumable: false,
      retries: 0,
      run: async (ctx) => {
        ctx.progress({ phase: 'Einwohnerregister', percent: 12 });
        await atHalf.passed;
        ctx.progress({ phase: 'MSS', percent: 57 });
        await atEnd.passed;
        return {};
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const started = await app.sozialraumJobs.start(
      config.tenantId,
      kind,
      {},
      {
        startedBy: 'system',
        userId: null,
      },
    );
    jobDone = started.done;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    atHalf.open();
    atEnd.open();
    await jobDone?.catch(() => undefined);
    await browser?.close();
    await app?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('follows the load, reloads an untouched page and spares a page with typed text', async () => {
    const { page: reader, consoleErrors } = await openPage(browser);
    const { page: writer } = await openPage(browser);
    await reader.goto(`${base}/indikatoren`);
    await writer.goto(`${base}/anmelden`);
    for (const p of [reader, writer])
      await expect.poll(() => noteText(p), { timeout: 20_000 }).toContain('(12 %)');
    expect(await noteText(reader)).toContain('Die Berlin-Demo wird noch geladen');
    expect(await noteText(reader)).toContain('aktualisiert sich die Seite von selbst');
    await saveScreenshot(reader, 'demo-refresh-loading');

    atHalf.open();
    await expect.poll(() => noteText(reader), { timeout: 20_000 }).toContain('(57 %)');

    // someone types into a field of the other page: that page must not reload itself
    const email = writer.locator('input[type="email"]').first();
    await email.fill('planung@example.org');

    let reloads = 0;
    reader.on('load', () => reloads++);
    atEnd.open();
    await jobDone;
    await expect
      .poll(() => noteText(reader), { timeout: 30_000 })
      .toContain('Die Berlin-Demo ist vollständig geladen; die Seite zeigt jetzt alle Daten.');
    expect(reloads).toBe(1);
    await saveScreenshot(reader, 'demo-refresh-reloaded');
    // the brief note after the reload goes away by itself
    await expect
      .poll(() => reader.locator('.demo-loading-note').count(), { timeout: 15_000 })
      .toBe(0);

    await expect
      .poll(() => writer.locator('.demo-loading-note button').count(), { timeout: 30_000 })
      .toBe(2);
    expect(await email.inputValue()).toBe('planung@example.org');
    expect(await noteText(writer)).toContain('Laden Sie die Seite neu');
    await saveScreenshot(writer, 'demo-refresh-offer');
    await writer.getByRole('button', { name: 'Später' }).click();
    expect(await writer.locator('.demo-loading-note').count()).toBe(0);
    expect(await email.inputValue()).toBe('planung@example.org');
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
