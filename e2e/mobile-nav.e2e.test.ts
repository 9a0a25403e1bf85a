// A new user on her phone (390 × 844, Chromium): the main screens fit the width (no horizontal
// scrolling of the page), the header shows a „Menü“ button instead of the links, the menu opens from
// the keyboard with the focus on its first link, Escape closes it and returns the focus, a link in it
// leads to another screen, and signed in, her account menu (Verwaltung) is reachable too; the map's
// legend starts folded. On a desktop (1440 × 900) the links stay in the header and the legend starts unfolded. Screenshots go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, pageOverflow, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const PHONE = { width: 390, height: 844 };

/** The main screens with a heading (or the map canvas) that shows the screen has rendered. */
const SCREENS: { path: string; ready: string }[] = [
  { path: '/', ready: '.maplibregl-canvas' },
  { path: '/indikatoren', ready: 'h1' },
  { path: '/quellen', ready: 'h1' },
  { path: '/monitoring', ready: 'h1' },
  { path: '/standorte', ready: 'h1' },
  { path: '/massnahmen', ready: 'h1' },
  { path: '/anmelden', ready: 'h1' },
];

async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

const menuButton = (page: Page) => page.getByRole('button', { name: 'Menü', exact: true });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });

describe.skipIf(!run)('Navigation on a phone (390 × 844)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the main screens fit the phone’s width without horizontal scrolling', async () => {
    const { page, errors } = await newPage(browser, PHONE);
    for (const screen of SCREENS) {
      await page.goto(`${baseUrl}${screen.path}`);
      await page.locator(screen.ready).first().waitFor();
      await expect.poll(() => menuButton(page).isVisible()).toBe(true);
      const o = await pageOverflow(page);
      expect(o.extra, `${screen.path} ist breiter als das Telefon: ${o.culprits.join(', ')}`).toBe(
        0,
      );
      // the links are behind the button, not squeezed into the header
      expect(await nav(page).getByRole('link', { name: 'Indikatoren' }).isVisible()).toBe(false);
    }
    await saveScreenshot(page, 'mobile-nav-anmelden');
    expect(errors).toEqual([]);
  });

  test('the menu opens with the keyboard, Escape closes it, and a link in it leads to another screen', async () => {
    const { page } = await newPage(browser, PHONE);
    await page.goto(`${baseUrl}/indikatoren`);
    await page.getByRole('heading', { name: 'Indikatorenkatalog', level: 1 }).waitFor();
    const button = menuButton(page);
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');

    // Enter opens it and puts the focus on the first link
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    const karte = nav(page).getByRole('link', { name: 'Karte' });
    await expect.poll(() => karte.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Karte');
    // the open list fits the phone, too
    expect((await pageOverflow(page)).extra).toBe(0);
    await saveScreenshot(page, 'mobile-nav-menu-open');

    // Escape closes it and the focus is back on the button
    await page.keyboard.press('Escape');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await karte.isVisible()).toBe(false);
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);

    // Space opens it again; Tab to „Monitoring“ (Karte, Indikatoren, Monitoring), Enter follows it
    await page.keyboard.press('Space');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Monitoring');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/monitoring`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // the menu closed on the way, the focus went to the new page's content, and it fits the width
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect((await pageOverflow(page)).extra).toBe(0);
  });

  test('signed in, the menu lists her screens and her account menu with Verwaltung is reachable', async () => {
    const { page, errors } = await newPage(browser, PHONE);
    await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
    await page.goto(`${baseUrl}/indikatoren`);
    await page.getByRole('heading', { name: 'Indikatorenkatalog', level: 1 }).waitFor();
    const account = page.getByRole('button', { name: `Konto-Menü von ${ADMIN.displayName}` });
    await account.waitFor();
    expect((await pageOverflow(page)).extra).toBe(0);
    const box = await account.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

    await menuButton(page).click();
    for (const name of ['Karte', 'Indikatoren', 'Monitoring', 'Frühwarnungen', 'Import']) {
      expect(await nav(page).getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    }
    // opening the account menu (a click outside the navigation) closes the navigation
    await account.click();
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('false');
    const admin = page.getByRole('link', { name: 'Verwaltung' });
    await expect.poll(() => admin.isVisible()).toBe(true);
    expect((await pageOverflow(page)).extra).toBe(0);
    await saveScreenshot(page, 'mobile-nav-account-menu');
    await admin.click();
    await page.waitForURL(`${baseUrl}/verwaltung`);
    await page.getByRole('heading', { name: 'Verwaltung', level: 1 }).waitFor();
    expect((await pageOverflow(page)).extra).toBe(0);
    expect(errors).toEqual([]);
  });

  test('on the phone the map legend starts folded to title and date and unfolds with its button', async () => {
    const { page } = await newPage(browser, PHONE);
    await page.goto(`${baseUrl}/`);
    const legend = page.getByRole('region', { name: 'Legende' });
    await legend.waitFor();
    const toggle = legend.getByRole('button', { name: 'Legende einblenden' });
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await legend.getByRole('listitem').first().isVisible()).toBe(false);
    // folded, it still says what and when (unit and Stichtag)
    expect(await legend.innerText()).toMatch(/Stichtag \d{2}\.\d{2}\.\d{4}/);
    await toggle.click();
    const hide = legend.getByRole('button', { name: 'Legende ausblenden' });
    await expect.poll(() => hide.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => legend.getByRole('listitem').first().isVisible()).toBe(true);
    expect((await pageOverflow(page)).extra).toBe(0);
    await saveScreenshot(page, 'mobile-nav-map-legend');
  });

  test('on a desktop the links stay in the header and there is no menu button', async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(`${baseUrl}/indikatoren`);
    await page.getByRole('heading', { name: 'Indikatorenkatalog', level: 1 }).waitFor();
    expect(await nav(page).getByRole('link', { name: 'Monitoring' }).isVisible()).toBe(true);
    expect(await menuButton(page).isVisible()).toBe(false);
    expect((await pageOverflow(page)).extra).toBe(0);
    // signed in as the administration (the most links: Import, Maßnahmen, Förderung, Konferenzen
    // …), the header still fits: nothing cut off, the account menu and the language switch visible
    await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
    await page.goto(`${baseUrl}/indikatoren`);
    await nav(page).getByRole('link', { name: 'Konferenzen' }).waitFor();
    expect(await nav(page).getByRole('link').count()).toBeGreaterThanOrEqual(11);
    expect((await pageOverflow(page)).extra).toBe(0);
    const header = await page.evaluate(() => {
      const h = document.querySelector('.app-header')!;
      return { scroll: h.scrollWidth, client: h.clientWidth };
    });
    expect(header.scroll).toBeLessThanOrEqual(header.client);
    await saveScreenshot(page, 'mobile-nav-desktop-signed-in');
    await page.context().clearCookies();
    // the legend starts whole; it can be folded on a desktop too (issue 11 § 2: it never has to cover areas)
    await page.goto(`${baseUrl}/`);
    const legend = page.getByRole('region', { name: 'Legende' });
    await legend.getByRole('listitem').first().waitFor();
    const fold = legend.getByRole('button', { name: 'Legende ausblenden' });
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
  });
});
