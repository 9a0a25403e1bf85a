// Screenshots of the import journeys in real Chromium: a German CSV with a new indicator column, a broken
// file, the success report with its map link, and an area (Shapefile) import into a new area system.
// Usage: node_modules/.bin/tsx packages/web/scripts/screenshot-import.ts [baseUrl] [outDir]
// Needs a running server with the Berlin demo; it WRITES to that server's database (use a throw-away one).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../e2e/chromium.ts';
import type { Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8098';
const out = path.resolve(process.argv[3] ?? 'screenshots');
mkdirSync(out, { recursive: true });
const stamp = Date.now().toString(36).slice(-5);

const browser = await chromium.launch(chromiumLaunchOptions());
const context = await browser.newContext({
  viewport: { width: 1440, height: 900 },
  locale: 'de-DE',
});
const page = await context.newPage();
const problems: string[] = [];
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(`${m.type()}: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

async function shot(name: string, fullPage = true): Promise<void> {
  const file = path.join(out, `${name}.png`);
  if (fullPage) {
    // the page scrolls inside <main>: make the window as tall as main's content for the shot
    const h = await page.evaluate(
      () => (document.querySelector('main')?.scrollHeight ?? 900) + 120,
    );
    await page.setViewportSize({ width: 1440, height: Math.min(6000, Math.max(900, h)) });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: file });
  if (fullPage) await page.setViewportSize({ width: 1440, height: 900 });
  console.log(`${name}: ${file}`);
}

/** A German CSV as Excel writes it: Windows-1252, `;`, decimal comma, a column no indicator knows yet. */
function germanCsv(broken: boolean): Buffer {
  const rows: [string, string, string, string][] = [
    ['01', 'Mitte', '12,5', '371.000'],
    ['02', 'Friedrichshain-Kreuzberg', '9,8', '293.000'],
    ['03', 'Pankow', '7,1', '410.000'],
    ['04', 'Charlottenburg-Wilmersdorf', '6,4', '343.000'],
    ['05', 'Spandau', '11,9', '257.000'],
    ['06', 'Steglitz-Zehlendorf', '4,2', '310.000'],
    ['07', 'Tempelhof-Schöneberg', '8,3', '355.000'],
    ['08', 'Neukölln', '14,6', '330.000'],
    ['09', 'Treptow-Köpenick', '6,0', '290.000'],
    ['10', 'Marzahn-Hellersdorf', '10,7', '291.000'],
    ['11', 'Lichtenberg', '9,1', '300.000'],
    ['12', 'Reinickendorf', '10,2', '268.000'],
  ];
  if (broken) {
    rows[2]![2] = '7,1;x';
    rows[8]![2] = 'sechs';
  }
  const text = [
    'Bezirk;Bezirksname;Stichtag;Anteil Alleinerziehende (%);Einwohner gesamt',
    ...rows.map((r) => `${r[0]};${r[1]};31.12.2023;${r[2]};${r[3]}`),
  ].join('\r\n');
  return Buffer.from(text, 'latin1'); // the sample has only Latin-1 characters, identical in Windows-1252
}

async function upload(
  p: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  await p.goto(`${base}/import`);
  await p.waitForSelector('.dropzone');
  await p.locator('input[type="file"]').setInputFiles(files);
  await p.getByRole('button', { name: 'Dateien prüfen' }).click();
  await p.getByRole('heading', { name: '3. Zuordnung' }).waitFor({ timeout: 30_000 });
}

// 1. German CSV analysed: the new indicator columns get their forms
await upload(page, [
  { name: `alleinerziehende_${stamp}.csv`, mimeType: 'text/csv', buffer: germanCsv(false) },
]);
// on a second run the server already knows the columns by name: ask for new indicators explicitly
await page.getByLabel('Anteil Alleinerziehende (%)', { exact: true }).selectOption('__new__');
await page.getByLabel('Einwohner gesamt', { exact: true }).selectOption('__new__');
await shot('20-import-csv-analysed');
// keyboard: tab from the first mapping control through the form
await page.getByLabel('Gebietssystem', { exact: true }).focus();
for (let i = 0; i < 9; i++) await page.keyboard.press('Tab');
console.log(
  'focus after 9 tabs:',
  await page.evaluate(
    () =>
      document.activeElement?.getAttribute('id') + ' ' + (document.activeElement?.tagName ?? ''),
  ),
);
await shot('20b-import-focus', false);

// 2. validation: a bad id and an empty source are named in German
const firstId = page.getByLabel('Kennung', { exact: true }).first();
await firstId.fill('Anteil-AE');
await page.getByRole('button', { name: 'Probelauf' }).click();
await page.locator('.form-problems').waitFor();
await page.locator('.form-problems').scrollIntoViewIfNeeded();
await shot('21-import-validation', false);

// 3. fill correctly and import
await firstId.fill(`anteil_alleinerziehende_${stamp}`);
await page.getByLabel('Einheit').first().selectOption('percent');
await page.getByLabel('Lebenslage').first().selectOption('income');
await page.getByLabel('Polarität').first().selectOption('higher_is_worse');
await page.getByLabel('Kennung', { exact: true }).nth(1).fill(`einwohner_${stamp}`);
await page.getByLabel('Titel').fill('Alleinerziehende nach Bezirken 2023 (Testdaten)');
await page.getByLabel('Herausgeber').fill('Bezirksamt Beispiel, Sozialplanung');
await page.getByLabel('Lizenz', { exact: true }).fill('dl-de/by-2-0');
await page.getByLabel('Namensnennung').fill('Bezirksamt Beispiel');
// a dry run first: it must not create the indicators, so the real import afterwards still may
await page.getByRole('button', { name: 'Probelauf' }).click();
console.log(
  'dry run:',
  await page.getByRole('heading', { name: /^Prüfbericht/ }).innerText({ timeout: 60_000 }),
);
await page.getByRole('button', { name: 'EN', exact: true }).click();
await page.waitForTimeout(300);
await shot('21b-import-csv-english');
await page.getByRole('button', { name: 'DE', exact: true }).click();
await page.getByRole('button', { name: 'Importieren' }).click();
await page
  .getByRole('heading', { name: /Import erfolgreich|fehlgeschlagen/ })
  .waitFor({ timeout: 60_000 });
await page.getByRole('heading', { name: /^Prüfbericht/ }).waitFor({ timeout: 60_000 });
await page.getByRole('heading', { name: /^Prüfbericht/ }).scrollIntoViewIfNeeded();
await shot('22-import-success');
const link = page.getByRole('link', { name: 'Auf der Karte ansehen' });
if (await link.count()) {
  console.log('map link:', await link.getAttribute('href'));
  await link.click();
  await page.waitForSelector('.legend, .state-empty, .state-error', { timeout: 60_000 });
  await page.waitForTimeout(1500);
  console.log('URL on the map:', page.url());
  await shot('23-import-on-map', false);
}

// 4. a broken file: the report lists line, column and reason
await upload(page, [
  { name: `kaputt_${stamp}.csv`, mimeType: 'text/csv', buffer: germanCsv(true) },
]);
await page
  .getByLabel('Anteil Alleinerziehende (%)', { exact: true })
  .selectOption(`anteil_alleinerziehende_${stamp}`);
await page.getByLabel('Einwohner gesamt', { exact: true }).selectOption('');
await page.getByRole('button', { name: 'Importieren' }).click();
await page.getByRole('heading', { name: /^Prüfbericht/ }).waitFor({ timeout: 60_000 });
await page.getByRole('heading', { name: /^Prüfbericht/ }).scrollIntoViewIfNeeded();
await shot('24-import-broken');

// 4b. a long table: one row per area and indicator; the unknown entry becomes a new indicator
const longRows = ['Bezirk;Jahr;Merkmal;Wert'];
for (let b = 1; b <= 12; b++) {
  const code = String(b).padStart(2, '0');
  longRows.push(
    `${code};2022;Wohnfläche je Einwohner;${30 + b},5`,
    `${code};2022;mss_k15;${20 + b},1`,
  );
}
await upload(page, [
  {
    name: `lang_${stamp}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(longRows.join('\r\n'), 'latin1'),
  },
]);
await page.getByLabel('Wohnfläche je Einwohner', { exact: true }).selectOption('__new__');
await page.getByLabel('Kennung', { exact: true }).fill(`wohnflaeche_${stamp}`);
await page.getByLabel('Einheit').selectOption('sqm');
await page.getByLabel('Lebenslage').selectOption('housing');
await page.getByLabel('Titel').fill('Wohnfläche nach Bezirken (Testdaten)');
await page.getByLabel('Herausgeber').fill('Bezirksamt Beispiel');
await page.getByLabel('Lizenz', { exact: true }).fill('dl-de/zero-2-0');
await page.getByLabel('Namensnennung').fill('Bezirksamt Beispiel');
await shot('24b-import-long-analysed');
await page.getByRole('button', { name: 'Importieren' }).click();
console.log(
  'long table:',
  await page.getByRole('heading', { name: /^Prüfbericht/ }).innerText({ timeout: 60_000 }),
);
console.log(
  'long map link:',
  await page
    .getByRole('link', { name: 'Auf der Karte ansehen' })
    .getAttribute('href')
    .catch(() => null),
);

// 5. areas: the 12 Bezirke (GeoJSON) into a new area system, then the Planungsräume (Shapefile) as a new
// level of that system with the Bezirk as parent
const bezirke = path.resolve(import.meta.dirname, '../../../demo-data/berlin/geo/bezirke.geojson');
await upload(page, [
  { name: 'bezirke.geojson', mimeType: 'application/geo+json', buffer: readFileSync(bezirke) },
]);
await page.getByLabel('Kennung des neuen Gebietssystems').fill(`test_${stamp}`);
await page.getByLabel('Name des neuen Gebietssystems').fill(`Testsystem ${stamp}`);
await page.getByLabel('Gültig ab').fill('01.01.2021');
await page.getByLabel('Kennung der Ebene').fill('bez');
await page.getByLabel('Name der Ebene (deutsch)').fill('Bezirk');
await page.getByRole('button', { name: 'Importieren' }).click();
console.log(
  'Bezirke:',
  await page.getByRole('heading', { name: /^Prüfbericht/ }).innerText({ timeout: 60_000 }),
);

const geoDir = path.resolve(import.meta.dirname, '../../../demo-data/berlin/geo/original');
const shp = readdirSync(geoDir)
  .filter((f) => f.startsWith('lor_planungsraeume_2021'))
  .map((f) => ({
    name: f,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(path.join(geoDir, f)),
  }));
await upload(page, shp);
await page.getByRole('radio', { name: 'vorhandenes ergänzen' }).check();
await page.getByLabel('Vorhandenes Gebietssystem').selectOption(`test_${stamp}`);
await page.getByRole('radio', { name: 'neue anlegen' }).check();
await page.getByLabel('Kennung der Ebene').fill('plr');
await page.getByLabel('Name der Ebene (deutsch)').fill('Planungsraum');
await page.getByLabel('Übergeordnete Ebene').selectOption('bez');
await page.getByLabel('Spalte übergeordnetes Gebiet').selectOption('BEZ');
await shot('25-import-areas-analysed');
await page.getByRole('button', { name: 'Importieren' }).click();
await page.getByRole('heading', { name: /^Prüfbericht/ }).waitFor({ timeout: 120_000 });
await page.getByRole('heading', { name: /^Prüfbericht/ }).scrollIntoViewIfNeeded();
await shot('26-import-areas-success');
const areasLink = page.getByRole('link', { name: 'Auf der Karte ansehen' });
if (await areasLink.count()) {
  await areasLink.click();
  await page.waitForSelector('.legend, .state-empty, .state-error, .maplibregl-canvas', {
    timeout: 60_000,
  });
  await page.waitForTimeout(1500);
  console.log('URL after areas import:', page.url());
  const systems = await page
    .getByLabel('Gebietssystem', { exact: true })
    .locator('option')
    .allInnerTexts();
  const levels = await page.getByLabel('Ebene', { exact: true }).locator('option').allInnerTexts();
  console.log('map systems:', systems.join(' | '), '– levels:', levels.join(' | '));
  await shot('27-areas-on-map', false);
}

// 6. history in both languages
await page.goto(`${base}/import`);
await page.waitForSelector('.dropzone');
await page.waitForTimeout(500);
await shot('28-import-history');
await page.getByRole('button', { name: 'EN', exact: true }).click();
await page.waitForTimeout(300);
await shot('29-import-history-en');
await page.getByRole('button', { name: 'DE', exact: true }).click();

console.log(
  problems.length ? `Browser problems:\n${problems.join('\n')}` : 'No browser console errors.',
);
await browser.close();
