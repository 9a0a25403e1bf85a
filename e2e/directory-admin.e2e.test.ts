// Angebotsarten and HSDS import in Chromium (issue 12 § 1): the administration sees the service
// types with Lebenslagen and SGB, and checks an HSDS file on /angebote/import — a dry run, so the
// shared e2e server's directory stays as it is; a broken file names file, record and JSON path.
// axe: 0 violations. Screenshots at 1440×900 and 390×844.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { ADMIN, E2E_PASSWORD } from './people.ts';
import { launchChromium, saveScreenshot, signInByApi } from './tools.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

const SERVICE = {
  id: 'e2e00000-0000-4000-8000-000000000002',
  organization_id: 'e2e00000-0000-4000-8000-000000000001',
  name: 'Familientreff E2E',
  status: 'active',
  organization: {
    id: 'e2e00000-0000-4000-8000-000000000001',
    name: 'E2E Nachbarschaft e.V.',
    description: 'Verein',
    legal_status: 'Verein',
  },
  attributes: [
    {
      id: 'e2e00000-0000-4000-8000-000000000003',
      link_id: 'e2e00000-0000-4000-8000-000000000002',
      link_type: 'service_type',
      link_entity: 'service',
      taxonomy_term_id: 'e2e00000-0000-4000-8000-000000000004',
      taxonomy_term: {
        id: 'e2e00000-0000-4000-8000-000000000004',
        code: 'familienzentrum',
        name: 'Familienzentrum',
        description: '',
      },
    },
  ],
};

describe.skipIf(!run)('Angebotsarten und HSDS-Import in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the administration sees the service types and checks an HSDS file', async () => {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'de-DE' });
      const page = await context.newPage();
      await signInByApi(page, baseUrl, ADMIN, E2E_PASSWORD);
      await page.goto(`${baseUrl}/angebote/arten`);
      await page.getByRole('heading', { name: 'Angebotsarten', level: 1 }).waitFor();
      await page.getByRole('row', { name: /Kindertagesstätte.*SGB VIII §§ 22–24/ }).waitFor();
      await page.getByRole('button', { name: 'Eigene Angebotsart anlegen' }).waitFor();
      await saveScreenshot(page, `directory-taxonomy-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${baseUrl}/angebote/import`);
      await page.getByRole('heading', { name: 'Angebote aus HSDS-Dateien importieren' }).waitFor();
      await page.getByLabel('Dateien').setInputFiles({
        name: 'angebote.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([SERVICE])),
      });
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await page.getByRole('heading', { name: 'Prüfung bestanden' }).waitFor();
      await page.getByText(/1 Einträge in angebote\.json sind gültig/).waitFor();
      await saveScreenshot(page, `directory-hsds-check-${vp.name}`);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Dateien').setInputFiles({
        name: 'kaputt.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([{ ...SERVICE, id: 'keine-uuid' }])),
      });
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await page.getByRole('heading', { name: 'Nicht importiert' }).waitFor();
      await page.getByRole('cell', { name: '$[0].id' }).waitFor();
      await saveScreenshot(page, `directory-hsds-refused-${vp.name}`);
      await context.close();
    }
  });
});
