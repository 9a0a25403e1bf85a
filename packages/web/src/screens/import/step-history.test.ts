import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { de } from '../../i18n/de.ts';
import { en } from '../../i18n/en.ts';
import type { ImportRun } from '../../api/imports.ts';
import { fileNameParts, formatDuration, StepHistory, writtenLabel } from './step-history.tsx';

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

describe('import history: what the written count counts', () => {
  const run = (id: number, kind: string, rowsWritten: number): ImportRun => ({
    id,
    kind,
    fileName: `${kind}.csv`,
    format: 'csv',
    status: 'succeeded',
    rowsRead: rowsWritten,
    rowsWritten,
    errorCount: 0,
    startedAt: '2026-11-25T19:15:00Z',
    finishedAt: '2026-11-25T19:15:01Z',
    durationMs: 1000,
    actor: 'anna',
    who: 'anna',
    fileSha256: '',
  });

  it('names values for table runs, areas for area runs, records for point runs (de and en)', () => {
    expect(writtenLabel('observations', de)).toBe('Werte geschrieben');
    expect(writtenLabel('table', de)).toBe('Werte geschrieben');
    expect(writtenLabel('areas', de)).toBe('Gebiete geschrieben');
    expect(writtenLabel('points', de)).toBe('Datensätze geschrieben');
    expect(writtenLabel('observations', en)).toBe('Values written');
    expect(writtenLabel('areas', en)).toBe('Areas written');
    expect(writtenLabel('points', en)).toBe('Records written');
  });

  it('labels each row’s count by its kind (the label a phone shows), under a neutral header', () => {
    const html = renderToStaticMarkup(
      createElement(StepHistory, {
        runs: [run(1, 'areas', 96), run(2, 'observations', 1234), run(3, 'points', 40)],
      }),
    );
    expect(html).toContain('table-stacked');
    expect(html).toMatch(/<th[^>]*>Geschrieben<\/th>/);
    expect(html).not.toMatch(/<th[^>]*>Werte geschrieben<\/th>/);
    const labels = [...html.matchAll(/<td class="num" data-label="([^"]+)"[^>]*>([^<]*)</g)]
      .map((m) => `${m[1]}: ${m[2]}`)
      .filter((l) => l.includes('geschrieben'));
    expect(labels).toEqual([
      'Gebiete geschrieben: 96',
      'Werte geschrieben: 1.234',
      'Datensätze geschrieben: 40',
    ]);
  });
});
