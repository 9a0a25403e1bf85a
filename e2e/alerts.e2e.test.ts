// Frühwarnungen in real Chromium (issues 3 and 4): a Sozialplanung planner opens the screen, sets
// up her department's rule if there is none, runs the detection, closes an alert with a comment and
// reopens it with another comment (the comment is required both ways), and raises her rule's
// threshold to „2,5“ standard deviations with the German decimal comma. Screenshots go to
// /tmp/shots/ and test-results/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { launchChromium, openPage, saveScreenshot, signInByApi } from './tools.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const SHOT_DIR = '/tmp/shots';
const RULE = { id: 'e2e-kinder-und-auslaenderanteil', name: 'E2E Kinder und Ausländeranteil' };

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOT_DIR, { recursive: true });
  await page.addStyleTag({
    content: '.app{height:auto!important}.app-main{overflow:visible!important}',
  });
  await page.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), fullPage: true });
  await saveScreenshot(page, `alerts-${name}`, { fullPage: true });
}

/** A JSON GET with the page's session cookie. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}${url}`);
  expect(res.ok(), `${url}: ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

describe.skipIf(!run)('Frühwarnungen in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a planner closes an alert with a comment, reopens it, and raises her rule’s threshold', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signInByApi(page, baseUrl, PLANNER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/hinweise`);
    await page.getByRole('heading', { name: 'Frühwarnungen', level: 1 }).waitFor();
    const rulesHeading = page.getByRole('heading', { name: 'Regeln', level: 2 });
    await rulesHeading.waitFor();

    // her department's rule: created in the form when it is not there yet (fresh e2e database)
    const rules = await apiGet<{ id: string }[]>(page, '/api/alert-rules');
    if (!rules.some((r) => r.id === RULE.id)) {
      const form = page.locator('form', {
        has: page.getByRole('heading', { name: 'Neue Regel: Indikatorveränderung' }),
      });
      await form.getByLabel('Name').fill(RULE.name);
      // a planner creates rules for her own department only: no choice offered
      // (the department's name arrives with the list of departments, after the form)
      await expect.poll(() => form.innerText()).toContain('Abteilung: Sozialplanung');
      await form.getByRole('checkbox', { name: 'Anteil Einwohner unter 6 Jahren' }).check();
      await form.getByRole('checkbox', { name: 'Ausländeranteil' }).check();
      await form.getByLabel(/^Schwelle/).fill('2');
      await form.getByRole('button', { name: 'Regel anlegen' }).click();
      await page.getByRole('status').getByText(`Regel „${RULE.name}“ ist angelegt.`).waitFor();
    }
    const row = page.getByRole('row').filter({ hasText: RULE.name });
    await row.waitFor();
    expect(await row.innerText()).toContain('Sozialplanung');

    // detection, unless alerts are there already
    const list = page.getByRole('list', { name: 'Frühwarnungen' });
    if ((await apiGet<unknown[]>(page, '/api/alerts')).length === 0) {
      await page.getByRole('button', { name: 'Jetzt prüfen' }).click();
      await page.getByText(/\d+ neue Frühwarnungen, \d+ als Rauschen zurückgehalten/).waitFor();
    }
    await list.waitFor();

    // one open alert, found again by its explanation (unique: indicator, area and numbers)
    const open = list
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Schließen …' }) })
      .first();
    await open.waitFor();
    const explanation = (await open.locator('p').first().innerText()).trim();
    const card = list.getByRole('listitem').filter({ hasText: explanation });
    const [alertId] = (
      await apiGet<{ id: number; explanation: string }[]>(page, '/api/alerts')
    ).filter((a) => a.explanation === explanation);
    expect(alertId, 'the alert of the card').toBeDefined();

    // close: the comment field gets the focus; without a comment the button stays disabled
    await card.getByRole('button', { name: 'Schließen …' }).click();
    const closeComment = card.getByLabel('Kommentar zum Schließen (Pflicht)');
    await expect
      .poll(() => closeComment.evaluate((el) => el === document.activeElement))
      .toBe(true);
    expect(await card.getByRole('button', { name: 'Schließen mit Kommentar' }).isDisabled()).toBe(
      true,
    );
    await closeComment.fill('Im Planungsteam besprochen, Träger informiert.');
    await card.getByRole('button', { name: 'Schließen mit Kommentar' }).click();
    await card.getByRole('button', { name: 'Wieder öffnen …' }).waitFor();
    expect(await card.innerText()).toContain('Geschlossen');
    expect(await card.innerText()).toContain(
      'Kommentar: Im Planungsteam besprochen, Träger informiert.',
    );

    // reopen: again with a required comment; the alert is "gesehen" afterwards
    await card.getByRole('button', { name: 'Wieder öffnen …' }).click();
    await card.getByLabel('Warum wieder offen? (Kommentar, Pflicht)').fill('Neue Zahlen abwarten.');
    await shot(page, 'wieder-oeffnen');
    await card.getByRole('button', { name: 'Wieder öffnen mit Kommentar' }).click();
    await card.getByText('Kommentar: Neue Zahlen abwarten.').waitFor();
    expect(await card.innerText()).toContain('Gesehen');
    const reopened = (await apiGet<{ id: number; status: string }[]>(page, '/api/alerts')).find(
      (a) => a.id === alertId!.id,
    );
    expect(reopened?.status).toBe('seen');
    // the server still refuses reopening without a comment (German message); sent beside the page
    const { csrfToken } = await apiGet<{ csrfToken: string }>(page, '/api/me');
    const patch = (data: unknown) =>
      page.request.patch(`${baseUrl}/api/alerts/${alertId!.id}`, {
        data,
        headers: { 'X-CSRF-Token': csrfToken },
      });
    expect((await patch({ status: 'closed', comment: 'zu' })).status()).toBe(200);
    const res = await patch({ status: 'seen' });
    const refused = { status: res.status(), body: await res.text() };
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Zum Wiederöffnen ist ein Kommentar nötig');

    // her own rule: Bearbeiten opens the editor with the focus in the name; threshold „2,5“
    const edit = row.getByRole('button', { name: `Regel „${RULE.name}“ bearbeiten` });
    await edit.click();
    const editor = page.getByRole('form', { name: `Regel „${RULE.name}“ bearbeiten` });
    await editor.waitFor();
    await expect
      .poll(() => editor.getByLabel('Name').evaluate((el) => el === document.activeElement))
      .toBe(true);
    const threshold = editor.getByLabel(/^Schwelle/);
    // the stored threshold as German text (2 on a fresh database; a rerun on a kept server sets 3)
    const stored = (
      await apiGet<{ id: string; params: { sdThreshold: number } }[]>(page, '/api/alert-rules')
    ).find((r) => r.id === RULE.id)!.params.sdThreshold;
    expect(await threshold.inputValue()).toBe(String(stored).replace('.', ','));
    const [target, targetText] = stored === 2.5 ? [3, '3'] : [2.5, '2,5'];
    await threshold.fill(targetText.replace(',', '.') + (target === 3 ? '.0' : ''));
    await editor.getByRole('button', { name: 'Speichern' }).click();
    await editor
      .getByRole('alert')
      .getByText(/Dezimalkomma/)
      .waitFor();
    await threshold.fill(targetText);
    await shot(page, 'regel-bearbeiten');
    await editor.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').getByText(`Regel „${RULE.name}“ ist gespeichert.`).waitFor();
    // the editor closes, the focus is back on "Bearbeiten", the table shows the new threshold
    await expect.poll(() => edit.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => row.innerText()).toContain(`ab ${targetText} SD`);
    const saved = (
      await apiGet<{ id: string; params: { sdThreshold: number } }[]>(page, '/api/alert-rules')
    ).find((r) => r.id === RULE.id);
    expect(saved?.params.sdThreshold).toBe(target);

    // subscriptions: the address defaults to her own
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(PLANNER.email);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a planner sets up a rule for unusually many reports in one Lebenslage', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await signInByApi(page, baseUrl, PLANNER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/hinweise`);
    const form = page.locator('form', {
      has: page.getByRole('heading', {
        name: 'Neue Regel: Ungewöhnlich viele Hinweise/negative Einschätzungen',
      }),
    });
    await form.waitFor();
    const name = 'E2E viele Hinweise Bildung';
    await form.getByLabel('Name der Regel').fill(name);
    await form.getByLabel('Lebenslage', { exact: true }).selectOption({ label: 'Bildung' });
    await form.getByLabel('Zeitraum', { exact: true }).selectOption({ label: '6 Monate' });
    // nothing to count: refused in the form, with the message next to the choice
    for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
    await form.getByRole('button', { name: 'Regel anlegen' }).click();
    await form
      .getByRole('alert')
      .getByText('Bitte mindestens eine Art von Signal wählen.')
      .waitFor();
    // a number that is not whole: the field says so
    await form.getByRole('checkbox', { name: 'Hinweise und Ideen' }).check();
    await form.getByRole('checkbox', { name: 'negative Einschätzungen vor Ort' }).check();
    await form.getByLabel(/^Mindestzahl/).fill('2,5');
    await form.getByRole('button', { name: 'Regel anlegen' }).click();
    await expect
      .poll(() => form.getByLabel(/^Mindestzahl/).getAttribute('aria-invalid'))
      .toBe('true');
    await form.getByLabel(/^Mindestzahl/).fill('3');
    await form.getByRole('button', { name: 'Regel anlegen' }).click();
    await page
      .getByRole('status')
      .getByText(`Regel „${name}“ ist angelegt und eingeschaltet.`)
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain('Ungewöhnlich viele Hinweise/negative Einschätzungen');
    expect(await row.innerText()).toContain(
      'Bildung · 6 Monate · ab 3 Signalen · Hinweise und Ideen, negative Einschätzungen vor Ort',
    );
    const rules = await apiGet<{ nameDe: string; kind: string; params: Record<string, unknown> }[]>(
      page,
      '/api/alert-rules',
    );
    const saved = rules.find((r) => r.nameDe === name)!;
    expect(saved.kind).toBe('participation_signal');
    expect(saved.params).toMatchObject({
      dimension: 'education',
      periodMonths: 6,
      historyPeriods: 4,
      minCount: 3,
      sources: ['reports', 'negative_assessments'],
    });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'signal-rule');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
