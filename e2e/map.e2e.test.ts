// Journeys on the map screen in real Chromium: the coloured choropleth with legend and attribution,
// switching the indicator with the keyboard (restyled in place), and opening an area's profile by
// clicking the map.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  GERMAN_NUMBER,
  getJson,
  launchChromium,
  openPage,
  readMapCanvas,
  rgbToHex,
  saveScreenshot,
  waitForColouredMap,
} from './tools.ts';
import { interiorPoints, projectForFitBounds, type Feature } from './map-geometry.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

interface Indicator {
  id: string;
  nameDe: string;
  coverage: { systemId: string; levelId: string; dates: string[] }[];
}

async function legendEntries(
  page: Page,
): Promise<{ label: string; count: string; color: string }[]> {
  const rows = page.getByRole('region', { name: 'Legende' }).getByRole('listitem');
  const n = await rows.count();
  const out: { label: string; count: string; color: string }[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const spans = row.locator('span');
    const color = await spans.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    out.push({
      label: (await spans.nth(1).innerText()).trim(),
      count: (await spans.nth(2).innerText()).trim(),
      color: rgbToHex(color),
    });
  }
  return out;
}

/** The canvas's colour counts once two reads half a second apart agree (all tiles drawn). */
async function settledColours(page: Page): Promise<Record<string, number>> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const counts = (await readMapCanvas(page)).counts;
    const now = JSON.stringify(counts);
    if (now === last) return counts;
    last = now;
    await page.waitForTimeout(500);
  }
  throw new Error('Die Karte kam in 20 s nicht zur Ruhe');
}

describe.skipIf(!run)('map screen in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("a planner opens the app and sees Berlin's Planungsräume coloured on the map", async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${baseUrl}/`);
    await waitForColouredMap(page);
    await saveScreenshot(page, 'map-start');

    // the defaults are written into the URL: current system, deepest level
    const url = new URL(page.url());
    expect(url.searchParams.get('system')).toBe('lor2021');
    expect(url.searchParams.get('level')).toBe('plr');
    expect(url.searchParams.get('indicator')).toBeTruthy();

    // the legend lists classes with German ranges and area counts that add up to the 542 PLR
    const entries = await legendEntries(page);
    const classes = entries.filter((e) => e.label !== 'keine Daten');
    expect(classes.length).toBe(5);
    for (const e of classes) expect(e.label).toMatch(GERMAN_NUMBER);
    const total = entries.reduce((s, e) => s + Number(e.count), 0);
    expect(total).toBe(542);

    // the canvas is not blank: many colours, the background is not everything, the legend colours are painted
    const stats = await readMapCanvas(page);
    expect(stats.width).toBeGreaterThan(300);
    expect(stats.distinct).toBeGreaterThan(20);
    expect(stats.topShare).toBeLessThan(0.8);
    const painted = classes.filter((e) => (stats.counts[e.color] ?? 0) > 50);
    expect(painted.map((e) => e.color)).toEqual(classes.map((e) => e.color));

    // attribution: source and licence of the indicator and the geometry are visible
    // (a <footer> inside <main> has no landmark role, so it is found by its label attribute)
    const attribution = page.locator('footer[aria-label="Quelle"]');
    await expect.poll(() => attribution.isVisible()).toBe(true);
    const box = await attribution.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(900); // inside the viewport, not scrolled away
    const text = await attribution.innerText();
    expect(text).toMatch(/Amt für Statistik Berlin-Brandenburg/);
    expect(text).toMatch(/CC BY/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('switching the indicator updates the legend', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/`);
    await waitForColouredMap(page);
    const before = new URL(page.url()).searchParams.get('indicator');
    const titleBefore = await page
      .getByRole('region', { name: 'Legende' })
      .getByRole('heading')
      .innerText();
    const rangesBefore = (await legendEntries(page)).map((e) => e.label);

    // keyboard only: focus the combobox, type part of the name, arrow to the hit, Enter
    const indicators = await getJson<Indicator[]>(baseUrl, '/api/indicators');
    const target = indicators.find((i) => i.id === 'ewr_share_age_above_65');
    expect(target, 'demo indicator ewr_share_age_above_65').toBeDefined();
    expect(before).not.toBe(target!.id);
    const combo = page.getByRole('combobox', { name: 'Indikator' });
    await combo.focus();
    await page.keyboard.type('ab 65 Jahren');
    const listbox = page.getByRole('listbox', { name: 'Indikator' });
    await expect.poll(() => listbox.isVisible()).toBe(true);
    await saveScreenshot(page, 'indicator-picker-open');
    const options = listbox.getByRole('option');
    const names = await options.allInnerTexts();
    // the typed words match the share and the count; choose the share with the arrow keys
    const index = names.findIndex((n) => n.startsWith(target!.nameDe));
    expect(index, `Optionen: ${names.join(' | ')}`).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await expect.poll(() => new URL(page.url()).searchParams.get('indicator')).toBe(target!.id);
    const legend = page.getByRole('region', { name: 'Legende' });
    await expect.poll(() => legend.getByRole('heading').innerText()).toBe(target!.nameDe);
    expect(target!.nameDe).not.toBe(titleBefore);
    await waitForColouredMap(page);
    const rangesAfter = (await legendEntries(page)).map((e) => e.label);
    expect(rangesAfter).not.toEqual(rangesBefore);
    // shares in percent with a decimal comma (e.g. "14,3 bis unter 18,9")
    expect(rangesAfter.filter((r) => r !== 'keine Daten').every((r) => /\d+,\d/.test(r))).toBe(
      true,
    );
    await expect.poll(() => combo.inputValue()).toBe(target!.nameDe);
    await saveScreenshot(page, 'indicator-switched');

    // the switch restyles the areas in place (feature state, ADR 0026): once drawn, the canvas
    // holds the same colours as a fresh load of the new indicator
    const fresh = await openPage(browser);
    await fresh.page.goto(page.url());
    await waitForColouredMap(fresh.page);
    const freshColours = await settledColours(fresh.page);
    await expect
      .poll(async () => (await readMapCanvas(page)).counts, { timeout: 30_000 })
      .toEqual(freshColours);
    await fresh.page.context().close();
    await page.context().close();
  });

  test('clicking an area opens its profile', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/?system=lor2021&level=plr&indicator=ewr_share_age_above_65`);
    await waitForColouredMap(page);

    // a large PLR, clicked at a point deep inside it, found from the same geometry the app draws
    const geometry = await getJson<{ features: Feature[] }>(
      baseUrl,
      '/api/area-systems/lor2021/levels/plr/geometry',
    );
    const canvas = page.locator('.maplibregl-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('Karten-Canvas ohne Größe');
    // overlays on the map (legend, zoom buttons) must not be under the click
    const overlays = await page.evaluate(() =>
      [...document.querySelectorAll('.legend, .maplibregl-ctrl, .map-loading, .visible-areas')].map(
        (el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        },
      ),
    );
    const free = (x: number, y: number) =>
      !overlays.some(
        (o) => x >= o.x - 8 && x <= o.x + o.w + 8 && y >= o.y - 8 && y <= o.y + o.h + 8,
      );
    const candidates = interiorPoints(geometry.features, 12).map((c) => {
      const [x, y] = projectForFitBounds(geometry.features, c.point, box.width, box.height);
      return { ...c, x: box.x + x, y: box.y + y };
    });
    const pick = candidates.find(
      (c) =>
        c.x > box.x + 10 &&
        c.x < box.x + box.width - 10 &&
        c.y > box.y + 10 &&
        c.y < box.y + box.height - 10 &&
        free(c.x, c.y),
    );
    if (!pick) throw new Error(`Kein freier Klickpunkt: ${JSON.stringify(candidates.slice(0, 3))}`);
    const area = await getJson<{
      id: number;
      name: string;
      levelName: string;
      hierarchy: { name: string; levelName: string }[];
    }>(baseUrl, `/api/areas/${pick.id}`);
    await page.mouse.move(pick.x, pick.y);
    await page.mouse.click(pick.x, pick.y);

    await expect
      .poll(() => new URL(page.url()).searchParams.get('area'), { timeout: 15_000 })
      .toBe(String(pick.id));
    const panel = page.getByRole('complementary', { name: area.name });
    await panel.getByRole('heading', { name: area.name, level: 2 }).waitFor({ timeout: 30_000 });
    // hierarchy: Bezirk › Prognoseraum › Bezirksregion, then the area itself
    const crumbs = await panel
      .getByRole('navigation', { name: 'Lage' })
      .getByRole('listitem')
      .allInnerTexts();
    // each crumb names its level (issue 11 § 3)
    expect(crumbs).toEqual([
      ...area.hierarchy.map((h) => `${h.name} (${h.levelName})`),
      `${area.name} (${area.levelName})`,
    ]);
    expect(area.hierarchy.length).toBe(3);

    // values in German format; the inhabitants golden from the API, formatted with thousands dots
    const profile = await getJson<{
      groups: { indicators: { indicator: { id: string }; value: number | null }[] }[];
    }>(baseUrl, `/api/areas/${pick.id}/profile`);
    const inhabitants = profile.groups
      .flatMap((g) => g.indicators)
      .find((i) => i.indicator.id === 'ewr_inhabitants');
    expect(inhabitants?.value).toBeGreaterThan(0);
    const expected = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(
      inhabitants!.value!,
    );
    const panelText = await panel.innerText();
    expect(panelText).toContain(expected);
    expect(panelText).toMatch(/\d+,\d+\s?%/);
    expect(panelText).not.toMatch(/\d\.\d+\s?%/); // no English decimal points in percentages
    await saveScreenshot(page, 'profile-panel');
    await page.context().close();
  });
});
