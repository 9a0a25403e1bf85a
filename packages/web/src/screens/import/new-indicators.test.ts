import { describe, expect, it } from 'vitest';
import {
  draftFor,
  EMPTY_SOURCE,
  guessUnit,
  INDICATOR_ID,
  isoToGerman,
  mapUrlFor,
  newIndicatorsBody,
  parseGermanDate,
  slugifyIndicatorId,
  sourceBody,
  validateDrafts,
  validateSource,
} from './new-indicators.ts';

describe('slugifyIndicatorId', () => {
  it('turns German headers into ids the server accepts', () => {
    expect(slugifyIndicatorId('Anteil Alleinerziehende (%)')).toBe('anteil_alleinerziehende');
    expect(slugifyIndicatorId('Größe der Wohnfläche je EW')).toBe('groesse_der_wohnflaeche_je_ew');
    expect(slugifyIndicatorId('Kinder unter 6 J.')).toBe('kinder_unter_6_j');
    expect(slugifyIndicatorId('Straße/Fußweg')).toBe('strasse_fussweg');
  });
  it('starts with a letter and is never shorter than two characters', () => {
    expect(slugifyIndicatorId('2023 Quote')).toBe('ind_2023_quote');
    expect(slugifyIndicatorId('%')).toBe('indikator');
    expect(slugifyIndicatorId('x')).toBe('indikator');
    for (const h of ['2023 Quote', '%', 'Ä', 'a'.repeat(90), 'SGB II-Quote'])
      expect(slugifyIndicatorId(h)).toMatch(INDICATOR_ID);
  });
  it('cuts long headers to 63 characters without a trailing underscore', () => {
    const s = slugifyIndicatorId(`${'abc '.repeat(20)}`);
    expect(s.length).toBeLessThanOrEqual(63);
    expect(s.endsWith('_')).toBe(false);
  });
});

describe('draftFor and guessUnit', () => {
  it('takes the header as German name without the unit in parentheses and guesses the unit', () => {
    expect(draftFor('Anteil Alleinerziehende (%)')).toEqual({
      column: 'Anteil Alleinerziehende (%)',
      id: 'anteil_alleinerziehende',
      nameDe: 'Anteil Alleinerziehende',
      unit: 'percent',
      dimension: '',
      polarity: 'neutral',
      definitionDe: '',
    });
    expect(guessUnit('Einwohner gesamt')).toBe('count');
    expect(guessUnit('Mittleres Einkommen (€)')).toBe('euro');
    expect(guessUnit('Sozialindex')).toBe('index');
  });
  it('reads the unit from the values when the header does not say it, never a silent "Index"', () => {
    expect(guessUnit('2021', ['12,5 %', '3,1 %'])).toBe('percent');
    expect(guessUnit('2021', ['1.374', '215'])).toBe('count');
    expect(guessUnit('2021', ['40,3', '33,8'])).toBe('');
    expect(guessUnit('Merkmal X')).toBe('');
  });
  it('leaves the Lebenslage to the person and refuses a draft without it', () => {
    const d = draftFor('Wohnfläche je Einwohner in m²', ['40,3']);
    expect(d.dimension).toBe('');
    expect(validateDrafts([d], new Set())).toEqual(
      expect.arrayContaining([expect.stringMatching(/Bitte die Lebenslage wählen/)]),
    );
  });
});

describe('validateDrafts', () => {
  const ok = { ...draftFor('Anteil Alleinerziehende (%)'), dimension: 'work' as const };
  it('accepts a complete draft', () => {
    expect(validateDrafts([ok], new Set(['mss_k15']))).toEqual([]);
  });
  it('names the column and the reason in German', () => {
    expect(validateDrafts([{ ...ok, id: 'Anteil-Allein' }], new Set())).toEqual([
      'Spalte „Anteil Alleinerziehende (%)“: Kennung „Anteil-Allein“ ist ungültig – erlaubt sind Kleinbuchstaben, Ziffern und _, beginnend mit einem Buchstaben (2 bis 63 Zeichen).',
    ]);
    expect(validateDrafts([{ ...ok, id: '', nameDe: ' ' }], new Set())).toEqual([
      'Spalte „Anteil Alleinerziehende (%)“: Bitte eine Kennung für den neuen Indikator angeben.',
      'Spalte „Anteil Alleinerziehende (%)“: Bitte einen deutschen Namen angeben.',
    ]);
  });
  it('refuses ids that exist already or are used twice', () => {
    expect(validateDrafts([{ ...ok, id: 'mss_k15' }], new Set(['mss_k15']))[0]).toContain(
      'bereits vergeben',
    );
    const twice = validateDrafts([ok, { ...ok, column: 'B' }], new Set());
    expect(twice).toEqual([
      'Spalte „B“: Die Kennung „anteil_alleinerziehende“ ist schon für „Anteil Alleinerziehende (%)“ vorgesehen.',
    ]);
  });
});

describe('source', () => {
  it('requires title, publisher, licence and attribution, and an http(s) URL if one is given', () => {
    expect(validateSource(EMPTY_SOURCE)).toHaveLength(4);
    const s = {
      title: 'Ortsteilkatalog 2023',
      publisher: 'Stadt Leipzig',
      licence: 'dl-de/by-2-0',
      attribution: 'Stadt Leipzig',
      url: 'www.leipzig.de',
    };
    expect(validateSource(s)).toEqual([
      'Quelle: Die Adresse muss mit http:// oder https:// beginnen.',
    ]);
    expect(validateSource({ ...s, url: 'https://statistik.leipzig.de' })).toEqual([]);
  });
  it('leaves an empty URL out of the body and trims the fields', () => {
    expect(
      sourceBody({ title: ' T ', publisher: 'P', licence: 'L', attribution: 'A', url: ' ' }),
    ).toEqual({ title: 'T', publisher: 'P', licence: 'L', attribution: 'A' });
  });
  it('sends drafts without their column; a percent column is a share', () => {
    expect(
      newIndicatorsBody([{ ...draftFor('Einwohner gesamt'), dimension: 'demography' }]),
    ).toEqual([
      {
        id: 'einwohner_gesamt',
        nameDe: 'Einwohner gesamt',
        unit: 'count',
        kind: 'count',
        dimension: 'demography',
        polarity: 'neutral',
      },
    ]);
    const share = newIndicatorsBody([
      { ...draftFor('Anteil (%)'), dimension: 'work', definitionDe: ' Anteil an allen ' },
    ])[0];
    expect(share).toMatchObject({
      unit: 'percent',
      kind: 'share',
      definitionDe: 'Anteil an allen',
    });
  });
});

describe('dates and map link', () => {
  it('parses German dates and refuses impossible ones', () => {
    expect(parseGermanDate('31.12.2023')).toBe('2023-12-31');
    expect(parseGermanDate('1.7.24')).toBe('2024-07-01');
    expect(parseGermanDate('2023-06-30')).toBe('2023-06-30');
    expect(parseGermanDate('29.02.2024')).toBe('2024-02-29');
    expect(parseGermanDate('29.02.2023')).toBeNull();
    expect(parseGermanDate('31.04.2023')).toBeNull();
    expect(parseGermanDate('12/31/2023')).toBeNull();
    expect(isoToGerman('2023-12-31')).toBe('31.12.2023');
  });
  it('links to the map with system, level, indicator and date', () => {
    expect(
      mapUrlFor({
        system: 'leipzig_ot',
        level: 'ot',
        indicator: 'anteil_alleinerziehende',
        date: '2023-12-31',
      }),
    ).toBe('/?system=leipzig_ot&level=ot&indicator=anteil_alleinerziehende&date=2023-12-31');
    expect(mapUrlFor({ system: 'lor2021', level: 'plr' })).toBe('/?system=lor2021&level=plr');
  });
});
