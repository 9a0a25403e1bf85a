// The period between two reference dates in plain German, for alert explanations.
import { formatYearsPhrase } from '@sozialraum/core';

const WORDS = [
  'null',
  'einem',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
];

/** Whole months between two ISO dates (2024-06-30 → 2024-12-31 = 6), by the average month of 30,44 days. */
export function monthsBetween(previous: string, current: string): number {
  const days = (Date.parse(current) - Date.parse(previous)) / 86_400_000;
  return Math.round(days / 30.44);
}

/**
 * "in zwei Jahren" for whole years, otherwise "in sechs Monaten" / "in 18 Monaten": the core's
 * year phrase would round half a year to "1 Jahren".
 */
export function formatPeriodPhrase(previous: string, current: string): string {
  const months = monthsBetween(previous, current);
  if (months >= 12 && months % 12 === 0) return formatYearsPhrase(months / 12);
  const word = months >= 0 && months <= 12 ? WORDS[months] : String(months);
  return `in ${word as string} ${months === 1 ? 'Monat' : 'Monaten'}`;
}
