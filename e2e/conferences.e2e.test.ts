// Sozialraumkonferenzen in real Chromium (issue 14 § 1): a Sozialplanung planner has an early
// warning in a Planungsraum (raised by her rule's detection on the Berlin demo), sets up a
// Sozialraumkonferenz for that area with a meeting, opens the meeting and fetches proposals — the
// alert appears as a proposed agenda item with its evidence and link; she accepts it, adds her own
// item, moves it up, records a decision with a task (→ measure) and sees it on the agenda; the
// public sees neither proposals nor drafts. Members are found by name; attendance is ticked. Desktop and phone screenshots: test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot } from './tools.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';
const RULE_ID = 'e2e-konferenz-kinder';

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

/** Signs in through the API; returns a caller for JSON requests with the session's CSRF token. */
async function signIn(page: Page) {
  const res = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { email: PLANNER.email, password: E2E_PASSWORD },
  });
  expect(res.ok()).toBe(true);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return async <T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
    const r = await page.request.fetch(`${baseUrl}${url}`, {
      method,
      headers: { 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    expect(r.ok(), `${method} ${url}: ${r.status()} ${await r.text()}`).toBe(true);
    return (await r.json()) as T;
  };
}

interface Alert {
  id: number;
  ruleName: string;
  area: { id: number; name: string };
}

describe.skipIf(!run)('Sozialraumkonferenz in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an alert in the area becomes a proposed item; the organiser accepts it and records a decision with a task', async () => {
    const { page, errors } = await newPage(browser, 1440, 900);
    const api = await signIn(page);
    // an early warning of the planner's department (her own rule on the demo, detected once)
    let alerts = await api<Alert[]>('GET', '/api/alerts');
    if (alerts.length === 0) {
      const indicators = await api<{ id: string; nameDe: string }[]>('GET', '/api/indicators');
      const ids = indicators
        .filter((i) => ['Anteil Einwohner unter 6 Jahren', 'Ausländeranteil'].includes(i.nameDe))
        .map((i) => i.id);
      expect(ids.length).toBeGreaterThan(0);
      await api('POST', '/api/alert-rules', {
        id: RULE_ID,
        nameDe: 'E2E Konferenz: Kinder und Ausländeranteil',
        department: 'sozialplanung',
        kind: 'indicator_change',
        params: { indicatorIds: ids, sdThreshold: 2, direction: 'both' },
      });
      await api('POST', '/api/alerts/detect', {});
      alerts = await api<Alert[]>('GET', '/api/alerts');
    }
    expect(alerts.length).toBeGreaterThan(0);
    const alert = alerts[0]!;
    const body = await api<{ id: number }>('POST', '/api/conferences/bodies', {
      kind: 'sozialraumkonferenz',
      name: `Sozialraumkonferenz ${alert.area.name}`,
      areaIds: [alert.area.id],
    });
    const meeting = await api<{ id: number }>(
      'POST',
      `/api/conferences/bodies/${body.id}/meetings`,
      {
        title: '1. Sozialraumkonferenz',
        start: '2026-03-30T18:00',
        end: '2026-03-30T20:00',
        place: 'Stadtteilzentrum',
      },
    );

    // the body's page lists the meeting at 18:00 Berlin time
    await page.goto(`${baseUrl}/konferenzen/${body.id}`);
    await page
      .getByRole('heading', { level: 1, name: `Sozialraumkonferenz ${alert.area.name}` })
      .waitFor();
    await page.getByText('30.03.2026, 18:00').waitFor();
    // a member is found by name, not by an account number
    await page.getByText('Mitglied aufnehmen').click();
    await page.getByLabel('Person oder Organisation suchen (Name)').fill('Paula Pla');
    await page.getByRole('button', { name: PLANNER.displayName, exact: true }).click();
    await page.getByText(`Ausgewählt: ${PLANNER.displayName}`).waitFor();
    await page.getByLabel('Mitglied seit').fill('2026-01-01');
    await page.getByRole('button', { name: 'Aufnehmen' }).click();
    await page.locator('.conf-members').getByText(PLANNER.displayName).waitFor();
    await saveScreenshot(page, 'conferences-body-desktop', { fullPage: true });

    await page.getByRole('link', { name: '1. Sozialraumkonferenz' }).click();
    await page.getByRole('heading', { level: 1, name: '1. Sozialraumkonferenz' }).waitFor();
    await page.getByRole('button', { name: 'Vorschläge aus dem Gebiet holen' }).click();
    const proposals = page.getByRole('region', { name: 'Vorschläge' });
    const title = `${alert.area.name}: ${alert.ruleName}`;
    const proposal = proposals.getByRole('listitem').filter({ hasText: title }).first();
    await proposal.waitFor();
    expect(await proposal.innerText()).toContain('Frühwarnung');
    expect(
      await proposal.getByRole('link', { name: 'Quelle öffnen' }).getAttribute('href'),
    ).toMatch(new RegExp(`area=${alert.area.id}`));
    // its evidence shows where: a small static map of the area among its neighbours (ADR 0040)
    const snippet = proposal.getByRole('img', {
      name: 'Kleine Karte: das Gebiet (rot) und seine Nachbargebiete (grau)',
    });
    await snippet.waitFor();
    expect(await snippet.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    await saveScreenshot(page, 'conferences-proposals-desktop', { fullPage: true });

    // accept the alert, add an own item and move it to the top
    await proposal.getByRole('button', { name: 'Annehmen' }).click();
    const agenda = page.getByRole('region', { name: 'Tagesordnung' });
    await agenda.getByRole('heading', { level: 3, name: `1. ${title}` }).waitFor();
    await page.getByLabel('Eigener Punkt').fill('Begrüßung');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await agenda.getByRole('heading', { level: 3, name: '2. Begrüßung' }).waitFor();
    await agenda.getByRole('button', { name: 'Nach oben: Begrüßung' }).click();
    await agenda.getByRole('heading', { level: 3, name: '1. Begrüßung' }).waitFor();

    // a decision with a task that becomes a measure
    const item = agenda.getByRole('listitem').filter({ hasText: title }).first();
    await item.getByText('Protokoll / Beschluss').click();
    await item
      .getByLabel('Beschlusstext')
      .fill('Das Jugendamt prüft ein zusätzliches Angebot für Kinder.');
    await item.getByLabel('Ja').fill('8');
    await item.getByLabel('Nein').fill('0');
    await item.getByLabel('Enthaltung').fill('1');
    await item.getByLabel('Aufgabe', { exact: true }).fill('Angebot für Kinder prüfen');
    await item.getByLabel('Zuständige Abteilung').selectOption({ label: 'Sozialplanung' });
    await item.getByLabel('Fällig am').fill('2026-06-30');
    await item.getByRole('button', { name: 'Beschluss erfassen' }).click();
    const decision = item.locator('.conf-decision');
    await Promise.race([
      decision.waitFor(),
      page
        .locator('.conf-error')
        .waitFor()
        .then(async () => {
          throw new Error(await page.locator('.conf-error').innerText());
        }),
    ]);
    expect(await decision.innerText()).toContain(
      'Das Jugendamt prüft ein zusätzliches Angebot für Kinder.',
    );
    expect(await item.innerText()).toContain('8 ja, 0 nein, 1 Enthaltungen');
    expect(await item.innerText()).toContain('Aufgabe: Angebot für Kinder prüfen');
    // attendance: the member is listed; ticked and saved she counts as present
    const attendance = page.getByRole('region', { name: 'Anwesenheit' });
    await attendance.getByLabel(PLANNER.displayName).check();
    await attendance.getByRole('button', { name: 'Anwesenheit speichern' }).click();
    await attendance.getByText('Gespeichert. 1 von 1 anwesend').waitFor();
    await saveScreenshot(page, 'conferences-meeting-desktop', { fullPage: true });

    // trace both ways: the decision links to its measure, the measure says where it came from
    await item.getByRole('link', { name: /^Maßnahme Nr\. \d+ öffnen$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Angebot für Kinder prüfen' }).waitFor();
    const origin = page.getByRole('region', { name: 'Woher kommt das?' });
    expect(await origin.innerText()).toContain('1. Sozialraumkonferenz');
    await saveScreenshot(page, 'conferences-measure-from-decision-desktop', { fullPage: true });
    // the chain: decision, agenda item (both on the meeting page), the alert when there is one
    await origin.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: '1. Sozialraumkonferenz' }).waitFor();

    const stored = await api<{
      agenda: { title: string; decisions: { task: { title: string } | null }[] }[];
    }>('GET', `/api/conferences/meetings/${meeting.id}`);
    const decided = stored.agenda.find((i) => i.title === title)!;
    expect(decided.decisions[0]!.task!.title).toBe('Angebot für Kinder prüfen');

    // the public sees the accepted agenda, not the proposals nor the draft decision
    const visitor = await newPage(browser, 390, 844);
    await visitor.page.goto(`${baseUrl}/konferenzen/sitzungen/${meeting.id}`);
    await visitor.page.getByRole('heading', { level: 1, name: '1. Sozialraumkonferenz' }).waitFor();
    await visitor.page.getByRole('heading', { level: 3, name: '1. Begrüßung' }).waitFor();
    expect(await visitor.page.locator('main').innerText()).not.toContain('Das Jugendamt prüft');
    await saveScreenshot(visitor.page, 'conferences-meeting-phone-public', { fullPage: true });

    // the organiser's page on a phone
    const phone = await newPage(browser, 390, 844);
    await signIn(phone.page);
    await phone.page.goto(`${baseUrl}/konferenzen/sitzungen/${meeting.id}`);
    await phone.page.getByRole('heading', { level: 3, name: `2. ${title}` }).waitFor();
    await saveScreenshot(phone.page, 'conferences-meeting-phone', { fullPage: true });
    await phone.page.goto(`${baseUrl}/konferenzen`);
    await phone.page
      .getByRole('heading', { level: 1, name: 'Sozialraumkonferenzen und Gremien' })
      .waitFor();
    await saveScreenshot(phone.page, 'conferences-list-phone', { fullPage: true });
    expect([...errors, ...visitor.errors, ...phone.errors]).toEqual([]);
  });
});
