// Checks that the map's top bar stays on one line at a given width (default 1400 px), in German and English,
// for the default view and with "Eigene Grenzen"; writes a screenshot of each case.
// Usage: node_modules/.bin/tsx packages/web/scripts/check-topbar.ts [baseUrl] [outDir] [width]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../e2e/chromium.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:8098';
const out = path.resolve(process.argv[3] ?? 'screenshots');
const width = Number(process.argv[4] ?? 1400);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await (
  await browser.newContext({ viewport: { width, height: 900 }, locale: 'de-DE' })
).newPage();
let failed = 0;
for (const lang of ['de', 'en'] as const) {
  for (const query of [
    '',
    '?system=lor2021&level=plr&indicator=ewr_share_age_below_18&method=manual&breaks=10,15,20,25',
  ]) {
    await page.goto(`${base}/${query}`);
    await page.evaluate((l) => localStorage.setItem('sozialraum.lang', l), lang);
    await page.reload();
    await page.waitForSelector('.legend, .state-empty', { timeout: 60_000 });
    await page.waitForTimeout(800);
    const tops = await page.$$eval('.topbar > *', (els) =>
      els.map((e) => Math.round((e as HTMLElement).getBoundingClientRect().bottom)),
    );
    const oneLine = Math.max(...tops) - Math.min(...tops) < 20;
    if (!oneLine) failed++;
    const name = `topbar-${width}-${lang}${query ? '-manual' : ''}`;
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    console.log(`${name}: ${oneLine ? 'one line' : `WRAPS (${tops.join(', ')})`} ${page.url()}`);
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
