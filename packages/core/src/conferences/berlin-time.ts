// Wall-clock time in Germany (Europe/Berlin) ↔ UTC, by the EU rule in force since 1996: summer time
// (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else
// UTC+1 (Directive 2000/84/EC). Computed, not looked up, so core stays free of the host's tz data.

const HOUR = 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Last Sunday of a month (1–12) at 01:00 UTC, in ms since the epoch. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const day = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month - 1, day, 1);
}

/** True when the instant (ms since the epoch) falls into German summer time. */
export function isBerlinSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayAt1Utc(year, 3) && utcMs < lastSundayAt1Utc(year, 10);
}

/** Offset of Berlin time from UTC at an instant, in hours (1 or 2). */
export function berlinOffsetHours(utcMs: number): 1 | 2 {
  return isBerlinSummerTime(utcMs) ? 2 : 1;
}

/**
 * Berlin wall-clock time ('2026-03-30T18:00') → UTC ISO string. A time that occurs twice (the
 * autumn hour) is taken at its first occurrence; a time that does not exist (the spring gap) is
 * moved forward by the hour the clocks skip. Throws on a malformed value.
 */
export function berlinToUtc(local: string): string {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`Keine Ortszeit (JJJJ-MM-TTTHH:MM): ${local}`);
  const [, y, mo, d, h, mi, s] = m.map((v) => Number(v ?? 0));
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59)
    throw new Error(`Kein gültiger Zeitpunkt: ${local}`);
  const summer = asUtc - 2 * HOUR;
  const t = isBerlinSummerTime(summer) ? summer : asUtc - HOUR;
  return new Date(t).toISOString();
}

/** A UTC instant as Berlin wall-clock parts: date 'YYYY-MM-DD', time 'HH:MM', offset '+01:00'. */
export function utcToBerlin(utc: string | Date): { date: string; time: string; offset: string } {
  const ms = new Date(utc).getTime();
  if (Number.isNaN(ms)) throw new Error(`Kein Zeitpunkt: ${String(utc)}`);
  const off = berlinOffsetHours(ms);
  const iso = new Date(ms + off * HOUR).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), offset: `+0${off}:00` };
}

/** A UTC instant as ISO 8601 with the Berlin offset ('2026-03-30T18:00:00+02:00'), as OParl shows it. */
export function berlinIso(utc: string | Date): string {
  const ms = new Date(utc).getTime();
  const off = berlinOffsetHours(ms);
  return `${new Date(ms + off * HOUR).toISOString().slice(0, 19)}+0${off}:00`;
}
