// Screenshots of the web app in real Chromium, to look at what we build (docs/engineering.md).
// Usage: node_modules/.bin/tsx packages/web/scripts/screenshot.ts [baseUrl] [outDir]
// Needs a running server (npm run build:web && node packages/server/bin/sozialraum.mjs serve).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../e2e/chromium.ts';
import type { Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8092';
const out = path.resolve(process.argv[3] ?? 'screenshots');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch(chromiumLaunchOptions());
const context = await browser.newContext({
  viewport: { width: 1440, height: 900 },
  locale: 'de-DE',
});
const page = await context.newPage();
const problems: string[] = [];
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

async function shot(name: string): Promise<void> {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`${name}: ${file}`);
}

async function mapReady(p: Page): Promise<void> {
  await p.waitForSelector('.legend, .state-empty, .state-error', { timeout: 60_000 });
  // MapLibre draws asynchronously after the data arrived
  await p.waitForTimeout(1500);
}

// 1. main screen with defaults
await page.goto(`${base}/`);
await mapReady(page);
console.log('URL after defaults:', page.url());
await shot('01-map-default');

// 2. hover tooltip over the map centre
const canvas = page.locator('canvas.maplibregl-canvas');
const box = await canvas.boundingBox();
if (box) {
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
  await page.waitForTimeout(400);
  await shot('02-map-hover');
  // 3. click opens the profile panel
  await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.45);
  await page.waitForSelector('.profile-panel .profile-title', { timeout: 30_000 });
  await page.waitForTimeout(800);
  console.log('URL after click:', page.url());
  await shot('03-map-profile');
}

// 4. the indicator picker, opened and filtered by keyboard
await page.goto(`${base}/`);
await mapReady(page);
await page.getByRole('combobox', { name: 'Indikator' }).focus();
await page.keyboard.type('arbeitslos');
await page.keyboard.press('ArrowDown');
await page.waitForTimeout(200);
await shot('04-indicator-picker');
await page.keyboard.press('Enter');
await mapReady(page);
console.log('URL after picking:', page.url());
await shot('05-map-picked');

// 5. table view and Jenks with 7 classes via URL
const url = new URL(page.url());
url.searchParams.set('method', 'jenks');
url.searchParams.set('classes', '7');
await page.goto(url.toString());
await mapReady(page);
await shot('06-map-jenks7');
url.searchParams.set('view', 'table');
await page.goto(url.toString());
await page.waitForSelector('.data-table');
await shot('07-table');

// custom breaks typed in German notation
url.searchParams.delete('view');
url.searchParams.set('method', 'manual');
url.searchParams.set('breaks', '0,1,2.5');
await page.goto(url.toString());
await mapReady(page);
await page.getByLabel('Grenzen').fill('-1; 0; 1,5; 3');
await page.keyboard.press('Enter');
await mapReady(page);
console.log('URL after custom breaks:', page.url());
await shot('07b-custom-breaks');

// 6. keyboard focus on the toolbar
url.searchParams.set('method', 'jenks');
url.searchParams.delete('breaks');
url.searchParams.delete('view');
await page.goto(url.toString());
await mapReady(page);
await page.keyboard.press('Tab');
await page.keyboard.press('Tab');
await page.keyboard.press('Tab');
await page.keyboard.press('Tab');
await page.keyboard.press('Tab');
await shot('08-focus');

// 7. a date without data
url.searchParams.set('date', '1999-12-31');
await page.goto(url.toString());
await mapReady(page);
await shot('09-no-data-date');

// 8. catalogue, import, profile page
await page.goto(`${base}/indikatoren?q=kinder`);
await page.waitForSelector('.card-list, .state-empty');
await shot('10-catalogue');
await page.goto(`${base}/import`);
await page.waitForSelector('.dropzone');
await shot('11-import');
// an area file: GeoJSON of the 12 Bezirke, analysed and checked in a dry run (nothing is stored)
const geojson = path.resolve(import.meta.dirname, '../../../demo-data/berlin/geo/bezirke.geojson');
await page.locator('input[type="file"]').setInputFiles(geojson);
await page.getByRole('button', { name: 'Dateien prüfen' }).click();
await page.getByRole('heading', { name: '3. Zuordnung' }).waitFor({ timeout: 30_000 });
await page.getByLabel('Kennung des neuen Gebietssystems').fill('testsystem');
await page.getByLabel('Name des neuen Gebietssystems').fill('Testsystem');
await page.getByLabel('Kennung der Ebene').fill('bezirk');
await page.getByLabel('Name der Ebene (deutsch)').fill('Bezirk');
await page.getByRole('button', { name: 'Probelauf' }).click();
await page.getByRole('heading', { name: /^Prüfbericht/ }).waitFor({ timeout: 60_000 });
await page.getByRole('heading', { name: '3. Zuordnung' }).scrollIntoViewIfNeeded();
await shot('11b-import-areas-dry-run');

const areas = (await (
  await page.request.get(`${base}/api/areas?system=lor2021&level=plr`)
).json()) as { id: number }[];
if (areas[0]) {
  await page.goto(`${base}/gebiete/${areas[0].id}`);
  await page.waitForSelector('.profile-title', { timeout: 30_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, '12-profile-page.png'), fullPage: true });
  console.log(`12-profile-page: ${path.join(out, '12-profile-page.png')}`);
  const demography = page.locator('section.profile-group', { hasText: 'Demografie' }).first();
  if (await demography.count()) {
    await demography.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, '12a-profile-demography.png') });
    console.log(`12a-profile-demography: ${path.join(out, '12a-profile-demography.png')}`);
  }
  // a value that the MSS did not rate: the profile names the reason instead of a bare dash
  const unrated = (areas as { id: number; code: string }[]).find((a) => a.code === '03300515');
  if (unrated) {
    await page.goto(`${base}/gebiete/${unrated.id}`);
    await page.waitForSelector('.profile-title', { timeout: 30_000 });
    const flag = page.locator('.profile-flag').first();
    await flag.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await flag.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, '12d-profile-flag.png') });
    console.log(
      `12d-profile-flag: ${path.join(out, '12d-profile-flag.png')} – ${await flag.innerText()}`,
    );
  }
  // an indicator with a time series: the date slider and the sparklines in the panel
  await page.goto(
    `${base}/?system=lor2021&level=plr&indicator=ewr_share_age_above_65&area=${areas[0].id}`,
  );
  await mapReady(page);
  await page.waitForSelector('.profile-panel .sparkline', { timeout: 30_000 });
  await page
    .getByLabel(/Stichtag/)
    .first()
    .focus();
  await page.keyboard.press('Home');
  await mapReady(page);
  console.log('URL after slider Home:', page.url());
  await shot('12b-series-panel');
  await page.goBack();
  await mapReady(page);
  console.log('URL after back:', page.url());
}

// level switch in the top bar: Bezirksregionen, the date kept where the indicator has it
await page.goto(
  `${base}/?system=lor2021&level=plr&indicator=ewr_share_age_above_65&date=2022-12-31`,
);
await mapReady(page);
await page.getByLabel('Ebene', { exact: true }).selectOption('bzr');
await mapReady(page);
console.log('URL after level switch:', page.url());
await shot('12c-level-bzr');

// 9. English
await page.goto(`${base}/`);
await mapReady(page);
await page.getByRole('button', { name: 'EN' }).click();
await page.waitForTimeout(500);
await shot('13-map-english');
await page.getByRole('button', { name: 'DE' }).click();

// 10. server unreachable
await page.route('**/api/**', (r) => r.abort('connectionrefused'));
await page.goto(`${base}/`);
await page.waitForSelector('.state-error', { timeout: 30_000 });
await shot('14-unreachable');

console.log(
  problems.length ? `Browser problems:\n${problems.join('\n')}` : 'No browser console errors.',
);
await browser.close();
