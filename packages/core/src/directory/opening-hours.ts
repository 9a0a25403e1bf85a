// Weekly opening hours of a service at a location: checking a set of intervals and writing them in
// the iCalendar terms HSDS 3.0 uses for schedules (freq WEEKLY, byday MO…SU, opens_at/closes_at).

/** One opening interval on one weekday (1 = Monday … 7 = Sunday, ISO 8601), times 'HH:MM' local. */
export interface OpeningInterval {
  weekday: number;
  opens: string;
  closes: string;
}

/** A problem with one interval: its index in the list and a German reason. */
export interface OpeningProblem {
  index: number;
  message: string;
}

export const WEEKDAY_NAMES_DE = [
  'Montag',
  'Dienstag',
  'Mittwoch',
  'Donnerstag',
  'Freitag',
  'Samstag',
  'Sonntag',
] as const;

const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of 'HH:MM' ('24:00' allowed as the end of a day); null if malformed. */
export function minutesOf(time: string): number | null {
  if (time === '24:00') return 24 * 60;
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Problems of a week's opening hours: malformed times, a weekday outside 1–7, closing not after
 * opening (no interval across midnight: split it into two days), overlapping intervals on one day.
 */
export function checkOpeningHours(intervals: readonly OpeningInterval[]): OpeningProblem[] {
  const problems: OpeningProblem[] = [];
  const valid: { index: number; day: number; from: number; to: number }[] = [];
  intervals.forEach((iv, index) => {
    const from = iv.opens === '24:00' ? null : minutesOf(iv.opens);
    const to = minutesOf(iv.closes);
    if (!Number.isInteger(iv.weekday) || iv.weekday < 1 || iv.weekday > 7) {
      problems.push({
        index,
        message: `Wochentag ${iv.weekday} gibt es nicht (1 = Montag … 7 = Sonntag).`,
      });
    } else if (from === null || to === null) {
      problems.push({ index, message: 'Uhrzeit im Format HH:MM angeben (z. B. 08:30).' });
    } else if (to <= from) {
      problems.push({
        index,
        message: `${WEEKDAY_NAMES_DE[iv.weekday - 1]}: Schließzeit ${iv.closes} liegt nicht nach der Öffnungszeit ${iv.opens}.`,
      });
    } else valid.push({ index, day: iv.weekday, from, to });
  });
  valid.sort((a, b) => a.day - b.day || a.from - b.from);
  for (let i = 1; i < valid.length; i++) {
    const prev = valid[i - 1]!;
    const cur = valid[i]!;
    if (prev.day === cur.day && cur.from < prev.to) {
      problems.push({
        index: cur.index,
        message: `${WEEKDAY_NAMES_DE[cur.day - 1]}: Zeiten überschneiden sich mit einem anderen Zeitraum desselben Tages.`,
      });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** iCalendar weekday code (MO…SU) of an ISO weekday. */
export function icalWeekday(weekday: number): string {
  const d = ICAL_DAYS[weekday - 1];
  if (!d) throw new Error(`weekday ${weekday} outside 1–7`);
  return d;
}

/** The intervals sorted by weekday and opening time (the order a schedule is shown in). */
export function sortOpeningHours<T extends OpeningInterval>(intervals: readonly T[]): T[] {
  return [...intervals].sort(
    (a, b) => a.weekday - b.weekday || (minutesOf(a.opens) ?? 0) - (minutesOf(b.opens) ?? 0),
  );
}
