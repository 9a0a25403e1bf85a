// Global setup of the e2e project: starts ONE server on 127.0.0.1 (random port) with a fresh data
// directory, so the Berlin demo is loaded on first start (≈20–40 s on PGlite, both phases), creates the e2e people
// (e2e/people.ts) and hands its URL to the journeys. Nothing is built here: `npm test` builds the web app before Vitest runs.
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer } from '../packages/server/src/serve.ts';
import {
  CHROMIUM_PATH,
  OGRINFO_PATH,
  OGR2OGR_PATH,
  startBrowserServer,
  type BrowserServer,
} from './chromium.ts';
import { makeIndicatorInternal, seedPeople } from './seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the server under test, without trailing slash ('' when nothing can run). */
    e2eBaseUrl: string;
    /** Whether /usr/bin/chromium exists (browser journeys run only then). */
    e2eHasChromium: boolean;
    /** Whether ogrinfo and ogr2ogr exist (the GDAL journey runs only then). */
    e2eHasGdal: boolean;
    /** ws:// address of the run's one Chromium ('' when there is none; ADR 0056). */
    e2eBrowserEndpoint: string;
    /** File that says when the server (started in the background) is ready ('' = no waiting). */
    e2eReadyFile: string;
  }
}

/** Decides what can run; in CI a missing tool is an error, on a developer machine a skip. */
function checkTools(): { chromium: boolean; gdal: boolean } {
  const chromium = existsSync(CHROMIUM_PATH);
  const gdal = existsSync(OGRINFO_PATH) && existsSync(OGR2OGR_PATH);
  const missing = [!chromium && CHROMIUM_PATH, !gdal && `${OGRINFO_PATH} / ${OGR2OGR_PATH}`].filter(
    Boolean,
  );
  if (missing.length && process.env.CI) {
    throw new Error(
      `e2e: ${missing.join(' und ')} fehlt. In CI müssen Chromium und GDAL installiert sein ` +
        '(apt-get install -y chromium gdal-bin); es wird nie ein Browser heruntergeladen.',
    );
  }
  if (!chromium)
    console.warn(
      `\n[e2e] ÜBERSPRUNGEN: ${CHROMIUM_PATH} fehlt – die Browser-Journeys laufen nicht (apt-get install chromium).\n`,
    );
  if (!gdal)
    console.warn(
      `\n[e2e] ÜBERSPRUNGEN: ${OGRINFO_PATH} fehlt – der GDAL-Journey läuft nicht (apt-get install gdal-bin).\n`,
    );
  return { chromium, gdal };
}

/** The run's one Chromium, in a temporary folder of its own; nothing when Chromium is missing. */
async function sharedBrowser(
  chromium: boolean,
): Promise<{ endpoint: string; close: () => Promise<void> }> {
  if (!chromium) return { endpoint: '', close: async () => {} };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-e2e-chromium-'));
  let server: BrowserServer;
  try {
    server = await startBrowserServer(dir);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    endpoint: server.endpoint,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const tools = checkTools();
  project.provide('e2eHasChromium', tools.chromium);
  project.provide('e2eHasGdal', tools.gdal);
  project.provide('e2eBrowserEndpoint', '');
  project.provide('e2eReadyFile', '');
  if (!tools.chromium && !tools.gdal) {
    project.provide('e2eBaseUrl', '');
    return;
  }
  const browser = await sharedBrowser(tools.chromium);
  project.provide('e2eBrowserEndpoint', browser.endpoint);
  // developer shortcut: run the journeys against a server that is already up (it must hold the demo)
  if (process.env.E2E_BASE_URL) {
    project.provide('e2eBaseUrl', process.env.E2E_BASE_URL.replace(/\/+$/, ''));
    return browser.close;
  }
  let server: E2eServer;
  try {
    server = await startE2eServer();
  } catch (err) {
    await browser.close();
    throw err;
  }
  project.provide('e2eBaseUrl', server.baseUrl);
  project.provide('e2eReadyFile', server.readyFile);
  return async () => {
    await server.close();
    await browser.close();
  };
}

interface E2eServer {
  baseUrl: string;
  /** Holds "ok" once the demo is loaded and the people are made, or the error that stopped it. */
  readyFile: string;
  close: () => Promise<void>;
}

/** Writes the ready file in one step (written beside it, then renamed): a reader never sees half. */
async function announce(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** A free TCP port on 127.0.0.1, for the server that starts in the background. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The server under test with a fresh data directory (the Berlin demo) and the e2e people. It starts
 * in the background (ADR 0056): loading the demo takes 20–40 s, which in `npm test` overlaps the
 * unit and database phases instead of delaying them; the journeys wait for the ready file
 * (e2e/server-ready.ts).
 */
async function startE2eServer(): Promise<E2eServer> {
  const webIndex = path.resolve(import.meta.dirname, '../packages/web/dist/index.html');
  if (!existsSync(webIndex)) {
    throw new Error(
      `e2e: ${webIndex} fehlt – bitte zuerst \`npm run build:web\` ausführen (npm test tut das).`,
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-e2e-'));
  const readyFile = path.join(dataDir, 'e2e-ready.txt');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    SOZIALRAUM_DATA_DIR: dataDir,
  });
  let running: Awaited<ReturnType<typeof startServer>> | undefined;
  const started = (async () => {
    running = await startServer(config, (m) => console.log(`[e2e server] ${m}`));
    // the journeys need the whole demo: its second phase runs after listening (ADR 0053)
    await running.demoLoaded;
    // the people of the journeys (e2e/people.ts) and one internal demo indicator
    await seedPeople(running.db);
    await makeIndicatorInternal(baseUrl);
    await announce(readyFile, 'ok');
  })().catch(async (err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`[e2e server] Start fehlgeschlagen: ${message}`);
    await announce(readyFile, `Der e2e-Server startete nicht: ${message}`).catch(() => {});
  });
  return {
    baseUrl,
    readyFile,
    close: async () => {
      await started;
      await running?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
