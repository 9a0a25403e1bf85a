// Creating and editing a service in Chromium (issue 12 § 1, "providers maintain their own entries"):
// the person of a Träger (role Träger) creates an internal Familienzentrum of its own organisation —
// type, access, cost, languages, a contact, a place with its point set on the map, the areas it is
// for — sees it on its page, edits it, gives it its own hours and a cost option (seen on the page
// and in its Verlauf), and sets the organisation's work areas (taken back at the end, so other
// journeys see the demo as it was); then the Lücken of /versorgung. Screenshots at 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { E2E_PASSWORD, PROVIDER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

async function fillService(page: Page, name: string): Promise<void> {
  await page.getByLabel('Angebotsart').selectOption('familienzentrum');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Beschreibung').fill('Offener Treff für Familien mit kleinen Kindern.');
  await page.getByLabel('Für wen (Voraussetzungen)').fill('Familien mit Kindern unter 6 Jahren');
  await page.getByLabel('Kosten').fill('kostenfrei');
  await page.getByLabel('Sprachen').fill('de, tr, ar');
  await page.getByRole('button', { name: 'Ansprechperson hinzufügen' }).click();
  await page.getByLabel('Funktion').fill('Leitung');
  await page.getByLabel('Name', { exact: true }).nth(1).fill('Ayşe Demir');
  await page.getByLabel('Name des Orts').fill('Familientreff am Park');
  await page.getByLabel('Straße und Hausnummer').fill('Invalidenstraße 50');
  await page.getByLabel('PLZ').fill('10557');
  await page.getByLabel('Ort', { exact: true }).fill('Berlin');
  // the point: focus the map, Enter sets it at the centre, an arrow key moves it
  const map = page.getByRole('application', { name: 'Karte: Punkt von Ort 1 setzen' });
  await map.focus();
  await map.press('Enter');
  await map.press('ArrowRight');
  await page.getByText(/^Punkt gesetzt: 52,\d+° N, 13,\d+° O$/).waitFor();
  await page.getByLabel('Ebene').selectOption({ label: 'Bezirk' });
  await page.getByLabel('Gebiet hinzufügen').fill('Mitte');
  await page.getByLabel('Gebiet hinzufügen').press('Enter');
  await page.getByRole('button', { name: '„Mitte“ entfernen' }).waitFor();
  await page.getByRole('checkbox', { name: /Öffentlich sichtbar/ }).uncheck();
}

describe.skipIf(!run)('Angebote anlegen und bearbeiten in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the Träger creates an internal service of its own organisation, edits it and sets work areas', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInByApi(page, baseUrl, PROVIDER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/angebote`);
    await page.getByRole('link', { name: 'Neues Angebot' }).click();
    await page.getByRole('heading', { name: 'Neues Angebot', level: 1 }).waitFor();
    // a provider may only choose its own organisation
    const orgOptions = await page
      .getByLabel('Organisation (Träger)')
      .locator('option')
      .allInnerTexts();
    expect(orgOptions).toHaveLength(1);
    expect(orgOptions[0]).toContain('GFJ');
    const name = `Familientreff E2E ${Date.now()}`;
    await fillService(page, name);
    await saveScreenshot(page, 'service-form-desktop', { fullPage: true });
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByText('kostenfrei').waitFor();
    await page.getByText('de, tr, ar').waitFor();
    await page.getByText('nur verwaltungsintern').waitFor();
    await page.getByText(/Ayşe Demir, Leitung/).waitFor();
    await page
      .getByRole('heading', { name: /Familientreff am Park – Invalidenstraße 50, 10557 Berlin/ })
      .waitFor();
    await saveScreenshot(page, 'service-created-desktop', { fullPage: true });

    // edit: a new name, saved and shown
    await page.getByRole('link', { name: 'Bearbeiten', exact: true }).click();
    await page.getByRole('heading', { name: 'Angebot bearbeiten', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByLabel('Name', { exact: true }).first().inputValue())
      .toBe(name);
    await page.getByLabel('Name', { exact: true }).first().fill(`${name} (geändert)`);
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByRole('heading', { name: `${name} (geändert)`, level: 1 }).waitFor();
    const serviceUrl = page.url();

    // the service's own hours and a cost option (ADR 0055): shown on its page and in its Verlauf
    await page.getByRole('link', { name: 'Bearbeiten', exact: true }).click();
    await page.getByRole('heading', { name: 'Angebot bearbeiten', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Zeitraum hinzufügen' }).click();
    await page.getByLabel('Wochentag 1', { exact: true }).selectOption('3');
    await page.getByLabel('von 1', { exact: true }).fill('09:00');
    await page.getByLabel('bis 1', { exact: true }).fill('12:30');
    await page.getByRole('button', { name: 'Kostenangabe hinzufügen' }).click();
    await page.getByLabel('Wofür').fill('Mittagessen');
    await page.getByLabel('Betrag').fill('12,50');
    await page.getByLabel('Zusatz').fill('je Monat');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByRole('heading', { name: `${name} (geändert)`, level: 1 }).waitFor();
    await page.getByText('Mittagessen: 12,50 € je Monat').waitFor();
    await page.locator('.service-own-hours').getByText('Mittwoch 09:00–12:30').waitFor();
    await page.getByRole('button', { name: 'Verlauf anzeigen' }).click();
    const history = page.locator('table.service-history');
    await history.getByText('Angebot geändert').first().waitFor();
    await history.getByText(/Mittagessen: 12,50 € je Monat/).waitFor();
    await history.getByText('Angebot angelegt').waitFor();
    await page.locator('.service-history-section').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'service-history-desktop');

    // work areas of the organisation: pick by name (keyboard), save, shown; then taken back
    await page.getByRole('button', { name: 'Arbeitsgebiete bearbeiten' }).click();
    await page.getByLabel('Ebene').selectOption({ label: 'Bezirk' });
    // the Bezirke are fetched after the level changes; Enter before they arrive finds nothing (only
    // a Bezirk is named exactly „Pankow“, so this option means the Bezirk list is there)
    await page.locator('datalist option[value^="Pankow ("]').first().waitFor({ state: 'attached' });
    await page.getByLabel('Gebiet hinzufügen').fill('Pankow');
    await page.getByLabel('Gebiet hinzufügen').press('Enter');
    await page.getByRole('button', { name: '„Pankow“ entfernen' }).waitFor();
    await page.getByRole('button', { name: 'Arbeitsgebiete speichern' }).click();
    await page.getByText('Arbeitsgebiete gespeichert (im Protokoll vermerkt).').waitFor();
    await page.locator('.work-areas').getByRole('link', { name: 'Pankow' }).waitFor();
    // the open Verlauf follows the page's reload
    await history.getByText('Arbeitsgebiete geändert').waitFor();
    await saveScreenshot(page, 'service-work-areas-desktop');
    expect(errors).toEqual([]);

    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await page.goto(serviceUrl);
      await page.getByRole('heading', { name: `${name} (geändert)`, level: 1 }).waitFor();
      await saveScreenshot(page, `service-detail-${vp.name}`);
      await page.locator('.service-costs').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `service-detail-costs-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
      // the Verlauf: a table on a desktop, one block per entry on a phone, never wider than the page
      await page.getByRole('button', { name: 'Verlauf anzeigen' }).click();
      await history.getByText('Angebot angelegt').waitFor();
      await history.getByText('Angebot geändert').first().scrollIntoViewIfNeeded();
      await saveScreenshot(page, `service-history-${vp.name}`);
      const [scroll, client] = await history.evaluate((e) => [
        e.scrollWidth,
        e.parentElement!.clientWidth,
      ]);
      expect(scroll).toBeLessThanOrEqual(client);
      await page.goto(`${serviceUrl}/bearbeiten`);
      await page.getByRole('heading', { name: 'Angebot bearbeiten', level: 1 }).waitFor();
      await page.getByLabel('Name des Orts').waitFor();
      await saveScreenshot(page, `service-form-${vp.name}`);
      await page.getByRole('button', { name: 'Kostenangabe hinzufügen' }).scrollIntoViewIfNeeded();
      await saveScreenshot(page, `service-form-costs-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
    }

    await page.goto(serviceUrl);
    await page.getByRole('button', { name: 'Arbeitsgebiete bearbeiten' }).click();
    await page.getByRole('button', { name: '„Pankow“ entfernen' }).click();
    await page.getByRole('button', { name: 'Arbeitsgebiete speichern' }).click();
    await page.getByText('Keine Arbeitsgebiete eingetragen.').waitFor();

    // the „Lücken“ part of /versorgung: areas with high need and no Kita, or the empty state
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await page.goto(`${baseUrl}/versorgung`);
      await page.getByRole('heading', { name: 'Lücken: hoher Bedarf, kein Angebot' }).waitFor();
      await page.locator('.supply-holes-headline').waitFor();
      await page.locator('.supply-map svg').waitFor();
      // every area of the list is marked on the map
      const listed = await page.locator('.supply-holes-table tbody tr').count();
      await expect.poll(() => page.locator('.svg-map-marked').count()).toBe(listed);
      await page.locator('.supply-map svg').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `supply-gaps-map-${vp.name}`);
      await page.locator('.supply-holes').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `supply-gaps-${vp.name}`);
      // the list of gaps fits the width: a table on a desktop, a block per area on a phone
      if (listed > 0) {
        const wrap = page.locator('.supply-holes .list-wrap');
        const [scroll, client] = await wrap.evaluate((e) => [e.scrollWidth, e.clientWidth]);
        expect(scroll).toBeLessThanOrEqual(client);
        const row = page.locator('.supply-holes-table tbody tr').first();
        const display = await row.evaluate((e) => getComputedStyle(e).display);
        expect(display === 'table-row').toBe(vp.name === 'desktop');
        await row.scrollIntoViewIfNeeded();
        await saveScreenshot(page, `supply-gaps-rows-${vp.name}`);
      }
    }
    // a threshold that is no number, or out of range, is refused at the field (focused), not
    // taken as "top fifth"
    const headline = await page.locator('.supply-holes-headline').textContent();
    const threshold = page.getByLabel('Schwelle');
    for (const typed of ['zehn', '400']) {
      await threshold.fill(typed);
      await page.getByRole('button', { name: 'Anwenden' }).click();
      await page
        .getByText(`eine Zahl von 0 bis 100 (Prozent) erwartet, erhalten „${typed}“`)
        .waitFor();
      expect(await threshold.getAttribute('aria-invalid')).toBe('true');
      expect(await threshold.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(await page.locator('.supply-holes-headline').textContent()).toBe(headline);
    }
    await saveScreenshot(page, 'supply-gaps-invalid-mobile');
    expect(errors).toEqual([]);
    await context.close();
  });
});
