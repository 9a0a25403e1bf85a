// Global setup of the e2e project: starts ONE server on 127.0.0.1 (random port) with a fresh data
// directory, so the Berlin demo is loaded on first start (≈30–40 s on PGlite), creates the e2e people
// (e2e/people.ts) and hands its URL to the journeys. Nothing is built here: `npm test` builds the web app before Vitest runs.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer } from '../packages/server/src/serve.ts';
import { CHROMIUM_PATH, OGRINFO_PATH, OGR2OGR_PATH } from './tools.ts';
import { makeIndicatorInternal, seedPeople } from './seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the server under test, without trailing slash ('' when nothing can run). */
    e2eBaseUrl: string;
    /** Whether /usr/bin/chromium exists (browser journeys run only then). */
    e2eHasChromium: boolean;
    /** Whether ogrinfo and ogr2ogr exist (the GDAL journey runs only then). */
    e2eHasGdal: boolean;
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

export default async function setup(project: TestProject) {
  const tools = checkTools();
  project.provide('e2eHasChromium', tools.chromium);
  project.provide('e2eHasGdal', tools.gdal);
  if (!tools.chromium && !tools.gdal) {
    project.provide('e2eBaseUrl', '');
    return;
  }
  // developer shortcut: run the journeys against a server that is already up (it must hold the demo)
  if (process.env.E2E_BASE_URL) {
    project.provide('e2eBaseUrl', process.env.E2E_BASE_URL.replace(/\/+$/, ''));
    return;
  }
  const webIndex = path.resolve(import.meta.dirname, '../packages/web/dist/index.html');
  if (!existsSync(webIndex)) {
    throw new Error(
      `e2e: ${webIndex} fehlt – bitte zuerst \`npm run build:web\` ausführen (npm test tut das).`,
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-e2e-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SOZIALRAUM_DATA_DIR: dataDir });
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(config, (m) => console.log(`[e2e server] ${m}`));
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const port = (running.app.server.address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  // the people of the journeys (e2e/people.ts) and one internal demo indicator
  try {
    await seedPeople(running.db);
    await makeIndicatorInternal(baseUrl);
  } catch (err) {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  project.provide('e2eBaseUrl', baseUrl);
  return async () => {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
