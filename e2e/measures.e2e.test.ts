// Measures (issue 14 § 2) in Chromium: a planner of Sozialplanung opens the form from the area
// profile's link, adds a milestone and a goal on an indicator of that area — the form shows the
// baseline the data give — and saves; the measure shows in the list's timeline, on its page with
// the goal chart (actual course against the target line) and in the area profile's card, also for
// visitors without an account (it is public). axe-core finds no WCAG A/AA violations on the list
// and the page. Screenshots at 1440 × 900 and 390 × 844: test-results/screenshots/measures-*.png.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import { getJson, launchChromium, saveScreenshot, SCREENSHOT_DIR, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

async function newPage(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

interface SeriesPoint {
  date: string;
  value: number | null;
}

describe.skipIf(!run)('A planner creates a measure with an indicator goal', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('it appears in the list, with its chart on its page, and in the area profile', async () => {
    const areas = await getJson<{ id: number; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=plr',
    );
    const area = areas[100]!;
    const indicatorId = 'ewr_share_age_below_6';
    const indicator = await getJson<{ nameDe: string }>(baseUrl, `/api/indicators/${indicatorId}`);
    const series = (
      await getJson<SeriesPoint[]>(baseUrl, `/api/areas/${area.id}/series?indicator=${indicatorId}`)
    ).filter((p) => p.value !== null);
    expect(series.length).toBeGreaterThan(1);
    const baseline = series[0]!;
    // unique per run, so the journey also runs against a server that already holds one (E2E_BASE_URL)
    const title = `Familienzentrum ${area.name} ${Date.now().toString(36)}`;

    const { page, errors } = await newPage(browser, 1440, 900);
    await signInByApi(page, baseUrl, PLANNER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/gebiete/${area.id}`);
    const card = page.getByRole('region', { name: 'Maßnahmen in diesem Gebiet' });
    const create = card.getByRole('link', { name: 'Maßnahme für dieses Gebiet anlegen' });
    await create.waitFor({ timeout: 30_000 });
    await create.click();

    await page.getByRole('heading', { level: 1, name: 'Neue Maßnahme anlegen' }).waitFor();
    // the area of the profile is already chosen
    await page.getByRole('button', { name: `„${area.name}“ entfernen` }).waitFor();
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Sichtbarkeit').selectOption('public');
    await page.getByLabel('Status', { exact: true }).selectOption('in_progress');
    await page.getByLabel('Beginn').fill(baseline.date);
    await page.getByLabel('Ende', { exact: true }).fill('2030-12-31');
    await page.getByLabel('Demografie', { exact: true }).check();
    await page.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
    await page.getByLabel('Meilenstein', { exact: true }).fill('Räume gefunden');
    await page.getByLabel('erreicht').check();
    await page.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
    await page.getByLabel('Meilenstein', { exact: true }).nth(1).fill('Eröffnung');
    await page.getByRole('button', { name: 'Ziel hinzufügen' }).click();
    await page.getByLabel('Indikator', { exact: true }).selectOption(indicatorId);
    await page.getByLabel('Gebiet des Ziels').selectOption(String(area.id));
    const target = Math.round(baseline.value! * 1.2 * 10) / 10;
    await page.getByLabel('Zielwert', { exact: true }).fill(String(target).replace('.', ','));
    await page.getByLabel('Zieldatum', { exact: true }).fill('2030-12-31');
    // the baseline as the data give it, before saving
    await page.getByText('Ausgangswert aus den Daten:').waitFor();
    await saveScreenshot(page, 'measures-form-desktop', { fullPage: true });
    await page.getByRole('button', { name: 'Speichern' }).click();

    // the measure's page: chart, baseline from the data, origin, history
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = /\/massnahmen\/(\d+)$/.exec(page.url())![1]!;
    const chart = page.getByRole('img', {
      name: `Verlauf von „${indicator.nameDe}“ in ${area.name}: Ist-Werte gegen den Zielpfad`,
    });
    await chart.waitFor();
    expect(await chart.locator('circle.ms-actual-point').count()).toBe(series.length);
    expect(await chart.locator('line.ms-target-line').count()).toBe(1);
    const [y, m, d] = baseline.date.split('-');
    await expect
      .poll(() => page.locator('.ms-goal-facts').textContent())
      .toContain(`(${d}.${m}.${y})`);
    await page.getByText('Ohne Konferenz beschlossen.').waitFor();
    await page.getByText('50 % erledigt').first().waitFor();
    await page.getByText('angelegt').first().waitFor();
    // its effect: started at the latest date with data, so honestly not measurable yet
    const effect = page.getByRole('region', { name: 'Wirkung' });
    await effect.getByRole('link', { name: 'Vergleichsgebiete und Verlauf' }).waitFor();
    expect(await effect.innerText()).toMatch(/Nicht messbar/);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'measures-detail-desktop', { fullPage: true });
    await page
      .locator('.ms-goal')
      .first()
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'measures-goal-desktop.png') });

    // a change through the form: the second milestone is reached, the history names the field
    await page.getByRole('link', { name: 'Bearbeiten' }).click();
    await page.getByRole('heading', { level: 1, name: `„${title}“ bearbeiten` }).waitFor();
    await page.getByLabel('Meilenstein', { exact: true }).nth(1).waitFor();
    await page.getByLabel('erreicht').nth(1).check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('100 % erledigt').first().waitFor();
    await page.getByText('geändert: Meilensteine').waitFor();
    // the goal and its baseline survived the round trip through the form
    expect(await chart.locator('circle.ms-actual-point').count()).toBe(series.length);

    // the list with its timeline
    await page.goto(`${baseUrl}/massnahmen`);
    await page.getByRole('link', { name: title }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'measures-list-desktop', { fullPage: true });
    // filters narrow it
    await page.getByLabel('Lebenslage').selectOption('health');
    await page.getByText('Keine Maßnahmen für diese Auswahl.').waitFor();
    await page.getByLabel('Lebenslage').selectOption('demography');
    await page.getByRole('link', { name: title }).waitFor();

    // the area profile's card
    await page.goto(`${baseUrl}/gebiete/${area.id}`);
    await card.getByRole('link', { name: title }).waitFor({ timeout: 30_000 });
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'measures-profile-card-desktop.png') });

    // on the map: the measures' layer (a marker at the centre of the measure's area)
    await page.goto(`${baseUrl}/?system=lor2021&level=plr`);
    const layer = page.getByRole('checkbox', { name: 'Maßnahmen', exact: true });
    await layer.waitFor({ timeout: 60_000 });
    await layer.check();
    const rendered = await page
      .waitForFunction(
        () => {
          const el = document.querySelector<HTMLElement>('[data-point-layers]');
          const v = el?.dataset.pointLayers ? JSON.parse(el.dataset.pointLayers) : {};
          return (v['maßnahmen'] ?? 0) > 0 ? v['maßnahmen'] : false;
        },
        undefined,
        { timeout: 60_000, polling: 250 },
      )
      .then((h) => h.jsonValue());
    expect(rendered).toBeGreaterThan(0);
    await saveScreenshot(page, 'measures-map-desktop');
    expect(errors).toEqual([]);

    // on a phone, without an account: the public measure is there
    const phone = await newPage(browser, 390, 844);
    await phone.page.goto(`${baseUrl}/massnahmen`);
    await phone.page.getByRole('link', { name: title }).waitFor();
    await saveScreenshot(phone.page, 'measures-list-phone', { fullPage: true });
    await phone.page.goto(`${baseUrl}/massnahmen/${id}`);
    await phone.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await phone.page.locator('.ms-goal-chart svg').waitFor();
    await saveScreenshot(phone.page, 'measures-detail-phone', { fullPage: true });
    await phone.page.goto(`${baseUrl}/gebiete/${area.id}`);
    await phone.page
      .getByRole('region', { name: 'Maßnahmen in diesem Gebiet' })
      .getByRole('link', { name: title })
      .waitFor({ timeout: 30_000 });
    await phone.page
      .getByRole('region', { name: 'Maßnahmen in diesem Gebiet' })
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'measures-profile-card-phone.png') });
    expect(phone.errors).toEqual([]);
  });
});
