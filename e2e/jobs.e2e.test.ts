// /auftraege in Chromium (issue 10 § 3): a visitor is asked to sign in, a planner without the right
// is told so, and the administration sees the import she just ran (a dry run over the API) as a
// „Tabellen-Import“ with status, her name, a German date and a duration — on a desktop and on a
// phone without horizontal scrolling. Screenshots go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

/** A small Bezirk table (invented values) for a dry run into MSS K15: changes nothing. */
const CSV = ['Bezirk;Stichtag;Wert', '01;31.12.2020;35,2', '02;31.12.2020;33,8'].join('\r\n');

/** Signs in as the administration, uploads the table and dry-runs it: one „imports.table“ job. */
async function dryRunImport(page: Page): Promise<number> {
  const login = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { email: ADMIN.email, password: E2E_PASSWORD },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  const analyzed = await page.request.post(`${baseUrl}/api/imports/analyze`, {
    headers,
    multipart: {
      file: { name: 'auftrag_probe.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) },
    },
  });
  expect(analyzed.status()).toBe(200);
  const { uploadId } = (await analyzed.json()) as { uploadId: string };
  const ran = await page.request.post(`${baseUrl}/api/imports/${uploadId}/run`, {
    headers,
    data: {
      kind: 'table',
      dryRun: true,
      systemId: 'lor2021',
      levelId: 'bez',
      mapping: {
        layout: 'wide',
        areaColumn: 'Bezirk',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicators: [{ column: 'Wert', indicatorId: 'mss_k15' }],
      },
    },
  });
  expect(ran.status()).toBe(200);
  expect(((await ran.json()) as { status: string }).status).toBe('dry_run');
  const jobs = await page.request.get(`${baseUrl}/api/jobs?limit=5`);
  const list = (await jobs.json()) as { id: number; kind: string; params: { uploadId?: string } }[];
  const job = list.find((j) => j.kind === 'imports.table' && j.params.uploadId === uploadId);
  expect(job).toBeDefined();
  return job!.id;
}

/** How far the page is wider than the viewport (0 = no horizontal scrolling). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!run)('Aufträge (/auftraege) in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a visitor is asked to sign in, a planner without the right is told so', async () => {
    const { page: visitor } = await openPage(browser);
    await visitor.goto(`${baseUrl}/auftraege`);
    await visitor.getByRole('heading', { name: 'Aufträge', level: 1 }).waitFor();
    const signIn = visitor.getByRole('link', { name: 'Anmelden' }).last();
    expect(await signIn.getAttribute('href')).toContain('/anmelden');
    expect(await visitor.locator('table').count()).toBe(0);
    await visitor.context().close();

    const { page: planner } = await openPage(browser);
    await signInByApi(planner, baseUrl, PLANNER, E2E_PASSWORD);
    await planner.goto(`${baseUrl}/auftraege`);
    await planner.getByRole('heading', { name: 'Aufträge', level: 1 }).waitFor();
    await planner.getByRole('status').filter({ hasText: 'Berechtigung' }).waitFor();
    expect(await planner.locator('table').count()).toBe(0);
    await planner.context().close();
  });

  test('the administration sees the import she ran, with status, name, date and duration', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await dryRunImport(page); // signs in as the administration
    await page.goto(`${baseUrl}/auftraege`);
    const table = page.getByRole('table', { name: 'Aufträge' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'Tabellen-Import' }).first();
    const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(cells[0]).toBe('erfolgreich');
    expect(cells[1]).toBe('Tabellen-Import');
    expect(cells[2]).toBe(ADMIN.email); // the sign-in the audit records
    expect(cells[3]).toMatch(/^\d{2}\.\d{2}\.\d{4},? \d{2}:\d{2}/); // German date and time
    expect(cells[4]).toMatch(/^(< 0,1 s|\d+,\d s|\d+ s|\d+ min \d+ s)$/);
    expect(cells[5]).toBe('');
    await saveScreenshot(page, 'auftraege-1440', { fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await table.waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'auftraege-390', { fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
