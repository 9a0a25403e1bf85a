// A resident on her phone (390 × 844, Chromium, no account) opens /mitmachen, taps the map inside
// Berlin, picks a topic, writes a text with HTML in it, adds a photo and sends the report — her
// browser solves the proof of work and uploads the photo; she sees her number and deletion code, her
// report appears in the list as plain text (no script runs) with its photo, and a moderator (who
// sees the photo in the queue) hides it with a reason, which the report page then shows — without
// the photo, whose address now answers 404.
// axe-core finds no violations on the portal (phone and desktop). Screenshots: test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

async function newPage(
  browser: Browser,
  width: number,
  height: number,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, errors };
}

describe.skipIf(!run)('A resident reports on her phone; a moderator hides it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('submits a report with a point on the map, sees it as text, and a moderator hides it', async () => {
    const { page, errors } = await newPage(browser, 390, 844);
    await page.goto(`${baseUrl}/mitmachen`);
    await page.getByRole('heading', { level: 1, name: 'Mitmachen: Hinweise und Ideen' }).waitFor();
    await page.locator('.part-map-area').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'participation-phone-start', { fullPage: true });

    await page.getByLabel('Idee (ein Vorschlag)').check();
    await page.getByLabel('Thema', { exact: true }).selectOption('meeting');
    const text = 'Ein Nachbarschaftscafé am Platz <img src=x onerror=alert(1)> wäre schön.';
    await page.getByLabel('Ihr Text').fill(text);
    // a photo as a phone camera would send it (JPEG, drawn by the browser itself)
    const jpeg = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 640;
      c.height = 480;
      const g = c.getContext('2d')!;
      g.fillStyle = '#2e7d32';
      g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#fdd835';
      g.fillRect(200, 120, 240, 240);
      return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
    });
    await page.getByLabel('Fotos (freiwillig, bis zu 3)').setInputFiles({
      name: 'spielplatz.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(jpeg, 'base64'),
    });
    await page.getByText('1 Foto gewählt').waitFor();
    // the centre of the map lies inside Berlin
    const map = page.getByRole('application', { name: 'Karte der Stadt zum Setzen des Orts' });
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect
      .poll(() => page.locator('.part-place-state').textContent())
      .toMatch(/^Gesetzt: 52,\d{5} Nord, 13,\d{5} Ost$/);
    await page.getByRole('button', { name: 'Hinweis senden' }).click();
    const thanks = page.getByText(/Danke! Ihr Hinweis hat die Nummer \d+\./);
    await thanks.waitFor({ timeout: 60_000 });
    const id = Number(/Nummer (\d+)/.exec((await thanks.textContent())!)![1]);
    await expect
      .poll(() => page.locator('.part-thanks code').textContent())
      .toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const deleteCode = (await page.locator('.part-thanks code').textContent())!;
    await page.getByText('1 Foto gespeichert.').waitFor();
    await saveScreenshot(page, 'participation-phone-submitted', { fullPage: true });

    // the list shows the text as text: the <img> is not an element, no dialog opened
    const card = page.locator('article', {
      has: page.getByRole('heading', { name: new RegExp(`^Idee ${id}:`) }),
    });
    await expect.poll(() => card.locator('.part-text').textContent()).toBe(text);
    expect(await card.locator('.part-text img').count()).toBe(0);
    // its photo, loaded from the server (re-encoded there), is the only image of the card
    const photo = card.getByRole('img', { name: `Foto 1 zum Hinweis ${id}` });
    await expect.poll(() => photo.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(640);
    expect(await card.locator('img').count()).toBe(1);
    const photoSrc = (await photo.getAttribute('src'))!;
    const served = await page.request.get(`${baseUrl}${photoSrc}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/jpeg');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // a moderator (the administrator holds participation.moderate) hides it with a reason
    const { page: mod } = await newPage(browser, 1440, 900);
    await signInByApi(mod, baseUrl, ADMIN, E2E_PASSWORD);
    await mod.goto(`${baseUrl}/mitmachen/moderation`);
    const item = mod.locator('article', {
      has: mod.getByRole('heading', { name: new RegExp(`^${id}:`) }),
    });
    await expect
      .poll(() =>
        item
          .getByRole('img', { name: `Foto 1 zum Hinweis ${id}` })
          .evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBe(640);
    await item.getByLabel('Grund (sieht die Autorin)').fill('Enthält Werbung');
    await item.getByRole('button', { name: 'Ausblenden' }).click();
    await mod.getByRole('heading', { name: new RegExp(`^${id}:.*ausgeblendet`) }).waitFor();
    expect(await axeViolations(mod)).toEqual([]);
    await saveScreenshot(mod, 'participation-desktop-moderation', { fullPage: true });
    // the administration sets the portal's flag threshold on the same screen
    await mod.getByLabel('Automatisch ausblenden nach so vielen Meldungen').fill('5');
    await mod.getByLabel('Kommentare zu Hinweisen erlauben').check();
    await mod.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await mod
      .getByText('Gespeichert. Das Portal nutzt die neuen Einstellungen ab sofort.')
      .waitFor();
    const cfg = await (await mod.request.get(`${baseUrl}/api/participation/config`)).json();
    expect(cfg).toMatchObject({ flagThreshold: 5, commentsEnabled: true });

    await page.goto(`${baseUrl}/mitmachen/hinweis/${id}`);
    // the public sees that it is hidden, not why; the author sees why with her deletion code
    await page.getByText('Dieser Beitrag ist ausgeblendet.', { exact: true }).waitFor();
    expect(await page.getByText('Enthält Werbung').count()).toBe(0);
    // the photo went with the report: not listed, and its address answers 404 to the public
    expect(await page.locator('.part-photos img').count()).toBe(0);
    expect((await page.request.get(`${baseUrl}${photoSrc}`)).status()).toBe(404);
    await page.getByText('Ihr eigener Hinweis? Mit Löschcode ansehen oder löschen').click();
    await page.getByLabel('Löschcode').fill(deleteCode);
    await page.getByLabel('Löschcode').press('Enter');
    await page.getByText('Dieser Beitrag ist ausgeblendet. Grund: Enthält Werbung').waitFor();
    await expect.poll(() => page.locator('.part-text').first().textContent()).toBe(text);
    await saveScreenshot(page, 'participation-phone-hidden', { fullPage: true });
    expect(errors).toEqual([]);
  });

  test('with comments switched on, a resident comments on a report and sees her text as text', async () => {
    const { page, errors } = await newPage(browser, 390, 844);
    await page.goto(`${baseUrl}/mitmachen`);
    await page.locator('.part-map-area').first().waitFor();
    await page.getByLabel('Thema', { exact: true }).selectOption('meeting');
    await page.getByLabel('Ihr Text').fill('Am Platz fehlen Bänke zum Ausruhen.');
    const map = page.getByRole('application', { name: 'Karte der Stadt zum Setzen des Orts' });
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.getByRole('button', { name: 'Hinweis senden' }).click();
    const thanks = page.getByText(/Danke! Ihr Hinweis hat die Nummer \d+\./);
    await thanks.waitFor({ timeout: 60_000 });
    const id = Number(/Nummer (\d+)/.exec((await thanks.textContent())!)![1]);

    await page.goto(`${baseUrl}/mitmachen/hinweis/${id}`);
    await page.getByRole('heading', { name: 'Kommentare' }).waitFor();
    await page.getByText('Noch keine Kommentare.').waitFor();
    const comment = 'Unbedingt! <b onmouseover=alert(1)>Bänke</b> auch für Ältere.';
    await page.getByLabel('Ihr Kommentar').fill(comment);
    await page.getByRole('button', { name: 'Kommentar senden' }).click();
    await page.getByText('Danke! Ihr Kommentar ist veröffentlicht.').waitFor({ timeout: 60_000 });
    const item = page.locator('.part-comment .part-text');
    await expect.poll(() => item.first().textContent()).toBe(comment);
    expect(await page.locator('.part-comment b').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'participation-phone-comments', { fullPage: true });
    expect(errors).toEqual([]);
  });

  test('the portal on a desktop passes axe', async () => {
    const { page, errors } = await newPage(browser, 1440, 900);
    await page.goto(`${baseUrl}/mitmachen`);
    await page.locator('.part-map-area').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'participation-desktop-start', { fullPage: true });
    expect(errors).toEqual([]);
  });
});
