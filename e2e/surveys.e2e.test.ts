// Surveys (issue 13 § 3): a planner creates and opens a survey over the API; twelve answers arrive
// over the API (each with a solved proof of work); a resident on her phone (390 × 844, no account)
// answers in the browser — a question appears when an earlier answer asks for it, a missing answer
// is named — and sees the thank-you message; the planner (1440 × 900) sees the results per
// Bezirk with n and a 95 % interval, and the Bezirk with a single answer shown as "< 5".
// axe-core finds no violations on the public pages. Screenshots: test-results/screenshots/.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

async function newPage(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Leading zero bits of SHA-256(challenge ":" nonce) ≥ difficulty (core's rule, ADR 0031). */
function solve(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const d = createHash('sha256').update(`${challenge}:${n}`).digest();
    let bits = 0;
    for (const byte of d) {
      if (byte === 0) {
        bits += 8;
        continue;
      }
      bits += Math.clz32(byte) - 24;
      break;
    }
    if (bits >= difficulty) return String(n);
  }
}

async function answerByApi(areaId: string, i: number, surveyId: number): Promise<void> {
  const c = (await (await fetch(`${baseUrl}/api/participation/challenge`)).json()) as {
    challenge: string;
    difficulty: number;
  };
  const res = await fetch(`${baseUrl}/api/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: `e2e-seed-${surveyId}-${areaId}-${i}-xxxxxxxx`,
      answers: { wohnort: areaId, kinder: 'nein', zufrieden: 2 + (i % 3) },
      pow: { challenge: c.challenge, nonce: solve(c.challenge, c.difficulty) },
    }),
  });
  if (res.status !== 200) throw new Error(`Antwort: ${res.status} ${await res.text()}`);
}

const DEFINITION = {
  questions: [
    { id: 'wohnort', type: 'area', label: 'In welchem Bezirk wohnen Sie?', required: true },
    {
      id: 'kinder',
      type: 'single',
      label: 'Leben Kinder in Ihrem Haushalt?',
      required: true,
      options: [
        { id: 'ja', label: 'Ja' },
        { id: 'nein', label: 'Nein' },
      ],
    },
    {
      id: 'angebote',
      type: 'multiple',
      label: 'Welche Angebote für Kinder nutzen Sie?',
      required: true,
      options: [
        { id: 'kita', label: 'Kita' },
        { id: 'spielplatz', label: 'Spielplatz' },
        { id: 'jugendclub', label: 'Jugendclub' },
      ],
      showIf: { questionId: 'kinder', anyOf: ['ja'] },
    },
    {
      id: 'zufrieden',
      type: 'scale',
      label: 'Wie zufrieden sind Sie mit Ihrem Kiez?',
      required: true,
      scale: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' },
    },
    { id: 'anmerkung', type: 'text', label: 'Was möchten Sie uns noch sagen?' },
  ],
};

describe.skipIf(!run)('A planner asks, residents answer, small cells stay hidden', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('creates, answers on a phone, and shows results with n and "< 5"', async () => {
    const planner = await newPage(browser, 1440, 900);
    await signInByApi(planner.page, baseUrl, PLANNER, E2E_PASSWORD);
    const api = planner.page.request;
    const { csrfToken } = (await (await api.get(`${baseUrl}/api/me`)).json()) as {
      csrfToken: string;
    };
    const systems = (await (await api.get(`${baseUrl}/api/area-systems`)).json()) as {
      id: string;
      validTo: string | null;
      levels: { id: string }[];
    }[];
    const system = systems.find((s) => !s.validTo) ?? systems[0]!;
    const title = `Familien im Kiez ${Date.now().toString(36)}`;
    const created = await api.post(`${baseUrl}/api/surveys`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: {
        title,
        intro: 'Sagen Sie uns, wie es Familien in Ihrem Bezirk geht.',
        areaId: null,
        pickerSystemId: system.id,
        pickerLevelId: system.levels[0]!.id,
        closesOn: '2099-12-31',
        definition: DEFINITION,
      },
    });
    expect(created.status()).toBe(201);
    const survey = (await created.json()) as { id: number };
    const opened = await api.post(`${baseUrl}/api/surveys/${survey.id}/status`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { status: 'open' },
    });
    expect(opened.status()).toBe(200);
    const pub = (await (await fetch(`${baseUrl}/api/surveys/public/${survey.id}`)).json()) as {
      pickerAreas: { id: string; name: string }[];
    };
    const [x, y, z] = pub.pickerAreas;
    // X: 6 + the resident = 7; Z: 5; Y: 1 → Y is withheld ("< 5"), and Z (the smallest other)
    // too, so Y cannot be computed from the total
    for (let i = 0; i < 6; i++) await answerByApi(x!.id, i, survey.id);
    for (let i = 0; i < 5; i++) await answerByApi(z!.id, i, survey.id);
    await answerByApi(y!.id, 0, survey.id);

    // the resident on her phone
    const { page, errors } = await newPage(browser, 390, 844);
    await page.goto(`${baseUrl}/mitmachen/befragungen`);
    await page.getByRole('heading', { level: 1, name: 'Befragungen' }).waitFor();
    await page.getByRole('link', { name: title, exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'surveys-phone-list', { fullPage: true });
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(/In welchem Bezirk wohnen Sie\?/).selectOption(x!.id);
    const offers = page.getByRole('group', { name: /Welche Angebote für Kinder/ });
    expect(await offers.count()).toBe(0);
    await page.getByRole('radio', { name: 'Ja' }).check();
    await offers.waitFor(); // the condition holds now: the question appears
    await page.getByRole('radio', { name: /^4$/ }).check();
    await page.getByRole('button', { name: 'Antworten senden' }).click();
    await page.getByRole('alert').getByText('Bitte prüfen Sie die markierten Fragen.').waitFor();
    await expect.poll(() => offers.getByText('Bitte beantworten Sie diese Frage.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'surveys-phone-error', { fullPage: true });
    await offers.getByRole('checkbox', { name: 'Spielplatz' }).check();
    await page
      .getByLabel(/Was möchten Sie uns noch sagen/)
      .fill('Mehr Schatten auf dem Spielplatz.');
    await page.getByRole('button', { name: 'Antworten senden' }).click();
    await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor({ timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'surveys-phone-thanks', { fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);

    // the planner sees the results per Bezirk
    await planner.page.goto(`${baseUrl}/befragungen`);
    await planner.page.getByRole('heading', { level: 1, name: 'Befragungen' }).waitFor();
    await planner.page
      .getByRole('button', { name: new RegExp(`^Ergebnisse\\s*:\\s*${title}$`) })
      .click();
    const table = planner.page.locator('table', {
      has: planner.page.getByText('Leben Kinder in Ihrem Haushalt?'),
    });
    await table.waitFor();
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect.poll(() => row(x!.name).locator('td').first().textContent()).toBe('7');
    await expect.poll(() => row(y!.name).locator('td').first().textContent()).toBe('< 5');
    await expect.poll(() => row(z!.name).locator('td').first().textContent()).toBe('gesperrt');
    await expect.poll(() => row('Alle Antworten').locator('td').first().textContent()).toBe('13');
    // X: 1 of 7 said "Ja": 14,3 % with its Wilson interval
    await expect
      .poll(() => row(x!.name).locator('td').nth(1).textContent())
      .toMatch(/^14,3 % \(\d+,\d % – \d+,\d %\)$/);
    expect(await planner.page.getByText('Mehr Schatten').count()).toBe(0);
    await saveScreenshot(planner.page, 'surveys-desktop-results', { fullPage: true });
    // free text only on request; a hidden answer says why, and leaves the export
    await planner.page.getByRole('button', { name: 'Freitextantworten prüfen' }).click();
    const answer = planner.page.locator('li.sv-free-text', { hasText: 'Mehr Schatten' });
    await answer.waitFor();
    await answer.getByRole('button', { name: 'Ausblenden …' }).click();
    await answer.getByLabel('Grund (wird protokolliert)').fill('Test der Moderation');
    await answer.getByRole('button', { name: 'Ausblenden …' }).click();
    await planner.page.getByRole('status').getByText('Die Antwort ist ausgeblendet.').waitFor();
    await answer.getByText(/ausgeblendet: Test der Moderation/).waitFor();
    const exported = await planner.page.request.get(
      `${baseUrl}/api/surveys/${survey.id}/export.csv?freeText=true`,
    );
    expect(await exported.text()).not.toContain('Mehr Schatten');
    expect(await axeViolations(planner.page)).toEqual([]);
    await saveScreenshot(planner.page, 'surveys-desktop-free-text', { fullPage: true });
    const phonePlanner = await newPage(browser, 390, 844);
    await signInByApi(phonePlanner.page, baseUrl, PLANNER, E2E_PASSWORD);
    await phonePlanner.page.goto(`${baseUrl}/befragungen`);
    await phonePlanner.page
      .getByRole('button', { name: new RegExp(`^Ergebnisse\\s*:\\s*${title}$`) })
      .click();
    await phonePlanner.page.locator('table').first().waitFor();
    await saveScreenshot(phonePlanner.page, 'surveys-phone-results', { fullPage: true });
    // closed: everyone sees the results on the survey's page, without free text
    const closed = await api.post(`${baseUrl}/api/surveys/${survey.id}/status`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { status: 'closed' },
    });
    expect(closed.status()).toBe(200);
    await page.goto(`${baseUrl}/mitmachen/befragungen/${survey.id}`);
    await page.getByText('Diese Befragung ist beendet.').waitFor();
    const pubTable = page.locator('table', {
      has: page.getByText('Leben Kinder in Ihrem Haushalt?'),
    });
    await expect
      .poll(() =>
        pubTable
          .getByRole('row', { name: new RegExp(`^${y!.name}`) })
          .locator('td')
          .first()
          .textContent(),
      )
      .toBe('< 5');
    expect(await page.getByText('Mehr Schatten').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'surveys-phone-public-results', { fullPage: true });
    await planner.page.goto(`${baseUrl}/mitmachen/befragungen/${survey.id}`);
    await planner.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await saveScreenshot(planner.page, 'surveys-desktop-answer', { fullPage: true });
    await planner.page.goto(`${baseUrl}/befragungen`);
    await planner.page.getByRole('button', { name: 'Neue Befragung' }).click();
    await planner.page.getByLabel('Titel', { exact: true }).waitFor();
    await saveScreenshot(planner.page, 'surveys-desktop-editor', { fullPage: true });
  });
});
