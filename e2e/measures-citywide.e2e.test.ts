// City-wide measures (issue 14 § 2, ADR 0046) in Chromium: a planner marks a new measure
// „gesamtstädtisch“ — the goal's area is chosen among the Bezirke — and saves. Its page says
// honestly that the effect cannot be measured (no comparison areas), and every area profile names
// it in one line under „Maßnahmen in diesem Gebiet“. Screenshots at 1440 × 900 and 390 × 844:
// test-results/screenshots/measures-citywide-*.png. The measure is deleted at the end.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

describe.skipIf(!run)('A city-wide measure', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('has a goal in a Bezirk, says why its effect is not measurable and shows in a profile', async () => {
    const bezirke = await getJson<{ id: number; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=bez',
    );
    const mitte = bezirke.find((b) => b.name === 'Mitte')!;
    const plr = await getJson<{ id: number; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=plr',
    );
    const area = plr[7]!;
    const indicatorId = 'ewr_share_age_below_6';
    const series = (
      await getJson<{ date: string; value: number | null }[]>(
        baseUrl,
        `/api/areas/${mitte.id}/series?indicator=${indicatorId}`,
      )
    ).filter((p) => p.value !== null);
    const baseline = series.at(-1)!;
    const title = `Stadtweit Kitaplätze ${Date.now().toString(36)}`;

    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInByApi(page, baseUrl, PLANNER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/massnahmen/neu`);
    await page.getByRole('heading', { level: 1, name: 'Neue Maßnahme anlegen' }).waitFor();
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Sichtbarkeit').selectOption('public');
    await page.getByLabel('Beginn').fill(baseline.date);
    await page.getByLabel(/^Gesamtstädtisch/).check();
    await page.getByText('Ziele einer gesamtstädtischen Maßnahme').waitFor();
    await page.getByRole('button', { name: 'Ziel hinzufügen' }).click();
    await page.getByLabel('Indikator', { exact: true }).selectOption(indicatorId);
    const goalArea = page.getByLabel('Gebiet des Ziels');
    await expect.poll(() => goalArea.locator('option').count()).toBeGreaterThan(12);
    await goalArea.selectOption(String(mitte.id));
    await page.getByLabel('Zielwert', { exact: true }).fill('9,5');
    await page.getByLabel('Zieldatum', { exact: true }).fill('2030-12-31');
    await page.getByRole('button', { name: 'Speichern' }).click();

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = /\/massnahmen\/(\d+)$/.exec(page.url())![1]!;
    const effect = page.getByRole('region', { name: 'Wirkung' });
    await effect.getByText('nicht messbar: gesamtstädtisch, keine Vergleichsgebiete').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'measures-citywide-detail-desktop', { fullPage: true });

    for (const [width, height, label] of [
      [1440, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${baseUrl}/gebiete/${area.id}`);
      const card = page.getByRole('region', { name: 'Maßnahmen in diesem Gebiet' });
      await card.getByRole('link', { name: title }).waitFor({ timeout: 30_000 });
      expect(await card.locator('.ms-citywide-line').innerText()).toMatch(
        /^Gesamtstädtische Maßnahmen? \((gilt|gelten) auch hier\):/,
      );
      await card.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `measures-citywide-profile-${label}`);
    }
    expect(errors).toEqual([]);

    const csrf = (
      await (
        await page.request.post(`${baseUrl}/api/auth/login`, {
          data: { email: PLANNER.email, password: E2E_PASSWORD },
        })
      ).json()
    ).csrfToken as string;
    const del = await page.request.delete(`${baseUrl}/api/measures/${id}`, {
      headers: { 'x-csrf-token': csrf },
    });
    expect(del.ok()).toBe(true);
    await context.close();
  });
});
