import { describe, expect, it } from 'vitest';
import {
  isSafeReturnPath,
  mayEditAlertRule,
  mayEditIndicator,
  passwordRuleBreaks,
} from './rules.ts';

const editor = (permissions: string[], departmentId: string | null = 'sozialplanung') => ({
  holds: (p: string) => permissions.includes(p),
  departmentId,
});

describe('passwordRuleBreaks', () => {
  it('names every broken rule, the server refuses with the first', () => {
    expect(passwordRuleBreaks('Sonnenblume-Kreuzberg-2026', 'p@x.de')).toEqual([]);
    expect(passwordRuleBreaks('kurz').map((r) => r.id)).toEqual(['min_length', 'distinct_chars']);
    expect(passwordRuleBreaks('x'.repeat(257)).map((r) => r.id)).toEqual([
      'max_length',
      'distinct_chars',
    ]);
    expect(passwordRuleBreaks('paula.planer-Sonne-1', 'Paula.Planer@x.de')[0]?.sentence).toBe(
      'Das Passwort darf den Namen der E-Mail-Adresse nicht enthalten.',
    );
  });
  it('ignores an address without a name before the @', () => {
    expect(passwordRuleBreaks('Sonnenblume-Kreuzberg-2026', '@x.de')).toEqual([]);
  });
});

describe('isSafeReturnPath', () => {
  it('keeps in-app paths only', () => {
    expect(isSafeReturnPath('/indikatoren?q=a')).toBe(true);
    for (const p of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      '/a\\b',
      '/api/me',
      '/a\nb',
      '/anmelden?weiter=/x',
      '/passwort',
      '',
      null,
      undefined,
    ])
      expect(isSafeReturnPath(p), String(p)).toBe(false);
    expect(isSafeReturnPath('/anmeldenx')).toBe(true);
  });
});

describe('mayEditIndicator / mayEditAlertRule', () => {
  it('lets the own department edit, the _all permission everything, nobody a record without department', () => {
    expect(mayEditIndicator(editor(['indicators.edit']), 'sozialplanung')).toBe(true);
    expect(mayEditIndicator(editor(['indicators.edit']), 'stadtentwicklung')).toBe(false);
    expect(mayEditIndicator(editor(['indicators.edit'], null), null)).toBe(false);
    expect(mayEditIndicator(editor(['indicators.edit_all'], null), 'x')).toBe(true);
    expect(mayEditAlertRule(editor(['indicators.edit']), 'sozialplanung')).toBe(false);
    expect(mayEditAlertRule(editor(['alerts.rules']), 'sozialplanung')).toBe(true);
    expect(mayEditAlertRule(editor(['alerts.rules_all']), 'jugend')).toBe(true);
  });
});
