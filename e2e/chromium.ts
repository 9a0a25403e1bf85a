// Where the external tools of the journeys live, and how Chromium is started: Debian's Chromium
// (never a downloaded browser) with the flags measured to work here (WebGL via SwiftShader). Kept
// apart from tools.ts so that the global setup can use it outside a test worker; the screenshot and
// check scripts of packages/web/scripts launch their Chromium with the same options from here.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const OGRINFO_PATH = '/usr/bin/ogrinfo';
export const OGR2OGR_PATH = '/usr/bin/ogr2ogr';

/** Launch options of every Chromium of the journeys. */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

export interface BrowserServer {
  /** ws:// address for playwright-core's `chromium.connect`. */
  endpoint: string;
  close: () => Promise<void>;
}

/**
 * Starts one Chromium for the whole e2e run as a Playwright browser server in a process of its own
 * (ADR 0056): not in Vitest's main process, where the server under test answers requests on PGlite
 * and would hold up the browser's messages. Each journey file connects to it instead of launching
 * its own Chromium; the GPU process (SwiftShader) and its compiled shaders are kept between files.
 */
export async function startBrowserServer(dir: string): Promise<BrowserServer> {
  const config = path.join(dir, 'chromium-server.json');
  await writeFile(config, JSON.stringify(chromiumLaunchOptions()));
  const pkg = createRequire(import.meta.url).resolve('playwright-core/package.json');
  const cli = path.join(path.dirname(pkg), 'cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'launch-server', '--browser', 'chromium', '--config', config],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const endpoint = await firstWsLine(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The ws:// line the browser server prints once Chromium is up (60 s at most). */
function firstWsLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('e2e: Chromium-Server meldete sich nicht binnen 60 s'));
    }, 60_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const line = /ws:\/\/\S+/.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve(line[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: Chromium-Server beendet (${code}) vor dem Start: ${out}`));
    });
  });
}
