import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../tabular/index.ts';
import {
  checkCoFinancing,
  flagSpentOverApproved,
  moneyPerResident,
  parseEuroAmount,
  parseFundingRecords,
  summariseByYear,
  type FundingEntry,
} from './index.ts';

const e = (over: Partial<FundingEntry>): FundingEntry => ({
  programmeId: 'szh',
  areaKey: '01100101',
  year: 2024,
  kind: 'approved',
  source: 'total',
  amount: 0,
  ...over,
});

describe('co-financing check', () => {
  it('accepts thirds that add up to the total within a cent', () => {
    const rows = [
      e({ amount: 100_000 }),
      e({ source: 'bund', amount: 33_333.33 }),
      e({ source: 'land', amount: 33_333.33 }),
      e({ source: 'kommune', amount: 33_333.33 }),
    ];
    expect(checkCoFinancing(rows)).toEqual([]);
  });

  it('does not fail on binary rounding (0,1 + 0,2 = 0,3)', () => {
    const rows = [
      e({ amount: 0.3 }),
      e({ source: 'bund', amount: 0.1 }),
      e({ source: 'land', amount: 0.2 }),
    ];
    expect(checkCoFinancing(rows)).toEqual([]);
  });

  it('names both sums and the difference when the shares do not add up', () => {
    const rows = [
      e({ amount: 120_000 }),
      e({ source: 'bund', amount: 40_000 }),
      e({ source: 'land', amount: 40_000 }),
      e({ source: 'kommune', amount: 30_000 }),
    ];
    const [p] = checkCoFinancing(rows);
    expect(p?.code).toBe('shares-do-not-add-up');
    expect(p?.message).toBe(
      '2024, bewilligt: die Anteile (Bund + Land + Kommune) ergeben 110.000,00 €, die Gesamtsumme ist 120.000,00 € (Differenz −10.000,00 €).',
    );
  });

  it('checks each kind on its own and skips groups without a total', () => {
    const rows = [
      e({ kind: 'planned', amount: 10 }),
      e({ kind: 'planned', source: 'bund', amount: 10 }),
      e({ kind: 'spent', source: 'bund', amount: 999 }),
    ];
    expect(checkCoFinancing(rows)).toEqual([]);
  });
});

describe('spent over approved', () => {
  it('flags spent above approved with the amounts', () => {
    const rows = [e({ kind: 'approved', amount: 50_000 }), e({ kind: 'spent', amount: 52_500.5 })];
    const [p] = flagSpentOverApproved(rows);
    expect(p?.message).toBe(
      '2024: verausgabt 52.500,50 € liegt über bewilligt 50.000,00 € (2.500,50 € mehr).',
    );
  });

  it('does not flag spent equal to approved, and uses the shares when no total is given', () => {
    expect(flagSpentOverApproved([e({ amount: 100 }), e({ kind: 'spent', amount: 100 })])).toEqual(
      [],
    );
    const shares = [
      e({ source: 'bund', amount: 50 }),
      e({ source: 'land', amount: 50 }),
      e({ kind: 'spent', source: 'bund', amount: 60 }),
      e({ kind: 'spent', source: 'land', amount: 41 }),
    ];
    expect(flagSpentOverApproved(shares)).toHaveLength(1);
  });

  it('sums by year over areas and marks the year', () => {
    const rows = [
      e({ kind: 'planned', amount: 10 }),
      e({ amount: 100 }),
      e({ areaKey: 'B', amount: 50 }),
      e({ kind: 'spent', amount: 120 }),
      e({ year: 2025, amount: 7 }),
    ];
    expect(summariseByYear(rows)).toEqual([
      { year: 2024, planned: 10, approved: 150, spent: 120, spentOverApproved: true },
      { year: 2025, planned: null, approved: 7, spent: null, spentOverApproved: false },
    ]);
  });

  it('computes money per resident, null without residents', () => {
    expect(moneyPerResident(1000, 200)).toBe(5);
    expect(moneyPerResident(1000, 0)).toBeNull();
    expect(moneyPerResident(1000, null)).toBeNull();
  });
});

const rec = (line: number, ...fields: string[]): CsvRecord => ({ line, fields });

describe('funding table reader', () => {
  it('reads German amounts', () => {
    expect(parseEuroAmount('1.234,56 €')).toEqual({ value: 1234.56 });
    expect(parseEuroAmount('12.000 EUR')).toEqual({ value: 12000 });
    expect(parseEuroAmount('1234,5')).toEqual({ value: 1234.5 });
    expect(parseEuroAmount('12.5')).toHaveProperty('error');
    expect(parseEuroAmount('-5')).toEqual({ error: 'negativer Betrag „-5“' });
  });

  it('reads the wide shape (one column per source)', () => {
    const { rows, issues } = parseFundingRecords(
      [
        rec(1, 'Programm', 'Gebiet', 'Jahr', 'Art', 'Gesamt', 'Bund', 'Land', 'Kommune'),
        rec(
          2,
          'Sozialer Zusammenhalt',
          '01100101',
          '2024',
          'bewilligt',
          '90.000,00',
          '30.000',
          '30.000',
          '30.000',
        ),
        rec(3, 'Sozialer Zusammenhalt', '01100101', '2024', 'Ist', '45.000,00 €', '', '', ''),
      ],
      'haushalt.csv',
    );
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(5);
    expect(rows[4]).toEqual({
      line: 3,
      programme: 'Sozialer Zusammenhalt',
      area: '01100101',
      measure: null,
      year: 2024,
      kind: 'spent',
      source: 'total',
      amount: 45000,
    });
  });

  it('reads the long shape (one row per source)', () => {
    const { rows, issues } = parseFundingRecords(
      [
        rec(1, 'Programm', 'Gebiet', 'Jahr', 'Art', 'Quelle', 'Betrag'),
        rec(2, 'BIWAQ', '01100101', '2023', 'geplant', 'ESF Plus', '1.000,5'),
      ],
      'f.csv',
    );
    expect(issues).toEqual([]);
    expect(rows[0]?.source).toBe('eu');
    expect(rows[0]?.amount).toBe(1000.5);
  });

  it('refuses the whole file with file, line and column for each problem', () => {
    const { rows, issues } = parseFundingRecords(
      [
        rec(1, 'Programm', 'Gebiet', 'Jahr', 'Art', 'Quelle', 'Betrag'),
        rec(2, 'BIWAQ', '01100101', '2023', 'geplant', 'Bund', '1.000'),
        rec(3, 'BIWAQ', '01100101', '23', 'vielleicht', 'Mond', '1,2,3'),
        rec(4, 'BIWAQ', '01100101', '2023', 'geplant', 'Bund', '5'),
      ],
      'f.csv',
    );
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { file: 'f.csv', line: 3, column: 3, message: '„23“ ist kein Jahr (z. B. 2024)' },
      {
        file: 'f.csv',
        line: 3,
        column: 4,
        message: 'Art „vielleicht“ unbekannt (geplant, bewilligt oder verausgabt)',
      },
      {
        file: 'f.csv',
        line: 3,
        column: 5,
        message: 'Quelle „Mond“ unbekannt (EU, Bund, Land, Kommune, Stiftung, Träger, Gesamt)',
      },
      {
        file: 'f.csv',
        line: 4,
        column: 6,
        message: 'doppelt: dieselbe Kombination steht schon in Zeile 2',
      },
    ]);
  });

  it('names missing columns', () => {
    const { issues } = parseFundingRecords([rec(1, 'Programm', 'Jahr', 'Betrag')], 'x.csv');
    expect(issues[0]?.message).toBe(
      'Es fehlen Spalten: gebiet, art, Quelle + Betrag oder Spalten Bund/Land/Kommune/Gesamt.',
    );
  });
});
