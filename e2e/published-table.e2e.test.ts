// A planner imports tables as her city publishes them (issue 9 § 2) through the import page, without
// editing the file: (a) a table without a header row whose Bezirk names carry number prefixes and
// underscores ("07_Tempelhof_Schoeneberg;40,3") — the page says the first row is data, the dry run
// lists the names for review, she accepts them, imports, and the map colours all 12 Bezirke;
// (b) a table with years in the column headers (Bezirk;2019;2020;2021) goes in as ONE import with a
// date per column. Each test creates its own new indicator (ids unique per run).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  launchChromium,
  openPage,
  saveScreenshot,
  signInByApi,
  waitForColouredMap,
} from './tools.ts';
import { E2E_PASSWORD, IMPORTER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

// Bezirk code, name as the area system writes it, name as the published file writes it, a value
const BEZIRKE: [string, string, string, string][] = [
  ['01', 'Mitte', '01_Mitte', '35,2'],
  ['02', 'Friedrichshain-Kreuzberg', '02_Friedrichshain_Kreuzberg', '33,8'],
  ['03', 'Pankow', '03_Pankow', '39,4'],
  ['04', 'Charlottenburg-Wilmersdorf', '04_Charlottenburg_Wilmersdorf', '44,1'],
  ['05', 'Spandau', '05_Spandau', '38,0'],
  ['06', 'Steglitz-Zehlendorf', '06_Steglitz_Zehlendorf', '45,6'],
  ['07', 'Tempelhof-Schöneberg', '07_Tempelhof_Schoeneberg', '40,3'],
  ['08', 'Neukölln', '08_Neukoelln', '34,7'],
  ['09', 'Treptow-Köpenick', '09_Treptow_Koepenick', '41,9'],
  ['10', 'Marzahn-Hellersdorf', '10_Marzahn_Hellersdorf', '37,5'],
  ['11', 'Lichtenberg', '11_Lichtenberg', '36,6'],
  ['12', 'Reinickendorf', '12_Reinickendorf', '40,8'],
];

const SIZES = [
  { width: 1440, height: 900, tag: 'desktop' },
  { width: 390, height: 844, tag: 'mobile' },
] as const;

/**
 * Screenshots at both sizes, named published-<step>-<size>. The page scrolls inside <main>, so the
 * step's element is scrolled into view first (a full-page shot would only show the top).
 */
async function shoot(page: Page, step: string, target?: Locator): Promise<void> {
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    if (target) await target.first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, `published-${step}-${s.tag}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function plannerPage(browser: Browser): Promise<Page> {
  const { page } = await openPage(browser);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInByApi(page, baseUrl, IMPORTER, E2E_PASSWORD);
  return page;
}

async function uploadAndAnalyze(page: Page, name: string, text: string): Promise<void> {
  await page.goto(`${baseUrl}/import`);
  await page.getByRole('heading', { name: 'Daten importieren' }).waitFor();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByText(name).waitFor();
  await page.getByRole('button', { name: 'Dateien prüfen' }).click();
  await page.getByRole('heading', { name: '2. Erkanntes Format' }).waitFor({ timeout: 60_000 });
}

/** Target LOR 2021 › Bezirk and a new indicator for the value column(s): name, id, unit, Lebenslage, source. */
async function describeNewIndicator(page: Page, id: string): Promise<void> {
  const section = page.getByRole('region', { name: '5. Neue Indikatoren' });
  await section.waitFor();
  expect(await section.innerText()).toContain('verwaltungsintern');
  await section.getByLabel('Name (deutsch)').fill('Wohnfläche je Einwohner (Test)');
  await section.getByLabel('Kennung', { exact: true }).fill(id);
  await section.getByLabel('Einheit').selectOption('sqm');
  await section.getByLabel('Definition').fill('Wohnfläche in m² je Einwohnerin und Einwohner.');
  await section.getByLabel('Titel').fill('Wohnflächen der Bezirke (Test)');
  await section.getByLabel('Herausgeber').fill('Bezirksamt (Test)');
  await section.getByLabel('Lizenz').fill('dl-de/by-2-0');
  await section.getByLabel('Namensnennung').fill('Bezirksamt (Test)');
}

/** Chooses the Lebenslage after a first check refused the missing choice (focus on the first invalid field). */
async function chooseLebenslageAfterRefusal(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Probelauf' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'Bitte die Lebenslage wählen' });
  await problems.waitFor();
  const lebenslage = page
    .getByRole('region', { name: '5. Neue Indikatoren' })
    .getByLabel('Lebenslage');
  expect(await lebenslage.getAttribute('aria-invalid')).toBe('true');
  expect(await lebenslage.evaluate((el) => el === document.activeElement)).toBe(true);
  await shoot(page, 'field-error', lebenslage);
  await lebenslage.selectOption('housing');
  expect(await lebenslage.getAttribute('aria-invalid')).toBeNull();
}

/** The shares table: LOR 2021 › Bezirk by code, fixed date, the % column as a new share indicator. */
async function mapShares(page: Page, indicator: string): Promise<void> {
  await page.getByLabel('Gebietssystem', { exact: true }).selectOption('lor2021');
  await page.getByLabel('Ebene', { exact: true }).selectOption('bez');
  await page.getByLabel('Gebietsspalte', { exact: true }).selectOption('Bezirk');
  await page.getByRole('radio', { name: 'Schlüssel (Nummer)' }).check();
  await page.getByRole('radio', { name: 'fester Stichtag' }).check();
  await page.getByLabel('Stichtag', { exact: true }).fill('31.12.2022');
  await page.getByLabel('Anteil in %', { exact: true }).selectOption('__new__');
  const section = page.getByRole('region', { name: '5. Neue Indikatoren' });
  // a % column is suggested as a share in percent, never as an "Index"
  expect(await section.getByLabel('Einheit').inputValue()).toBe('percent');
  await describeNewIndicator(page, indicator);
  await section.getByLabel('Einheit').selectOption('percent');
  await section.getByLabel('Lebenslage').selectOption('work');
}

async function reportHeading(page: Page): Promise<string> {
  const h = page.getByRole('heading', { name: /^Prüfbericht:/ });
  await h.waitFor({ timeout: 120_000 });
  return h.innerText();
}

interface Values {
  date: string;
  values: { code: string; value: number | null }[];
}

async function values(page: Page, indicator: string, date: string): Promise<Values> {
  const res = await page.request.get(
    `${baseUrl}/api/values?indicator=${indicator}&system=lor2021&level=bez&date=${date}`,
  );
  if (!res.ok()) throw new Error(`GET /api/values → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as Values;
}

async function importCount(page: Page): Promise<number> {
  const res = await page.request.get(`${baseUrl}/api/imports`);
  return ((await res.json()) as unknown[]).length;
}

describe.skipIf(!run)('published tables through the import page in Chromium', () => {
  let browser: Browser;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a headerless table with prefixed, underscored Bezirk names reaches the map', async () => {
    const indicator = `e2e_wfl_${stamp}`;
    const page = await plannerPage(browser);
    const csv = BEZIRKE.map(([, , written, v]) => `${written};${v}`).join('\r\n') + '\r\n';
    // the start: choose files, and the history of earlier imports
    await page.goto(`${baseUrl}/import`);
    await page.getByRole('heading', { name: 'Bisherige Importe' }).waitFor();
    await shoot(page, 'start');
    await uploadAndAnalyze(page, 'wohnflaeche_ohne_kopf.csv', csv);

    // the detection says the first row is data, and the switch is off
    const detected = page.getByRole('region', { name: '2. Erkanntes Format' });
    const header = detected.getByRole('checkbox', { name: 'Erste Zeile ist eine Überschrift' });
    expect(await header.isChecked()).toBe(false);
    expect(await detected.innerText()).toMatch(/Erkannt: .*keine Überschrift/);
    expect(await detected.innerText()).toContain('01_Mitte');
    await shoot(page, 'a-detected', header);

    await page.getByLabel('Gebietssystem', { exact: true }).selectOption('lor2021');
    await page.getByLabel('Ebene', { exact: true }).selectOption('bez');
    await page.getByLabel('Gebietsspalte', { exact: true }).selectOption('Spalte 1');
    await page.getByRole('radio', { name: 'Name', exact: true }).check();
    await page.getByRole('radio', { name: 'fester Stichtag' }).check();
    await page.getByLabel('Stichtag', { exact: true }).fill('31.12.2024');
    await page.getByLabel('Spalte 2', { exact: true }).selectOption('__new__');
    await describeNewIndicator(page, indicator);
    await shoot(page, 'a-mapping', page.getByRole('region', { name: '4. Zuordnung' }));
    await chooseLebenslageAfterRefusal(page);

    await page.getByRole('button', { name: 'Probelauf' }).click();
    expect(await reportHeading(page)).toContain('Probelauf abgeschlossen: keine Fehler');
    const review = page.locator('.name-review');
    await review.waitFor();
    const reviewText = await review.innerText();
    expect(reviewText).toContain('12 Gebietsnamen anders geschrieben');
    // first time: spelling, number prefix, umlaut; against a kept server the stored synonym from a
    // previous run is reused ("Synonym (bestätigt)")
    expect(reviewText).toMatch(
      /07_Tempelhof_Schoeneberg → 07 Tempelhof-Schöneberg \((Schreibweise, Nummer vorangestellt \(= Gebietsschlüssel\), Umlaut umschrieben|Synonym \(bestätigt\))\)/,
    );
    const report = page.getByRole('region', { name: /^Prüfbericht/ });
    expect(await report.innerText()).toMatch(/Zeilen gelesen\s*12/);
    expect(await report.innerText()).toMatch(/Werte zu schreiben\s*12/);
    await page.getByRole('button', { name: 'Alle Zuordnungen übernehmen' }).click();
    expect(await review.innerText()).toContain('12 von 12 übernommen');
    await shoot(page, 'a-dry-run', review);

    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect
      .poll(() => reportHeading(page), { timeout: 120_000 })
      .toContain('Import erfolgreich');
    expect(await report.innerText()).toMatch(/Werte geschrieben\s*12/);
    expect(await report.innerText()).toContain('12 bestätigte Namenszuordnungen');
    // after success: no stale field errors, the import button waits for a new file
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Importieren' }).isDisabled()).toBe(true);
    await shoot(page, 'a-imported', report);

    const stored = await values(page, indicator, '2024-12-31');
    expect(stored.values.filter((v) => v.value !== null)).toHaveLength(12);
    // a new indicator starts "verwaltungsintern": not on the public map
    const anonymous = await fetch(
      `${baseUrl}/api/values?indicator=${indicator}&system=lor2021&level=bez&date=2024-12-31`,
    );
    expect(anonymous.status).toBe(404);
    expect(Object.fromEntries(stored.values.map((v) => [v.code, v.value]))).toMatchObject({
      '07': 40.3,
      '08': 34.7,
    });
    await page.getByRole('link', { name: 'Auf der Karte ansehen' }).click();
    await waitForColouredMap(page);
    const legend = await page.getByRole('region', { name: 'Legende' }).innerText();
    expect(legend).toContain('31.12.2024');
    expect(legend).not.toMatch(/keine Daten|ohne Wert/i);
    await shoot(page, 'a-map');
    await page.context().close();
  });

  test('years in the column headers go in as one import with a date per column', async () => {
    const indicator = `e2e_wfl_jahre_${stamp}`;
    const page = await plannerPage(browser);
    const before = await importCount(page);
    const csv = [
      'Bezirk;2019;2020;2021',
      ...BEZIRKE.map(([code, , , v], i) => `${code};${v};${35 + i},0;${36 + i},5`),
    ].join('\r\n');
    await uploadAndAnalyze(page, 'wohnflaeche_jahre.csv', csv);
    expect(
      await page
        .getByRole('region', { name: '2. Erkanntes Format' })
        .getByRole('checkbox', { name: 'Erste Zeile ist eine Überschrift' })
        .isChecked(),
    ).toBe(true);
    await page.getByLabel('Gebietssystem', { exact: true }).selectOption('lor2021');
    await page.getByLabel('Ebene', { exact: true }).selectOption('bez');
    await page.getByLabel('Gebietsspalte', { exact: true }).selectOption('Bezirk');
    await page.getByRole('radio', { name: 'Schlüssel (Nummer)' }).check();
    expect(
      await page
        .getByRole('radio', { name: 'je Spalte (Jahre/Daten in den Überschriften)' })
        .isChecked(),
    ).toBe(true);
    for (const y of ['2019', '2020', '2021']) {
      expect(await page.getByLabel(`Stichtag der Spalte „${y}“`).inputValue()).toBe(`31.12.${y}`);
      await page.getByLabel(y, { exact: true }).selectOption('__new__');
    }
    // the three year columns share ONE new indicator
    const newOnes = page
      .getByRole('region', { name: '5. Neue Indikatoren' })
      .locator('fieldset legend');
    expect(await newOnes.allInnerTexts()).toContain(
      'Neuer Indikator aus Spalte(n) „2019, 2020, 2021“',
    );
    await describeNewIndicator(page, indicator);
    await page
      .getByRole('region', { name: '5. Neue Indikatoren' })
      .getByLabel('Lebenslage')
      .selectOption('housing');
    await shoot(page, 'b-mapping', page.locator('.columns-table'));

    await page.getByRole('button', { name: 'Probelauf' }).click();
    expect(await reportHeading(page)).toContain('Probelauf abgeschlossen');
    const report = page.getByRole('region', { name: /^Prüfbericht/ });
    expect(await report.innerText()).toContain(
      'Stichtage je Spalte: 2019 → 31.12.2019, 2020 → 31.12.2020, 2021 → 31.12.2021',
    );
    await shoot(page, 'b-dry-run', report);
    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect
      .poll(() => reportHeading(page), { timeout: 120_000 })
      .toContain('Import erfolgreich');
    expect(await report.innerText()).toMatch(/Werte geschrieben\s*36/);
    await shoot(page, 'b-imported', report);

    expect(await importCount(page)).toBe(before + 1);
    for (const [date, code07] of [
      ['2019-12-31', 40.3],
      ['2020-12-31', 41],
      ['2021-12-31', 42.5],
    ] as const) {
      const v = await values(page, indicator, date);
      expect(v.values.filter((x) => x.value !== null)).toHaveLength(12);
      expect(v.values.find((x) => x.code === '07')?.value).toBe(code07);
    }
    // the history names the run: start, duration, file with its SHA-256, who
    await page.getByRole('button', { name: 'Neuen Import beginnen' }).click();
    const history = page.getByRole('region', { name: 'Bisherige Importe' });
    await history.getByText('wohnflaeche_jahre.csv').first().waitFor();
    const row = history.getByRole('row').filter({ hasText: 'wohnflaeche_jahre.csv' }).first();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[1]).toMatch(/\d+,\d s|\d+ s/);
    expect(cells[2]).toMatch(/wohnflaeche_jahre\.csv\s+[0-9a-f]{12}/);
    expect(cells[4]).toContain(IMPORTER.email);
    await shoot(page, 'history', history);
    await page.context().close();
  });

  test('a failed dry run says so; text markers are imported as missing only with her consent', async () => {
    const indicator = `e2e_anteil_${stamp}`;
    const page = await plannerPage(browser);
    const rows = BEZIRKE.map(([code], i) => `${code};${code === '08' ? 'n.v.' : `${10 + i},5`}`);
    // a Bezirk 13 does not exist: the dry run fails, and says it was a dry run
    await uploadAndAnalyze(
      page,
      'anteile_falsch.csv',
      ['Bezirk;Anteil in %', ...rows, '13;9,5'].join('\r\n'),
    );
    await mapShares(page, indicator);
    await page.getByRole('button', { name: 'Probelauf' }).click();
    const heading = await reportHeading(page);
    expect(heading).toMatch(/^Prüfbericht: Probelauf: 1 Fehler/);
    expect(heading).not.toContain('Import fehlgeschlagen');
    const report = page.getByRole('region', { name: /^Prüfbericht/ });
    await shoot(page, 'c-dry-run-failed', report);

    // the corrected file (with a city row, which is left out and counted)
    await uploadAndAnalyze(
      page,
      'anteile.csv',
      ['Bezirk;Anteil in %', 'Berlin;15,0', ...rows].join('\r\n'),
    );
    await mapShares(page, indicator);
    await page.getByRole('button', { name: 'Probelauf' }).click();
    expect(await reportHeading(page)).toContain('Probelauf abgeschlossen: keine Fehler');
    expect(await report.innerText()).toContain('„n.v.“: 1 (zuerst Zeile 10, Spalte „Anteil in %“)');
    expect(await report.innerText()).toContain('1 Zeile ist kein Gebiet');
    const consent = report.getByRole('checkbox', {
      name: 'Textkennzeichen als fehlende Werte importieren',
    });
    expect(await consent.isChecked()).toBe(false);
    await shoot(page, 'c-markers', consent);
    // without consent the import refuses; with it, 'n.v.' becomes a missing value
    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect
      .poll(() => reportHeading(page), { timeout: 120_000 })
      .toMatch(/Import fehlgeschlagen: 1 Fehler/);
    expect(await report.innerText()).toMatch(/Textkennzeichen/);
    await consent.check();
    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect
      .poll(() => reportHeading(page), { timeout: 120_000 })
      .toContain('Import erfolgreich');
    const stored = await values(page, indicator, '2022-12-31');
    const byCode = Object.fromEntries(stored.values.map((v) => [v.code, v.value]));
    expect(byCode['01']).toBe(10.5);
    expect(byCode['08'] ?? null).toBeNull();
    await page.context().close();
  });

  test('a long table lists every label of the whole file; each is mapped, new or skipped', async () => {
    const indicator = `e2e_lang_${stamp}`;
    const page = await plannerPage(browser);
    const lines = ['Bezirk;Stichtag;Merkmal;Wert'];
    for (const label of ['Spielplatzfläche je Kind', 'Grünfläche je Einwohner', 'Sitzbänke'])
      BEZIRKE.forEach(([code], i) => lines.push(`${code};31.12.2021;${label};${i + 1},5`));
    lines.push('01;31.12.2021;Nachtrag ganz am Ende;1'); // far after the preview rows
    await uploadAndAnalyze(page, 'merkmale_lang.csv', lines.join('\r\n'));
    await page.getByLabel('Gebietssystem', { exact: true }).selectOption('lor2021');
    await page.getByLabel('Ebene', { exact: true }).selectOption('bez');
    const labels = page.locator('.labels-table');
    expect(await labels.locator('caption').innerText()).toContain(
      'alle 4 Merkmale der ganzen Datei (37 Zeilen)',
    );
    const late = labels.getByRole('row').filter({ hasText: 'Nachtrag ganz am Ende' });
    expect(await late.getByRole('cell').first().innerText()).toBe('1');
    await page.getByLabel('Spielplatzfläche je Kind', { exact: true }).selectOption('__new__');
    for (const skip of ['Grünfläche je Einwohner', 'Sitzbänke', 'Nachtrag ganz am Ende'])
      await page.getByLabel(skip, { exact: true }).selectOption('__skip__');
    await describeNewIndicator(page, indicator);
    await page
      .getByRole('region', { name: '5. Neue Indikatoren' })
      .getByLabel('Lebenslage')
      .selectOption('environment');
    await shoot(page, 'd-labels', labels);
    await page.getByRole('button', { name: 'Probelauf' }).click();
    expect(await reportHeading(page)).toContain('Probelauf abgeschlossen: keine Fehler');
    const report = page.getByRole('region', { name: /^Prüfbericht/ });
    expect(await report.innerText()).toMatch(
      /Übersprungene Merkmale.*'Nachtrag ganz am Ende' 1 Zeile/,
    );
    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect
      .poll(() => reportHeading(page), { timeout: 120_000 })
      .toContain('Import erfolgreich');
    const stored = await values(page, indicator, '2021-12-31');
    expect(stored.values.filter((v) => v.value !== null)).toHaveLength(12);
    await page.context().close();
  });
});
