// A measure's location drawn, not only typed (issue 14 § 2) in Chromium: a planner opens the form for
// an area, chooses „Punkt“ and clicks into the small map of the area among its neighbours — the
// coordinates field (the keyboard alternative) fills with the clicked place; she switches to
// „Linie“, clicks two points, removes one and clicks another, and saves. The server stores the line
// inside the area. Screenshots of the form with the map at 1440 × 900 and 390 × 844:
// test-results/screenshots/measure-location-map-*.png. The measure is deleted at the end (shared
// server, files in any order).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot } from './tools.ts';
import { axeViolations } from './axe.ts';
import { interiorPoints, type Feature } from './map-geometry.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

/** Signs in through the API; returns the session's CSRF token. */
async function signIn(page: Page): Promise<string> {
  const res = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { email: PLANNER.email, password: E2E_PASSWORD },
  });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Clicks the location map at a longitude/latitude (the map's data-bounds are its view in degrees). */
async function clickAt(page: Page, lon: number, lat: number) {
  const svg = page.locator('.ms-location-map svg');
  const bounds = (await svg.getAttribute('data-bounds'))!.split(',').map(Number);
  const [w, s, e, n] = bounds as [number, number, number, number];
  const box = (await svg.boundingBox())!;
  await svg.click({
    position: {
      x: ((lon - w) / (e - w)) * box.width,
      y: ((n - lat) / (n - s)) * box.height,
    },
  });
}

const pointsOf = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(',').map(Number) as [number, number]);

describe.skipIf(!run)('The measure form’s location map', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [width, height, label] of [
    [1440, 900, 'desktop'],
    [390, 844, 'phone'],
  ] as const)
    test(`a point and a line are drawn by clicking into the map (${label})`, async () => {
      const context = await browser.newContext({
        viewport: { width, height },
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const csrf = await signIn(page);
      const plr = (await (
        await page.request.get(`${baseUrl}/api/area-systems/lor2021/levels/plr/geometry`)
      ).json()) as { features: Feature[] };
      const [inside] = interiorPoints(plr.features, 1);
      const [lon, lat] = inside!.point;
      const r = inside!.clearance * 0.6;

      await page.goto(`${baseUrl}/massnahmen/neu?gebiet=${inside!.id}`);
      await page.getByRole('heading', { level: 1, name: 'Neue Maßnahme anlegen' }).waitFor();
      await page.getByRole('button', { name: `„${inside!.name}“ entfernen` }).waitFor();
      const title = `Ort gezeichnet ${label} ${Date.now().toString(36)}`;
      await page.getByLabel('Titel', { exact: true }).fill(title);

      // a point: one click, the field shows „Breite, Länge“ of the place clicked
      await page.getByLabel('Art des Orts').selectOption('Point');
      await page
        .getByRole('img', { name: /^Karte der Gebiete .* zum Zeichnen des Orts$/ })
        .waitFor();
      await clickAt(page, lon, lat);
      const coordinates = page.getByLabel('Koordinaten');
      const [[plat, plon]] = pointsOf(await coordinates.inputValue()) as [[number, number]];
      // within a pixel of the point, at this scale a few metres
      expect(Math.abs(plon - lon)).toBeLessThan(r / 4);
      expect(Math.abs(plat - lat)).toBeLessThan(r / 4);
      await page.locator('.ms-map-point').waitFor();

      // a line: two clicks, one taken back, another click
      await page.getByLabel('Art des Orts').selectOption('LineString');
      await page.getByRole('button', { name: 'Ort leeren' }).click();
      await clickAt(page, lon - r, lat);
      await clickAt(page, lon, lat + r);
      await page.getByRole('button', { name: 'Letzten Punkt entfernen' }).click();
      await clickAt(page, lon + r, lat);
      const line = pointsOf(await coordinates.inputValue());
      expect(line).toHaveLength(2);
      expect(line[1]![1]).toBeGreaterThan(lon);
      expect(await page.locator('.ms-map-line').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('.ms-location-map').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `measure-location-map-${label}`);

      await page.getByRole('button', { name: 'Speichern' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const id = /\/massnahmen\/(\d+)$/.exec(page.url())![1]!;
      const stored = (await (await page.request.get(`${baseUrl}/api/measures/${id}`)).json()) as {
        geometry: { type: string; coordinates: number[][] };
      };
      expect(stored.geometry.type).toBe('LineString');
      expect(stored.geometry.coordinates.map((p) => [p[1], p[0]])).toEqual(line);
      expect(errors).toEqual([]);

      const del = await page.request.delete(`${baseUrl}/api/measures/${id}`, {
        headers: { 'x-csrf-token': csrf },
      });
      expect(del.ok()).toBe(true);
      await context.close();
    });
});
