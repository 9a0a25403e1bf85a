// From signal to measure in real Chromium (issue 14, the loop): a Sozialplanung planner finds an
// early warning in the feed (/hinweise), opens „Maßnahme daraus anlegen“ — the form comes with the
// alert's area, a goal on its indicator and the alert as origin —, places the measure at a point
// inside the area, sets the goal's target and saves. The measure's page says where it came from
// (the alert, linked), the area profile lists it under „Maßnahmen in diesem Gebiet“, the map's
// measures layer shows it at its point (and a second measure along a line as a line), and the
// feed lists measure signals next to the alerts.
// Finally she deletes it after the confirmation. Screenshots at 1440 × 900 and 390 × 844:
// test-results/screenshots/signal-to-measure-*.png.
// Trace both ways: an alert proposed to a meeting of a Sozialraumkonferenz of its own and decided
// there; she clicks from the alert's card („Was ist daraus geworden?“) to the agenda item, from its
// decision to the measure, and from the measure's „Woher kommt das?“ back to the meeting and the
// alert (screenshots signal-to-measure-trace-*.png).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot } from './tools.ts';
import { axeViolations } from './axe.ts';
import { interiorPoints, type Feature } from './map-geometry.ts';
import { E2E_PASSWORD, PLANNER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';
const RULE_ID = 'e2e-massnahme-kinder';

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
  return async <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    data?: unknown,
  ): Promise<T> => {
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
  area: { id: number; name: string; code: string };
  indicator: { id: string; name: string } | null;
}

describe.skipIf(!run)('From an alert to a measure in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an alert in the feed becomes a measure with an indicator goal, in the profile and on the map', async () => {
    const { page, errors } = await newPage(browser, 1440, 900);
    const api = await signIn(page);
    // an early warning on an indicator (her department's rule on the demo, detected once)
    let alerts = await api<Alert[]>('GET', '/api/alerts');
    if (!alerts.some((a) => a.indicator)) {
      const indicators = await api<{ id: string; nameDe: string }[]>('GET', '/api/indicators');
      const ids = indicators
        .filter((i) => ['Anteil Einwohner unter 6 Jahren', 'Ausländeranteil'].includes(i.nameDe))
        .map((i) => i.id);
      const rules = await api<{ id: string }[]>('GET', '/api/alert-rules');
      if (!rules.some((r) => r.id === RULE_ID))
        await api('POST', '/api/alert-rules', {
          id: RULE_ID,
          nameDe: 'E2E Maßnahme: Kinder und Ausländeranteil',
          department: 'sozialplanung',
          kind: 'indicator_change',
          params: { indicatorIds: ids, sdThreshold: 2, direction: 'both' },
        });
      await api('POST', '/api/alerts/detect', {});
      alerts = await api<Alert[]>('GET', '/api/alerts');
    }
    const alert = alerts.find((a) => a.indicator)!;
    expect(alert, 'an alert on an indicator').toBeDefined();
    const indicator = alert.indicator!;
    const series = (
      await api<{ date: string; value: number | null }[]>(
        'GET',
        `/api/areas/${alert.area.id}/series?indicator=${indicator.id}`,
      )
    ).filter((p) => p.value !== null);
    expect(series.length).toBeGreaterThan(0);
    const baseline = series[0]!;
    // a point well inside the alert's Planungsraum
    const plr = await api<{ features: Feature[] }>(
      'GET',
      '/api/area-systems/lor2021/levels/plr/geometry',
    );
    const feature = plr.features.find((f) => f.properties.code === alert.area.code)!;
    const [inside] = interiorPoints([feature], 1);
    const [lon, lat] = inside!.point;
    const title = `Antwort auf ${alert.area.name} ${Date.now().toString(36)}`;

    // the feed: the alert's card offers a measure
    await page.goto(`${baseUrl}/hinweise`);
    const card = page.locator(`#hinweis-${alert.id}`);
    const create = card.getByRole('link', { name: 'Maßnahme daraus anlegen' });
    await create.waitFor({ timeout: 30_000 });
    await page
      .getByRole('heading', { level: 2, name: 'Maßnahmen: überfällig oder nicht auf Kurs' })
      .waitFor();
    await saveScreenshot(page, 'signal-to-measure-feed-desktop', { fullPage: true });
    await create.click();

    // the form: area, goal indicator and origin come from the alert
    await page.getByRole('heading', { level: 1, name: 'Neue Maßnahme anlegen' }).waitFor();
    await page.getByText('Aus der Frühwarnung:').waitFor();
    await page.getByRole('button', { name: `„${alert.area.name}“ entfernen` }).waitFor();
    const indicatorSelect = page.getByLabel('Indikator', { exact: true });
    await expect.poll(() => indicatorSelect.inputValue()).toBe(indicator.id);
    expect(await page.getByLabel('Gebiet des Ziels').inputValue()).toBe(String(alert.area.id));
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Sichtbarkeit').selectOption('public');
    await page.getByLabel('Status', { exact: true }).selectOption('in_progress');
    await page.getByLabel('Beginn').fill(baseline.date);
    await page.getByLabel('Ende', { exact: true }).fill('2030-12-31');
    await page.getByLabel('Art des Orts').selectOption('Point');
    await page.getByLabel('Koordinaten').fill(`${lat.toFixed(5)}, ${lon.toFixed(5)}`);
    const target = Math.round(baseline.value! * 0.9 * 10) / 10;
    await page.getByLabel('Zielwert', { exact: true }).fill(String(target).replace('.', ','));
    await page.getByLabel('Zieldatum', { exact: true }).fill('2030-12-31');
    await page.getByText('Ausgangswert aus den Daten:').waitFor();
    await saveScreenshot(page, 'signal-to-measure-form-desktop', { fullPage: true });
    await page.getByRole('button', { name: 'Speichern' }).click();

    // the measure's page: origin is the alert (linked), a goal chart on the alert's indicator
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = /\/massnahmen\/(\d+)$/.exec(page.url())![1]!;
    const origin = page.getByRole('region', { name: 'Woher kommt das?' });
    await origin.getByText('Frühwarnung:').waitFor();
    expect(await origin.getByRole('link').getAttribute('href')).toBe(
      `/hinweise#hinweis-${alert.id}`,
    );
    await page
      .getByRole('img', {
        name: `Verlauf von „${indicator.name}“ in ${alert.area.name}: Ist-Werte gegen den Zielpfad`,
      })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'signal-to-measure-detail-desktop', { fullPage: true });
    const listed = (
      await api<{ id: string; marker: number[] | null }[]>('GET', '/api/measures')
    ).find((m) => m.id === id)!;
    expect(listed.marker![0]).toBeCloseTo(Number(lon.toFixed(5)), 5);
    expect(listed.marker![1]).toBeCloseTo(Number(lat.toFixed(5)), 5);

    // the area profile's card
    await page.goto(`${baseUrl}/gebiete/${alert.area.id}`);
    await page
      .getByRole('region', { name: 'Maßnahmen in diesem Gebiet' })
      .getByRole('link', { name: title })
      .waitFor({ timeout: 30_000 });

    // and back on the alert's card: „Was ist daraus geworden?“ names the measure (trace both ways)
    await page.goto(`${baseUrl}/hinweise`);
    await page
      .locator(`#hinweis-${alert.id} .alert-outcome`)
      .getByRole('link', { name: title })
      .waitFor({ timeout: 30_000 });

    // a second measure along a short line in the same area: drawn as a line on the map
    await api('POST', '/api/measures', {
      title: `Schulweg ${alert.area.name}`,
      departmentId: 'sozialplanung',
      areaIds: [alert.area.id],
      geometry: {
        type: 'LineString',
        // within the largest circle inside the area around the point (interiorPoints' clearance)
        coordinates: [
          [lon, lat - 0.8 * inside!.clearance],
          [lon, lat + 0.8 * inside!.clearance],
        ],
      },
    });

    // on the map: the measures' layer, markers and the line
    await page.goto(`${baseUrl}/?system=lor2021&level=plr`);
    const layer = page.getByRole('checkbox', { name: 'Maßnahmen', exact: true });
    await layer.waitFor({ timeout: 60_000 });
    await layer.check();
    const rendered = await page
      .waitForFunction(
        () => {
          const el = document.querySelector<HTMLElement>('[data-point-layers]');
          const v = el?.dataset.pointLayers ? JSON.parse(el.dataset.pointLayers) : {};
          return (v['maßnahmen'] ?? 0) > 0 ? v['maßnahmen'] : false;
        },
        undefined,
        { timeout: 60_000, polling: 250 },
      )
      .then((h) => h.jsonValue());
    expect(rendered).toBeGreaterThan(0);
    // fly to the area (the search), where the short line is long enough to draw
    const search = page.getByRole('combobox', { name: 'Gebiet suchen' });
    await search.fill(alert.area.name);
    await page
      .getByRole('option', { name: new RegExp(`^${alert.area.name} · Planungsraum`) })
      .first()
      .waitFor({ timeout: 15_000 });
    await search.press('Enter');
    const lines = await page
      .waitForFunction(
        () => {
          const el = document.querySelector<HTMLElement>('[data-point-layers]');
          const v = el?.dataset.pointLayers ? JSON.parse(el.dataset.pointLayers) : {};
          return (v['maßnahmen:linien'] ?? 0) > 0 ? v['maßnahmen:linien'] : false;
        },
        undefined,
        { timeout: 60_000, polling: 250 },
      )
      .then((h) => h.jsonValue());
    expect(lines).toBeGreaterThan(0);
    await saveScreenshot(page, 'signal-to-measure-map-desktop');

    // on a phone: the feed and the new measure
    const phone = await newPage(browser, 390, 844);
    await phone.page.request.post(`${baseUrl}/api/auth/login`, {
      data: { email: PLANNER.email, password: E2E_PASSWORD },
    });
    await phone.page.goto(`${baseUrl}/hinweise`);
    await phone.page.locator(`#hinweis-${alert.id}`).waitFor({ timeout: 30_000 });
    await saveScreenshot(phone.page, 'signal-to-measure-feed-phone', { fullPage: true });
    await phone.page.goto(`${baseUrl}/massnahmen/${id}`);
    await phone.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await saveScreenshot(phone.page, 'signal-to-measure-detail-phone', { fullPage: true });
    expect(phone.errors).toEqual([]);

    // delete after the confirmation
    await page.goto(`${baseUrl}/massnahmen/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: 'Löschen', exact: true }).click();
    await page.getByText(`„${title}“ endgültig löschen?`).waitFor();
    await saveScreenshot(page, 'signal-to-measure-delete-desktop');
    await page.getByRole('button', { name: 'Endgültig löschen' }).click();
    await page.getByRole('status').getByText(`„${title}“ wurde gelöscht.`).waitFor();
    expect((await page.request.get(`${baseUrl}/api/measures/${id}`)).status()).toBe(404);
    expect(errors).toEqual([]);
  });

  test('clicks from the alert to its agenda item, the decision, the measure and back (trace both ways)', async () => {
    const { page, errors } = await newPage(browser, 1440, 900);
    const api = await signIn(page);
    const alert = (await api<Alert[]>('GET', '/api/alerts')).find((a) => a.indicator);
    expect(alert, 'an alert on an indicator (the first journey makes one)').toBeDefined();
    const stamp = Date.now().toString(36);
    // records of its own: a body for the alert's area, a meeting, the alert accepted and decided
    const body = await api<{ id: number }>('POST', '/api/conferences/bodies', {
      kind: 'stadtteilrunde',
      name: `Stadtteilrunde Verfolgung ${stamp}`,
      areaIds: [alert!.area.id],
    });
    const meeting = await api<{ id: number }>(
      'POST',
      `/api/conferences/bodies/${body.id}/meetings`,
      { title: `Runde ${stamp}`, start: '2027-03-15T18:00', end: '2027-03-15T20:00' },
    );
    interface Agenda {
      agenda: {
        id: number;
        title: string;
        source: { kind: string; id: string } | null;
        decisions: { id: number; task: { measureId: string | null } | null }[];
      }[];
    }
    const built = await api<Agenda>('POST', `/api/conferences/meetings/${meeting.id}/proposals`);
    const item = built.agenda.find((i) => i.source?.id === String(alert!.id))!;
    expect(item, 'the alert proposed to the meeting').toBeDefined();
    await api('PATCH', `/api/conferences/agenda-items/${item.id}`, { status: 'accepted' });
    const task = `Aufsuchende Beratung ${stamp}`;
    const decided = await api<Agenda>(
      'POST',
      `/api/conferences/agenda-items/${item.id}/decisions`,
      {
        text: `Die Runde beschließt: ${task}.`,
        task: { title: task, departmentId: 'sozialplanung', visibility: 'public' },
      },
    );
    const decision = decided.agenda.find((i) => i.id === item.id)!.decisions[0]!;
    const measureId = decision.task!.measureId!;

    // the alert's card: „Was ist daraus geworden?“ — the meeting, its status, decision and measure
    await page.goto(`${baseUrl}/hinweise#hinweis-${alert!.id}`);
    const outcome = page.getByRole('region', { name: 'Was ist daraus geworden?' }).filter({
      has: page.locator(`a[href="/konferenzen/sitzungen/${meeting.id}#top-${item.id}"]`),
    });
    await outcome.waitFor({ timeout: 30_000 });
    // the meeting is still ahead: accepted means „auf der Tagesordnung“ (after it: „behandelt“)
    await outcome
      .getByText(/auf der Tagesordnung/)
      .first()
      .waitFor();
    await outcome.getByRole('link', { name: task, exact: true }).waitFor();
    await page.locator(`#hinweis-${alert!.id}`).screenshot({
      path: 'test-results/screenshots/signal-to-measure-trace-card-desktop.png',
    });
    await outcome.getByRole('link', { name: item.title }).click();

    // the agenda item: where it came from (the alert, linked) and what its decision became
    const top = page.locator(`#top-${item.id}`);
    await top.waitFor({ timeout: 30_000 });
    const origin = top.getByRole('region', { name: 'Woher kommt das?' });
    expect(await origin.getByRole('link').first().getAttribute('href')).toBe(
      `/hinweise#hinweis-${alert!.id}`,
    );
    const became = page
      .locator(`#beschluss-${decision.id}`)
      .getByRole('region', { name: 'Was ist daraus geworden?' });
    await became.getByRole('link', { name: task, exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'signal-to-measure-trace-meeting-desktop', { fullPage: true });
    await became.getByRole('link', { name: task, exact: true }).click();

    // the measure: its origin chain — decision, agenda item (meeting), alert — each linked
    await page.getByRole('heading', { level: 1, name: task }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/massnahmen/${measureId}`);
    const chain = page.getByRole('region', { name: 'Woher kommt das?' });
    await chain.getByText('Tagesordnungspunkt:').waitFor();
    const hrefs = await chain
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      `/konferenzen/sitzungen/${meeting.id}#beschluss-${decision.id}`,
      `/konferenzen/sitzungen/${meeting.id}#top-${item.id}`,
      `/hinweise#hinweis-${alert!.id}`,
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'signal-to-measure-trace-measure-desktop', { fullPage: true });
    // and back: to the decision, then on to the alert's card
    await chain.getByRole('link').first().click();
    await page.locator(`#beschluss-${decision.id}`).waitFor({ timeout: 30_000 });
    await page.goBack();
    await chain.getByRole('link').last().click();
    await page.locator(`#hinweis-${alert!.id}`).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).hash).toBe(`#hinweis-${alert!.id}`);

    // on a phone: the card, the meeting and the measure
    const phone = await newPage(browser, 390, 844);
    await phone.page.request.post(`${baseUrl}/api/auth/login`, {
      data: { email: PLANNER.email, password: E2E_PASSWORD },
    });
    await phone.page.goto(`${baseUrl}/hinweise#hinweis-${alert!.id}`);
    await phone.page
      .locator(`#hinweis-${alert!.id} .alert-outcome`)
      .getByRole('link', { name: task, exact: true })
      .waitFor({ timeout: 30_000 });
    await phone.page.locator(`#hinweis-${alert!.id}`).screenshot({
      path: 'test-results/screenshots/signal-to-measure-trace-card-phone.png',
    });
    await phone.page.goto(`${baseUrl}/konferenzen/sitzungen/${meeting.id}#top-${item.id}`);
    await phone.page
      .locator(`#beschluss-${decision.id}`)
      .getByRole('link', { name: task, exact: true })
      .waitFor();
    await saveScreenshot(phone.page, 'signal-to-measure-trace-meeting-phone', { fullPage: true });
    await phone.page.goto(`${baseUrl}/massnahmen/${measureId}`);
    await phone.page
      .getByRole('region', { name: 'Woher kommt das?' })
      .getByText('Tagesordnungspunkt:')
      .waitFor();
    await saveScreenshot(phone.page, 'signal-to-measure-trace-measure-phone', { fullPage: true });
    expect(phone.errors).toEqual([]);

    // leave the shared demo as it was: the measure goes (the decision then says when)
    await api('DELETE', `/api/measures/${measureId}`);
    expect(errors).toEqual([]);
  });
});
