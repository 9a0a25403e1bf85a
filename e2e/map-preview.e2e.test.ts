// The map's first picture (issue 11 § 6) in real Chromium: until MapLibre has drawn the areas, an
// SVG picture of them stands in at the same place, coloured like the map; MapLibre's first frame
// replaces it. When the map's code cannot be loaded, the picture stays and a notice offers a reload
// instead of a blank app.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { launchChromium, openPage, saveScreenshot, waitForColouredMap } from './tools.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';
const MAP = '/?system=lor2021&level=plr&indicator=ewr_share_age_below_6&date=2024-12-31';

describe.skipIf(!run)('the map’s first picture in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('without the map’s code: the coloured picture of all 542 areas and a reload notice', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const { page } = await openPage(browser);
      await page.setViewportSize({ width, height });
      await page.route(/\/assets\/map-view-[^/]+\.js$/, (r) => r.abort());
      await page.goto(baseUrl + MAP);
      const picture = page.locator('.map-preview[data-preview-painted-at]');
      await picture.waitFor({ state: 'attached', timeout: 60_000 });
      const fills = await page.$$eval('.map-preview svg > path', (ps) =>
        ps.map((p) => p.getAttribute('fill') ?? ''),
      );
      expect(fills).toHaveLength(542);
      // coloured like the legend: five classes plus the hatch for the two areas without a value
      expect(new Set(fills.filter((f) => f.startsWith('#'))).size).toBe(5);
      expect(fills.filter((f) => f.startsWith('url(')).length).toBe(2);
      const alert = page.getByRole('alert').filter({ hasText: 'Die interaktive Karte konnte nicht geladen werden' }); // prettier-ignore
      await alert.waitFor();
      await expect.poll(() => alert.getByRole('button', { name: 'Seite neu laden' }).count()).toBe(1); // prettier-ignore
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true); // prettier-ignore
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, `map-preview-no-code-${width}`);
      await page.context().close();
    }
  });

  test('with the map’s code: MapLibre’s first frame replaces the picture', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(baseUrl + MAP);
    await waitForColouredMap(page);
    await page.locator('[data-painted-at]').waitFor({ state: 'attached', timeout: 60_000 });
    await expect.poll(() => page.locator('.map-preview').count()).toBe(0);
    // the picture was there first, and its moment is kept for the first-paint bench
    const marks = await page.evaluate(
      () => performance.getEntriesByName('sozialraum:map-preview-painted').length,
    );
    expect(marks).toBe(1);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
