// Angebote in Chromium (issue 12): a visitor finds the Kitas of Mitte by type and Bezirk, opens one
// and sees Träger, places with date and the areas it lies in; a person of the Träger (role Träger)
// edits the opening hours of its own Kita — saved, shown, in the HSDS answer — and sees no edit
// button at another Träger's Kita. Screenshots at 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { E2E_PASSWORD, PROVIDER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

interface ServiceList {
  total: number;
  items: { id: string; name: string; organisation: { name: string } }[];
}

describe.skipIf(!run)('Angebote in Chromium', () => {
  let browser: Browser;
  let own: ServiceList['items'][number];
  let other: ServiceList['items'][number];

  beforeAll(async () => {
    browser = await launchChromium();
    const found = await getJson<ServiceList>(baseUrl, '/api/directory/services?q=F.A.I.R.play');
    own = found.items.find((s) => s.name === 'Kita F.A.I.R.play')!;
    const kitas = await getJson<ServiceList>(
      baseUrl,
      '/api/directory/services?type=kita&perPage=200',
    );
    other = kitas.items.find((s) => s.organisation.name !== own.organisation.name)!;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a visitor finds the Kitas of Mitte and opens one', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/angebote`);
      await page.getByRole('heading', { name: 'Angebote', level: 1 }).waitFor();
      await page.getByText(/^[\d.]+ Angebote$/).waitFor();
      await page.getByLabel('Angebotsart').selectOption('kita');
      await page.getByLabel(/^Gebiet/).selectOption({ label: 'Mitte' });
      await page.getByText(/^[\d.]+ Angebote$/).waitFor();
      await expect
        .poll(() => page.getByText(/^[\d.]+ Angebote$/).innerText())
        .toMatch(/^\d{1,3}(\.\d{3})? Angebote$/);
      await saveScreenshot(page, `directory-list-${vp.name}`);
      await page.getByLabel('Name des Angebots oder Trägers').fill('F.A.I.R.play');
      await page.getByLabel('Name des Angebots oder Trägers').press('Enter');
      await page.getByRole('link', { name: 'Kita F.A.I.R.play' }).click();
      await page.getByRole('heading', { name: 'Kita F.A.I.R.play', level: 1 }).waitFor();
      // the demo's 69 places of 01.12.2022 (the supply journey takes back what it records)
      await page
        .getByText(/^69 Plätze \(Stand 01\.12\.2022\)/)
        .first()
        .waitFor();
      await page.getByRole('link', { name: 'Mitte' }).first().waitFor();
      expect(await page.getByRole('button', { name: 'Öffnungszeiten bearbeiten' }).count()).toBe(0);
      await saveScreenshot(page, `directory-detail-${vp.name}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('the Träger edits the opening hours of its own Kita, not those of another', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
    });
    const page = await context.newPage();
    await signInByApi(page, baseUrl, PROVIDER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/angebote/${other.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Orte und Öffnungszeiten').waitFor();
    expect(await page.getByRole('button', { name: 'Öffnungszeiten bearbeiten' }).count()).toBe(0);

    await page.goto(`${baseUrl}/angebote/${own.id}`);
    await page.getByRole('button', { name: 'Öffnungszeiten bearbeiten' }).click();
    await page.getByLabel('von 1').fill('07:00');
    await page.getByLabel('bis 1').fill('17:00');
    await page.getByRole('button', { name: 'Zeitraum hinzufügen' }).click();
    await page.getByLabel('Wochentag 2').selectOption('5');
    await page.getByLabel('von 2').fill('07:30');
    await page.getByLabel('bis 2').fill('15:00');
    await page.getByLabel('Hinweis 2').fill('Brückentage geschlossen');
    await saveScreenshot(page, 'directory-hours-form-desktop');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Öffnungszeiten gespeichert (im Protokoll vermerkt).').waitFor();
    await page.getByRole('row', { name: /Freitag 07:30–15:00 Brückentage geschlossen/ }).waitFor();
    await saveScreenshot(page, 'directory-hours-saved-desktop');
    const hsds = await getJson<{
      service_at_locations: { schedules: { byday: string; opens_at: string }[] }[];
    }>(baseUrl, `/hsds/services/${own.id}`);
    expect(hsds.service_at_locations[0]!.schedules.map((s) => `${s.byday} ${s.opens_at}`)).toEqual([
      'MO 07:00',
      'FR 07:30',
    ]);
    await context.close();
  });
});
