import { describe, expect, it } from 'vitest';
import { costText } from './cost-text.ts';

const words = {
  free: 'kostenlos',
  from: (d: string) => `ab ${d}`,
  until: (d: string) => `bis ${d}`,
};
const base = {
  option: null,
  amount: null,
  currency: 'EUR',
  amountDescription: null,
  validFrom: null,
  validTo: null,
};

describe('cost options in words', () => {
  it('writes amount, currency and period the German way', () => {
    expect(
      costText(
        { ...base, option: 'Mittagessen', amount: 12.5, amountDescription: 'je Monat' },
        words,
      ),
    ).toBe('Mittagessen: 12,50 € je Monat');
    expect(costText({ ...base, amount: 1250, validFrom: '2026-01-01' }, words)).toBe(
      '1.250 € (ab 01.01.2026)',
    );
    expect(costText({ ...base, amount: 3, currency: 'CHF', validTo: '2026-12-31' }, words)).toBe(
      '3 CHF (bis 31.12.2026)',
    );
  });

  it('says „kostenlos“ for an amount of 0 and keeps a description without amount', () => {
    expect(costText({ ...base, option: 'Betreuung', amount: 0 }, words)).toBe(
      'Betreuung: kostenlos',
    );
    expect(costText({ ...base, amountDescription: 'nach Einkommen' }, words)).toBe(
      'nach Einkommen',
    );
  });
});
