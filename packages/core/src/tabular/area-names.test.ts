import { describe, expect, it } from 'vitest';
import { createAreaNameMatcher, matchAreaNames, type AreaNameMatch } from './area-names.ts';

// Stadtteile of a fictitious mid-sized city, as its area system (geometry import) names them.
const STADTTEILE = [
  { id: 1, code: '01', name: 'Altstadt' },
  { id: 2, code: '02', name: 'Neustadt (Nord)' },
  { id: 3, code: '03', name: 'Neustadt (Süd)' },
  { id: 7, code: '07', name: 'Am Wasserturm' },
  { id: 8, code: '08', name: 'Schönefeld' },
  { id: 9, code: '09', name: 'Sankt Georg' },
  { id: 10, code: '10', name: 'Nord-West' },
  { id: 11, code: '11', name: 'Große Straße' },
  { id: 12, code: '12', name: 'Mitte' },
];

/** One line per match, easy to read in a failing test: input → code name (confidence: reasons). */
function show(m: AreaNameMatch): string {
  if (m.status === 'matched')
    return `${m.input} → ${m.area.code} ${m.area.name} (${m.confidence}: ${m.reasons.join(', ')})`;
  const c = m.candidates.map((a) => a.code).join('/');
  return `${m.input} → ${m.status}${c ? ` [${c}]` : ''} (${m.reasons.join(', ')})`;
}

describe('matchAreaNames', () => {
  it('matches names written the way other Statistik-Amt tables write them, saying why', () => {
    const names = [
      'Altstadt',
      'ALTSTADT',
      '07 Am Wasserturm',
      'Am_Wasserturm',
      'Schoenefeld',
      'St. Georg',
      'Nordwest',
      'Nord West',
      'Grosse Str.',
      'Altstadt (Ortsteil)',
      'Mitte, Stadtteil',
      'Neustadt Nord',
    ];
    expect(matchAreaNames(names, STADTTEILE).map(show)).toEqual([
      'Altstadt → 01 Altstadt (exact: gleicher Name)',
      'ALTSTADT → 01 Altstadt (exact: Schreibweise)',
      '07 Am Wasserturm → 07 Am Wasserturm (high: Nummer vorangestellt (= Gebietsschlüssel))',
      'Am_Wasserturm → 07 Am Wasserturm (exact: Schreibweise)',
      'Schoenefeld → 08 Schönefeld (high: Umlaut umschrieben)',
      'St. Georg → 09 Sankt Georg (high: St./Sankt)',
      'Nordwest → 10 Nord-West (high: Schreibweise)',
      'Nord West → 10 Nord-West (high: Schreibweise)',
      'Grosse Str. → 11 Große Straße (high: Str./Straße, Umlaut umschrieben)',
      'Altstadt (Ortsteil) → 01 Altstadt (medium: Zusatz entfernt)',
      'Mitte, Stadtteil → 12 Mitte (medium: Zusatz entfernt)',
      'Neustadt Nord → 02 Neustadt (Nord) (high: Schreibweise)',
    ]);
  });

  it('gives a number prefix without a matching code as plain "Nummer vorangestellt"', () => {
    expect(show(matchAreaNames(['3 Schönefeld'], STADTTEILE)[0]!)).toBe(
      "3 Schönefeld → ambiguous [08/03] (Name passt zu 'Schönefeld' (08), die Nummer vorn zu 'Neustadt (Süd)' (03))",
    );
    expect(show(matchAreaNames(['99 Schönefeld'], STADTTEILE)[0]!)).toBe(
      '99 Schönefeld → 08 Schönefeld (high: Nummer vorangestellt)',
    );
  });

  it('never picks one of two areas that a name fits after normalisation', () => {
    const [m] = matchAreaNames(['Neustadt'], STADTTEILE);
    expect(m!.status).toBe('ambiguous');
    expect(show(m!)).toBe('Neustadt → ambiguous [02/03] (passt nach Normalisierung zu 2 Gebieten)');
  });

  it('reports two areas with the same name as ambiguous', () => {
    const areas = [...STADTTEILE, { id: 20, code: '20', name: 'Mitte' }];
    expect(show(matchAreaNames(['mitte'], areas)[0]!)).toBe(
      'mitte → ambiguous [12/20] (2 Gebiete heißen so)',
    );
  });

  it('leaves unknown names unmatched and offers the area whose code is the number in front as a hint only', () => {
    expect(matchAreaNames(['Hafen', '07 Wasserturmviertel', '  '], STADTTEILE).map(show)).toEqual([
      'Hafen → unmatched (kein passender Name)',
      "07 Wasserturmviertel → unmatched [07] (kein passender Name; die Nummer vorn ist der Schlüssel von 'Am Wasserturm')",
      ' → unmatched (Name fehlt)',
    ]);
  });

  it('uses accepted synonyms first (input name → area code), ignoring case and blanks', () => {
    const synonyms = { 'Hafen-City': '12', Altstadt: '07', Geisterviertel: '99' };
    expect(
      matchAreaNames(['hafen-city', 'Altstadt', 'Geisterviertel'], STADTTEILE, { synonyms }).map(
        show,
      ),
    ).toEqual([
      'hafen-city → 12 Mitte (exact: Synonym (bestätigt))',
      'Altstadt → 07 Am Wasserturm (exact: Synonym (bestätigt))',
      "Geisterviertel → unmatched (Synonym verweist auf unbekannten Gebietsschlüssel '99')",
    ]);
  });

  it('lists each distinct input name once, in order of first appearance', () => {
    const r = matchAreaNames(['Mitte', 'Altstadt', ' Mitte ', 'Mitte'], STADTTEILE);
    expect(r.map((m) => m.input)).toEqual(['Mitte', 'Altstadt']);
  });

  it('does not take "Stadtbezirk"-like words inside a name for St. or a qualifier', () => {
    const areas = [
      { id: 1, code: '1', name: 'Stadtfeld Ost' },
      { id: 2, code: '2', name: 'Ortsteilzentrum' },
    ];
    const m = createAreaNameMatcher(areas);
    expect(show(m.match('Stadtfeld-Ost'))).toBe(
      'Stadtfeld-Ost → 1 Stadtfeld Ost (high: Schreibweise)',
    );
    expect(show(m.match('Ortsteilzentrum'))).toBe(
      'Ortsteilzentrum → 2 Ortsteilzentrum (exact: gleicher Name)',
    );
  });
});
