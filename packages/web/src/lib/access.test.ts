import { describe, expect, it } from 'vitest';
import type { Me } from '../api/access.ts';
import {
  auditDiff,
  auditOtherDetail,
  canEditIndicator,
  formatDateTime,
  looksLikeEmail,
  passwordProblems,
  safeReturnPath,
  signInHref,
  tokenFromHash,
} from './access.ts';
import { buildPatch, draftOf } from '../screens/catalogue/edit-draft.ts';
import { matchRoute } from './routes.ts';
import { makeIndicator } from './test-fixtures.ts';

const me = (permissions: string[], departmentId: string | null = 'sozialplanung'): Me => ({
  signedIn: true,
  kind: 'session',
  tenant: { id: 'berlin', name: 'Berlin', ags: '11000000' },
  user: { id: 1, email: 'p@x.de', displayName: 'P', departmentId, roles: [] },
  permissions,
  csrfToken: 'c',
  sso: { enabled: false, label: '' },
});

describe('canEditIndicator', () => {
  it('lets a planner edit her own department’s indicator only', () => {
    const planner = me(['indicators.edit']);
    expect(canEditIndicator(planner, { department: 'sozialplanung' })).toBe(true);
    expect(canEditIndicator(planner, { department: 'stadtentwicklung' })).toBe(false);
    expect(canEditIndicator(planner, { department: null })).toBe(false);
  });
  it('lets indicators.edit_all edit every indicator and the public none', () => {
    expect(canEditIndicator(me(['indicators.edit_all'], null), { department: 'x' })).toBe(true);
    expect(canEditIndicator(null, { department: 'sozialplanung' })).toBe(false);
    expect(canEditIndicator(me([]), { department: 'sozialplanung' })).toBe(false);
  });
});

describe('safeReturnPath / signInHref', () => {
  it('keeps in-app paths and refuses other sites and the sign-in page', () => {
    expect(safeReturnPath('/indikatoren?q=a')).toBe('/indikatoren?q=a');
    expect(safeReturnPath('//evil.example/x')).toBe('/');
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath('/anmelden?weiter=/x')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
    expect(signInHref('/konto')).toBe('/anmelden?weiter=%2Fkonto');
    expect(signInHref('/')).toBe('/anmelden');
  });
});

describe('passwordProblems / tokenFromHash', () => {
  it('applies the server’s rules', () => {
    expect(passwordProblems('kurz')).toContain('mindestens 12 Zeichen');
    expect(passwordProblems('aaaaaaaaaaaaaaaa')).toEqual(['mindestens 5 verschiedene Zeichen']);
    expect(passwordProblems('paula.planer-Sonne-1', 'paula.planer@x.de')).toEqual([
      'nicht den Namen der E-Mail-Adresse enthalten',
    ]);
    expect(passwordProblems('Sonnenblume-Kreuzberg-2026', 'p@x.de')).toEqual([]);
  });
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abcdefghijkl')).toBe('abcdefghijkl');
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });
});

describe('audit details', () => {
  it('shows field changes with German names and words', () => {
    const rows = auditDiff({
      detail: {
        visibility: { before: 'public', after: 'internal' },
        decimals: { before: 1, after: 2 },
        roles: { before: null, after: ['department_planner'] },
        tenant_id: { before: null, after: 'berlin' },
      },
    });
    expect(rows).toEqual([
      {
        field: 'visibility',
        label: 'Sichtbarkeit',
        before: 'öffentlich',
        after: 'verwaltungsintern',
      },
      { field: 'decimals', label: 'Nachkommastellen', before: '1', after: '2' },
      { field: 'roles', label: 'Rollen', before: '—', after: 'Fachplanung' },
    ]);
    expect(auditOtherDetail({ detail: { method: 'password' } })).toBe('Verfahren: Passwort');
    expect(auditOtherDetail({ detail: { method: 'oidc', reason: 'x' } })).toBe(
      'Verfahren: Single Sign-on · Grund: x',
    );
    expect(auditOtherDetail({ detail: { method: 'kerberos' } })).toBe('Verfahren: kerberos');
    expect(auditOtherDetail({ detail: { areas: 1215, observations: 541253 } })).toBe(
      'Gebiete: 1.215 · Werte: 541.253',
    );
    expect(auditOtherDetail({ detail: { file: 'ewr.csv', rowsRead: 1234 } })).toBe(
      'Datei: ewr.csv · gelesene Zeilen: 1.234',
    );
    expect(auditDiff({ detail: null })).toEqual([]);
  });
  it('names departments in diffs and details when the names are known', () => {
    const names = (id: string) =>
      ({ sozialplanung: 'Sozialplanung', gesundheit: 'Gesundheitsplanung' })[id] ?? id;
    expect(
      auditDiff(
        {
          detail: {
            department: { before: 'sozialplanung', after: 'gesundheit' },
            sharedWith: { before: [], after: ['gesundheit', 'neu'] },
          },
        },
        names,
      ),
    ).toEqual([
      {
        field: 'department',
        label: 'Abteilung',
        before: 'Sozialplanung',
        after: 'Gesundheitsplanung',
      },
      {
        field: 'sharedWith',
        label: 'Freigegeben für',
        before: '—',
        after: 'Gesundheitsplanung, neu',
      },
    ]);
    expect(auditOtherDetail({ detail: { department_id: 'sozialplanung' } }, names)).toBe(
      'Abteilung: Sozialplanung',
    );
    // without names (not signed in / not loaded) the id stays
    expect(auditOtherDetail({ detail: { department_id: 'sozialplanung' } })).toBe(
      'Abteilung: sozialplanung',
    );
  });
  it('spells out rule kinds and nested parameters', () => {
    expect(
      auditOtherDetail({
        detail: {
          kind: 'indicator_change',
          params: { sdThreshold: 2.5, direction: 'both', indicatorIds: ['a', 'b'] },
        },
      }),
    ).toBe(
      'Art: Indikatorveränderung · Parameter: Schwelle (SD): 2,5, Richtung: Anstieg und Rückgang, Indikatoren: a, b',
    );
    expect(
      auditOtherDetail({ detail: { rules: [{ ruleId: 'r', raised: 1 }, { ruleId: 's' }] } }),
    ).toBe('Regeln: Regel: r, neu: 1; Regel: s');
  });
  it('turns whole before/after records and status moves into field changes', () => {
    const rule = {
      before: { nameDe: 'R', active: true, params: { sdThreshold: 2, minBase: 100 } },
      after: { nameDe: 'R', active: true, params: { sdThreshold: 2.5, minBase: 100 } },
    };
    expect(auditDiff({ detail: rule })).toEqual([
      { field: 'sdThreshold', label: 'Parameter: Schwelle (SD)', before: '2', after: '2,5' },
    ]);
    expect(auditOtherDetail({ detail: rule })).toBe('');
    const status = { from: 'closed', to: 'seen', comment: 'Neue Zahlen abwarten.' };
    expect(auditDiff({ detail: status })).toEqual([
      { field: 'status', label: 'Status', before: 'geschlossen', after: 'gesehen' },
    ]);
    expect(auditOtherDetail({ detail: status })).toBe('Kommentar: Neue Zahlen abwarten.');
  });
  it('formats date and time de-DE', () => {
    expect(formatDateTime('2026-03-05T13:07:00Z', 'Europe/Berlin')).toBe('05.03.2026, 14:07');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('indicator editor patch', () => {
  it('sends only changed fields; empty optional text becomes null, empty required is refused', () => {
    const i = makeIndicator({
      id: 'a',
      definitionDe: 'D',
      methodNote: 'M',
      visibility: 'public',
      sharedWith: [],
    });
    const d = draftOf(i);
    expect(buildPatch(i, d)).toEqual({ patch: {} });
    expect(buildPatch(i, { ...d, definitionDe: ' D2 ', methodNote: '' })).toEqual({
      patch: { definitionDe: 'D2', methodNote: null },
    });
    expect(buildPatch(i, { ...d, nameDe: '  ' })).toEqual({ errors: { nameDe: 'required' } });
    expect(buildPatch(i, { ...d, visibility: 'department', sharedWith: ['b', 'a'] })).toEqual({
      patch: { visibility: 'department', sharedWith: ['a', 'b'] },
    });
  });
});

describe('routes of issue 3', () => {
  it('maps the new paths', () => {
    expect(matchRoute('/anmelden')).toEqual({ screen: 'signIn' });
    expect(matchRoute('/verwaltung/')).toEqual({ screen: 'admin' });
    expect(matchRoute('/indikatoren/ewr_total/bearbeiten')).toEqual({
      screen: 'indicatorEdit',
      indicatorId: 'ewr_total',
    });
  });
});

describe('looksLikeEmail', () => {
  it('accepts name@domain.tld and refuses what the server would refuse', () => {
    expect(looksLikeEmail(' paula@stadt.de ')).toBe(true);
    expect(looksLikeEmail('paula@stadt')).toBe(false);
    expect(looksLikeEmail('paula stadt.de')).toBe(false);
    expect(looksLikeEmail('pa ula@stadt.de')).toBe(false);
  });
});
