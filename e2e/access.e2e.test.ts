// Sign-in, ownership and the audit trail in real Chromium (issue 3): the public sees only public
// indicators; a Sozialplanung planner signs in with the keyboard, edits her department's indicator
// (the change shows, the history records it), cannot edit a Stadtentwicklung indicator (no button,
// PATCH refused with 403), and signs out. The administration creates a person whose one-time link
// sets a password. Screenshots of every new screen go to /tmp/shots/ (and test-results/screenshots/).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getJson, launchChromium, openPage, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD, INTERNAL_INDICATOR, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const SHOT_DIR = '/tmp/shots';
/** Own indicator of Sozialplanung (demo) and one of Stadtentwicklung. */
const OWN = { id: 'ewr_inhabitants', name: 'Einwohnerinnen und Einwohner' };
const OTHER = { id: 'mss_k01', name: 'Jugendarbeitslosigkeit (MSS K01)' };
const INTERNAL_NAME = 'Alleinerziehende Haushalte';

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), fullPage });
  await saveScreenshot(page, `access-${name}`, { fullPage });
}

/** Scrolls <main> (the page scrolls inside it) so full-page screenshots show everything. */
async function unclipMain(page: Page): Promise<void> {
  await page.addStyleTag({
    content: '.app{height:auto!important}.app-main{overflow:visible!important}',
  });
}

async function catalogueHeadings(page: Page): Promise<string[]> {
  await page.goto(`${baseUrl}/indikatoren`);
  await page.getByText(/^\d+ Indikatoren$/).waitFor();
  return page.locator('article.indicator-card h2').allInnerTexts();
}

describe.skipIf(!run)('sign-in, ownership and audit in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the public sees only public indicators; the internal one appears after sign-in', async () => {
    const anon = await getJson<{ id: string }[]>(baseUrl, '/api/indicators');
    expect(anon.map((i) => i.id)).not.toContain(INTERNAL_INDICATOR);
    expect(anon.map((i) => i.id)).toContain(OTHER.id);

    const { page, consoleErrors } = await openPage(browser);
    const publicNames = await catalogueHeadings(page);
    expect(publicNames.some((n) => n.includes(OTHER.name))).toBe(true);
    expect(publicNames.some((n) => n.includes(INTERNAL_NAME))).toBe(false);
    // the header offers sign-in and hides what the public may not use
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(await nav.getByRole('link', { name: 'Import' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Frühwarnungen' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Anmelden' }).waitFor();

    // the map's indicator picker does not offer it either
    await page.goto(`${baseUrl}/?system=lor2021&level=plr`);
    const picker = page.getByRole('combobox', { name: 'Indikator' });
    await picker.waitFor();
    await picker.fill('Alleinerziehende');
    await page.getByText('Kein Indikator gefunden').waitFor();

    await signInByApi(page, baseUrl, PLANNER, E2E_PASSWORD);
    const signedInNames = await catalogueHeadings(page);
    const internal = signedInNames.find((n) => n.includes(INTERNAL_NAME));
    expect(internal, 'internal indicator after sign-in').toBeDefined();
    expect(internal).toContain('intern'); // the badge
    await page.goto(`${baseUrl}/?system=lor2021&level=plr`);
    await picker.waitFor();
    await picker.fill('Alleinerziehende');
    await page.getByRole('option', { name: new RegExp(INTERNAL_NAME) }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a planner signs in with the keyboard, edits her own indicator, not another department’s, and signs out', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${baseUrl}/indikatoren`);
    await page.getByRole('link', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    expect(page.url()).toContain('weiter=%2Findikatoren');

    // keyboard only: the e-mail field has the focus; Tab to the password, Enter submits
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
      .toBe('email');
    await page.keyboard.type(PLANNER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('falsches-Passwort-123');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    await shot(page, 'anmelden-fehler', false);

    await page.getByLabel('Passwort', { exact: true }).focus();
    await page.keyboard.type(E2E_PASSWORD);
    await shot(page, 'anmelden', false);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/indikatoren`);
    const menuButton = page.getByRole('button', { name: `Konto-Menü von ${PLANNER.displayName}` });
    await menuButton.waitFor();
    await expect.poll(() => menuButton.innerText()).toContain('Sozialplanung');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await nav.getByRole('link', { name: 'Import' }).waitFor();

    // another department's indicator: owner shown, no edit button
    const other = page.getByRole('article', { name: OTHER.name, exact: true });
    await other.waitFor();
    expect(await other.innerText()).toContain('Zuständig: Stadtentwicklung');
    expect(await other.getByRole('link', { name: /bearbeiten/i }).count()).toBe(0);
    // … and the server refuses a direct change from this page (with a valid CSRF token) with 403
    const refused = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/indicators/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({ definitionDe: 'Von fremder Abteilung geändert.' }),
      });
      return { status: res.status, body: await res.text() };
    }, OTHER.id);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('forbidden');
    expect(
      (await getJson<{ definitionDe: string }>(baseUrl, `/api/indicators/${OTHER.id}`))
        .definitionDe,
    ).not.toContain('fremder');

    // her own indicator: edit the German definition and save
    const own = page.getByRole('article', { name: OWN.name, exact: true });
    await own.getByRole('link', { name: `${OWN.name} bearbeiten` }).click();
    await page.getByRole('heading', { name: `Indikator bearbeiten: ${OWN.name}` }).waitFor();
    await page.getByText('Zuständig: Sozialplanung').waitFor();
    const definition = page.getByLabel('Definition (deutsch) *');
    const before = await definition.inputValue();
    const after = `${before.replace(/ \(geprüft \d+\)$/, '')} (geprüft ${Date.now() % 100000})`;
    await definition.fill(after);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('1 Änderung gespeichert und im Protokoll vermerkt.').waitFor();
    const history = page.getByRole('region', { name: 'Verlauf' });
    await history.getByText(PLANNER.email).first().waitFor();
    const historyText = await history.innerText();
    expect(historyText).toContain('Definition (deutsch)');
    expect(historyText).toContain(after);
    expect(historyText).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/); // de-DE date and time
    await unclipMain(page);
    await shot(page, 'indikator-bearbeiten');
    expect(
      (await getJson<{ definitionDe: string }>(baseUrl, `/api/indicators/${OWN.id}`)).definitionDe,
    ).toBe(after);
    await page.goto(`${baseUrl}/indikatoren?q=${encodeURIComponent(OWN.name)}`);
    await page.getByRole('article', { name: OWN.name, exact: true }).getByText(after).waitFor();

    // the edit page of another department's indicator says so and offers no form
    await page.goto(`${baseUrl}/indikatoren/${OTHER.id}/bearbeiten`);
    await page
      .getByText('Nur die zuständige Abteilung kann diesen Indikator bearbeiten.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Speichern' }).count()).toBe(0);

    // Mein Konto: an API token, shown once
    await page.goto(`${baseUrl}/konto`);
    await page.getByRole('heading', { name: 'Mein Konto' }).waitFor();
    // empty state on a fresh server (a kept server may hold tokens of earlier runs)
    await page
      .getByText('Sie haben noch keine API-Token.')
      .or(page.getByRole('table', { name: 'API-Token' }))
      .waitFor();
    await unclipMain(page);
    await shot(page, 'konto-leer');
    await page.getByLabel('Bezeichnung').fill('Auswertung Excel');
    await page.getByLabel(/Indikatoren, Werte und Gebietsprofile lesen/).check();
    await page.getByRole('button', { name: 'Token anlegen' }).click();
    await page.getByText('es wird nur dieses eine Mal angezeigt').waitFor();
    const secret = await page.locator('.secret-box input').inputValue();
    expect(secret).toMatch(/^szr_/);
    const tokenRow = page.getByRole('row', {
      name: new RegExp(`Auswertung Excel ${secret.slice(0, 10)}`),
    });
    await tokenRow.waitFor();
    expect(await tokenRow.innerText()).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    await shot(page, 'konto-token');
    // the token works for scripts
    const byToken = await fetch(`${baseUrl}/api/indicators/${INTERNAL_INDICATOR}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(byToken.status).toBe(200);

    // Protokoll of her department
    await page.goto(`${baseUrl}/protokoll`);
    await page.getByRole('heading', { name: 'Protokoll', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Protokoll' }).waitFor();
    expect(await page.getByRole('button', { name: 'Kette prüfen' }).count()).toBe(0);
    await unclipMain(page);
    await shot(page, 'protokoll-abteilung');

    // sign out through the menu, with the keyboard
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Mein Konto' }).waitFor();
    await shot(page, 'konto-menue', false);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Sie sind abgemeldet.').waitFor();
    await page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    expect((await page.request.get(`${baseUrl}/api/me`).then((r) => r.json())).signedIn).toBe(
      false,
    );
    const names = await catalogueHeadings(page);
    expect(names.some((n) => n.includes(INTERNAL_NAME))).toBe(false);
    expect(consoleErrors.filter((e) => !/40[13]/.test(e))).toEqual([]);
    await page.context().close();
  });

  test('the administration creates a person whose one-time link sets a password', async () => {
    const { page } = await openPage(browser);
    await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
    await page.goto(`${baseUrl}/verwaltung`);
    await page.getByRole('tab', { name: 'Personen' }).waitFor();
    await page.getByRole('cell', { name: PLANNER.email }).waitFor();
    await unclipMain(page);
    await shot(page, 'verwaltung-personen');

    const email = `neu.${Date.now()}@berlin.example`;
    const form = page.getByRole('region', { name: 'Person anlegen' });
    await form.getByLabel('Name', { exact: true }).fill('Nora Neu');
    await form.getByLabel('E-Mail-Adresse').fill(email);
    await form.getByLabel('Abteilung').selectOption('jugendhilfeplanung');
    await form.getByRole('checkbox', { name: 'Fachplanung' }).check();
    await form.getByRole('button', { name: 'Anlegen' }).click();
    await form.getByText('Nora Neu ist angelegt.').waitFor();
    const link = await form.locator('.secret-box input').inputValue();
    expect(link).toMatch(/\/passwort#token=/);
    await shot(page, 'verwaltung-person-angelegt');

    // edit: the row's button opens the editor with its history
    await page
      .getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })
      .getByRole('button', { name: 'Bearbeiten: Nora Neu' })
      .click();
    const editor = page.getByRole('region', { name: 'Bearbeiten: Nora Neu' });
    await editor.getByRole('region', { name: 'Verlauf' }).getByText('Person angelegt').waitFor();
    await shot(page, 'verwaltung-person-verlauf');

    // tabs by keyboard: → goes to Abteilungen, → to Rollen
    await page.getByRole('tab', { name: 'Personen' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('cell', { name: 'Jugendhilfeplanung', exact: true }).waitFor();
    await shot(page, 'verwaltung-abteilungen');
    await page.keyboard.press('ArrowRight');
    await page.getByText('Eingebaute Rollen folgen der Software').waitFor();
    await page.getByRole('heading', { name: 'Fachplanung' }).waitFor();
    await shot(page, 'verwaltung-rollen');

    // the whole log, and the chain check
    await page.goto(`${baseUrl}/protokoll`);
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await page.getByText(/Die Hash-Kette ist unversehrt \([\d.]+ Einträge geprüft\)/).waitFor();
    await shot(page, 'protokoll');
    await page.context().close();

    // the new person opens the link (anonymous browser), sets a password, and signs in
    const { page: p2 } = await openPage(browser);
    await p2.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    await p2.getByRole('heading', { name: 'Neues Passwort setzen' }).waitFor();
    expect(p2.url()).not.toContain('token='); // the fragment is removed from the address bar
    await p2.getByLabel('Neues Passwort', { exact: true }).fill('kurz');
    await p2.getByRole('button', { name: 'Passwort speichern' }).click();
    await p2
      .getByRole('alert')
      .getByText(/mindestens 12 Zeichen/)
      .waitFor();
    await shot(p2, 'passwort-fehler', false);
    const pw = 'Kastanie-Spree-Laterne-7';
    await p2.getByLabel('Neues Passwort', { exact: true }).fill(pw);
    await p2.getByLabel('Neues Passwort wiederholen').fill(pw);
    await p2.getByRole('button', { name: 'Passwort speichern' }).click();
    await p2.getByText('Ihr Passwort ist gesetzt. Bitte melden Sie sich jetzt an.').waitFor();
    await p2.getByLabel('E-Mail-Adresse').fill(email);
    await p2.getByLabel('Passwort', { exact: true }).fill(pw);
    await p2.getByRole('button', { name: 'Anmelden' }).click();
    await p2.getByRole('button', { name: 'Konto-Menü von Nora Neu' }).waitFor();
    await p2.context().close();
  });
});
