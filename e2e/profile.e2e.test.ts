// The area profile of issue 11 § 3 in Chromium: the indicator the person came from leads, notable
// indicators come first with their reading in words, Lebenslage groups fold, indicators without a
// value are one line, classes carry no rank and no city value, and the breadcrumb names each level.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { getJson, launchChromium, openPage, saveScreenshot } from './tools.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

interface ProfileItem {
  indicator: { id: string; nameDe: string; unit: string; kind: string; dimension: string };
  value: number | null;
  flag: string | null;
  rank: number | null;
  rankOf: number;
}
interface Profile {
  area: { id: number; name: string };
  groups: { dimension: string; indicators: ProfileItem[] }[];
}

describe.skipIf(!run)('area profile in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the map indicator leads, notable indicators come first, groups fold, classes have no rank', async () => {
    const areas = await getJson<{ id: number; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=plr',
    );
    const area = areas[100]!;
    const profile = await getJson<Profile>(baseUrl, `/api/areas/${area.id}/profile`);
    const items = profile.groups.flatMap((g) => g.indicators);
    // the map's indicator: one from a group that is not the first in the usual order
    const cameFrom = items.find((i) => i.indicator.id === 'mss_s1_unemployment')!;
    expect(cameFrom).toBeDefined();
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(
      `${baseUrl}/?system=lor2021&level=plr&indicator=${cameFrom.indicator.id}&area=${area.id}`,
    );
    const panel = page.getByRole('complementary', { name: area.name });
    await panel.getByRole('heading', { name: area.name, level: 2 }).waitFor({ timeout: 30_000 });

    // notable first: the API's outer-tenth shares and values, each said in words
    const expectNotable = items.some(
      (i) =>
        i.indicator.kind !== 'count' &&
        i.indicator.unit !== 'class' &&
        i.rank !== null &&
        i.rankOf > 1 &&
        Math.abs((i.rankOf - i.rank) / (i.rankOf - 1) - 0.5) * 2 >= 0.8,
    );
    expect(expectNotable).toBe(true);
    const notable = panel.getByRole('region', { name: 'Auffällig' });
    await notable.waitFor();
    for (const line of await notable.locator('.notable-why').allInnerTexts())
      expect(line).toMatch(
        /^(höher|niedriger) als in \d+ % der übrigen Gebiete( – (un)?günstig)?$/,
      );

    // the groups: the one of the map's indicator first, with that indicator as its first card
    const groupHeads = panel.locator('.profile-group-title .group-toggle');
    await expect.poll(() => groupHeads.count()).toBe(profile.groups.length);
    const firstGroup = panel.locator('section.profile-group:has(.group-toggle)').first();
    expect(await firstGroup.locator('.profile-indicator-name').first().innerText()).toBe(
      cameFrom.indicator.nameDe,
    );

    // a group folds and unfolds from its heading button
    const toggle = groupHeads.first();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await firstGroup.locator('.profile-list').isVisible()).toBe(false);
    await toggle.click();
    expect(await firstGroup.locator('.profile-list').isVisible()).toBe(true);

    // indicators without a value (and without a flag) are one line, not cards
    const empty = items.filter((i) => i.value === null && i.flag === null);
    const cards = await panel.locator('.profile-indicator-name').allInnerTexts();
    for (const e of empty) expect(cards).not.toContain(e.indicator.nameDe);
    if (empty.length > 0)
      // (the profile's cards of assessments and measures have empty lines of their own)
      expect(await panel.locator('.profile-no-values').first().innerText()).toMatch(
        /ohne Wert zu diesem Stichtag/,
      );

    // a class (the MSS status class) is not ranked and gets no averaged city value
    const cls = items.find((i) => i.indicator.unit === 'class');
    expect(cls).toBeDefined();
    const card = panel.locator('.profile-indicator', {
      has: page.getByRole('heading', { name: cls!.indicator.nameDe, exact: true }),
    });
    const text = await card.innerText();
    expect(text).not.toMatch(/Rang \d+ von \d+/);
    expect(text).toMatch(/kein Stadtwert: Klassen werden nicht gemittelt/);
    await saveScreenshot(page, 'profile-notable');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('the profile page shows the area on a small map; a neighbour opens by keyboard', async () => {
    const areas = await getJson<{ id: number; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=bzr',
    );
    const area = areas[40]!;
    for (const [width, height] of [
      [390, 844],
      [1440, 900],
    ] as const) {
      const { page, consoleErrors } = await openPage(browser);
      await page.setViewportSize({ width, height });
      await page.goto(`${baseUrl}/gebiete/${area.id}`);
      await page.getByRole('heading', { name: area.name, level: 1 }).waitFor({ timeout: 30_000 });
      const map = page.getByRole('group', { name: new RegExp(`^Lage von ${area.name} mit`) });
      await map.waitFor();
      const neighbours = map.getByRole('link', { name: /^Nachbargebiet .+ – Profil öffnen$/ });
      expect(await neighbours.count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('.profile-minimap figcaption').innerText()).toMatch(
        /das Gebiet \(dunkel\) und \d+ umliegende Gebiete der Ebene Bezirksregion/,
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, `profile-minimap-${width}`);
      if (width === 1440) {
        // a neighbour by keyboard: focus its link and press Enter
        const label = (await neighbours.first().getAttribute('aria-label'))!;
        const name = label.replace(/^Nachbargebiet /, '').replace(/ – Profil öffnen$/, '');
        await neighbours.first().focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name, level: 1 }).waitFor({ timeout: 30_000 });
        expect(page.url()).toMatch(/\/gebiete\/\d+$/);
      }
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
  });
});
