// Journeys of issue 11 on the map in real Chromium: the map never shows the wrong thing silently
// (a level switch keeps the indicator and says why nothing is shown, a missing date offers the
// nearest one, an unknown indicator is named), the city value says what it is, an area is found by
// name and opened, the keyboard opens a profile from the map, the tooltip goes when the map moves,
// the legend folds, and the visitor gets a sign-in prompt instead of the import form.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { getJson, launchChromium, openPage, saveScreenshot, waitForColouredMap } from './tools.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

interface Indicator {
  id: string;
  nameDe: string;
  coverage: { systemId: string; levelId: string; dates: string[] }[];
}

describe.skipIf(!run)('orientation and honesty on the map in Chromium', () => {
  let browser: Browser;
  let indicators: Indicator[];

  beforeAll(async () => {
    browser = await launchChromium();
    indicators = await getJson<Indicator[]>(baseUrl, '/api/indicators');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('switching to a level without the indicator keeps it and offers the level that has it', async () => {
    // an indicator published for Planungsräume only (the MSS values are not summed up to Bezirke)
    const plrOnly = indicators.find(
      (i) =>
        i.coverage.some((c) => c.systemId === 'lor2021' && c.levelId === 'plr') &&
        !i.coverage.some((c) => c.systemId === 'lor2021' && c.levelId === 'bez'),
    );
    expect(plrOnly, 'ein Indikator nur auf Ebene Planungsraum').toBeDefined();
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${baseUrl}/?system=lor2021&level=plr&indicator=${plrOnly!.id}`);
    await waitForColouredMap(page);

    await page.getByLabel('Ebene', { exact: true }).selectOption('bez');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('bez');
    expect(new URL(page.url()).searchParams.get('indicator')).toBe(plrOnly!.id);
    const notice = page.getByText('Dieser Indikator liegt auf der Ebene Bezirk nicht vor');
    await notice.waitFor({ timeout: 15_000 });
    // the picker still names the chosen indicator; no legend pretends to show it
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Indikator' }).inputValue())
      .toBe(plrOnly!.nameDe);
    expect(await page.getByRole('region', { name: 'Legende' }).count()).toBe(0);
    await saveScreenshot(page, 'map-indicator-not-on-level');

    await page.getByRole('button', { name: 'Zur Ebene Planungsraum (LOR 2021) wechseln' }).click();
    await waitForColouredMap(page);
    expect(new URL(page.url()).searchParams.get('level')).toBe('plr');
    expect(new URL(page.url()).searchParams.get('indicator')).toBe(plrOnly!.id);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a date without values is kept and the nearest date is offered; an unknown indicator is named', async () => {
    const { page } = await openPage(browser);
    await page.goto(
      `${baseUrl}/?system=lor2021&level=plr&indicator=ewr_share_age_below_18&date=1990-06-30`,
    );
    await page.getByText('Für den Stichtag 30.06.1990 liegen').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('date')).toBe('1990-06-30');
    const dates = indicators
      .find((i) => i.id === 'ewr_share_age_below_18')!
      .coverage.find((c) => c.systemId === 'lor2021' && c.levelId === 'plr')!
      .dates.sort();
    const first = dates[0]!;
    const german = first.split('-').reverse().join('.');
    await page.getByRole('button', { name: `Nächstgelegenen Stichtag zeigen (${german})` }).click();
    await waitForColouredMap(page);
    expect(new URL(page.url()).searchParams.get('date')).toBe(first);

    await page.goto(`${baseUrl}/?system=lor2021&level=plr&indicator=gibt_es_nicht`);
    await page
      .getByText('Der Indikator „gibt_es_nicht“ ist nicht bekannt')
      .waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('indicator')).toBe('gibt_es_nicht');
    await page.getByRole('button', { name: 'Einen verfügbaren Indikator zeigen' }).click();
    await waitForColouredMap(page);
    expect(new URL(page.url()).searchParams.get('indicator')).not.toBe('gibt_es_nicht');
    await page.context().close();
  });

  test('the city value says how it is formed and on how many areas', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/?system=lor2021&level=plr&indicator=ewr_share_age_below_18`);
    await waitForColouredMap(page);
    const legend = page.getByRole('region', { name: 'Legende' });
    const city = await legend.locator('.legend-city').innerText();
    expect(city).toMatch(
      /^Gesamtstadt: \d+,\d %( – (aus Summen von Zähler und Nenner|Median von), (alle )?\d+( der \d+)? Gebiete| – Median von \d+ der \d+ Gebiete)$/,
    );
    // the legend folds on a desktop screen too
    await legend.getByRole('button', { name: 'Legende ausblenden' }).click();
    expect(await legend.getByRole('list').isVisible()).toBe(false);
    await legend.getByRole('button', { name: 'Legende einblenden' }).click();
    expect(await legend.getByRole('list').isVisible()).toBe(true);
    await page.context().close();
  });

  test('names are on the map, offline: the Bezirke over the Planungsräume, from our own glyphs', async () => {
    const { page, consoleErrors } = await openPage(browser);
    const glyphs: { url: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/glyphs/')) glyphs.push({ url: r.url(), status: r.status() });
    });
    // no request leaves the machine: the style's glyphs are served by Sozialraum itself
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await page.goto(`${baseUrl}/?system=lor2021&level=plr`);
    await waitForColouredMap(page);
    const labels = page.locator('.map-canvas[data-labels]');
    await expect
      .poll(async () => JSON.parse((await labels.getAttribute('data-labels')) ?? '{}').upper, {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(['Mitte', 'Neukölln', 'Tempelhof-Schöneberg']));
    const shown = JSON.parse((await labels.getAttribute('data-labels'))!) as { areas: number };
    expect(shown.areas).toBeGreaterThan(20);
    expect(glyphs.length).toBeGreaterThan(0);
    expect(glyphs.filter((g) => g.status !== 200)).toEqual([]);
    await saveScreenshot(page, 'map-labels');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('an area found by name opens on its level with its profile', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${baseUrl}/?system=lor2021&level=plr&indicator=ewr_share_age_below_18`);
    await waitForColouredMap(page);
    const search = page.getByRole('combobox', { name: 'Gebiet suchen' });
    await search.fill('neukolln');
    const option = page.getByRole('option', { name: /^Neukölln · Bezirk/ });
    await option.waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'map-area-search');
    await search.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('bez');
    const panel = page.getByRole('complementary', { name: 'Neukölln' });
    await panel.getByRole('heading', { name: 'Neukölln', level: 2 }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('indicator')).toBe('ewr_share_age_below_18');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('the keyboard opens a profile from the list of areas in the map view', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/?system=lor2021&level=bez&indicator=ewr_share_age_below_18`);
    await waitForColouredMap(page);
    const summary = page.locator('.visible-areas summary');
    await expect.poll(() => summary.innerText()).toBe('12 Gebiete im Ausschnitt');
    await summary.focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('list', { name: 'Gebiete im Kartenausschnitt' });
    const first = list.getByRole('button').first();
    const name = (await first.innerText()).replace(/\s+\S+$/, '');
    await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByRole('complementary', { name })
      .getByRole('heading', { name, level: 2 })
      .waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  test('the tooltip disappears when the map moves under the pointer', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/?system=lor2021&level=bez&indicator=ewr_share_age_below_18`);
    await waitForColouredMap(page);
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.locator('.map-tooltip');
    await tooltip.waitFor({ timeout: 10_000 });
    await page.locator('.maplibregl-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await tooltip.waitFor({ state: 'detached', timeout: 10_000 });
    await page.context().close();
  });

  test('visitors get a sign-in prompt instead of the import form, and the brand link names what it shows', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/import`);
    await page.getByText('Bitte melden Sie sich an, um diese Seite zu sehen.').waitFor();
    expect(await page.locator('input[type=file]').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('link', { name: 'Anmelden' }).first().waitFor();
    // label in name (WCAG 2.5.3): the link's accessible name begins with its visible text, tenant included
    const tenant = (await page.locator('a.brand .brand-tenant').innerText()).trim();
    expect(tenant.length).toBeGreaterThan(0);
    const brand = page.getByRole('link', { name: new RegExp(`^Sozialraum ${tenant}`) });
    expect(await brand.count()).toBe(1);
    await page.context().close();
  });
});
