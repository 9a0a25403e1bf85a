// Bench part p, first paint of the map (issue 11 § 6): in real Chromium, cold loads (a new browser
// context each, nothing cached) of the map at the Planungsräume with an indicator. Measured: when
// the map first shows coloured areas — the SVG picture that stands in until MapLibre has drawn
// (performance mark `sozialraum:map-preview-painted`), and MapLibre's own first frame with the
// areas (`data-painted-at`) — against the moment the geometry and values requests have ended, in
// the same load and in a load of the same page without the map layer (the map's code chunk
// blocked: the page fetches the same data, MapLibre never starts). Goal: ≤ 1,5×.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../packages/server/src/config.ts';
import { de, printSection, type Section } from './format.ts';

/** The performance mark the SVG picture sets (packages/web/src/screens/map/map-preview.tsx PAINT_MARK). */
const PREVIEW_MARK = 'sozialraum:map-preview-painted';
const MAP_URL = '/?system=lor2021&level=plr&indicator=ewr_share_age_below_6&date=2024-12-31';
const DIST = path.join(REPO_ROOT, 'packages/web/dist');

/** ms since navigation start at which the geometry and the values requests had both ended. */
async function requestsEnd(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ends = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => /\/geometry(\?|$)|\/api\/values\?/.test(r.name))
      .map((r) => r.responseEnd);
    return ends.length >= 2 ? Math.max(...ends) : NaN;
  });
}

/** One cold load: first coloured picture, interactive map's first frame, data requests' end (ms since navigation start). */
interface Load {
  painted: number;
  interactive: number;
  requests: number;
}

async function oneLoad(browser: Browser, base: string, withMap: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    if (!withMap) await page.route(/\/assets\/map-view-[^/]+\.js$/, (r) => r.abort());
    await page.goto(base + MAP_URL);
    if (withMap) {
      const box = page.locator('[data-painted-at]');
      await box.waitFor({ state: 'attached', timeout: 60_000 });
      const interactive = Number(await box.getAttribute('data-painted-at'));
      const picture = await page.evaluate(
        (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? NaN,
        PREVIEW_MARK,
      );
      return { painted: picture, interactive, requests: await requestsEnd(page) };
    }
    await page.waitForFunction(
      () =>
        performance
          .getEntriesByType('resource')
          .filter((r) => /\/geometry(\?|$)|\/api\/values\?/.test(r.name)).length >= 2,
      undefined,
      { timeout: 60_000 },
    );
    return { painted: NaN, interactive: NaN, requests: await requestsEnd(page) };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const ms = (x: number) => `${de(x)} ms`;

export async function benchFirstPaint(base: string, rounds = 5): Promise<Section> {
  const title = 'p. Karte: erste Darstellung in Chromium (kalt, 542 Planungsräume)';
  const section: Section = { title, rows: [], notes: [] };
  if (!existsSync(path.join(DIST, 'index.html')) || !existsSync('/usr/bin/chromium')) {
    section.notes.push(
      'Nicht gemessen: die Weboberfläche ist nicht gebaut (`npm run build:web`) oder /usr/bin/chromium fehlt.',
    );
    return section;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const version = browser.version();
  const withMap: Load[] = [];
  const without: number[] = [];
  try {
    // alternate, so that load from other processes falls on both kinds alike
    for (let i = 0; i < rounds; i++) {
      withMap.push(await oneLoad(browser, base, true));
      without.push((await oneLoad(browser, base, false)).requests);
    }
  } finally {
    await browser.close();
  }
  const painted = median(withMap.map((r) => r.painted));
  const sameLoad = median(withMap.map((r) => r.painted / r.requests));
  const interactive = median(withMap.map((r) => r.interactive));
  const dataSame = median(withMap.map((r) => r.requests));
  const dataWithout = median(without);
  const verdict = (x: number) => `**${de(x, 2)}×** (Ziel ≤ 1,5×)`;
  section.rows.push(
    [
      'Karte gemalt: erstes Bild der eingefärbten Gebiete (Median)',
      ms(painted),
      `dieselbe Seite ohne Kartenebene, Geometrie + Werte geladen: ${ms(dataWithout)}`,
      verdict(painted / dataWithout),
    ],
    [
      'Karte gemalt, je Ladevorgang gegen dessen eigene Anfragen (Median der Verhältnisse)',
      ms(painted),
      `Geometrie + Werte geladen (gleicher Ladevorgang): ${ms(dataSame)}`,
      verdict(sameLoad),
    ],
    [
      'bedienbare Karte (MapLibre, WebGL): erstes Bild mit den Gebieten (Median)',
      ms(interactive),
      `dieselbe Seite ohne Kartenebene: ${ms(dataWithout)}`,
      `${de(interactive / dataWithout, 2)}×`,
    ],
  );
  const chunk = readdirSync(path.join(DIST, 'assets')).find((f) => /^map-view-.+\.js$/.test(f));
  section.notes.push(
    `${rounds} kalte Ladevorgänge je Art im Wechsel (neuer Browser-Kontext, 1440×900), Chromium ${version} mit Software-Rendering; Zeiten ab Navigationsbeginn. Ohne Kartenebene: der Code-Baustein der Karte (${chunk ?? 'map-view-*.js'}) wird blockiert, die Seite lädt dieselben Daten.`,
    `Einzelwerte erstes Bild: ${withMap.map((r) => de(r.painted)).join(' / ')} ms; bedienbare Karte: ${withMap.map((r) => de(r.interactive)).join(' / ')} ms; Daten ohne Karte: ${without.map((x) => de(x)).join(' / ')} ms.`,
    'Erstes Bild: die Gebiete als SVG in derselben Projektion (Web Mercator) und an derselben Stelle wie die Karte, eingefärbt wie sie (`screens/map/map-preview.tsx`), bis MapLibre das erste Bild mit den Gebieten gezeichnet hat; gemessen am Performance-Mark `sozialraum:map-preview-painted` nach dem Frame, der es zeigt. Die bedienbare Karte (Zoom, Klick, Namen) folgt mit MapLibre; ohne Grafikkarte rechnet Chromium WebGL auf der CPU (SwiftShader), das dauert Sekunden.',
  );
  printSection(section);
  return section;
}
