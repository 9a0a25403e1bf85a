import { describe, expect, it } from 'vitest';
import { parseGermanDate } from './dates.ts';

describe('parseGermanDate', () => {
  it.each([
    ['31.12.2020', '2020-12-31'],
    ['1.1.2021', '2021-01-01'],
    [' 30.06.2015 ', '2015-06-30'],
    ['31.12.2020 00:00', '2020-12-31'],
    ['2020-12-31', '2020-12-31'],
    ['2020-12-31T00:00:00', '2020-12-31'],
    ['12/2020', '2020-12-31'],
    ['6/2021', '2021-06-30'],
    ['02.2024', '2024-02-29'],
    ['202012', '2020-12-31'],
    ['2019', '2019-12-31'],
    ['29.02.2020', '2020-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseGermanDate(text)).toEqual({ ok: true, date: iso });
  });

  it.each([
    ['31.02.2021', 'den 31. Tag gibt es im Monat 2/2021 nicht'],
    ['29.02.2100', 'den 29. Tag'],
    ['13.13.2020', 'Monat 13'],
    ['31.12.20', 'zweistellige Jahreszahl'],
    ['12/31/2020', 'mehrdeutig'],
    ['2015-01', 'ist kein Datum'],
    ['gestern', 'ist kein Datum'],
    ['', 'Datum fehlt'],
    ['31.12.1066', 'unplausibel'],
  ])('rejects %j with a reason', (text, reason) => {
    const r = parseGermanDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});
