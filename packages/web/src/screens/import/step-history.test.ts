import { describe, expect, it } from 'vitest';
import { durationCells, fileNameParts } from './step-history.tsx';

const run = (
  startedAt: string,
  durationMs: number | null,
  fileName = 'x.csv',
  kind = 'points',
  actor = 'system',
) => ({ startedAt, durationMs, fileName, kind, actor });

describe('import history: durations', () => {
  it('shows a run its own duration when it had its own start', () => {
    expect(
      durationCells([run('2026-12-05T09:00:00.000Z', 800), run('2026-12-05T08:00:00.000Z', null)]),
    ).toEqual([
      { kind: 'own', ms: 800 },
      { kind: 'own', ms: null },
    ]);
  });

  it('names the demo load once with its total; the other runs of it get no duration of their own', () => {
    const t0 = '2026-12-05T09:06:00.000Z';
    const cells = durationCells([
      run(t0, 34_000, 'demo-data/berlin/services/apotheken_2023-07.geojson'),
      run(t0, 33_000, 'demo-data/berlin/services/schulen_2023-10.geojson'),
      run('2026-12-05T10:00:00.000Z', 1_200, 'kitas.csv'),
      run(t0, 12_000, 'demo-data/berlin/lor.geojson', 'areas'),
    ]);
    expect(cells).toEqual([
      { kind: 'batch-first', totalMs: 34_000, demo: true },
      { kind: 'batch-part', demo: true },
      { kind: 'own', ms: 1_200 },
      { kind: 'batch-part', demo: true },
    ]);
  });

  it('recognises the demo load by its system runs (the server sends bare file names)', () => {
    const t0 = '2026-12-05T08:44:37.454Z';
    expect(
      durationCells([
        run(t0, 37_470, 'apotheken_2023-07.geojson'),
        run(t0, 13_953, 'mss2021_indices_plr542.csv', 'observations'),
        run(t0, null, 'lor_2021_planungsraeume.geojson', 'areas'),
      ]),
    ).toEqual([
      { kind: 'batch-first', totalMs: 37_470, demo: true },
      { kind: 'batch-part', demo: true },
      { kind: 'batch-part', demo: true },
    ]);
  });

  it('calls a shared load of people not a demo; without a finished run it has no total', () => {
    const t0 = '2026-12-05T09:06:00.000Z';
    expect(
      durationCells([
        run(t0, null, 'a.csv', 'points', 'ada'),
        run(t0, null, 'b.csv', 'points', 'ada'),
      ]),
    ).toEqual([
      { kind: 'batch-first', totalMs: null, demo: false },
      { kind: 'batch-part', demo: false },
    ]);
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
