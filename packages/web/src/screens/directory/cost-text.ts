// A cost option in words for the service page: „Mittagessen: 12,50 € je Monat (ab 01.01.2026)“,
// „kostenlos“ for an amount of 0. Numbers and dates through core's format (lib/core-bridge.ts).
import type { DirectoryServiceDetail } from '../../api/directory.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import type { Locale } from '@sozialraum/core';

type CostOption = DirectoryServiceDetail['costOptions'][number];

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };

/** Words of the cost texts in the reader's language. */
export interface CostWords {
  free: string;
  from: (date: string) => string;
  until: (date: string) => string;
}

/** The amount with its currency, e.g. „12,50 €“ (whole amounts without decimals: „5 €“). */
export function amountText(amount: number, currency: string | null, locale: Locale): string {
  const decimals = Number.isInteger(amount) ? 0 : 2;
  const code = currency ?? 'EUR';
  return `${formatNumber(amount, decimals, locale)} ${SYMBOLS[code] ?? code}`;
}

/** One cost option as a line of text. */
export function costText(c: CostOption, words: CostWords, locale: Locale = 'de'): string {
  const price =
    c.amount === null
      ? c.amountDescription
      : c.amount === 0
        ? [words.free, c.amountDescription].filter(Boolean).join(' ')
        : [amountText(c.amount, c.currency, locale), c.amountDescription].filter(Boolean).join(' ');
  const head = [c.option, price].filter(Boolean).join(': ');
  const period = [
    c.validFrom ? words.from(formatDate(c.validFrom, locale)) : null,
    c.validTo ? words.until(formatDate(c.validTo, locale)) : null,
  ].filter(Boolean);
  return period.length > 0 ? `${head} (${period.join(' ')})` : head;
}
