import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parser.ts';
import {
  createAreaLookup,
  mapTableToObservations,
  type MappingContext,
  type TableMapping,
} from './mapping.ts';

const ctx: MappingContext = {
  areas: createAreaLookup([
    { id: 1, code: '01', name: 'Altstadt' },
    { id: 2, code: '02', name: 'Hafen' },
    { id: 3, code: '03', name: 'Flughafen' },
  ]),
  indicatorIds: new Set(['ew', 'quote', 'kinder']),
  numberFormat: { decimal: ',', thousands: '.' },
  countIndicatorIds: new Set(['ew', 'kinder']),
};
const MAPPING: TableMapping = {
  layout: 'wide',
  areaColumn: 'Nr',
  areaKey: 'code',
  date: { fixed: '2022' },
  indicators: [
    { column: 'Einwohner', indicatorId: 'ew' },
    { column: 'Kinder', indicatorId: 'kinder' },
    { column: 'Quote in %', indicatorId: 'quote' },
  ],
};
// a Sozialatlas extract with typical slips: a decimal count, a percent typed with a thousands dot,
// and an unscored area published as zeros
const CSV =
  'Nr;Einwohner;Kinder;Quote in %\n01;12.001;1.204,5;8,1\n02;3.419;410;12.500\n03;0;0;0\n';

function run(c: MappingContext) {
  const [header, ...rows] = parseCsv(CSV, { delimiter: ';' }).records;
  return mapTableToObservations(header!.fields, rows, MAPPING, c);
}

describe('plausibility warnings of the mapper', () => {
  it('warns about decimals in a count and a thousands separator in a percent column', () => {
    const r = run(ctx);
    expect(r.errors).toEqual([]);
    expect(r.plausibility.decimalsInCounts).toEqual([
      { indicatorId: 'kinder', count: 1, firstLine: 2, example: '1.204,5' },
    ]);
    expect(r.plausibility.thousandsInPercent).toEqual({
      count: 1,
      firstLine: 3,
      column: 'Quote in %',
      example: '12.500',
    });
    expect(r.warnings).toEqual([
      "Plausibilität: Indikator 'kinder' ist eine Anzahl, erhielt aber 1 Wert mit Nachkommastellen (z. B. Zeile 2: '1.204,5').",
      "Plausibilität: 1 Wert in einer Prozentspalte mit Tausendertrennzeichen (z. B. Zeile 3, Spalte Quote in %: '12.500') – stimmt das Dezimalzeichen?",
    ]);
  });

  it('does not look at all-zero rows unless asked (uninhabited areas have real zeros)', () => {
    const r = run(ctx);
    expect(r.plausibility.zeroRows.count).toBe(0);
    expect(r.observations.filter((o) => o.areaId === 3).map((o) => o.value)).toEqual([0, 0, 0]);
  });

  it('reports all-zero rows, and imports them as missing when asked', () => {
    const reported = run({ ...ctx, zeroRows: 'report' });
    expect(reported.plausibility.zeroRows).toEqual({
      count: 1,
      lines: [4],
      treatedAsMissing: false,
    });
    expect(reported.warnings).toContain(
      'Plausibilität: 1 Zeile, in denen alle Werte 0 sind (z. B. Zeile 4) – in veröffentlichten Tabellen oft Platzhalter für nicht ausgewiesene Gebiete; lassen sich als fehlend übernehmen.',
    );
    const missing = run({ ...ctx, zeroRows: 'missing' });
    const area3 = missing.observations.filter((o) => o.areaId === 3);
    expect(area3.map((o) => [o.value, o.flag, o.flagReason])).toEqual([
      [null, 'suppressed', 'alle Werte der Zeile 0 (als fehlend übernommen)'],
      [null, 'suppressed', 'alle Werte der Zeile 0 (als fehlend übernommen)'],
      [null, 'suppressed', 'alle Werte der Zeile 0 (als fehlend übernommen)'],
    ]);
  });
});
