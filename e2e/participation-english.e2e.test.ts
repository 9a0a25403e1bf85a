// The public portal /mitmachen in English (issue 13 § 1: German plain language with an English
// switch; WCAG 2.1 AA) on a phone (390 × 844, Chromium, no account): axe-core finds no violations in
// German, the resident switches to English (EN), the portal speaks English — title, form, send
// button, page language — and axe-core again finds none. Screenshot:
// test-results/screenshots/participation-phone-english.png.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, saveScreenshot } from './tools.ts';
import { axeViolations } from './axe.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

describe.skipIf(!run)('The participation portal in English on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('switches to English and passes axe in both languages at 390 px', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/mitmachen`);
    await page.locator('.part-map-area').first().waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Mitmachen: Hinweise und Ideen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Take part: reports and ideas' }).waitFor();
    await page.getByRole('button', { name: 'Send report' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.locator('.part-map-area').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'participation-phone-english', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
