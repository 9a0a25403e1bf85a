// Wirkung and Förderung in Chromium (issue 15 §§ 1 and 3): a visitor opens an effect estimate on the
// Berlin demo (Kinderarmut of the MSS, five Planungsräume, start before the last MSS date) and sees
// the sentence with its 95 % interval, the pre-trend line, the chart and the comparison areas; then
// opens the programme page of "Sozialer Zusammenhalt" with its co-financing rule and sources.
// Screenshots at 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

interface IndicatorItem {
  id: string;
  coverage: { systemId: string; levelId: string; dates: string[] }[];
}

describe.skipIf(!run)('Wirkung und Förderung in Chromium', () => {
  let browser: Browser;
  let effectUrl = '';

  beforeAll(async () => {
    browser = await launchChromium();
    const indicators = await getJson<IndicatorItem[]>(baseUrl, '/api/indicators');
    const poverty = indicators.find((i) => i.id === 'mss_s4_child_poverty')!;
    const cov = [...poverty.coverage].sort((a, b) => b.dates.length - a.dates.length)[0]!;
    expect(cov.dates.length).toBeGreaterThanOrEqual(3);
    const areas = await getJson<{ id: number }[]>(
      baseUrl,
      `/api/areas?system=${cov.systemId}&level=${cov.levelId}`,
    );
    // start on the day after the second-last date: ≥ 2 dates before, 1 after
    const last = cov.dates[cov.dates.length - 2]!;
    const start = `${Number(last.slice(0, 4)) + 1}-01-01`;
    const treated = areas.slice(0, 5).map((a) => a.id);
    effectUrl = `/wirkung?indicator=${poverty.id}&system=${cov.systemId}&level=${cov.levelId}&areas=${treated.join(',')}&start=${start}`;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('opens an effect estimate and sees the sentence with its 95 % interval', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}${effectUrl}`);
      await page.getByRole('heading', { name: 'Wirkung schätzen', level: 1 }).waitFor();
      const sentence = page.locator('.effect-sentence');
      await sentence.waitFor({ timeout: 60_000 });
      expect(await sentence.innerText()).toMatch(
        /in den Maßnahmengebieten [−+]?[\d.,]+ Pp\. gegenüber vergleichbaren Gebieten \(95 %: −?[\d.,]+ bis −?[\d.,]+\), \d{4}–\d{4}/,
      );
      await page.getByText(/^Vortrend:/).waitFor();
      await page.getByRole('img', { name: /Mittelwerte über die Zeit/ }).waitFor();
      await page.getByRole('heading', { name: 'Vergleichsgebiete und warum' }).waitFor();
      expect(await page.locator('.effect-result tbody tr').count()).toBeGreaterThanOrEqual(5);
      await saveScreenshot(page, `effect-${vp.name}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('opens the programme page of Sozialer Zusammenhalt', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/foerderung`);
      await page.getByRole('heading', { name: 'Förderprogramme', level: 1 }).waitFor();
      await saveScreenshot(page, `funding-list-${vp.name}`);
      await page.getByRole('link', { name: /^Sozialer Zusammenhalt/ }).click();
      await page
        .getByRole('heading', {
          name: /Sozialer Zusammenhalt – Zusammenleben im Quartier/,
          level: 1,
        })
        .waitFor();
      await page.getByText(/Bundesanteil ein Drittel/).waitFor();
      await page
        .getByText(/geprüft am \d{2}\.\d{2}\.\d{4}/)
        .first()
        .waitFor();
      await page.getByText('Die Mittel sehen angemeldete Mitarbeitende.').waitFor();
      await saveScreenshot(page, `funding-programme-${vp.name}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('the administration imports money from a German CSV and sees it per year', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
    await page.goto(`${baseUrl}/foerderung/biwaq`);
    await page.getByRole('heading', { name: 'Mittel importieren' }).waitFor();
    await page.getByLabel('Datei mit Fördermitteln').setInputFiles({
      name: 'biwaq.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Programm;Gebiet;Jahr;Art;Gesamt;Bund;EU\nBIWAQ;alle;2024;bewilligt;1.000,00;400,00;600,00\n',
      ),
    });
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.getByText('3 Beträge importiert.').waitFor();
    await page.getByRole('cell', { name: '1.000,00 €' }).waitFor();
    await saveScreenshot(page, 'funding-money-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
