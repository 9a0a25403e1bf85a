// Issue 11 (Proof): every screen of the app, signed out and signed in as the administration, on a
// phone (390 × 844, Chromium): nothing wider than the screen, and axe-core finds no WCAG 2.1 A/AA
// violation. Screens a visitor may not use must show the sign-in prompt, not a form or an error.
// Screenshots go to test-results/screenshots/sweep-*.png to be looked at. It replaces the older
// sweep of ten admin screens; the journeys check what each screen does, this sweep only that none
// is left out of these two rules.
import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { getJson, launchChromium, pageOverflow, saveScreenshot, signInByApi } from './tools.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

interface Screen {
  name: string;
  path: string;
}

/** Screens anyone may open (the public side of every capability). */
function publicScreens(ids: { area: number; service: string; programme: string }): Screen[] {
  return [
    { name: 'karte', path: '/' },
    { name: 'karte-profil', path: `/?area=${ids.area}` },
    { name: 'karte-tabelle', path: '/?view=table' },
    { name: 'gebiet', path: `/gebiete/${ids.area}` },
    { name: 'indikatoren', path: '/indikatoren' },
    { name: 'quellen', path: '/quellen' },
    { name: 'monitoring', path: '/monitoring' },
    { name: 'standorte', path: '/standorte' },
    { name: 'angebote', path: '/angebote' },
    { name: 'angebot', path: `/angebote/${ids.service}` },
    { name: 'angebotsarten', path: '/angebote/arten' },
    { name: 'versorgung', path: '/versorgung' },
    { name: 'netzwerk', path: '/netzwerk' },
    { name: 'foerderung', path: '/foerderung' },
    { name: 'programm', path: `/foerderung/${ids.programme}` },
    { name: 'transparenz', path: '/foerderung/transparenz' },
    { name: 'wirkung', path: '/wirkung' },
    { name: 'massnahmen', path: '/massnahmen' },
    { name: 'konferenzen', path: '/konferenzen' },
    { name: 'mitmachen', path: '/mitmachen' },
    { name: 'anmelden', path: '/anmelden' },
    { name: 'passwort', path: '/passwort' },
  ];
}

/** Screens for people with rights; a visitor gets the sign-in prompt on each. */
const STAFF_SCREENS: Screen[] = [
  { name: 'import', path: '/import' },
  { name: 'hinweise', path: '/hinweise' },
  { name: 'befragungen', path: '/befragungen' },
  { name: 'protokoll', path: '/protokoll' },
  { name: 'verwaltung', path: '/verwaltung' },
  { name: 'auftraege', path: '/auftraege' },
  { name: 'konto', path: '/konto' },
  { name: 'angebote-import', path: '/angebote/import' },
  { name: 'angebot-neu', path: '/angebote/neu' },
  { name: 'massnahme-neu', path: '/massnahmen/neu' },
  { name: 'moderation', path: '/mitmachen/moderation' },
  { name: 'indikator-bearbeiten', path: '/indikatoren/ewr_share_age_below_6/bearbeiten' },
];

/** A visitor meets a prompt to sign in where she may not work, never a form or an error box. */
async function promptProblem(page: Page, s: Screen): Promise<string | null> {
  const shown = await page
    .locator('main a[href^="/anmelden"]')
    .first()
    .waitFor({ timeout: 15_000 })
    .then(
      () => true,
      () => false,
    );
  if (!shown) return `${s.path}: kein Anmelde-Hinweis für Gäste`;
  if ((await page.locator('main [role="alert"]').count()) > 0)
    return `${s.path}: Fehlermeldung statt Anmelde-Hinweis`;
  return null;
}

/**
 * Opens each screen, waits until it has settled, and collects what breaks the rules; with
 * `guestOn`, those screens must also show the sign-in prompt (checked in the same visit).
 */
async function sweep(
  page: Page,
  screens: Screen[],
  who: string,
  guestOn: readonly Screen[] = [],
): Promise<string[]> {
  const problems: string[] = [];
  for (const s of screens) {
    await page.goto(`${baseUrl}${s.path}`);
    await page
      .locator('main :is(h1, h2, .profile-title, table, canvas):visible')
      .first()
      .waitFor({ timeout: 30_000 });
    // lists and maps answer after the heading; axe must see the settled screen
    await page.waitForLoadState('networkidle');
    const o = await pageOverflow(page);
    if (o.extra > 0)
      problems.push(`${s.path}: breiter als das Telefon +${o.extra} px (${o.culprits.join(', ')})`);
    for (const v of await axeViolations(page)) problems.push(`${s.path}: ${v}`);
    const prompt = guestOn.includes(s) ? await promptProblem(page, s) : null;
    if (prompt) problems.push(prompt);
    await saveScreenshot(page, `sweep-${who}-${s.name}`);
  }
  return problems;
}

describe.skipIf(!run)('every screen on a phone: fits, and axe finds nothing', () => {
  let browser: Browser;
  let screens: Screen[];

  beforeAll(async () => {
    browser = await launchChromium();
    const areas = await getJson<{ id: number }[]>(baseUrl, '/api/areas?system=lor2021&level=plr');
    const services = await getJson<{ items: { id: string }[] }>(baseUrl, '/api/directory/services');
    const programmes = await getJson<{ id: string }[]>(baseUrl, '/api/funding/programmes');
    screens = publicScreens({
      area: areas[0]!.id,
      service: services.items[0]!.id,
      programme: programmes[0]!.id,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const phone = () =>
    browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });

  // The two sweeps only read, so they run side by side in two contexts of the one browser: while
  // one page waits for the network to go quiet (500 ms per screen) the other works (ADR 0056).
  test.concurrent(
    'signed out: the public screens, and the sign-in prompt on the others',
    async ({ expect }) => {
      const context = await phone();
      const page = await context.newPage();
      const all = [...screens, ...STAFF_SCREENS];
      expect(await sweep(page, all, 'gast', STAFF_SCREENS)).toEqual([]);
      await context.close();
    },
    600_000,
  );

  test.concurrent(
    'signed in as the administration: every screen',
    async ({ expect }) => {
      const context = await phone();
      const page = await context.newPage();
      await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
      expect(await sweep(page, [...screens, ...STAFF_SCREENS], 'verwaltung')).toEqual([]);
      await context.close();
    },
    600_000,
  );
});
