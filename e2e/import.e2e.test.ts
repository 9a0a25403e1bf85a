// A planner imports her own German table through the import page: Windows-1252 bytes, semicolons,
// decimal commas, leading zeros in the Bezirk codes. A broken file is rejected with line and column
// and changes nothing. Imports need a signed-in person with imports.run: a planner of Stadtentwicklung,
// the department owning the MSS indicators.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  getJson,
  launchChromium,
  openPage,
  saveScreenshot,
  signInByApi,
  waitForColouredMap,
} from './tools.ts';
import { E2E_PASSWORD, IMPORTER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VALUE_COLUMN = 'Wohnfläche je Einwohner in m²';
// Bezirk code, name, value (m² per inhabitant); invented but plausible figures for the test
const ROWS: [string, string, string][] = [
  ['01', 'Mitte', '35,2'],
  ['02', 'Friedrichshain-Kreuzberg', '33,8'],
  ['03', 'Pankow', '39,4'],
  ['04', 'Charlottenburg-Wilmersdorf', '44,1'],
  ['05', 'Spandau', '38,0'],
  ['06', 'Steglitz-Zehlendorf', '45,6'],
  ['07', 'Tempelhof-Schöneberg', '40,3'],
  ['08', 'Neukölln', '34,7'],
  ['09', 'Treptow-Köpenick', '41,9'],
  ['10', 'Marzahn-Hellersdorf', '37,5'],
  ['11', 'Lichtenberg', '36,6'],
  ['12', 'Reinickendorf', '40,8'],
];

/** A CSV as German Excel writes it: CRLF, ';', decimal comma, Windows-1252 (latin1 covers ä ö ü ß ²). */
function germanCsv(rows: [string, string, string][], year: number): Buffer {
  const lines = [
    `Bezirk;Bezirksname;Stichtag;${VALUE_COLUMN}`,
    ...rows.map(([c, n, v]) => `${c};${n};31.12.${year};${v}`),
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

async function valuesStatus(year: number): Promise<{ status: number; body: string }> {
  const res = await fetch(
    `${baseUrl}/api/values?indicator=mss_k15&system=lor2021&level=bez&date=${year}-12-31`,
  );
  return { status: res.status, body: await res.text() };
}

/** A year without Bezirk values of MSS K15 (2023 on a fresh server; earlier ones when re-run against a kept server). */
async function freeYear(): Promise<number> {
  const ind = await getJson<{ coverage: { systemId: string; levelId: string; dates: string[] }[] }>(
    baseUrl,
    '/api/indicators/mss_k15',
  );
  const taken =
    ind.coverage.find((c) => c.systemId === 'lor2021' && c.levelId === 'bez')?.dates ?? [];
  const first = taken.length ? Math.min(...taken.map((d) => Number(d.slice(0, 4)))) - 1 : 2023;
  return Math.min(first, 2023);
}

/** The import history as the signed-in page sees it (imports.read). */
async function importRuns(page: Page): Promise<{ status: string }[]> {
  const res = await page.request.get(`${baseUrl}/api/imports`);
  if (!res.ok()) throw new Error(`GET /api/imports → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as { status: string }[];
}

/** A German-locale page signed in as the Stadtentwicklung planner. */
async function plannerPage(browser: Browser): Promise<Page> {
  const { page } = await openPage(browser);
  await signInByApi(page, baseUrl, IMPORTER, E2E_PASSWORD);
  return page;
}

/** Uploads one file on the import page and waits for the detected format. */
async function uploadAndAnalyze(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.goto(`${baseUrl}/import`);
  await page.getByRole('heading', { name: 'Daten importieren' }).waitFor();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  await page.getByText(name).waitFor();
  await page.getByRole('button', { name: 'Dateien prüfen' }).click();
  await page.getByRole('heading', { name: '2. Erkanntes Format' }).waitFor({ timeout: 30_000 });
}

/** Fills the mapping: LOR 2021 › Bezirk, code column, date column, the value column → mss_k15. */
async function mapColumns(page: Page): Promise<void> {
  await page.getByLabel('Gebietssystem', { exact: true }).selectOption('lor2021');
  await page.getByLabel('Ebene', { exact: true }).selectOption('bez');
  await page.getByLabel('Gebietsspalte', { exact: true }).selectOption('Bezirk');
  await page.getByRole('radio', { name: 'Schlüssel (Nummer)' }).check();
  await page.getByRole('radio', { name: 'Spalte', exact: true }).check();
  await page.getByLabel('Datumsspalte', { exact: true }).selectOption('Stichtag');
  await page.getByLabel('Bezirksname', { exact: true }).selectOption('');
  await page.getByLabel(VALUE_COLUMN, { exact: true }).selectOption('mss_k15');
}

async function reportHeading(page: Page): Promise<string> {
  const h = page.getByRole('heading', { name: /^Prüfbericht:/ });
  await h.waitFor({ timeout: 60_000 });
  return h.innerText();
}

describe.skipIf(!run)('import page in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a broken file shows the error with line and column and changes nothing', async () => {
    const year = await freeYear();
    const before = await valuesStatus(year);
    const page = await plannerPage(browser);
    const importsBefore = await importRuns(page);
    const rows = ROWS.map((r) => [...r] as [string, string, string]);
    rows[3]![2] = '44,1x'; // line 5 (header is line 1): a value that is no number
    await uploadAndAnalyze(page, 'wohnflaeche_kaputt.csv', germanCsv(rows, year));
    await mapColumns(page);
    await page.getByRole('button', { name: 'Importieren' }).click();

    const heading = await reportHeading(page);
    expect(heading).toContain('Import fehlgeschlagen');
    const errorTable = page.getByRole('table', { name: /Fehler/ });
    const cells = await errorTable.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
    // Datei · Zeile · Spalte · Meldung
    expect(cells[0]).toBe('wohnflaeche_kaputt.csv');
    expect(cells[1]).toBe('5');
    expect(cells[2]).toBe(VALUE_COLUMN);
    expect(cells[3]).toMatch(/44,1x/);
    // the page scrolls inside <main>, so bring the report into view for the screenshot
    await errorTable.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'import-broken-file');

    expect(await valuesStatus(year)).toEqual(before);
    const importsAfter = await importRuns(page);
    expect(importsAfter.filter((r) => r.status === 'succeeded').length).toBe(
      importsBefore.filter((r) => r.status === 'succeeded').length,
    );
    await page.context().close();
  });

  test('a planner imports her own table through the import page', async () => {
    const year = await freeYear();
    const before = await valuesStatus(year);
    expect(before.status).toBe(404); // the demo has no Bezirk values of MSS K15 (up to this year)
    const page = await plannerPage(browser);
    await uploadAndAnalyze(page, 'wohnflaeche_bezirke_2023.csv', germanCsv(ROWS, year));

    // the detected format: Windows-1252, semicolon, decimal comma, and the umlauts decoded in the preview
    const detected = page.getByRole('region', { name: '2. Erkanntes Format' });
    const text = await detected.innerText();
    expect(text).toMatch(/windows-1252/i);
    expect(text).toContain('Semikolon (;)');
    expect(text).toContain('„,“');
    expect(text).toContain('Tempelhof-Schöneberg');
    expect(text).toContain(VALUE_COLUMN);
    await saveScreenshot(page, 'import-detected');

    await mapColumns(page);
    await page.getByRole('button', { name: 'Probelauf' }).click();
    expect(await reportHeading(page)).toContain('Probelauf abgeschlossen');
    const report = page.getByRole('region', { name: /^Prüfbericht/ });
    expect(await report.innerText()).toMatch(/Zeilen gelesen\s*12/);
    expect((await valuesStatus(year)).status).toBe(404); // a dry run stores nothing
    await report.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'import-dry-run');

    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect
      .poll(() => reportHeading(page), { timeout: 60_000 })
      .toContain('Import erfolgreich');
    expect(await report.innerText()).toMatch(/Werte geschrieben\s*12/);
    await report.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'import-succeeded');

    const after = await getJson<{ date: string; values: { code: string; value: number | null }[] }>(
      baseUrl,
      `/api/values?indicator=mss_k15&system=lor2021&level=bez&date=${year}-12-31`,
    );
    expect(after.date).toBe(`${year}-12-31`);
    const byCode = Object.fromEntries(after.values.map((v) => [v.code, v.value]));
    expect(byCode['01']).toBe(35.2);
    expect(byCode['08']).toBe(34.7);
    expect(byCode['12']).toBe(40.8);

    // and the planner sees it on the map, per Bezirk, in German format
    await page.goto(`${baseUrl}/?system=lor2021&level=bez&indicator=mss_k15&date=${year}-12-31`);
    const legend = page.getByRole('region', { name: 'Legende' });
    await waitForColouredMap(page);
    const legendText = await legend.innerText();
    expect(legendText).toContain(`31.12.${year}`);
    expect(legendText).toMatch(/33,8/);
    await saveScreenshot(page, 'import-on-map');
    await page.context().close();
  });
});
