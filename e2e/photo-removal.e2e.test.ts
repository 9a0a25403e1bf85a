// A moderator removes a single photo of a report (issue 13 § 2, ADR 0045) in Chromium: a resident's
// report with two photos (sent through the API with its proof of work and deletion code) appears in
// the moderation queue; the moderator writes the reason and presses „Foto 1 entfernen“; the item
// then shows one photo, the removed photo's address answers 404 and the other still 200. axe-core
// finds no violations. Screenshot: test-results/screenshots/photo-removal-desktop.png. The report
// is the journey's own and deleted by its author at the end.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { solveChallenge } from '../packages/server/src/modules/participation/pow.ts';
import { launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

/** A small JPEG drawn by the browser's canvas (the server re-encodes it anyway). */
async function canvasJpeg(page: Page, colour: string): Promise<Buffer> {
  const b64 = await page.evaluate((fill) => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 240;
    const g = c.getContext('2d')!;
    g.fillStyle = fill;
    g.fillRect(0, 0, 320, 240);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  }, colour);
  return Buffer.from(b64, 'base64');
}

describe.skipIf(!run)('A moderator removes one photo of a report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the report keeps its other photo; the removed one answers 404', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    // the resident: no account, her own browser context
    const residentContext = await browser.newContext();
    const resident = await residentContext.newPage();
    await resident.goto(`${baseUrl}/mitmachen`);
    const api = resident.request;
    const { challenge } = (await (
      await api.get(`${baseUrl}/api/participation/challenge`)
    ).json()) as { challenge: string };
    const sent = await api.post(`${baseUrl}/api/participation/reports`, {
      data: {
        kind: 'hint',
        topic: 'environment',
        text: 'Am Teich liegt seit Tagen Sperrmüll, bitte abholen.',
        lon: 13.4,
        lat: 52.52,
        pow: { challenge, nonce: solveChallenge(challenge) },
      },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const { report, deleteToken } = (await sent.json()) as {
      report: { id: number };
      deleteToken: string;
    };
    const id = report.id;
    const photoIds: number[] = [];
    for (const colour of ['#c33', '#3a3']) {
      const res = await api.post(`${baseUrl}/api/participation/reports/${id}/photos`, {
        headers: { 'x-report-code': deleteToken },
        multipart: {
          file: {
            name: 'teich.jpg',
            mimeType: 'image/jpeg',
            buffer: await canvasJpeg(resident, colour),
          },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      photoIds.push(((await res.json()) as { id: number }).id);
    }

    // the moderator removes the first photo with a reason
    await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
    await page.goto(`${baseUrl}/mitmachen/moderation`);
    const item = page.locator('article', {
      has: page.getByRole('heading', { name: new RegExp(`^${id}:`) }),
    });
    await item.getByRole('img', { name: `Foto 2 zum Hinweis ${id}` }).waitFor({ timeout: 30_000 });
    await item.getByRole('button', { name: 'Foto 1 entfernen' }).click();
    await item.getByText('Bitte zuerst oben den Grund nennen').waitFor();
    await item
      .getByLabel('Grund (sieht die Autorin)')
      .fill('Auf dem Foto ist ein Kennzeichen lesbar.');
    await item.getByRole('button', { name: 'Foto 1 entfernen' }).click();
    const after = page.locator('article', {
      has: page.getByRole('heading', { name: new RegExp(`^${id}:`) }),
    });
    await expect.poll(() => after.locator('.part-photos img').count(), { timeout: 30_000 }).toBe(1);
    expect(await after.getByRole('button', { name: 'Foto 2 entfernen' }).count()).toBe(0);
    const url = (photoId: number) => `${baseUrl}/api/participation/reports/${id}/photos/${photoId}`;
    expect((await api.get(url(photoIds[0]!))).status()).toBe(404);
    expect((await api.get(url(photoIds[1]!))).status()).toBe(200);
    await after.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'photo-removal-desktop');
    expect(await axeViolations(page)).toEqual([]);

    // restore: the author deletes her report (DSGVO Art. 17) with its remaining photo
    const del = await api.post(`${baseUrl}/api/participation/reports/${id}/deletion`, {
      data: { token: deleteToken },
    });
    expect(del.status(), await del.text()).toBe(200);
    expect((await api.get(url(photoIds[1]!))).status()).toBe(404);
    expect(errors).toEqual([]);
    await residentContext.close();
    await context.close();
  });
});
