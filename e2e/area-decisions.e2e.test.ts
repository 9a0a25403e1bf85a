// Geometry as cities publish it, through the import page (issue 9 § 3): the administration uploads
// the Stadtteile of a made-up town as a new area system. (1) A "Gesamtstadt" polygon beside them is
// named with its reason and left out, so exactly the 4 Stadtteile become areas. (2) The same file with
// latitude and longitude swapped is refused with the explanation; "Achsen tauschen und erneut prüfen"
// checks it again on the swapped data and the import succeeds. (3) Re-importing the level with one
// Stadtteil fewer proposes what happens to it; "Auflösen" retires it, the others stay current.
// Screenshots of the covering decision, the swap offer and the missing-area dry run at 1440×900
// and 390×844.
//
// Against a server of this file's own, on an empty database: a second town's area system in the
// shared server's database would move every other journey's map (its extent, the default system).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Db } from '../packages/server/src/db/db.ts';
import { prepareDb } from '../packages/server/src/serve.ts';
import { getJson, launchChromium, openPage, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';
import { seedPersons } from './seed.ts';

const run = inject('e2eHasChromium');
/** This file's own server (beforeAll). */
let baseUrl = '';

type Position = [number, number];

// Corners of the made-up town "Neustadt am See" (lon, lat in WGS84), shared by neighbouring Stadtteile
const P: Record<string, Position> = {
  sw: [9.98, 51.0],
  s: [10.011, 50.998],
  se: [10.05, 51.002],
  e: [10.052, 51.02],
  ne: [10.048, 51.046],
  n: [10.016, 51.047],
  nw: [9.982, 51.043],
  w: [9.979, 51.022],
  c: [10.014, 51.019],
};
const ring = (...keys: string[]): Position[] => [...keys, keys[0]!].map((k) => P[k]!);

const STADTTEILE: { code: string; name: string; ring: Position[] }[] = [
  { code: '01', name: 'Altstadt', ring: ring('sw', 's', 'c', 'w') },
  { code: '02', name: 'Hafenviertel', ring: ring('s', 'se', 'e', 'c') },
  { code: '03', name: 'Seeufer', ring: ring('c', 'e', 'ne', 'n') },
  { code: '04', name: 'Am Mühlberg', ring: ring('w', 'c', 'n', 'nw') },
];
/** The whole town, as published files often carry it beside the areas. */
const GESAMT = {
  code: '00',
  name: 'Gesamtstadt',
  ring: ring('sw', 's', 'se', 'e', 'ne', 'n', 'nw', 'w'),
};

/** A GeoJSON of the given features; `swapped` writes latitude before longitude. */
function geojson(features: { code: string; name: string; ring: Position[] }[], swapped = false) {
  return Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({
        type: 'Feature',
        properties: { STT_NR: f.code, STT_NAME: f.name },
        geometry: {
          type: 'Polygon',
          coordinates: [swapped ? f.ring.map(([x, y]) => [y, x]) : f.ring],
        },
      })),
    }),
  );
}

const suffix = Date.now().toString(36); // unique ids (the database is this file's own anyway)
const SYSTEM = `neustadt_${suffix}`;
const SYSTEM_SWAPPED = `neustadt_vt_${suffix}`;
const LEVEL = 'stadtteil';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

interface AreaRow {
  code: string;
  name: string;
  validTo: string | null;
}

const areasOf = (system: string) =>
  getJson<AreaRow[]>(baseUrl, `/api/areas?system=${system}&level=${LEVEL}`);

async function adminPage(
  browser: Browser,
  viewport: { width: number; height: number } = VIEWPORTS[0],
): Promise<{ page: Page; consoleErrors: string[] }> {
  const opened = await openPage(browser, viewport);
  await signInByApi(opened.page, baseUrl, ADMIN, E2E_PASSWORD);
  return opened;
}

/** Opens the import page, chooses one GeoJSON file and presses "Dateien prüfen". */
async function checkFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.goto(`${baseUrl}/import`);
  await page.getByRole('heading', { name: 'Daten importieren' }).waitFor();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'application/geo+json', buffer: bytes });
  await page.getByText(name).first().waitFor();
  await page.getByRole('button', { name: 'Dateien prüfen' }).click();
}

const coveringGroup = (page: Page) => page.getByRole('group', { name: 'Gesamtfläche erkannt' });
const LEAVE_OUT = /^Auslassen \(empfohlen\)/;

/** Fills the target as a new system and level with its source (the analysis suggests the columns). */
async function fillNewSystem(page: Page, systemId: string, systemName: string): Promise<void> {
  await page.getByLabel('Kennung des neuen Gebietssystems').fill(systemId);
  await page.getByLabel('Name des neuen Gebietssystems').fill(systemName);
  await page.getByLabel('Gültig ab').fill('01.01.2024');
  await page.getByLabel('Kennung der Ebene').fill(LEVEL);
  await page.getByLabel('Name der Ebene (deutsch)').fill('Stadtteil');
  expect(await page.getByLabel('Schlüsselspalte').inputValue()).toBe('STT_NR');
  expect(await page.getByLabel('Namensspalte').inputValue()).toBe('STT_NAME');
  const source = page.getByRole('group', { name: 'Quelle des Gebietssystems' });
  await source.getByLabel('Titel', { exact: true }).fill('Stadtteile Neustadt am See (Test)');
  await source.getByLabel('Herausgeber', { exact: true }).fill('Stadt Neustadt am See (Test)');
  await source.getByLabel('Lizenz', { exact: true }).fill('dl-de/by-2-0');
  await source.getByLabel('Namensnennung', { exact: true }).fill('Stadt Neustadt am See');
}

/** Presses a run button and returns the heading of the report it produces. */
async function runAndReport(page: Page, button: 'Probelauf' | 'Importieren'): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const heading = page.getByRole('heading', {
    name: button === 'Probelauf' ? /^Prüfbericht: Probelauf/ : /^Prüfbericht: (?!Probelauf)/,
  });
  await heading.waitFor({ timeout: 60_000 });
  return heading.innerText();
}

/** A viewport screenshot with `focus` scrolled into view (the app scrolls inside its main area). */
async function shoot(page: Page, name: string, focus: Locator): Promise<void> {
  await focus.scrollIntoViewIfNeeded();
  await saveScreenshot(page, name);
}

describe.skipIf(!run)('area import decisions in Chromium', () => {
  let browser: Browser;

  let dir: string;
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-e2e-area-decisions-'));
    const config = {
      ...loadConfig({ SOZIALRAUM_DATA_DIR: dir, SOZIALRAUM_DEMO: 'none', PORT: '0' }),
      alertScheduleMinutes: null,
    };
    db = await prepareDb(config, () => undefined);
    await seedPersons(db, [ADMIN]);
    app = await buildApp({ db, tenantId: config.tenantId, config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('a whole-town feature is named with its reason and left out: exactly 4 areas', async () => {
    const file = geojson([...STADTTEILE, GESAMT]);
    for (const vp of VIEWPORTS) {
      const { page, consoleErrors } = await adminPage(browser, vp);
      await checkFile(page, 'stadtteile-neustadt.geojson', file);
      const covering = coveringGroup(page);
      await covering.waitFor({ timeout: 60_000 });
      const text = await covering.innerText();
      expect(text).toContain('Objekt 5 („00 Gesamtstadt“) überdeckt 100 % der anderen Objekte');
      expect(text).toContain('vermutlich die ganze Stadt oder eine Gesamtfläche, kein Gebiet');
      // leaving it out is the proposal; keeping it is the other choice
      expect(await covering.getByRole('radio', { name: LEAVE_OUT }).isChecked()).toBe(true);
      expect(
        await covering.getByRole('radio', { name: 'Trotzdem als Gebiet übernehmen' }).isChecked(),
      ).toBe(false);
      await shoot(page, `area-covering-${vp.name}`, covering);
      expect(consoleErrors).toEqual([]);
      if (vp.name === 'mobile') {
        await page.context().close();
        continue;
      }

      await covering.getByRole('radio', { name: LEAVE_OUT }).check();
      await fillNewSystem(page, SYSTEM, 'Stadtteile Neustadt am See');
      expect(await runAndReport(page, 'Importieren')).toContain('Import erfolgreich');
      // an areas import counts features read and areas written, not rows and values
      const report = await page.locator('section.report').innerText();
      expect(report).toMatch(/Objekte gelesen\s*5/);
      expect(report).toMatch(/Gebiete geschrieben\s*4/);
      expect(report).not.toContain('Werte geschrieben');
      const areas = await areasOf(SYSTEM);
      expect(areas.map((a) => `${a.code} ${a.name}`).sort()).toEqual([
        '01 Altstadt',
        '02 Hafenviertel',
        '03 Seeufer',
        '04 Am Mühlberg',
      ]);
      await page.context().close();
    }
  });

  test('swapped axes are refused with the reason; swapping and checking again imports', async () => {
    const file = geojson([...STADTTEILE, GESAMT], true);
    for (const vp of VIEWPORTS) {
      const { page } = await adminPage(browser, vp);
      await checkFile(page, 'stadtteile-neustadt-vertauscht.geojson', file);
      // the box says which step refused (the check, not an import) and points to the table
      const refusal = page
        .getByRole('alert')
        .filter({ hasText: 'Die Prüfung hat die Datei abgelehnt.' });
      await refusal.waitFor({ timeout: 60_000 });
      const box = await refusal.innerText();
      expect(box).toContain('Es wurde nichts importiert. Was nicht passt, steht in der Tabelle');
      expect(box).not.toContain('Import ist fehlgeschlagen');
      // the issue names the file; the offer appears only for the hint the server sends with it
      const issues = page.getByRole('table', { name: '1 Fehler' });
      expect(await issues.innerText()).toContain('stadtteile-neustadt-vertauscht.geojson');
      expect(await issues.innerText()).toContain('wir korrigieren das nicht stillschweigend');
      // the long message once, in the table, not again in the box
      expect(
        await page.getByText('Die Koordinaten scheinen Breite/Länge vertauscht zu haben').count(),
      ).toBe(1);
      if (vp.name === 'mobile') {
        // on a phone each issue is a block with labelled values: nothing to scroll sideways
        const wrap = await issues.evaluate((t) => {
          const w = t.parentElement!;
          return { scroll: w.scrollWidth, client: w.clientWidth };
        });
        expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
        const message = issues.getByRole('cell').filter({ hasText: 'Die Koordinaten scheinen' });
        expect((await message.boundingBox())!.width).toBeGreaterThan(300);
        expect(await message.evaluate((c) => getComputedStyle(c, '::before').content)).toBe(
          '"Meldung: "',
        );
      }
      await page
        .getByText('Wenn Sie das bestätigen, wird die Datei mit getauschten Achsen')
        .waitFor();
      const swap = page.getByRole('button', { name: 'Achsen tauschen und erneut prüfen' });
      // refused: nothing to map or import yet
      expect(await page.getByRole('button', { name: 'Importieren', exact: true }).count()).toBe(0);
      expect(await coveringGroup(page).count()).toBe(0);
      await shoot(page, `area-swap-offer-${vp.name}`, swap);
      // by keyboard the offer is the next stop after "Dateien prüfen", with a visible focus ring
      await page.getByRole('button', { name: 'Dateien prüfen' }).focus();
      await page.keyboard.press('Tab');
      expect(await swap.evaluate((b) => b === document.activeElement)).toBe(true);
      expect(await swap.evaluate((b) => getComputedStyle(b).outlineStyle)).toBe('solid');
      await shoot(page, `area-swap-offer-focus-${vp.name}`, swap);
      if (vp.name === 'mobile') {
        await page.context().close();
        continue;
      }

      await swap.click();
      // checked again on the swapped data: no refusal, the note says so, the whole town is found
      await coveringGroup(page).waitFor({ timeout: 60_000 });
      await page
        .getByText('Achsen getauscht: x und y wurden auf Wunsch vertauscht gelesen.')
        .waitFor({ state: 'attached' }); // listed among the analysis' notes (collapsed)
      expect(await refusal.count()).toBe(0);
      expect(await swap.count()).toBe(0);
      await coveringGroup(page).getByRole('radio', { name: LEAVE_OUT }).check();
      await fillNewSystem(page, SYSTEM_SWAPPED, 'Stadtteile Neustadt am See (getauscht)');
      expect(await runAndReport(page, 'Importieren')).toContain('Import erfolgreich');

      const areas = await areasOf(SYSTEM_SWAPPED);
      expect(areas.map((a) => a.code).sort()).toEqual(['01', '02', '03', '04']);
      // stored as longitude, latitude: the town lies at about 10° E, 51° N
      const geometry = await getJson<{
        features: { geometry: { coordinates: unknown } }[];
      }>(baseUrl, `/api/area-systems/${SYSTEM_SWAPPED}/levels/${LEVEL}/geometry`);
      const first = JSON.stringify(geometry.features[0]!.geometry.coordinates)
        .match(/-?\d+(\.\d+)?/g)!
        .map(Number);
      expect(first[0]).toBeGreaterThan(9.9);
      expect(first[0]).toBeLessThan(10.1);
      expect(first[1]).toBeGreaterThan(50.9);
      expect(first[1]).toBeLessThan(51.1);
      await page.context().close();
    }
  });

  test('a re-import with one Stadtteil fewer proposes retiring it; "Auflösen" retires it', async () => {
    expect((await areasOf(SYSTEM)).length).toBe(4); // from the first test
    const { page, consoleErrors } = await adminPage(browser);
    await checkFile(page, 'stadtteile-neustadt-neu.geojson', geojson(STADTTEILE.slice(0, 3)));
    await page.getByRole('heading', { name: '3. Zuordnung' }).waitFor({ timeout: 60_000 });
    await page
      .getByRole('group', { name: 'Gebietssystem' })
      .getByRole('radio', { name: 'vorhandenes ergänzen' })
      .check();
    await page.getByLabel('Vorhandenes Gebietssystem').selectOption(SYSTEM);
    await page.getByRole('radio', { name: 'vorhandene neu einlesen' }).check();
    await page.getByLabel('Vorhandene Ebene').selectOption(LEVEL);

    expect(await runAndReport(page, 'Probelauf')).toContain('Probelauf abgeschlossen');
    const report = await page.locator('section.report').innerText();
    expect(report).toMatch(/Objekte gelesen\s*3/);
    expect(report).toMatch(/Gebiete zu schreiben\s*\d/);
    expect(report).not.toContain('Werte zu schreiben');
    // the server's note: singular, and the choices named as the radios below say them
    expect(report).toContain(
      `1 Gebiet der Ebene „${LEVEL}“ fehlt in der Datei (04 Am Mühlberg), mit 0 Werten und 0 Frühwarnungen. Das Gebiet bleibt erhalten, solange Sie nicht „Auflösen“ oder „Entfernen“ wählen.`,
    );
    const missing = page.getByRole('group', { name: '1 Gebiet fehlt in der Datei' });
    await missing.waitFor();
    expect(await missing.innerText()).toContain('04 Am Mühlberg');
    const keep = missing.getByRole('radio', {
      name: 'Behalten (Standard): das Gebiet und seine Werte bleiben',
    });
    const retire = missing.getByRole('radio', { name: /^Auflösen: das Gebiet bleibt/ });
    const remove = missing.getByRole('radio', { name: /^Entfernen/ });
    expect(await keep.isChecked()).toBe(true); // nothing goes unless she says so
    expect(await retire.count()).toBe(1);
    expect(await remove.count()).toBe(1);
    expect((await areasOf(SYSTEM)).every((a) => a.validTo === null)).toBe(true); // dry run
    await shoot(page, 'area-missing-desktop', missing);
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'area-missing-mobile', missing);
    // a wrapped label hangs beside its radio: every line of its text starts right of the radio
    const lines = await missing
      .locator('label.radio')
      .nth(1)
      .evaluate((label) => {
        const input = label.querySelector('input')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(label.lastChild!);
        const rects = [...range.getClientRects()];
        const tops = new Set(rects.map((r) => Math.round(r.top)));
        return {
          lines: tops.size,
          left: Math.min(...rects.map((r) => r.left)),
          radio: input.right,
        };
      });
    expect(lines.lines).toBeGreaterThan(1); // wrapped on a phone
    expect(lines.left).toBeGreaterThanOrEqual(lines.radio);
    await page.setViewportSize({ width: 1440, height: 900 });

    await retire.check();
    await page.getByRole('button', { name: 'Importieren', exact: true }).click();
    await expect
      .poll(async () => (await areasOf(SYSTEM)).find((a) => a.code === '04')?.validTo ?? null, {
        timeout: 60_000,
      })
      .not.toBeNull();
    const after = await areasOf(SYSTEM);
    expect(after.map((a) => a.code).sort()).toEqual(['01', '02', '03', '04']); // kept, not removed
    expect(after.filter((a) => a.validTo === null).map((a) => a.code)).toEqual(
      expect.arrayContaining(['01', '02', '03']),
    );
    expect(after.filter((a) => a.validTo !== null).map((a) => a.code)).toEqual(['04']);
    const heading = page.getByRole('heading', { name: /^Prüfbericht: (?!Probelauf)/ });
    await heading.waitFor({ timeout: 60_000 });
    console.log(`[area-decisions] report after retiring: ${await heading.innerText()}`);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
