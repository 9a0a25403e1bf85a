import { describe, expect, it } from 'vitest';
import { de } from '../../i18n/de.ts';
import { en } from '../../i18n/en.ts';
import { removalLines, type RemovalPreview } from './area-lifecycle.tsx';

const preview = (counts: RemovalPreview['counts']): RemovalPreview => ({
  area: { id: 1, code: '01100101', name: 'Stülerstraße', systemId: 'lor2021', levelId: 'plr' },
  counts,
  indicators: [
    { id: 'ewr_total', nameDe: 'Einwohner', values: 1234 },
    { id: 'kitas', nameDe: 'Kitas', values: 1 },
  ],
  children: 0,
  removable: true,
  message: '',
});

describe('removal dialog lines', () => {
  it('names every count in German with thousands dots and singular/plural', () => {
    const lines = removalLines(
      preview({ values: 1235, pointAssignments: 1, alerts: 0, subscriptions: 2, synonyms: 1 }),
      de,
      'de',
    );
    expect(lines).toEqual([
      '1.235 Werte (Einwohner: 1.234, Kitas: 1)',
      '1 Standort-Zuordnung (die Standorte selbst bleiben)',
      '0 Frühwarnungen',
      '2 Abos für dieses Gebiet',
      '1 gespeicherte Schreibweise des Namens',
    ]);
  });
  it('has the same lines in English', () => {
    const lines = removalLines(
      preview({ values: 1, pointAssignments: 0, alerts: 1, subscriptions: 0, synonyms: 0 }),
      en,
      'en',
    );
    expect(lines[0]).toBe('1 value (Einwohner: 1,234, Kitas: 1)');
    expect(lines[2]).toBe('1 early-warning alert');
  });
});
