// Local assessments (issue 13 § 4) in Chromium: a person of a Träger (role Träger) opens the profile
// of an area whose numbers of a Lebenslage are stable (found with core's own rule over the public
// series), records „schlechter“ in the card „Einschätzungen vor Ort“, and the profile highlights the
// disagreement in words („Kennzahlen stabil, Einschätzung: verschlechtert“). axe-core finds no WCAG
// A/AA violations. Screenshots at 1440 × 900 and 390 × 844: test-results/screenshots/assessments-*.png.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { compareAssessment, type IndicatorSeries } from '../packages/core/src/index.ts';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { E2E_PASSWORD, PROVIDER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

interface Ind {
  id: string;
  nameDe: string;
  shortDe: string | null;
  dimension: string;
  polarity: IndicatorSeries['polarity'];
}
interface Point {
  date: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const DIMENSION_DE: Record<string, string> = {
  work: 'Arbeit',
  income: 'Einkommen',
  education: 'Bildung',
  health: 'Gesundheit',
  housing: 'Wohnen',
  environment: 'Umwelt',
};

/**
 * An area and Lebenslage whose public numbers are stable up to today (core's rule, as the server):
 * the MSS editions 2013–2019 lie on the LOR 2006 Planungsräume.
 */
async function findStableArea(today: string) {
  let fallback: { area: { id: number; name: string }; dimension: string; sentence: string } | null =
    null;
  const indicators = await getJson<Ind[]>(baseUrl, '/api/indicators');
  const areas = await getJson<{ id: number; name: string }[]>(
    baseUrl,
    '/api/areas?system=lor2006&level=plr',
  );
  for (const dimension of Object.keys(DIMENSION_DE)) {
    const inds = indicators.filter((i) => i.dimension === dimension && i.polarity !== 'neutral');
    if (inds.length === 0) continue;
    for (const area of areas.slice(0, 60)) {
      const series: IndicatorSeries[] = [];
      for (const ind of inds) {
        const points = await getJson<Point[]>(
          baseUrl,
          `/api/areas/${area.id}/series?indicator=${ind.id}`,
        );
        series.push({
          indicatorId: ind.id,
          label: ind.shortDe ?? ind.nameDe,
          polarity: ind.polarity,
          points,
        });
      }
      const r = compareAssessment({ trend: 'worse', observedDate: today }, series);
      if (r.numbersTrend === 'same') return { area, dimension, sentence: r.sentence };
      // the MSS shares move by more than the noise almost everywhere: improved numbers disagree too
      fallback ??= r.verdict === 'disagree' ? { area, dimension, sentence: r.sentence } : null;
    }
  }
  if (fallback) return fallback;
  throw new Error('no area whose numbers disagree with „schlechter“ in the demo data');
}

describe.skipIf(!run)('A Träger records an assessment that disagrees with stable numbers', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the profile highlights the disagreement, without axe violations', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { area, dimension, sentence } = await findStableArea(today);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInByApi(page, baseUrl, PROVIDER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/gebiete/${area.id}`);
    const card = page.getByRole('region', { name: 'Einschätzungen vor Ort' });
    await card.getByText(/Beteiligung in den letzten 90 Tagen/).waitFor({ timeout: 30_000 });
    // the empty state before anything is recorded (a fresh server per run)
    await card.getByText('Für dieses Gebiet liegen noch keine Einschätzungen vor.').waitFor();
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assessments-empty-desktop');
    await card.getByRole('button', { name: 'Einschätzung abgeben' }).click();
    const form = card.getByRole('form', { name: 'Neue Einschätzung' });
    await form.getByLabel('Lebenslage').selectOption(dimension);
    await form.getByLabel('schlechter').check();
    await form.getByLabel('Dringlichkeit').selectOption('3');
    await form
      .getByLabel('Einschätzung', { exact: true })
      .fill(
        'In der Beratung melden sich deutlich mehr Familien mit Mietschulden als vor einem Jahr.',
      );
    await form.getByLabel('Belege').fill('Beratungsstatistik des Trägers, 1. Halbjahr');
    await saveScreenshot(page, 'assessments-form-desktop', { fullPage: true });
    await form.getByRole('button', { name: 'Speichern' }).click();

    await card.getByText('Einschätzung gespeichert.').waitFor();
    const highlighted = card.locator('.as-card-disagree').first();
    await highlighted.waitFor();
    expect(await highlighted.innerText()).toContain(`Weicht von den Kennzahlen ab: ${sentence}`);
    expect(await highlighted.innerText()).toContain('Theo Träger');
    expect(await axeViolations(page)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assessments-profile-desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assessments-profile-phone');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
