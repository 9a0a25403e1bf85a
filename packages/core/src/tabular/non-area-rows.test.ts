import { describe, expect, it } from 'vitest';
import { classifyNonAreaRow, detectNonAreaRows } from './non-area-rows.ts';

describe('classifyNonAreaRow', () => {
  const opts = {
    cityNames: ['Musterstadt'],
    parentAreaNames: ['Stadtbezirk Nord', 'Süd'],
    knownCodes: ['0101', '0102', '0201', '0202'],
  };

  it.each([
    ['Insgesamt', 'total'],
    ['Gesamt:', 'total'],
    ['Summe 1)', 'total'],
    ['ZUSAMMEN', 'total'],
    ['Stadt insgesamt', 'city'],
    ['Gesamtstadt', 'city'],
    ['Musterstadt', 'city'],
    ['Stadt Musterstadt', 'city'],
    ['Musterstadt insgesamt', 'city'],
    ['Landeshauptstadt Hannover', 'city'],
    ['Süd', 'subtotal'],
    ['Stadtbezirk Nord', 'subtotal'],
    ['Bezirk 1 zusammen', 'subtotal'],
    ['Summe Bezirk Süd', 'subtotal'],
    ['Stadtbezirk_Ost', 'subtotal'],
    ['01', 'subtotal'],
    ['', 'blank'],
    ['   ', 'blank'],
  ])('recognises %j as %s', (value, kind) => {
    expect(classifyNonAreaRow(value, opts)?.kind).toBe(kind);
  });

  it.each([
    'Altstadt',
    'Stadtfeld',
    'Gesamtschule Nord',
    'Stadtmitte',
    '0101',
    '03',
    'Am Wasserturm',
  ])('leaves %j to the caller (an area, or an unknown name that stays an error)', (value) => {
    expect(classifyNonAreaRow(value, opts)).toBeNull();
  });

  it('gives a German reason naming the cell', () => {
    expect(classifyNonAreaRow('01', opts)!.reason).toBe(
      "Schlüssel '01' ist der Anfang mehrerer Gebietsschlüssel (übergeordnetes Gebiet)",
    );
    expect(classifyNonAreaRow('Insgesamt', opts)!.reason).toBe("Summenzeile ('Insgesamt')");
  });
});

describe('detectNonAreaRows', () => {
  it('groups the non-area rows of a Stadtteilprofile table with counts, lines and examples', () => {
    // Stadtteile 01–04 in two Stadtbezirke, each followed by its subtotal, then the city.
    const cells = [
      'Altstadt',
      'Am Wasserturm',
      'Stadtbezirk Mitte zusammen',
      'Neustadt',
      'Schönefeld',
      'Stadtbezirk Nord zusammen',
      '',
      'Stadt insgesamt',
    ];
    const groups = detectNonAreaRows(
      cells.map((value, i) => ({ line: i + 5, value })),
      { cityNames: ['Musterstadt'] },
    );
    expect(groups).toEqual([
      {
        kind: 'city',
        label: 'Zeilen für die ganze Stadt',
        count: 1,
        lines: [12],
        examples: ['Stadt insgesamt'],
        skipped: false,
      },
      {
        kind: 'subtotal',
        label: 'Zwischensummen übergeordneter Gebiete',
        count: 2,
        lines: [7, 10],
        examples: ['Stadtbezirk Mitte zusammen', 'Stadtbezirk Nord zusammen'],
        skipped: false,
      },
      {
        kind: 'blank',
        label: 'Zeilen ohne Gebietsangabe',
        count: 1,
        lines: [11],
        examples: [''],
        skipped: false,
      },
    ]);
  });
});
