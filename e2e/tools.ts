// Shared helpers of the journeys: where the external tools live, launching Debian's Chromium (never a
// downloaded browser), screenshots into test-results/screenshots/, and reading the map's pixels.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumLaunchOptions } from './chromium.ts';

export { CHROMIUM_PATH, OGRINFO_PATH, OGR2OGR_PATH } from './chromium.ts';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../test-results/screenshots');

/** German number as the UI shows it: thousands with '.', decimals with ',' (e.g. 1.234,5). */
export const GERMAN_NUMBER = /\d{1,3}(\.\d{3})*(,\d+)?/;

/**
 * The run's one Chromium (started by e2e/global-setup.ts, ADR 0056), or — without it, e.g. against
 * E2E_BASE_URL — a Chromium of this file's own, launched with the same flags. `close()` on the shared
 * one closes this file's contexts and disconnects; the browser itself stays for the next file.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const endpoint = inject('e2eBrowserEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch(chromiumLaunchOptions());
}

/** A German-locale page (1400×900 unless given); console errors are collected for the report. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1400, height: 900 },
): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return { page, consoleErrors };
}

/** Saves a screenshot (the viewport, or the whole page) as test-results/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

export interface CanvasStats {
  width: number;
  height: number;
  /** Distinct RGB colours among the sampled pixels. */
  distinct: number;
  /** Share of sampled pixels in the most frequent colour (the background, on a coloured map < 1). */
  topShare: number;
  /** Sampled pixels per colour as '#rrggbb'. */
  counts: Record<string, number>;
}

/** Reads the map canvas (preserveDrawingBuffer is on) through a 2-D canvas and counts its colours. */
export async function readMapCanvas(page: Page): Promise<CanvasStats> {
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
    if (!gl) throw new Error('Kein Karten-Canvas gefunden');
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('Kein 2D-Kontext');
    ctx.drawImage(gl, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts: Record<string, number> = {};
    let n = 0;
    // every 3rd pixel in both directions is plenty and keeps the object small
    for (let y = 0; y < c.height; y += 3) {
      for (let x = 0; x < c.width; x += 3) {
        const i = (y * c.width + x) * 4;
        const hex =
          '#' +
          [data[i]!, data[i + 1]!, data[i + 2]!]
            .map((v) => v.toString(16).padStart(2, '0'))
            .join('');
        counts[hex] = (counts[hex] ?? 0) + 1;
        n++;
      }
    }
    const top = Math.max(0, ...Object.values(counts));
    return {
      width: c.width,
      height: c.height,
      distinct: Object.keys(counts).length,
      topShare: n ? top / n : 1,
      counts,
    };
  });
}

/** CSS colour 'rgb(r, g, b)' → '#rrggbb'. */
export function rgbToHex(css: string): string {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) return css.toLowerCase();
  return '#' + [m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('');
}

/** GET a JSON document from the server under test. */
export async function getJson<T>(baseUrl: string, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`);
  if (!res.ok) throw new Error(`GET ${pathAndQuery} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the legend lists classes and the canvas shows their colours (MapLibre draws asynchronously). */
export async function waitForColouredMap(page: Page): Promise<void> {
  const legend = page.getByRole('region', { name: 'Legende' });
  await legend.getByRole('listitem').first().waitFor({ timeout: 60_000 });
  const painted = await page
    .waitForFunction(
      () => {
        const gl = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
        if (!gl || gl.width === 0) return false;
        const c = document.createElement('canvas');
        c.width = 64;
        c.height = 64;
        const ctx = c.getContext('2d');
        if (!ctx) return false;
        ctx.drawImage(gl, 0, 0, 64, 64);
        const d = ctx.getImageData(0, 0, 64, 64).data;
        const seen = new Set<number>();
        for (let i = 0; i < d.length; i += 4)
          seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
        return seen.size > 20;
      },
      undefined,
      { timeout: 60_000, polling: 250 },
    )
    .then(
      () => true,
      () => false,
    );
  if (!painted) {
    // keep evidence: what the page showed and what the canvas held
    await saveScreenshot(page, `map-not-painted-${Date.now()}`);
    const stats = await readMapCanvas(page).catch((e: unknown) => String(e));
    const summary =
      typeof stats === 'string'
        ? stats
        : `${stats.width}×${stats.height}, ${stats.distinct} Farben, häufigste ${Math.round(stats.topShare * 100)} %`;
    throw new Error(
      `Die Karte wurde in 60 s nicht eingefärbt (Legende war da). Canvas: ${summary}; URL ${page.url()}`,
    );
  }

  // one more frame pair so the last setData is painted
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}

/** Signs the page's browser context in through the API (cookie stored in the context), as a person of e2e/people.ts. */
export async function signInByApi(
  page: Page,
  baseUrl: string,
  person: { email: string },
  password: string,
): Promise<void> {
  const res = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { email: person.email, password },
  });
  if (!res.ok()) throw new Error(`Anmeldung ${person.email}: ${res.status()} ${await res.text()}`);
}

/** How far the page is wider than the viewport (0 = no horizontal scrolling) and what sticks out. */
export async function pageOverflow(page: Page): Promise<{ extra: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`);
    return { extra: document.documentElement.scrollWidth - width, culprits };
  });
}
