// The profile's "aus Import: Datei, Datum" line: the Berlin day of the import and the bare file name.
import { describe, expect, it } from 'vitest';
import { berlinDay, fileBaseName } from './indicator-row.tsx';

describe('profile import line', () => {
  it('dates an import by its day in Berlin, not the UTC day', () => {
    // 00:30 MESZ on 5 June is still 4 June in UTC
    expect(berlinDay('2026-06-04T22:30:00.000Z')).toBe('2026-06-05');
    // 00:30 MEZ on 1 January is still 31 December in UTC
    expect(berlinDay('2025-12-31T23:30:00.000Z')).toBe('2026-01-01');
    expect(berlinDay('2026-06-04T12:00:00.000Z')).toBe('2026-06-04');
  });

  it('shows the file name without a path', () => {
    expect(fileBaseName('demo-data/berlin/tables/mss_2023.csv')).toBe('mss_2023.csv');
    expect(fileBaseName('C:\\Daten\\kitas.csv')).toBe('kitas.csv');
    expect(fileBaseName('einwohner.xlsx')).toBe('einwohner.xlsx');
  });
});
