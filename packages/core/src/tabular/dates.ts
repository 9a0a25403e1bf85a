// Reference dates (Stichtage) as they appear in German tables. Statistics are stated "am 31.12." or
// per period, so period-only forms map to the LAST day of the period:
//   31.12.2020, 1.1.2021, 31.12.2020 00:00(:00)  → that day
//   2020-12-31, 2020-12-31T00:00:00              → that day
//   12/2020, 12.2020, 202012 (MSS "ZEIT")        → last day of the month (2020-12-31)
//   2020                                          → 31 December of the year
// Rejected with a reason: two-digit years (31.12.20), US order (12/31/2020), impossible days,
// "2015-01" (in Berlin's population files that is a half-year code, not January).

export type ParsedDate = { ok: true; date: string } | { ok: false; reason: string };

const RE_DE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]00:00(?::00)?)?$/;
const RE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.000)?)?Z?)?$/;
const RE_MONTH = /^(\d{1,2})[/.](\d{4})$/;
const RE_YYYYMM = /^(\d{4})(\d{2})$/;
const RE_YEAR = /^(\d{4})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function build(text: string, year: number, month: number, day: number | 'last'): ParsedDate {
  if (year < 1800 || year > 2200)
    return { ok: false, reason: `'${text}': Jahr ${year} ist unplausibel` };
  if (month < 1 || month > 12)
    return { ok: false, reason: `'${text}': Monat ${month} gibt es nicht` };
  const last = daysInMonth(year, month);
  const d = day === 'last' ? last : day;
  if (d < 1 || d > last)
    return {
      ok: false,
      reason: `'${text}': den ${d}. Tag gibt es im Monat ${month}/${year} nicht`,
    };
  return { ok: true, date: iso(year, month, d) };
}

/** Parses a German or ISO reference date to 'YYYY-MM-DD'; month or year alone mean the period's last day. */
export function parseGermanDate(text: string): ParsedDate {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'Datum fehlt' };
  let m = RE_DE.exec(t);
  if (m) return build(t, Number(m[3]), Number(m[2]), Number(m[1]));
  m = RE_ISO.exec(t);
  if (m) return build(t, Number(m[1]), Number(m[2]), Number(m[3]));
  m = RE_MONTH.exec(t);
  if (m) return build(t, Number(m[2]), Number(m[1]), 'last');
  m = RE_YYYYMM.exec(t);
  if (m) return build(t, Number(m[1]), Number(m[2]), 'last');
  m = RE_YEAR.exec(t);
  if (m) return build(t, Number(m[1]), 12, 'last');
  if (/^\d{1,2}\.\d{1,2}\.\d{2}$/.test(t))
    return {
      ok: false,
      reason: `'${t}': zweistellige Jahreszahl ist mehrdeutig, bitte vierstellig angeben (31.12.2020)`,
    };
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t))
    return {
      ok: false,
      reason: `'${t}': Schrägstrich-Datum ist mehrdeutig (Tag/Monat?), bitte TT.MM.JJJJ verwenden`,
    };
  return { ok: false, reason: `'${t}' ist kein Datum (erwartet z. B. 31.12.2020 oder 2020-12-31)` };
}
