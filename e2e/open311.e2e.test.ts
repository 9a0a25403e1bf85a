// An Open311 report app gets a key and submits (issue 13 § 1): the administrator creates a key on
// /mitmachen/moderation (desktop), the secret is shown once; an app posts a report as form fields
// with it and receives its number; the administrator revokes the key on the phone-sized page and
// the app's next post is refused with 403 in the Open311 error format. axe-core finds no
// violations on either viewport. Screenshots: test-results/screenshots/open311-*.png.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

async function adminPage(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
  await page.goto(`${baseUrl}/mitmachen/moderation`);
  await page.getByRole('heading', { name: 'Open311-Schlüssel für Melde-Apps' }).waitFor();
  return page;
}

const post = (fields: Record<string, string>) =>
  fetch(`${baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe.skipIf(!run)('An Open311 app submits with a key the administration made', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('key created, report posted as form fields, key revoked, next post refused', async () => {
    const desk = await adminPage(browser, 1440, 900);
    await desk.getByLabel('Bezeichnung (z. B. Name der App)').fill('Kiez-Melder E2E');
    await desk.getByRole('button', { name: 'Schlüssel anlegen' }).click();
    const secret = (await desk.locator('.part-key-secret').textContent()) ?? '';
    expect(secret).toMatch(/^o311_/);
    await desk.getByRole('listitem').filter({ hasText: 'Kiez-Melder E2E' }).waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    await desk.locator('#part-keys-title').scrollIntoViewIfNeeded();
    await saveScreenshot(desk, 'open311-desktop-keys');

    const fields = {
      api_key: secret,
      service_code: 'meeting',
      lat: '52.5163',
      long: '13.3777',
      description: 'Am Platz fehlt eine Bank für ältere Menschen.',
    };
    const ok = await post(fields);
    expect(ok.status).toBe(200);
    const [created] = (await ok.json()) as { service_request_id: string }[];
    expect(created?.service_request_id).toMatch(/^\d+$/);

    const phone = await adminPage(browser, 390, 844);
    await phone.getByRole('button', { name: 'Schlüssel „Kiez-Melder E2E“ widerrufen' }).click();
    await phone
      .getByRole('listitem')
      .filter({ hasText: /Kiez-Melder E2E.*Widerrufen/ })
      .waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.locator('#part-keys-title').scrollIntoViewIfNeeded();
    await saveScreenshot(phone, 'open311-phone-keys-revoked');

    const refused = await post(fields);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([
      { code: 403, description: expect.stringMatching(/api_key/) },
    ]);
  });
});
