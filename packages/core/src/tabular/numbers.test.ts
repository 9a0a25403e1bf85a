import { describe, expect, it } from 'vitest';
import { classifyMissingMarker, parseLocaleNumber, type NumberFormat } from './numbers.ts';

const DE: NumberFormat = { decimal: ',', thousands: '.' };
const EN: NumberFormat = { decimal: '.', thousands: ',' };
const PLAIN_DOT: NumberFormat = { decimal: '.', thousands: null };

const num = (text: string, f: NumberFormat = DE) => {
  const r = parseLocaleNumber(text, f);
  if (r.kind !== 'number')
    throw new Error(`expected a number for '${text}', got ${JSON.stringify(r)}`);
  return [r.value, r.percent] as const;
};

describe('parseLocaleNumber', () => {
  it.each([
    ['1.374', 1374],
    ['12,5', 12.5],
    ['-3,2', -3.2],
    ['−3,2', -3.2],
    [' 7 ', 7],
    ['1.234.567,89', 1234567.89],
    ['0,05', 0.05],
    ['007', 7],
    ['+4', 4],
    ['1374', 1374],
  ])('reads German %j as %d', (text, value) => {
    expect(num(text)).toEqual([value, false]);
  });

  it('marks percent values but does not divide them', () => {
    expect(num('12,5 %')).toEqual([12.5, true]);
    expect(num('12,5%')).toEqual([12.5, true]);
    expect(num('-0,4 %')).toEqual([-0.4, true]);
  });

  it('reads English numbers with thousands commas', () => {
    expect(num('1,234,567.89', EN)).toEqual([1234567.89, false]);
    expect(num('4.22594', PLAIN_DOT)).toEqual([4.22594, false]);
  });

  it.each(['', '-', '–', '.', 'x', 'k.A.', 'n.v.', '  ', ' . '])(
    'treats %j as a missing value, not as invalid',
    (text) => {
      const r = parseLocaleNumber(text, DE);
      expect(r).toEqual({
        ok: true,
        kind: 'missing',
        value: null,
        percent: false,
        marker: text.trim(),
      });
    },
  );

  it('rejects text with a German reason', () => {
    expect(parseLocaleNumber('abc', DE)).toEqual({
      ok: false,
      kind: 'invalid',
      value: null,
      reason: "'abc' ist keine Zahl",
    });
  });

  it.each([
    ['1.2.3', 'Tausendertrennzeichen'],
    ['12,5,3', 'mehr als ein Dezimalzeichen'],
    ['12.5', 'Tausendertrennzeichen'],
    ['1.37', 'Tausendertrennzeichen'],
    ['1374.000', 'Tausendertrennzeichen'],
    ['1.2345', 'Tausendertrennzeichen'],
    ['1,2E5', 'wissenschaftlicher'],
    [',5', 'keine gültige Zahl'],
    ['5,', 'keine gültige Zahl'],
    ['12 500', 'keine Zahl'],
  ])('never guesses ambiguous %j', (text, reason) => {
    const r = parseLocaleNumber(text, DE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('rejects a decimal comma when the file uses a decimal point without thousands separator', () => {
    const r = parseLocaleNumber('12,5', PLAIN_DOT);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        "'12,5' ist keine gültige Zahl: Dezimalzeichen ist hier der Punkt, ',' ist nicht erlaubt",
      );
  });

  it('returns 0 rather than -0', () => {
    expect(Object.is(num('-0,0')[0], 0)).toBe(true);
  });
});

describe('parseLocaleNumber – numbers as Statistik-Ämter publish them', () => {
  it.each([
    ['412°', 412, false, '°'],
    ['1.234*', 1234, false, '*'],
    ['12,5¹', 12.5, false, '¹'],
    ['12,5 %¹', 12.5, true, '¹'],
    ['12,5¹ %', 12.5, true, '¹'],
    ['3.019 1)', 3019, false, '1)'],
    ['1.234 p', 1234, false, 'p'],
    ['−3,2²³', -3.2, false, '²³'],
    ['7**', 7, false, '**'],
  ])('strips the footnote mark of %j and keeps the value %d', (text, value, percent, footnote) => {
    expect(parseLocaleNumber(text, DE)).toEqual({
      ok: true,
      kind: 'number',
      value,
      percent,
      footnote,
    });
  });

  it('adds no footnote field to a clean number', () => {
    expect(parseLocaleNumber('1.234,5', DE)).toEqual({
      ok: true,
      kind: 'number',
      value: 1234.5,
      percent: false,
    });
  });

  it.each(['12,51)', '1.234*5', '*', '°', 'abc°', '12.5*'])(
    'does not turn %j into a number by stripping marks',
    (text) => {
      expect(parseLocaleNumber(text, DE).ok).toBe(false);
    },
  );

  it.each(['/', 'n.v', 'k.A', 'X'])('treats the placeholder %j as missing', (text) => {
    expect(parseLocaleNumber(text, DE).kind).toBe('missing');
  });

  it.each([
    ['', 'blank'],
    ['  ', 'blank'],
    ['–', 'symbol'],
    ['-', 'symbol'],
    ['.', 'symbol'],
    ['x', 'symbol'],
    ['X', 'symbol'],
    ['/', 'symbol'],
    ['…', 'symbol'],
    ['n.v.', 'text'],
    ['k.A.', 'text'],
    ['#NV', 'text'],
  ])('classifies the marker %j as %s', (marker, kind) => {
    expect(classifyMissingMarker(marker)).toBe(kind);
  });
});
