// Standorte through the UI (issue 9 § 4): the administration (points.import) uploads a small GeoJSON of
// facilities on /standorte, sees the analysis with the point outside Berlin listed, chooses the
// Lebenslage, does the dry run and the import; the map shows the point layer (toggled on, features
// rendered) and the Bezirk's profile shows the count indicator with the right number. Screenshots at
// 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const FILE = 'familienzentren-e2e.geojson';
const DATASET = 'familienzentren_e2e';
const COUNT_INDICATOR = `${DATASET}_anzahl`;

/** Three places in Mitte (01), one in Friedrichshain-Kreuzberg (02), one in Potsdam (outside Berlin). */
const FACILITIES = {
  type: 'FeatureCollection',
  features: [
    ['FZ1', 'Familienzentrum am Alexanderplatz', 13.4132, 52.5219],
    ['FZ2', 'Familienzentrum Unter den Linden', 13.3888, 52.517],
    ['FZ3', 'Familienzentrum Moabit', 13.3431, 52.5262],
    ['FZ4', 'Familienzentrum Oranienplatz', 13.4189, 52.5025],
    ['FZ5', 'Familienzentrum Potsdam', 13.0645, 52.3906],
  ].map(([id, name, lon, lat]) => ({
    type: 'Feature',
    properties: { id, name, plaetze: 20 },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  })),
};

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

async function adminPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({
    viewport,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
  return { page, errors };
}

/** A viewport screenshot with `focus` scrolled into view (the app scrolls inside its main area). */
async function shoot(page: Page, name: string, focus?: Locator): Promise<void> {
  if (focus) await focus.scrollIntoViewIfNeeded();
  await saveScreenshot(page, name);
}

describe.skipIf(!run)('Standorte in Chromium', () => {
  let browser: Browser;
  let mitteId: number;

  beforeAll(async () => {
    browser = await launchChromium();
    const bez = await getJson<{ id: number; code: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=bez',
    );
    mitteId = bez.find((b) => b.code === '01')!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('upload, analysis with the outside point, Lebenslage required, dry run, import', async () => {
    for (const vp of VIEWPORTS) {
      const { page, errors } = await adminPage(browser, vp);
      await page.goto(`${baseUrl}/standorte`);
      await page.getByRole('heading', { name: 'Standorte', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Standorte importieren' }).waitFor();
      await shoot(page, `points-start-${vp.name}`);

      // keyboard: the check without a file says what is missing
      await page.getByRole('button', { name: 'Datei prüfen' }).click();
      await page.getByRole('alert').getByText('Bitte zuerst eine Datei wählen.').waitFor();

      await page.getByLabel('Datei', { exact: true }).setInputFiles({
        name: FILE,
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(FACILITIES)),
      });
      await page.getByRole('button', { name: 'Datei prüfen' }).click();
      await page.getByText('GeoJSON: 5 Standorte.').waitFor({ timeout: 60_000 });
      const warning = page.getByText('Ein Standort liegt in keinem Gebiet');
      await warning.waitFor();
      await expect
        .poll(() =>
          page.getByRole('table', { name: 'Standorte außerhalb aller Gebiete' }).innerText(),
        )
        .toContain('Familienzentrum Potsdam');
      await shoot(page, `points-analysis-${vp.name}`, warning);

      if (vp.name === 'desktop') {
        // no silent Lebenslage: the dry run is refused at the field, which gets the focus
        await page.getByRole('button', { name: 'Probelauf' }).click();
        const dim = page.getByLabel('Lebenslage der Zählindikatoren');
        await page.getByText('Bitte die Lebenslage der Zählindikatoren wählen.').waitFor();
        expect(await dim.getAttribute('aria-invalid')).toBe('true');
        expect(await dim.evaluate((el) => el === document.activeElement)).toBe(true);
        await shoot(page, `points-lebenslage-required-${vp.name}`, dim);
      }
      await page.getByLabel('Name des Datensatzes').fill('Familienzentren E2E');
      await page.getByLabel('Lebenslage der Zählindikatoren').selectOption('participation');
      await page.getByLabel('Titel', { exact: true }).fill('Familienzentren (Test)');
      await page.getByLabel('Herausgeber', { exact: true }).fill('Bezirksamt (Test)');
      await page.getByLabel('Lizenz', { exact: true }).fill('dl-de/by-2-0');
      await page.getByLabel('Namensnennung', { exact: true }).fill('Bezirksamt (Test)');

      await page.getByRole('button', { name: 'Probelauf' }).click();
      await page.getByText('Probelauf – noch nichts gespeichert.').waitFor({ timeout: 60_000 });
      if (vp.name === 'mobile') {
        await shoot(
          page,
          `points-dryrun-${vp.name}`,
          page.getByText('Probelauf – noch nichts gespeichert.'),
        );
        await page.context().close();
        continue;
      }
      await page.getByRole('button', { name: 'Importieren' }).click();
      const done = page.getByText(/^Importiert: 5 Standorte/);
      await done.waitFor({ timeout: 120_000 });
      expect(await done.innerText()).toContain(COUNT_INDICATOR);
      // the list names the dataset with its count
      await expect
        .poll(() => page.getByRole('table', { name: 'Punktdatensätze' }).innerText())
        .toMatch(/Familienzentren E2E\s+familienzentren_e2e\s+5/);
      await shoot(page, `points-result-${vp.name}`, done);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  test('a refused import says why and appears in the import history as failed', async () => {
    const { page } = await adminPage(browser, VIEWPORTS[0]);
    await page.goto(`${baseUrl}/standorte`);
    await page.getByRole('heading', { name: 'Standorte importieren' }).waitFor();
    const csv = 'Nr;Name;Breite;Länge\r\n7;Treff A;52,52;13,41\r\n7;Treff B;52,51;13,40\r\n';
    await page.getByLabel('Datei', { exact: true }).setInputFiles({
      name: 'treffs-doppelt.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'latin1'),
    });
    await page.getByRole('button', { name: 'Datei prüfen' }).click();
    await page.getByText('CSV: 2 Standorte.').waitFor({ timeout: 60_000 });
    await page.getByLabel('Anzahl je Gebiet als Indikator schreiben').uncheck();
    await page.getByLabel('Spalte mit der Kennung').selectOption('Nr');
    for (const [label, value] of [
      ['Titel', 'Treffpunkte (Test)'],
      ['Herausgeber', 'Bezirksamt (Test)'],
      ['Lizenz', 'dl-de/by-2-0'],
      ['Namensnennung', 'Bezirksamt (Test)'],
    ] as const)
      await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Importieren' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'kommt schon in Zeile 2 vor' });
    await alert.waitFor({ timeout: 60_000 });
    await shoot(page, 'points-refused-desktop', alert);
    const runs = await page.request.get(`${baseUrl}/api/imports`);
    const [latest] = (await runs.json()) as { kind: string; fileName: string; status: string }[];
    expect(latest).toMatchObject({
      kind: 'points',
      fileName: 'treffs-doppelt.csv',
      status: 'failed',
    });
    await page.context().close();
  });

  test('the map shows the point layer, the profile the count', async () => {
    for (const vp of VIEWPORTS) {
      const { page, errors } = await adminPage(browser, vp);
      await page.goto(`${baseUrl}/`);
      // on phones the Standorte box starts folded to one button (like the legend)
      if (vp.name === 'mobile') {
        const unfold = page.getByRole('button', { name: 'Standorte einblenden' });
        await unfold.waitFor({ timeout: 60_000 });
        expect(await unfold.getAttribute('aria-expanded')).toBe('false');
        await unfold.click();
      }
      const toggle = page.getByRole('checkbox', { name: /Familienzentren E2E \(5\)/ });
      await toggle.waitFor({ timeout: 60_000 });
      await toggle.check();
      const rendered = await page
        .waitForFunction(
          (id) => {
            const el = document.querySelector<HTMLElement>('[data-point-layers]');
            const v = el?.dataset.pointLayers ? JSON.parse(el.dataset.pointLayers) : {};
            return (v[id] ?? 0) > 0 ? v[id] : false;
          },
          DATASET,
          { timeout: 60_000, polling: 250 },
        )
        .then((h) => h.jsonValue());
      expect(rendered).toBeGreaterThan(0);
      await shoot(page, `points-map-${vp.name}`);

      await page.goto(`${baseUrl}/gebiete/${mitteId}`);
      const row = page.locator('.profile-indicator', { hasText: 'Anzahl Familienzentren E2E' });
      await row.waitFor({ timeout: 60_000 });
      expect(await row.locator('.profile-value').innerText()).toBe('3');
      await shoot(page, `points-profile-${vp.name}`, row);
      if (vp.name === 'desktop') {
        // Gebiet verwalten: the removal dialog of a Bezirk says why it cannot go (its PLR hang on it)
        const manage = page.getByRole('heading', { name: 'Gebiet verwalten' });
        await manage.waitFor();
        await page.getByRole('button', { name: 'Gebiet entfernen …' }).click();
        const dialog = page.getByRole('dialog', { name: /Mitte entfernen\?/ });
        await dialog.waitFor();
        expect(await dialog.innerText()).toContain('kann nicht entfernt werden');
        await shoot(page, `area-removal-refused-${vp.name}`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await shoot(page, `area-manage-${vp.name}`, manage);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
