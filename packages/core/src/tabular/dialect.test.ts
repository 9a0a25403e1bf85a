import { describe, expect, it } from 'vitest';
import { detectDialect } from './dialect.ts';

const pick = (s: string) => {
  const d = detectDialect(s);
  return { delimiter: d.delimiter, decimal: d.decimal, thousands: d.thousands };
};

describe('detectDialect', () => {
  it('recognises the German Excel default: semicolon, decimal comma, thousands dot', () => {
    const d = detectDialect(
      'Planungsraum;Einwohner;Anteil\n01100101;3.419;4,22\n01100102;1.791;1,16\n01100103;5.012;12,5\n',
    );
    expect(d).toMatchObject({ delimiter: ';', decimal: ',', thousands: '.' });
    expect(d.confidence).toBe(1);
    expect(d.reasons[0]).toBe('Trennzeichen Semikolon: alle 4 geprüften Zeilen haben 3 Felder.');
  });

  it('reads "1.374" as thousands when the decimal mark is a comma', () => {
    expect(pick('plr;ew\n01;1.374\n02;2.001\n03;12,5\n')).toEqual({
      delimiter: ';',
      decimal: ',',
      thousands: '.',
    });
  });

  it('defaults to decimal comma for semicolon files with only integers', () => {
    expect(pick('plr;ew\n01;1374\n02;2001\n')).toEqual({
      delimiter: ';',
      decimal: ',',
      thousands: '.',
    });
  });

  it('recognises comma-separated files with a decimal point (the Berlin open data)', () => {
    expect(pick('ZEIT,PLR_ID,S1\n202012,"01100101",4.22594\n202012,"01100102",1.15858\n')).toEqual({
      delimiter: ',',
      decimal: '.',
      thousands: null,
    });
  });

  it('recognises tab-separated files', () => {
    expect(pick('a\tb\tc\n1\t2,5\t3\n4\t5,5\t6\n').delimiter).toBe('\t');
  });

  it('does not take the decimal comma of a semicolon file for the delimiter', () => {
    // with ',' every data line would have 3 fields but the header only 1
    expect(pick('name;wert;anteil\nA;1,5;2,5\nB;3,5;4,5\n').delimiter).toBe(';');
  });

  it('prefers the delimiter with consistent field counts over one that appears inside a quoted text', () => {
    expect(pick('name,wert\n"Kiez; Nord",1.5\n"Süd; West",2.5\nMitte,3.5\n')).toEqual({
      delimiter: ',',
      decimal: '.',
      thousands: null,
    });
  });

  it('ignores the incomplete last line of a sample cut mid-line', () => {
    expect(pick('a;b;c\n1;2;3\n4;5;6\n7,8').delimiter).toBe(';');
  });

  it('finds English thousands commas in a semicolon file', () => {
    expect(pick('a;b\nx;1,234.5\ny;2,000.25\n')).toEqual({
      delimiter: ';',
      decimal: '.',
      thousands: ',',
    });
  });

  it('lowers the confidence when numbers contradict each other', () => {
    const d = detectDialect('a;b;c\nx;1,5;2.5\ny;3,5;4.5\n');
    expect(d.confidence).toBeLessThan(0.6);
    expect(d.reasons.join(' ')).toContain('Widersprüchliche Zahlen');
  });

  it('falls back to semicolon with low confidence when every line has one field', () => {
    const d = detectDialect('nur\neine\nSpalte\n');
    expect(d.delimiter).toBe(';');
    expect(d.confidence).toBeLessThan(0.5);
  });

  it('handles an empty sample', () => {
    expect(detectDialect('').delimiter).toBe(';');
  });
});
