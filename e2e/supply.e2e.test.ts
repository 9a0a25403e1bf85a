// Versorgung und Akteursnetz in Chromium (issue 12 §§ 2–3): a visitor opens /versorgung for Kitas and
// sees the table, the map, the largest gaps and the method; changing the type repaints the map.
// On an area's profile „Wer ist hier aktiv?“ finds the Kitas in and near the area. /netzwerk shows
// its filters and downloads GraphML. The administration stores the Kita ratio as an indicator on
// /versorgung and saves „Einwohnende insgesamt“ (a share is refused at the field); a provider records places and the next supply answer counts them (ADR 0042).
// axe: 0 violations. Screenshots at 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { ADMIN, E2E_PASSWORD, PROVIDER } from './people.ts';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

interface Supply {
  rows: {
    areaId: number;
    code: string;
    name: string;
    facilities: number;
    gapRank: number | null;
  }[];
  largestGaps: { areaId: number }[];
}

/** The fills of the first map paths, to see the map repaint. */
async function mapFills(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.svg-map path')]
      .slice(0, 60)
      .map((p) => p.getAttribute('fill'))
      .join(','),
  );
}

describe.skipIf(!run)('Versorgung und Akteursnetz in Chromium', () => {
  let browser: Browser;
  let kitaArea: Supply['rows'][number];

  beforeAll(async () => {
    browser = await launchChromium();
    const started = performance.now();
    const s = await getJson<Supply>(baseUrl, '/api/supply?serviceType=kita');
    // measured, for ADR 0037: one answer over all Planungsräume and Kitas of the demo
    console.log(`GET /api/supply?serviceType=kita: ${Math.round(performance.now() - started)} ms`);
    kitaArea = s.rows.filter((r) => r.facilities >= 2).sort((a, b) => a.areaId - b.areaId)[0]!;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a visitor sees Kita supply per area as map and table, and the map follows the type', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/versorgung?typ=kita`);
      await page.getByRole('heading', { name: 'Versorgung gegen Bedarf', level: 1 }).waitFor();
      await page.getByText(/Plätze je 100 Kinder unter 6 Jahren/).waitFor();
      await page.getByRole('img', { name: /Karte: Kindertagesstätte je Gebiet/ }).waitFor();
      expect(await page.locator('.svg-map path').count()).toBeGreaterThan(500);
      const table = page.getByRole('table', { name: 'Versorgung je Gebiet' });
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBe(15);
      await page.getByRole('heading', { name: 'Größte Lücken' }).waitFor();
      // anchored: the Lücken part below names the directory as of the same date in its own provenance
      await page.getByText(/^aus dem Angebotsverzeichnis, Stand \d\d\.\d\d\.\d{4}/).waitFor();
      await page.getByText(/Luftlinie zum nächsten Angebot/).waitFor();
      await saveScreenshot(page, `supply-kita-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);

      const before = await mapFills(page);
      await page.getByLabel('Angebotsart').selectOption('pflege');
      await page.getByText(/Plätze je 100 Personen ab 65 Jahren/).waitFor();
      await page.getByRole('img', { name: /Karte: Pflegeeinrichtung je Gebiet/ }).waitFor();
      await expect.poll(() => mapFills(page)).not.toBe(before);
      await page.getByLabel('Gehentfernung').selectOption('1000');
      await page.getByRole('columnheader', { name: /in Gehentfernung \(1 km\)/ }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('the profile of an area lists who is active there and finds Kitas near it', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/gebiete/${kitaArea.areaId}`);
      await page.getByRole('heading', { name: 'Wer ist hier aktiv?' }).waitFor();
      const section = page.locator('.area-actors');
      await section.getByLabel('Angebotsart').selectOption('kita');
      await section.getByText(/^\d+ Organisation(en)?$/).waitFor();
      const inside = await section.locator('.actor-list a[href^="/angebote/"]').count();
      expect(inside).toBeGreaterThanOrEqual(2);
      const nearTag = section.locator('.actor-list').getByText('in der Nähe', { exact: true });
      expect(await nearTag.count()).toBe(0);
      await section.getByLabel('auch in der Nähe').selectOption('1000');
      await expect
        .poll(() => section.locator('.actor-list a[href^="/angebote/"]').count())
        .toBeGreaterThan(inside);
      await nearTag.first().waitFor();
      await section
        .getByText(/m vom Gebietsschwerpunkt \(Luftlinie\)/)
        .first()
        .waitFor();
      await section.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `supply-area-actors-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });

  test('the network view filters by Lebenslage and offers GraphML and CSV', async () => {
    // the Träger records a joint project of its Kita with another Träger (API, as the Träger)
    interface Services {
      items: { name: string; organisation: { id: string; name: string } }[];
    }
    const own = (
      await getJson<Services>(baseUrl, '/api/directory/services?q=F.A.I.R.play')
    ).items.find((x) => x.name === 'Kita F.A.I.R.play')!.organisation;
    const other = (
      await getJson<Services>(baseUrl, '/api/directory/services?type=kita&perPage=50')
    ).items.find((x) => x.organisation.id !== own.id)!.organisation;
    const setup = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'de-DE',
    });
    const sp = await setup.newPage();
    await signInByApi(sp, baseUrl, PROVIDER, E2E_PASSWORD);
    await sp.goto(`${baseUrl}/netzwerk`);
    await sp.getByText('Kooperation eintragen').click();
    const form = sp.locator('.link-form');
    const ownBox = form.getByRole('group', { name: 'Eigene Organisation' });
    await ownBox.getByLabel('Name des Angebots oder Trägers').fill('F.A.I.R.play');
    await ownBox.getByRole('button', { name: 'Suchen' }).click();
    await expect
      .poll(() => ownBox.getByLabel('Organisation', { exact: true }).inputValue())
      .toBe(own.id);
    const partnerBox = form.getByRole('group', { name: 'Partnerorganisation' });
    await partnerBox.getByLabel('Name des Angebots oder Trägers').fill(other.name);
    await partnerBox.getByRole('button', { name: 'Suchen' }).click();
    await expect.poll(() => partnerBox.locator('option').allTextContents()).toContain(other.name);
    await partnerBox.getByLabel('Organisation', { exact: true }).selectOption(other.id);
    await form.getByLabel('Lebenslage').selectOption('education');
    await form.getByRole('button', { name: 'Kooperation speichern' }).click();
    await form.getByText('Die Kooperation ist eingetragen.').waitFor();
    await saveScreenshot(sp, 'network-link-form-desktop');
    expect(await axeViolations(sp)).toEqual([]);
    await setup.close();

    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/netzwerk`);
      await page.getByRole('heading', { name: 'Akteursnetz', level: 1 }).waitFor();
      await page.getByLabel('Lebenslage').selectOption('education');
      const graphml = page.getByRole('link', { name: 'GraphML herunterladen' });
      await expect.poll(() => graphml.getAttribute('href')).toContain('dimension=education');
      const res = await page.request.get(`${baseUrl}${await graphml.getAttribute('href')}`);
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain('xmlns="http://graphml.graphdrawing.org/xmlns"');
      await page
        .getByRole('img', { name: /Netzwerkbild: 2 Akteure und Gremien, 1 Verbindungen/ })
        .waitFor();
      await page.getByRole('cell', { name: 'Gemeinsames Projekt' }).waitFor();
      await page.getByRole('cell', { name: own.name }).waitFor();
      await saveScreenshot(page, `network-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
      // the area filter takes a name or code from the list, not a numeric id
      await page.getByLabel('Gebiet (Name oder Schlüssel)').fill(kitaArea.code);
      await expect.poll(() => graphml.getAttribute('href')).toContain(`area=${kitaArea.areaId}`);
      await page.getByLabel('Gebiet (Name oder Schlüssel)').fill('Gibt es nicht');
      await page.getByText('Dieses Gebiet gibt es nicht: bitte aus der Liste wählen.').waitFor();
      await context.close();
    }
  });

  test('in English the residents field and the gaps CSV speak English', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({
        viewport: vp,
        locale: 'de-DE',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
      await page.goto(`${baseUrl}/versorgung?typ=kita`);
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await page.getByText('Set up: target population and indicator').click();
      const residents = page.locator('.supply-setup').getByLabel('Residents in total');
      await expect.poll(() => residents.inputValue()).toBe('ewr_inhabitants');
      await residents.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `supply-residents-english-${vp.name}`);
      // every area counts from a threshold of 0 %: those without a Kita are listed, as CSV too
      await page.getByLabel('Threshold').fill('0');
      await page.getByRole('button', { name: 'Apply' }).click();
      const csvButton = page.getByRole('button', { name: 'Gaps as CSV' });
      await csvButton.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
      const chunks: Buffer[] = [];
      for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text.split('\r\n')[0]).toBe('\uFEFFArea;Code;Need;Class;Nearest service;Distance_m');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });

  test('the administration stores Kita supply as an indicator; new places of a provider show at once', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
      await page.goto(`${baseUrl}/versorgung?typ=kita`);
      await page.getByText('Einrichten: Zielbevölkerung und Indikator').click();
      const setup = page.locator('.supply-setup');
      await setup.getByRole('heading', { name: 'Zielbevölkerung: Kindertagesstätte' }).waitFor();
      await expect
        .poll(() => setup.getByRole('checkbox', { name: /ewr_age_below_6/ }).isChecked())
        .toBe(true);
      await setup.getByRole('button', { name: /Als Indikator speichern|Neu berechnen/ }).click();
      await setup
        .getByText(
          /Gespeichert: „Kindertagesstätte: Plätze je 100 Personen von 0 bis unter 6 Jahren“/,
        )
        .waitFor({ timeout: 60_000 });
      await setup.getByRole('link', { name: 'Auf der Karte zeigen' }).waitFor();
      await setup.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `supply-setup-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);

      // Einwohnende insgesamt (ADR 0058): the demo's register total, saved again
      const residents = setup.getByLabel('Einwohnende insgesamt');
      const save = setup.getByRole('button', { name: 'Einwohnende insgesamt speichern' });
      await expect.poll(() => residents.inputValue()).toBe('ewr_inhabitants');
      await save.click();
      await setup
        .getByText('Gespeichert: „Einwohnerinnen und Einwohner“ zählt die Einwohnenden insgesamt.')
        .waitFor();
      expect(await residents.getAttribute('aria-invalid')).toBeNull();
      // a list gone stale (here: a share put into it) sends a share: the server's 400 at the field
      await residents.evaluate((el) => el.append(new Option('Anteil', 'ewr_share_age_below_18')));
      await residents.selectOption('ewr_share_age_below_18');
      await save.click();
      await setup.getByText(/ist keine Anzahl von Personen \(Art „share“\)/).waitFor();
      expect(await residents.getAttribute('aria-invalid')).toBe('true');
      await residents.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `supply-residents-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
    expect(await getJson(baseUrl, '/api/supply/residents')).toEqual({
      indicatorId: 'ewr_inhabitants',
    });
    const ind = await getJson<{ unit: string; visibility: string }>(
      baseUrl,
      '/api/indicators/versorgung_kita',
    );
    expect(ind).toMatchObject({ unit: 'per_100', visibility: 'public' });

    // the provider records 500 more places for its Kita: the next answer counts them
    interface Services {
      items: { id: string; name: string; capacity: { value: number } | null }[];
    }
    const kita = (
      await getJson<Services>(baseUrl, '/api/directory/services?q=F.A.I.R.play')
    ).items.find((x) => x.name === 'Kita F.A.I.R.play')!;
    const detail = await getJson<{ areas: { id: number }[] }>(
      baseUrl,
      `/api/directory/services/${kita.id}`,
    );
    const areaPlaces = async () => {
      const s = await getJson<{ rows: { areaId: number; places: number | null }[] }>(
        baseUrl,
        '/api/supply?serviceType=kita',
      );
      return s.rows.find((r) => detail.areas.some((a) => a.id === r.areaId))!.places ?? 0;
    };
    const before = await areaPlaces();
    // the Träger records the places on its Kita's page (the places form), sees the supply follow,
    // and takes the entry back: the shared e2e server keeps the demo's 69 places (directory journey)
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      await signInByApi(page, baseUrl, PROVIDER, E2E_PASSWORD);
      await page.goto(`${baseUrl}/angebote/${kita.id}`);
      const places = page.locator('.capacity-block');
      await places.getByRole('heading', { name: 'Plätze und Betten' }).waitFor();
      await places
        .getByLabel('Anzahl', { exact: true })
        .fill(String((kita.capacity?.value ?? 0) + 500));
      await places.getByRole('button', { name: 'Anzahl eintragen' }).click();
      await places.getByText(/Anzahl eingetragen \(im Protokoll vermerkt\)/).waitFor();
      await page
        .getByText(new RegExp(`^${(kita.capacity?.value ?? 0) + 500} Plätze \\(Stand`))
        .first()
        .waitFor();
      expect(await areaPlaces()).toBe(before + 500);
      await places.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `directory-places-form-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);
      // the supply map counts them: the area's row in the Versorgung table
      await page.goto(`${baseUrl}/versorgung?typ=kita`);
      await page.getByRole('table', { name: 'Versorgung je Gebiet' }).waitFor();
      // take the entry back (today's row)
      await page.goto(`${baseUrl}/angebote/${kita.id}`);
      const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('.');
      await places.getByRole('button', { name: `Zurücknehmen: ${today}` }).click();
      await places.getByText('Eintrag zurückgenommen (im Protokoll vermerkt).').waitFor();
      expect(await areaPlaces()).toBe(before);
      await context.close();
    }
  });
});
