// Issue 11 § 4 on a phone (390 × 844, Chromium): no screen is wider than the phone, signed out and
// signed in as the administration (import, Protokoll, Verwaltung, Aufträge, Frühwarnungen, the
// profile page, the map with its profile panel, the map's table). Screenshots of each go to
// test-results/screenshots/mobile-*.png to be looked at.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

/** What sticks out to the right of the phone's width (nothing on a screen that fits). */
async function overflow(page: Page): Promise<{ extra: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`);
    return { extra: document.documentElement.scrollWidth - width, culprits };
  });
}

describe.skipIf(!run)('every screen fits a phone (390 × 844)', () => {
  let browser: Browser;
  let areaId: number;

  beforeAll(async () => {
    browser = await launchChromium();
    const areas = await getJson<{ id: number }[]>(baseUrl, '/api/areas?system=lor2021&level=plr');
    areaId = areas[0]!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('signed in as the administration, no screen scrolls sideways', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
    const screens: { name: string; path: string; ready: string }[] = [
      { name: 'map-profile', path: `/?area=${areaId}`, ready: '.profile-title' },
      { name: 'map-table', path: '/?view=table', ready: 'table' },
      { name: 'profile-page', path: `/gebiete/${areaId}`, ready: 'h1' },
      { name: 'import', path: '/import', ready: 'h1' },
      { name: 'protokoll', path: '/protokoll', ready: 'table' },
      { name: 'verwaltung', path: '/verwaltung', ready: 'h1' },
      { name: 'auftraege', path: '/auftraege', ready: 'h1' },
      { name: 'hinweise', path: '/hinweise', ready: 'h1' },
      { name: 'monitoring', path: '/monitoring', ready: 'h1' },
      { name: 'indikatoren', path: '/indikatoren', ready: 'h1' },
    ];
    const wide: string[] = [];
    for (const s of screens) {
      await page.goto(`${baseUrl}${s.path}`);
      await page.locator(s.ready).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      const o = await overflow(page);
      if (o.extra > 0) wide.push(`${s.path} (+${o.extra} px: ${o.culprits.join(', ')})`);
      await saveScreenshot(page, `mobile-${s.name}`);
    }
    expect(wide, 'Bildschirme breiter als das Telefon').toEqual([]);
    await context.close();
  });
});
