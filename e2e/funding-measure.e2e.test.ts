// Money on a measure in Chromium (issue 15 §§ 1–2): the administration creates a measure in a
// Planungsraum of the Berlin demo and books its money through the import (column „Maßnahme“ with the
// measure's number, year 2026, thirds); staff see the section „Finanzierung“ on the measure page with
// German amounts, the programme page lists the measure, and the area profile's card „Förderung und
// Wirkung“ shows the money. A visitor sees no „Finanzierung“. Screenshots at 1440×900 and 390×844;
// axe finds no WCAG 2.1 A/AA violation.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

describe.skipIf(!run)('Finanzierung einer Maßnahme in Chromium', () => {
  let browser: Browser;
  let measureId = 0;
  let area: { id: number; code: string; name: string };

  beforeAll(async () => {
    browser = await launchChromium();
    const areas = await getJson<{ id: number; code: string; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2021&level=plr',
    );
    // not the first three: the transparency journey books on those
    area = areas[10]!;
    const context = await browser.newContext();
    const login = await context.request.post(`${baseUrl}/api/auth/login`, {
      data: { email: ADMIN.email, password: E2E_PASSWORD },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'X-CSRF-Token': csrfToken };
    const created = await context.request.post(`${baseUrl}/api/measures`, {
      headers,
      data: {
        title: 'Stadtteilmütter im Kiez (Finanzierungstest)',
        visibility: 'public',
        status: 'in_progress',
        start: '2026-01-01',
        areaIds: [area.id],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    measureId = Number(((await created.json()) as { id: string }).id);
    const csv =
      'Programm;Gebiet;Maßnahme;Jahr;Art;Gesamt;Bund;Land;Kommune\n' +
      `Sozialer Zusammenhalt;${area.code};${measureId};2026;bewilligt;45.000,00;15.000,00;15.000,00;15.000,00\n` +
      `Sozialer Zusammenhalt;${area.code};${measureId};2026;verausgabt;12.345,67;;;\n`;
    const res = await context.request.post(`${baseUrl}/api/funding/entries/import`, {
      headers,
      multipart: {
        file: { name: 'massnahme-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
      },
    });
    expect(res.status(), await res.text()).toBe(200);
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('staff see „Finanzierung“ on the measure page, the programme page and the area card', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
      await page.goto(`${baseUrl}/massnahmen/${measureId}`);
      await page.getByRole('heading', { name: 'Finanzierung', level: 2 }).waitFor();
      const table = page.getByRole('table', { name: 'Finanzierung' });
      await table.waitFor();
      const text = await table.innerText();
      expect(text).toContain('45.000,00 €');
      expect(text).toContain('15.000,00 €');
      expect(text).toContain('12.345,67 €');
      await page.getByRole('heading', { name: 'Finanzierung', level: 2 }).scrollIntoViewIfNeeded();
      await saveScreenshot(page, `measure-financing-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${baseUrl}/foerderung/sozialer-zusammenhalt`);
      await page
        .getByRole('link', { name: 'Stadtteilmütter im Kiez (Finanzierungstest)' })
        .waitFor();

      await page.goto(`${baseUrl}/gebiete/${area.id}`);
      const card = page.locator('section.area-funding');
      await card.getByRole('heading', { name: 'Förderung und Wirkung' }).waitFor();
      expect(await card.innerText()).toMatch(/Bewilligte Mittel 2026: 45\.000 €/);
      await card.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `area-funding-card-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('a visitor sees the measure without „Finanzierung“', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/massnahmen/${measureId}`);
    await page
      .getByRole('heading', { name: 'Stadtteilmütter im Kiez (Finanzierungstest)' })
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Finanzierung', exact: true }).count()).toBe(0);
    await context.close();
  });
});
