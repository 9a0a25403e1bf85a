// Goals of measures bound to indicators (issue 14 § 2): a baseline (value and date from the data),
// a target (value and date), and the indicator's actual course judged against the straight target
// line from baseline to target (docs/adr/0032-measures.md).

/** A value on a date (ISO yyyy-mm-dd). */
export interface DatedValue {
  date: string;
  value: number;
}

/** What a goal is judged by. `actual` may hold suppressed values (null); they are skipped. */
export interface GoalInput {
  baseline: DatedValue;
  target: DatedValue;
  actual: readonly { date: string; value: number | null }[];
}

export type GoalStatus = 'no_data' | 'on_course' | 'off_target' | 'reached' | 'missed';

export const GOAL_STATUSES: readonly { id: GoalStatus; de: string; en: string }[] = [
  { id: 'no_data', de: 'Noch keine neuen Werte', en: 'No new values yet' },
  { id: 'on_course', de: 'Auf Kurs', en: 'On course' },
  { id: 'off_target', de: 'Hinter dem Zielpfad', en: 'Behind the target line' },
  { id: 'reached', de: 'Ziel erreicht', en: 'Target reached' },
  { id: 'missed', de: 'Ziel verfehlt', en: 'Target missed' },
];

/**
 * Share of the planned change (|target − baseline|) the latest value may lag behind the target line
 * before the goal counts as off target: 10 %. Indicators move in steps (half-yearly data, rounding),
 * so a strict line would flag nearly every goal at its first new value. For a goal that holds a
 * value (target = baseline) the tolerance is 5 % of the baseline's magnitude.
 */
export const GOAL_TOLERANCE_SHARE = 0.1;
export const HOLD_TOLERANCE_SHARE = 0.05;

/** The judgement of a goal at its latest value. */
export interface GoalEvaluation {
  status: GoalStatus;
  /** The latest non-null value after the baseline date; null without one. */
  latest: DatedValue | null;
  /** The target line's value at the latest value's date. */
  expected: number | null;
  /** How far the latest value lags behind the line (positive = behind), in the indicator's unit. */
  lag: number | null;
  tolerance: number;
  /** Share (0–1, may exceed the range) of the planned change achieved so far. */
  achieved: number | null;
}

/** Days since 1970-01-01 of an ISO date (UTC, no clock involved). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Date.UTC(y!, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** The target line's value on a date: baseline before, target after, straight in between. */
export function targetLineAt(baseline: DatedValue, target: DatedValue, date: string): number {
  const t0 = dayNumber(baseline.date);
  const t1 = dayNumber(target.date);
  const t = dayNumber(date);
  if (t <= t0 || t1 <= t0) return t >= t1 ? target.value : baseline.value;
  if (t >= t1) return target.value;
  return baseline.value + ((target.value - baseline.value) * (t - t0)) / (t1 - t0);
}

/** The goal's tolerance in the indicator's unit (see GOAL_TOLERANCE_SHARE). */
export function goalTolerance(baseline: number, target: number): number {
  const change = Math.abs(target - baseline);
  return change > 0 ? change * GOAL_TOLERANCE_SHARE : Math.abs(baseline) * HOLD_TOLERANCE_SHARE;
}

/**
 * Judges a goal by its latest value after the baseline date: reached when it is at or beyond the
 * target (in the goal's direction); missed when the target date has passed without that; off target
 * when it lags behind the target line by more than the tolerance; otherwise on course.
 */
export function evaluateGoal(input: GoalInput): GoalEvaluation {
  const { baseline, target } = input;
  const tolerance = goalTolerance(baseline.value, target.value);
  const t0 = dayNumber(baseline.date);
  let latest: DatedValue | null = null;
  for (const a of input.actual) {
    if (a.value === null || !Number.isFinite(a.value) || dayNumber(a.date) <= t0) continue;
    if (!latest || a.date > latest.date) latest = { date: a.date, value: a.value };
  }
  if (!latest)
    return { status: 'no_data', latest, expected: null, lag: null, tolerance, achieved: null };
  const change = target.value - baseline.value;
  const direction = Math.sign(change);
  const expected = targetLineAt(baseline, target, latest.date);
  const achieved = change !== 0 ? (latest.value - baseline.value) / change : null;
  if (direction === 0) {
    const lag = Math.abs(latest.value - target.value);
    const status: GoalStatus = lag > tolerance ? 'off_target' : 'on_course';
    return { status, latest, expected, lag, tolerance, achieved };
  }
  const lag = (expected - latest.value) * direction;
  const beyond = (latest.value - target.value) * direction >= 0;
  const status: GoalStatus = beyond
    ? 'reached'
    : latest.date >= target.date
      ? 'missed'
      : lag > tolerance
        ? 'off_target'
        : 'on_course';
  return { status, latest, expected, lag, tolerance, achieved };
}
