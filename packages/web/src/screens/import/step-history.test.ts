import { describe, expect, it } from 'vitest';
import { fileNameParts, formatDuration } from './step-history.tsx';

describe('import history: durations', () => {
  it('shows seconds with a German decimal comma, minutes past 60 s, and a dash while running', () => {
    expect(formatDuration(800, 'de')).toBe('0,8 s');
    expect(formatDuration(34_000, 'de')).toBe('34 s');
    expect(formatDuration(185_000, 'de')).toBe('3 min 5 s');
    expect(formatDuration(null, 'de')).toBe('–');
  });

  it('says "< 0,1 s" for runs under 50 ms instead of "0,0 s"', () => {
    expect(formatDuration(0, 'de')).toBe('< 0,1 s');
    expect(formatDuration(49, 'de')).toBe('< 0,1 s');
    expect(formatDuration(50, 'de')).toBe('0,1 s');
    expect(formatDuration(30, 'en')).toBe('< 0.1 s');
    expect(formatDuration(1250, 'en')).toBe('1.3 s');
  });
});

describe('import history: file names', () => {
  it('drops the folders and breaks only after _ and -', () => {
    expect(
      fileNameParts('demo-data/berlin/services/jugendfreizeiteinrichtungen_2023-07.geojson'),
    ).toEqual(['jugendfreizeiteinrichtungen_', '2023-', '07.geojson']);
    expect(fileNameParts('C:\\daten\\ewr.2024.csv')).toEqual(['ewr.2024.csv']);
    expect(fileNameParts('einwohner')).toEqual(['einwohner']);
  });
});
