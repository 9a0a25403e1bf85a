import { describe, expect, it } from 'vitest';
import { parseStatusFilter } from './alerts-screen.tsx';
import { slugifyRuleName } from './rules-section.tsx';
import {
  canEditRule,
  draftOf,
  germanDecimalText,
  parsePositiveGermanDecimal,
  rulePatch,
} from './rule-edit.ts';
import type { Me } from '../../api/access.ts';
import type { AlertRule } from '../../api/alerts.ts';

describe('parseStatusFilter', () => {
  it('reads a known status from the query string', () => {
    expect(parseStatusFilter('?status=closed')).toBe('closed');
    expect(parseStatusFilter('?status=new&x=1')).toBe('new');
  });

  it('shows all alerts for a missing or unknown status', () => {
    expect(parseStatusFilter('')).toBeNull();
    expect(parseStatusFilter('?status=offen')).toBeNull();
  });
});

describe('parsePositiveGermanDecimal', () => {
  it('reads the decimal comma and thousands dots', () => {
    expect(parsePositiveGermanDecimal('2,5')).toBe(2.5);
    expect(parsePositiveGermanDecimal(' 1.000 ')).toBe(1000);
    expect(parsePositiveGermanDecimal('100')).toBe(100);
  });

  it('refuses English decimals, zero, negatives and text', () => {
    expect(parsePositiveGermanDecimal('2.5')).toBeNull();
    expect(parsePositiveGermanDecimal('0')).toBeNull();
    expect(parsePositiveGermanDecimal('-1')).toBeNull();
    expect(parsePositiveGermanDecimal('zwei')).toBeNull();
  });
});

describe('slugifyRuleName', () => {
  it('spells out umlauts and turns other signs into hyphens', () => {
    expect(slugifyRuleName('Anstieg Kinderarmut (Größe ≥ 2 SD)')).toBe(
      'anstieg-kinderarmut-groesse-2-sd',
    );
    expect(slugifyRuleName('  !!  ')).toBe('regel');
  });
});

const me = (permissions: string[], departmentId: string | null): Me =>
  ({
    signedIn: true,
    kind: 'session',
    tenant: { id: 'berlin', name: 'Berlin', ags: '11000000' },
    user: { id: 1, email: 'p@b.de', displayName: 'P', departmentId, roles: [] },
    permissions,
    csrfToken: 'x',
    sso: { enabled: false, label: '' },
  }) as unknown as Me;

const RULE: AlertRule = {
  id: 'r1',
  nameDe: 'Kinderarmut',
  department: 'sozialplanung',
  kind: 'indicator_change',
  params: { indicatorIds: ['a', 'b'], sdThreshold: 2, minBase: 100 },
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('canEditRule', () => {
  it('lets the own department edit with alerts.rules, everyone with alerts.rules_all', () => {
    expect(canEditRule(me(['alerts.rules'], 'sozialplanung'), RULE)).toBe(true);
    expect(canEditRule(me(['alerts.rules'], 'gesundheit'), RULE)).toBe(false);
    expect(canEditRule(me(['alerts.read'], 'sozialplanung'), RULE)).toBe(false);
    expect(canEditRule(me(['alerts.rules_all'], null), RULE)).toBe(true);
    expect(canEditRule(null, RULE)).toBe(false);
  });
});

describe('rule drafts', () => {
  it('shows stored numbers with a decimal comma', () => {
    expect(germanDecimalText(2.5)).toBe('2,5');
    expect(germanDecimalText(1000)).toBe('1000');
    expect(draftOf(RULE)).toMatchObject({
      sdThreshold: '2',
      minBase: '100',
      direction: 'increase',
    });
  });

  it('sends only what changed, the threshold parsed from „2,5“', () => {
    const d = draftOf(RULE);
    expect(rulePatch(RULE, d)).toEqual({ ok: true, patch: {} });
    expect(rulePatch(RULE, { ...d, sdThreshold: '2,5' })).toEqual({
      ok: true,
      patch: {
        params: { indicatorIds: ['a', 'b'], sdThreshold: 2.5, minBase: 100, direction: 'increase' },
      },
    });
    expect(rulePatch(RULE, { ...d, nameDe: ' Neu ' })).toEqual({
      ok: true,
      patch: { nameDe: 'Neu' },
    });
  });

  it('refuses an English decimal, a fractional base, no indicator and an empty name', () => {
    const d = draftOf(RULE);
    const r = rulePatch(RULE, {
      ...d,
      nameDe: ' ',
      sdThreshold: '2.5',
      minBase: '10,5',
      indicatorIds: [],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toHaveLength(4);
  });

  it('edits index, system and level of an index rule', () => {
    const rule: AlertRule = {
      ...RULE,
      kind: 'class_change',
      params: { indexId: 'mss', system: 'lor2021', level: 'plr' },
    };
    const d = draftOf(rule);
    expect(rulePatch(rule, { ...d, level: 'bzr' })).toEqual({
      ok: true,
      patch: { params: { indexId: 'mss', system: 'lor2021', level: 'bzr' } },
    });
    expect(rulePatch(rule, { ...d, indexId: '' }).ok).toBe(false);
  });
});
