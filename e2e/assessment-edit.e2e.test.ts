// Editing a local assessment (issue 13 § 4, ADR 0045) in Chromium: a person of a Träger records an
// assessment in an area of her own (the last LOR 2006 Planungsraum, which no other journey uses),
// changes it („Ändern“: Entwicklung gleich → schlechter, Dringlichkeit, Belege), and the card says
// „1 Änderung“; opened, the change names her, the time and each field before → after. A planner of
// Sozialplanung (staff) sees the same change list. axe-core finds no WCAG A/AA violations at
// 1440 × 900 and 390 × 844. At the end the Träger withdraws the assessment (the area's latest list is
// empty again). Screenshots: test-results/screenshots/assessment-edit-*.png.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getJson, launchChromium, saveScreenshot, signInByApi } from './tools.ts';
import { axeViolations } from './axe.ts';
import { E2E_PASSWORD, PLANNER, PROVIDER } from './people.ts';

const baseUrl = inject('e2eBaseUrl');
const run = inject('e2eHasChromium') && baseUrl !== '';

async function newPage(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  return context.newPage();
}

describe.skipIf(!run)('A Träger edits her assessment; the changes are listed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('edit, numbered change with who/when/what, staff see it, no axe violations', async () => {
    const areas = await getJson<{ id: number; name: string }[]>(
      baseUrl,
      '/api/areas?system=lor2006&level=plr',
    );
    const area = areas[areas.length - 1]!;
    const page = await newPage(browser, 1440, 900);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await signInByApi(page, baseUrl, PROVIDER, E2E_PASSWORD);
    await page.goto(`${baseUrl}/gebiete/${area.id}`);
    const card = page.getByRole('region', { name: 'Einschätzungen vor Ort' });
    await card.getByText(/Beteiligung in den letzten 90 Tagen/).waitFor({ timeout: 30_000 });

    // record one (Entwicklung „gleich“, Dringlichkeit niedrig)
    await card.getByRole('button', { name: 'Einschätzung abgeben' }).click();
    const form = card.getByRole('form', { name: 'Neue Einschätzung' });
    await form.getByLabel('Lebenslage').selectOption('education');
    await form.getByLabel('gleich').check();
    await form.getByLabel('Dringlichkeit').selectOption('1');
    await form
      .getByLabel('Einschätzung', { exact: true })
      .fill('Die Hausaufgabenhilfe im Stadtteilzentrum ist ausgelastet, aber es läuft.');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await card.getByText('Einschätzung gespeichert.').waitFor();
    const item = card.locator('.as-list > li').filter({ hasText: 'Hausaufgabenhilfe' });
    await item.waitFor();
    expect(await item.innerText()).toContain('Entwicklung: gleich');

    // change it
    await item.getByRole('button', { name: 'Ändern' }).click();
    const edit = card.getByRole('form', { name: 'Einschätzung ändern' });
    expect(await edit.getByLabel('Einschätzung', { exact: true }).inputValue()).toContain(
      'Hausaufgabenhilfe',
    );
    await edit.getByLabel('schlechter').check();
    await edit.getByLabel('Dringlichkeit').selectOption('3');
    await edit.getByLabel('Belege').fill('Warteliste: 14 Kinder (März)');
    await edit.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assessment-edit-form-desktop');
    await edit.getByRole('button', { name: 'Speichern' }).click();
    await edit.waitFor({ state: 'detached' });
    const edited = card.locator('.as-list > li').filter({ hasText: 'Hausaufgabenhilfe' });
    await edited.getByText('Entwicklung: schlechter').waitFor();
    expect(await edited.innerText()).toMatch(/zuletzt geändert \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);

    // the numbered change: who, when, what
    await edited.getByText('1 Änderung').click();
    const list = edited.locator('.as-revision-list');
    await list.waitFor();
    // the arrow is said to screen readers as „geändert zu“ (visually hidden)
    const text = (await list.innerText()).replace(/\s*geändert zu\s*/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Änderung 1');
    expect(text).toContain('Theo Träger');
    expect(text).toContain('Entwicklung: gleich → schlechter');
    expect(text).toContain('Dringlichkeit: niedrig → hoch');
    expect(text).toContain('Belege: (leer) → Warteliste: 14 Kinder (März)');
    await edited.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assessment-edit-revisions-desktop');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await edited.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assessment-edit-revisions-phone');
    expect(await axeViolations(page)).toEqual([]);

    // staff (a planner of Sozialplanung) see the same change
    const staff = await newPage(browser, 390, 844);
    await signInByApi(staff, baseUrl, PLANNER, E2E_PASSWORD);
    await staff.goto(`${baseUrl}/gebiete/${area.id}`);
    const staffCard = staff.getByRole('region', { name: 'Einschätzungen vor Ort' });
    const staffItem = staffCard.locator('.as-list > li').filter({ hasText: 'Hausaufgabenhilfe' });
    await staffItem.getByText('1 Änderung').click({ timeout: 30_000 });
    const staffList = staffItem.locator('.as-revision-list');
    await staffList.waitFor();
    expect(await staffList.innerText()).toContain('Theo Träger');
    await staffItem.scrollIntoViewIfNeeded();
    await saveScreenshot(staff, 'assessment-edit-staff-phone');
    await staff.context().close();

    // restore: withdraw (stays in the history, no longer among the latest)
    await page.setViewportSize({ width: 1440, height: 900 });
    await edited.getByRole('button', { name: 'Zurückziehen' }).click();
    await card.getByText('Für dieses Gebiet liegen noch keine Einschätzungen vor.').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
